package dev.authmd.protocol.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728; docs/protocol.md#v01-2-2), the document at
 * {@code /.well-known/oauth-protected-resource}: the resource identifier, the authorization servers that issue
 * credentials for it, its scopes and how to present a bearer credential.
 *
 * <p>The model is a faithful picture of the JSON document: URL-valued members are kept as the strings the document
 * holds (a document from someone else may hold anything), optional members are {@link Optional} so that "absent" and
 * "empty array" stay distinct, and members this class does not know are kept, in order, in {@link #additionalMembers()}
 * as plain JSON values, so a parse → write round trip loses nothing. Whether the values are acceptable is a separate
 * step: {@link MetadataValidator}. {@link MetadataJson} reads and writes the JSON.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * ProtectedResourceMetadata prm = ProtectedResourceMetadata.builder()
 *         .resource("https://api.example.com")
 *         .authorizationServers(List.of("https://api.example.com"))
 *         .bearerMethodsSupported(List.of("header"))
 *         .build();
 * }</pre>
 */
public final class ProtectedResourceMetadata {

    static final String RESOURCE = "resource";
    static final String AUTHORIZATION_SERVERS = "authorization_servers";
    static final String SCOPES_SUPPORTED = "scopes_supported";
    static final String BEARER_METHODS_SUPPORTED = "bearer_methods_supported";
    static final String RESOURCE_NAME = "resource_name";
    static final String RESOURCE_LOGO_URI = "resource_logo_uri";
    static final String RESOURCE_DOCUMENTATION = "resource_documentation";

    /** The members this class models, in the order {@link MetadataJson} writes them. */
    static final List<String> MEMBERS = List.of(
            RESOURCE,
            AUTHORIZATION_SERVERS,
            SCOPES_SUPPORTED,
            BEARER_METHODS_SUPPORTED,
            RESOURCE_NAME,
            RESOURCE_LOGO_URI,
            RESOURCE_DOCUMENTATION);

    private static final Set<String> KNOWN = Set.copyOf(MEMBERS);

    private final String resource;
    private final @Nullable List<String> authorizationServers;
    private final @Nullable List<String> scopesSupported;
    private final @Nullable List<String> bearerMethodsSupported;
    private final @Nullable String resourceName;
    private final @Nullable String resourceLogoUri;
    private final @Nullable String resourceDocumentation;
    private final Map<String, Object> additionalMembers;

    private ProtectedResourceMetadata(Builder b) {
        this.resource = Objects.requireNonNull(b.resource, "resource"); // checked by build()
        this.authorizationServers = JsonValues.copyStrings(b.authorizationServers, AUTHORIZATION_SERVERS);
        this.scopesSupported = JsonValues.copyStrings(b.scopesSupported, SCOPES_SUPPORTED);
        this.bearerMethodsSupported = JsonValues.copyStrings(b.bearerMethodsSupported, BEARER_METHODS_SUPPORTED);
        this.resourceName = b.resourceName;
        this.resourceLogoUri = b.resourceLogoUri;
        this.resourceDocumentation = b.resourceDocumentation;
        this.additionalMembers = JsonValues.copyMembers(b.additionalMembers, KNOWN, "");
    }

    /** {@return an empty builder; {@code resource} must be set before {@link Builder#build()}} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this document's values, for edits} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.resource = resource;
        b.authorizationServers = authorizationServers;
        b.scopesSupported = scopesSupported;
        b.bearerMethodsSupported = bearerMethodsSupported;
        b.resourceName = resourceName;
        b.resourceLogoUri = resourceLogoUri;
        b.resourceDocumentation = resourceDocumentation;
        b.additionalMembers = new LinkedHashMap<>(additionalMembers);
        return b;
    }

    /** {@return {@code resource}: the protected resource identifier (required, never blank)} */
    public String resource() {
        return resource;
    }

    /** {@return {@code authorization_servers}: issuer identifiers, or empty when absent} */
    public Optional<List<String>> authorizationServers() {
        return Optional.ofNullable(authorizationServers);
    }

