package dev.authmd.protocol.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * OAuth 2.0 Authorization Server Metadata (RFC 8414) in the auth.md profile (docs/protocol.md#v01-2 step 3): the RFC
 * 8414 {@code issuer}, the protected resource members restated, and the {@link AgentAuthMetadata agent_auth} object.
 *
 * <p>Every member is optional in the model: the published auth.md sample has no {@code issuer}, and later protocol
 * versions (docs/protocol.md#v01-10) add members such as {@code token_endpoint}, {@code grant_types_supported} or
 * {@code revocation_endpoint}, which are kept, in document order, in {@link #additionalMembers()} so that a parse →
 * write round trip loses nothing. Whether the document is acceptable (issuer form, issuer equal to the one it was
 * fetched for, https) is {@link MetadataValidator}'s job. Immutable and thread-safe.
 *
 * <pre>{@code
 * AuthorizationServerMetadata as = MetadataJson.parseAuthorizationServer(body);
 * String register = as.agentAuth().flatMap(AgentAuthMetadata::registerUri).orElseThrow();
 * }</pre>
 */
public final class AuthorizationServerMetadata {

    static final String ISSUER = "issuer";
    static final String AGENT_AUTH = "agent_auth";
    static final String TOKEN_ENDPOINT = "token_endpoint";
    static final String REVOCATION_ENDPOINT = "revocation_endpoint";
    static final String JWKS_URI = "jwks_uri";
    static final String GRANT_TYPES_SUPPORTED = "grant_types_supported";
    static final String TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED = "token_endpoint_auth_methods_supported";
    static final String REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED = "revocation_endpoint_auth_methods_supported";

    /** The members this class models, in the order {@link MetadataJson} writes them. */
    static final List<String> MEMBERS = List.of(
            ISSUER,
            ProtectedResourceMetadata.RESOURCE,
            ProtectedResourceMetadata.AUTHORIZATION_SERVERS,
            ProtectedResourceMetadata.SCOPES_SUPPORTED,
            ProtectedResourceMetadata.BEARER_METHODS_SUPPORTED,
            ProtectedResourceMetadata.RESOURCE_NAME,
            ProtectedResourceMetadata.RESOURCE_LOGO_URI,
            ProtectedResourceMetadata.RESOURCE_DOCUMENTATION,
            TOKEN_ENDPOINT,
            REVOCATION_ENDPOINT,
            JWKS_URI,
            GRANT_TYPES_SUPPORTED,
            TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED,
            REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED,
            AGENT_AUTH);

    private static final Set<String> KNOWN = Set.copyOf(MEMBERS);

    private final @Nullable String issuer;
    private final @Nullable String resource;
    private final @Nullable List<String> authorizationServers;
    private final @Nullable List<String> scopesSupported;
    private final @Nullable List<String> bearerMethodsSupported;
    private final @Nullable String resourceName;
    private final @Nullable String resourceLogoUri;
    private final @Nullable String resourceDocumentation;
    private final @Nullable String tokenEndpoint;
    private final @Nullable String revocationEndpoint;
    private final @Nullable String jwksUri;
    private final @Nullable List<String> grantTypesSupported;
    private final @Nullable List<String> tokenEndpointAuthMethodsSupported;
    private final @Nullable List<String> revocationEndpointAuthMethodsSupported;
    private final @Nullable AgentAuthMetadata agentAuth;
    private final Map<String, Object> additionalMembers;

    private AuthorizationServerMetadata(Builder b) {
        this.issuer = b.issuer;
        this.resource = b.resource;
        this.authorizationServers =
                JsonValues.copyStrings(b.authorizationServers, ProtectedResourceMetadata.AUTHORIZATION_SERVERS);
        this.scopesSupported = JsonValues.copyStrings(b.scopesSupported, ProtectedResourceMetadata.SCOPES_SUPPORTED);
        this.bearerMethodsSupported =
                JsonValues.copyStrings(b.bearerMethodsSupported, ProtectedResourceMetadata.BEARER_METHODS_SUPPORTED);
        this.resourceName = b.resourceName;
        this.resourceLogoUri = b.resourceLogoUri;
        this.resourceDocumentation = b.resourceDocumentation;
        this.tokenEndpoint = b.tokenEndpoint;
        this.revocationEndpoint = b.revocationEndpoint;
        this.jwksUri = b.jwksUri;
        this.grantTypesSupported = JsonValues.copyStrings(b.grantTypesSupported, "grant_types_supported");
        this.tokenEndpointAuthMethodsSupported =
                JsonValues.copyStrings(b.tokenEndpointAuthMethodsSupported, "token_endpoint_auth_methods_supported");
        this.revocationEndpointAuthMethodsSupported = JsonValues.copyStrings(
                b.revocationEndpointAuthMethodsSupported, "revocation_endpoint_auth_methods_supported");
        this.agentAuth = b.agentAuth;
        this.additionalMembers = JsonValues.copyMembers(b.additionalMembers, KNOWN, "");
    }

    /** {@return an empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this document's values, for edits} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.issuer = issuer;
        b.resource = resource;
        b.authorizationServers = authorizationServers;
        b.scopesSupported = scopesSupported;
        b.bearerMethodsSupported = bearerMethodsSupported;
        b.resourceName = resourceName;
        b.resourceLogoUri = resourceLogoUri;
        b.resourceDocumentation = resourceDocumentation;
        b.tokenEndpoint = tokenEndpoint;
        b.revocationEndpoint = revocationEndpoint;
        b.jwksUri = jwksUri;
        b.grantTypesSupported = grantTypesSupported;
        b.tokenEndpointAuthMethodsSupported = tokenEndpointAuthMethodsSupported;
        b.revocationEndpointAuthMethodsSupported = revocationEndpointAuthMethodsSupported;
        b.agentAuth = agentAuth;
        b.additionalMembers = new LinkedHashMap<>(additionalMembers);
        return b;
    }

    /** {@return {@code issuer}, the authorization server identifier, or empty when the document has none} */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    /** {@return {@code resource} (restated from the PRM), or empty} */
    public Optional<String> resource() {
        return Optional.ofNullable(resource);
    }

    /** {@return {@code authorization_servers} (restated), or empty} */
    public Optional<List<String>> authorizationServers() {
        return Optional.ofNullable(authorizationServers);
    }

    /** {@return {@code scopes_supported}, or empty} */
    public Optional<List<String>> scopesSupported() {
        return Optional.ofNullable(scopesSupported);
    }

    /** {@return {@code bearer_methods_supported} (restated), or empty} */
    public Optional<List<String>> bearerMethodsSupported() {
        return Optional.ofNullable(bearerMethodsSupported);
    }

    /** {@return {@code resource_name} (restated), or empty} */
    public Optional<String> resourceName() {
        return Optional.ofNullable(resourceName);
    }

    /** {@return {@code resource_logo_uri} (restated), or empty} */
    public Optional<String> resourceLogoUri() {
        return Optional.ofNullable(resourceLogoUri);
    }

    /** {@return {@code resource_documentation} (restated), or empty} */
    public Optional<String> resourceDocumentation() {
        return Optional.ofNullable(resourceDocumentation);
    }

    /** {@return {@code token_endpoint}: the RFC 7523 token endpoint (current profile), or empty} */
    public Optional<String> tokenEndpoint() {
        return Optional.ofNullable(tokenEndpoint);
    }

    /** {@return {@code revocation_endpoint}: the RFC 7009 revocation endpoint (current profile), or empty} */
    public Optional<String> revocationEndpoint() {
        return Optional.ofNullable(revocationEndpoint);
    }

    /** {@return {@code jwks_uri}: the service's own signing keys (current profile), or empty} */
    public Optional<String> jwksUri() {
        return Optional.ofNullable(jwksUri);
    }

    /** {@return {@code grant_types_supported}: the grant types of the token endpoint, or empty} */
    public Optional<List<String>> grantTypesSupported() {
        return Optional.ofNullable(grantTypesSupported);
    }

    /**
     * {@return {@code token_endpoint_auth_methods_supported}: client authentication at the token endpoint, or empty}
     */
    public Optional<List<String>> tokenEndpointAuthMethodsSupported() {
        return Optional.ofNullable(tokenEndpointAuthMethodsSupported);
    }

    /**
     * {@return {@code revocation_endpoint_auth_methods_supported}: client authentication at the revocation endpoint, or
     * empty}
     */
    public Optional<List<String>> revocationEndpointAuthMethodsSupported() {
        return Optional.ofNullable(revocationEndpointAuthMethodsSupported);
    }

    /** {@return the {@code agent_auth} object, or empty when the document has none} */
    public Optional<AgentAuthMetadata> agentAuth() {
        return Optional.ofNullable(agentAuth);
    }

    /**
     * {@return top-level members this class does not model (e.g. {@code token_endpoint}), in document order, as
     * unmodifiable plain JSON values}
     */
    public Map<String, Object> additionalMembers() {
        return additionalMembers;
    }

    /**
     * {@return the value of that unknown member; empty when absent or JSON {@code null}}
     *
     * @param name a member name, e.g. {@code token_endpoint}
     */
    public Optional<Object> additionalMember(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        return Optional.ofNullable(additionalMembers.get(name));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AuthorizationServerMetadata)) {
            return false;
        }
        AuthorizationServerMetadata that = (AuthorizationServerMetadata) o;
        return Objects.equals(issuer, that.issuer)
                && Objects.equals(resource, that.resource)
                && Objects.equals(authorizationServers, that.authorizationServers)
                && Objects.equals(scopesSupported, that.scopesSupported)
                && Objects.equals(bearerMethodsSupported, that.bearerMethodsSupported)
                && Objects.equals(resourceName, that.resourceName)
                && Objects.equals(resourceLogoUri, that.resourceLogoUri)
                && Objects.equals(resourceDocumentation, that.resourceDocumentation)
                && Objects.equals(tokenEndpoint, that.tokenEndpoint)
                && Objects.equals(revocationEndpoint, that.revocationEndpoint)
                && Objects.equals(jwksUri, that.jwksUri)
                && Objects.equals(grantTypesSupported, that.grantTypesSupported)
                && Objects.equals(tokenEndpointAuthMethodsSupported, that.tokenEndpointAuthMethodsSupported)
                && Objects.equals(revocationEndpointAuthMethodsSupported, that.revocationEndpointAuthMethodsSupported)
                && Objects.equals(agentAuth, that.agentAuth)
                && additionalMembers.equals(that.additionalMembers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                issuer,
                resource,
                authorizationServers,
                scopesSupported,
                bearerMethodsSupported,
                resourceName,
                resourceLogoUri,
                resourceDocumentation,
                tokenEndpoint,
                revocationEndpoint,
                jwksUri,
                grantTypesSupported,
                tokenEndpointAuthMethodsSupported,
                revocationEndpointAuthMethodsSupported,
                agentAuth,
                additionalMembers);
    }

    @Override
    public String toString() {
        return "AuthorizationServerMetadata{issuer=" + issuer + ", resource=" + resource
                + ", authorization_servers=" + authorizationServers + ", scopes_supported=" + scopesSupported
                + ", bearer_methods_supported=" + bearerMethodsSupported + ", resource_name=" + resourceName
                + ", resource_logo_uri=" + resourceLogoUri + ", resource_documentation=" + resourceDocumentation
                + ", agent_auth=" + agentAuth + ", token_endpoint=" + tokenEndpoint + ", revocation_endpoint="
                + revocationEndpoint + ", jwks_uri=" + jwksUri + ", grant_types_supported=" + grantTypesSupported
                + ", token_endpoint_auth_methods_supported=" + tokenEndpointAuthMethodsSupported
                + ", revocation_endpoint_auth_methods_supported=" + revocationEndpointAuthMethodsSupported
                + ", additional=" + additionalMembers + "}";
    }

    /** Builds an {@link AuthorizationServerMetadata}. Setting a member to {@code null} removes it. Not thread-safe. */
    public static final class Builder {
        private @Nullable String issuer;
        private @Nullable String resource;
        private @Nullable List<String> authorizationServers;
        private @Nullable List<String> scopesSupported;
        private @Nullable List<String> bearerMethodsSupported;
        private @Nullable String resourceName;
        private @Nullable String resourceLogoUri;
        private @Nullable String resourceDocumentation;
        private @Nullable String tokenEndpoint;
        private @Nullable String revocationEndpoint;
        private @Nullable String jwksUri;
        private @Nullable List<String> grantTypesSupported;
        private @Nullable List<String> tokenEndpointAuthMethodsSupported;
        private @Nullable List<String> revocationEndpointAuthMethodsSupported;
        private @Nullable AgentAuthMetadata agentAuth;
        private Map<String, Object> additionalMembers = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets {@code issuer}.
         *
         * @param issuer {@code issuer}; null removes it
         * @return this builder
         */
        public Builder issuer(@Nullable String issuer) {
            this.issuer = issuer;
            return this;
        }

        /**
         * Sets {@code resource}.
         *
         * @param resource {@code resource}; null removes it
         * @return this builder
         */
        public Builder resource(@Nullable String resource) {
            this.resource = resource;
            return this;
        }

        /**
         * Sets {@code authorization_servers}.
         *
         * @param servers {@code authorization_servers}; null removes it
         * @return this builder
         */
        public Builder authorizationServers(@Nullable List<String> servers) {
            this.authorizationServers = servers;
            return this;
        }

        /**
         * Sets {@code scopes_supported}.
         *
         * @param scopes {@code scopes_supported}; null removes it
         * @return this builder
         */
        public Builder scopesSupported(@Nullable List<String> scopes) {
            this.scopesSupported = scopes;
            return this;
        }

        /**
         * Sets {@code bearer_methods_supported}.
         *
         * @param methods {@code bearer_methods_supported}; null removes it
         * @return this builder
         */
        public Builder bearerMethodsSupported(@Nullable List<String> methods) {
            this.bearerMethodsSupported = methods;
            return this;
        }

        /**
         * Sets {@code resource_name}.
         *
         * @param name {@code resource_name}; null removes it
         * @return this builder
         */
        public Builder resourceName(@Nullable String name) {
            this.resourceName = name;
            return this;
        }

        /**
         * Sets {@code resource_logo_uri}.
         *
         * @param uri {@code resource_logo_uri}; null removes it
         * @return this builder
         */
        public Builder resourceLogoUri(@Nullable String uri) {
            this.resourceLogoUri = uri;
            return this;
        }

        /**
         * Sets {@code resource_documentation}.
         *
         * @param uri {@code resource_documentation}; null removes it
         * @return this builder
         */
        public Builder resourceDocumentation(@Nullable String uri) {
            this.resourceDocumentation = uri;
            return this;
        }

        /**
         * Sets {@code token_endpoint}: the RFC 7523 token endpoint (current profile).
         *
         * @param value {@code token_endpoint}; null removes it
         * @return this builder
         */
        public Builder tokenEndpoint(@Nullable String value) {
            this.tokenEndpoint = value;
            return this;
        }

        /**
         * Sets {@code revocation_endpoint}: the RFC 7009 revocation endpoint (current profile).
         *
         * @param value {@code revocation_endpoint}; null removes it
         * @return this builder
         */
        public Builder revocationEndpoint(@Nullable String value) {
            this.revocationEndpoint = value;
            return this;
        }

        /**
         * Sets {@code jwks_uri}: the service's own signing keys (current profile).
         *
         * @param value {@code jwks_uri}; null removes it
         * @return this builder
         */
        public Builder jwksUri(@Nullable String value) {
            this.jwksUri = value;
            return this;
        }

        /**
         * Sets {@code grant_types_supported}: the grant types of the token endpoint.
         *
         * @param value {@code grant_types_supported}; null removes it
         * @return this builder
         */
        public Builder grantTypesSupported(@Nullable List<String> value) {
            this.grantTypesSupported = value;
            return this;
        }

        /**
         * Sets {@code token_endpoint_auth_methods_supported}: client authentication at the token endpoint.
         *
         * @param value {@code token_endpoint_auth_methods_supported}; null removes it
         * @return this builder
         */
        public Builder tokenEndpointAuthMethodsSupported(@Nullable List<String> value) {
            this.tokenEndpointAuthMethodsSupported = value;
            return this;
        }

        /**
         * Sets {@code revocation_endpoint_auth_methods_supported}: client authentication at the revocation endpoint.
         *
         * @param value {@code revocation_endpoint_auth_methods_supported}; null removes it
         * @return this builder
         */
        public Builder revocationEndpointAuthMethodsSupported(@Nullable List<String> value) {
            this.revocationEndpointAuthMethodsSupported = value;
            return this;
        }

        /**
         * Sets the {@code agent_auth} object.
         *
         * @param agentAuth the {@code agent_auth} object; null removes it
         * @return this builder
         */
        public Builder agentAuth(@Nullable AgentAuthMetadata agentAuth) {
            this.agentAuth = agentAuth;
            return this;
        }

        /**
         * Adds or replaces a top-level member this class does not model.
         *
         * @param name the member name; not one of the modelled members
         * @param value a plain JSON value (String, Number, Boolean, null, List, Map); copied at build time
         * @return this builder
         */
        public Builder additionalMember(String name, @Nullable Object value) {
            Objects.requireNonNull(name, "name cannot be null");
            additionalMembers.put(name, value);
            return this;
        }

        /**
         * Removes one member this class does not model.
         *
         * @param name an unknown member to drop
         * @return this builder
         */
        public Builder removeAdditionalMember(String name) {
            Objects.requireNonNull(name, "name cannot be null");
            additionalMembers.remove(name);
            return this;
        }

        /**
         * Replaces every member this class does not model.
         *
         * @param members replaces every unknown member, keeping the map's order
         * @return this builder
         */
        public Builder additionalMembers(Map<String, Object> members) {
            Objects.requireNonNull(members, "members cannot be null");
            this.additionalMembers = new LinkedHashMap<>(members);
            return this;
        }

        /**
         * {@return the immutable document}
         *
         * @throws IllegalArgumentException when a list holds null, or an additional member reuses a modelled name or is
         *     not a plain JSON value
         */
        public AuthorizationServerMetadata build() {
            return new AuthorizationServerMetadata(this);
        }
    }
}