    /** {@return {@code scopes_supported}, or empty when absent} */
    public Optional<List<String>> scopesSupported() {
        return Optional.ofNullable(scopesSupported);
    }

    /** {@return {@code bearer_methods_supported} (this library publishes {@code ["header"]}), or empty when absent} */
    public Optional<List<String>> bearerMethodsSupported() {
        return Optional.ofNullable(bearerMethodsSupported);
    }

    /** {@return {@code resource_name}, or empty when absent} */
    public Optional<String> resourceName() {
        return Optional.ofNullable(resourceName);
    }

    /** {@return {@code resource_logo_uri}, or empty when absent} */
    public Optional<String> resourceLogoUri() {
        return Optional.ofNullable(resourceLogoUri);
    }

    /** {@return {@code resource_documentation}, or empty when absent} */
    public Optional<String> resourceDocumentation() {
        return Optional.ofNullable(resourceDocumentation);
    }

    /**
     * {@return members this class does not model, in document order, as unmodifiable plain JSON values (String, Number,
     * Boolean, null, List, Map)}
     */
    public Map<String, Object> additionalMembers() {
        return additionalMembers;
    }

    /**
     * {@return the value of that unknown member; empty when absent (also when its value is JSON {@code null}: use
     * {@link #additionalMembers()} to tell those apart)}
     *
     * @param name a member name
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
        if (!(o instanceof ProtectedResourceMetadata)) {
            return false;
        }
        ProtectedResourceMetadata that = (ProtectedResourceMetadata) o;
        return resource.equals(that.resource)
                && Objects.equals(authorizationServers, that.authorizationServers)
                && Objects.equals(scopesSupported, that.scopesSupported)
                && Objects.equals(bearerMethodsSupported, that.bearerMethodsSupported)
                && Objects.equals(resourceName, that.resourceName)
                && Objects.equals(resourceLogoUri, that.resourceLogoUri)
                && Objects.equals(resourceDocumentation, that.resourceDocumentation)
                && additionalMembers.equals(that.additionalMembers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                resource,
                authorizationServers,
                scopesSupported,
                bearerMethodsSupported,
                resourceName,
                resourceLogoUri,
                resourceDocumentation,
                additionalMembers);
    }

    @Override
    public String toString() {
        return "ProtectedResourceMetadata{resource=" + resource + ", authorization_servers=" + authorizationServers
                + ", scopes_supported=" + scopesSupported + ", bearer_methods_supported=" + bearerMethodsSupported
                + ", resource_name=" + resourceName + ", resource_logo_uri=" + resourceLogoUri
                + ", resource_documentation=" + resourceDocumentation + ", additional=" + additionalMembers + "}";
    }

    /** Builds a {@link ProtectedResourceMetadata}. Setting a member to {@code null} removes it. Not thread-safe. */
    public static final class Builder {
        private @Nullable String resource;
        private @Nullable List<String> authorizationServers;
        private @Nullable List<String> scopesSupported;
        private @Nullable List<String> bearerMethodsSupported;
        private @Nullable String resourceName;
        private @Nullable String resourceLogoUri;
        private @Nullable String resourceDocumentation;
        private Map<String, Object> additionalMembers = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets {@code resource}.
         *
         * @param resource {@code resource}, the resource identifier (required)
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
         * Adds or replaces a member this class does not model.
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
         * @param members replaces every unknown member, keeping the map's iteration order
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
         * @throws IllegalArgumentException when {@code resource} is missing or blank, a list holds null, an additional
         *     member reuses a modelled name or is not a plain JSON value
         */
        public ProtectedResourceMetadata build() {
            if (resource == null) {
                throw new IllegalArgumentException("resource is required");
            }
            if (resource.isBlank()) {
                throw new IllegalArgumentException("resource cannot be blank");
            }
            return new ProtectedResourceMetadata(this);
        }
    }
}
