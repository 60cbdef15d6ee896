package dev.authmd.core.config;

import dev.authmd.protocol.metadata.WellKnownUris;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.WireProfile;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The service's auth.md configuration: identifiers, enabled registration methods, credential types, scopes, paths and
 * the protocol's time and attempt limits. One immutable value drives the discovery documents, the rendered auth.md and
 * the endpoints, so they cannot drift apart.
 *
 * <p>The builder starts from the defaults of docs/protocol.md; {@link Builder#build()} validates everything and names
 * each rule it finds broken.
 *
 * <pre>{@code
 * AgentAuthConfig config = AgentAuthConfig.builder(URI.create("https://api.example.com"))
 *         .resourceName("Example API")
 *         .scopesSupported(List.of("api.read", "api.write"))
 *         .anonymousScopes(List.of("api.read"))
 *         .build();
 * }</pre>
 */
public final class AgentAuthConfig {

    /** The v0.1 revocation event URI published by the auth.md reference. */
    public static final String EVENT_ASSERTION_REVOKED =
            "https://schemas.workos.com/events/agent/auth/identity/assertion/revoked";
    /** The OpenID Back-Channel Logout event URI. */
    public static final String EVENT_BACKCHANNEL_LOGOUT = "http://schemas.openid.net/event/backchannel-logout";

    private final URI resource;
    private final URI issuer;
    private final String resourceName;
    private final @Nullable URI resourceLogoUri;
    private final @Nullable URI resourceDocumentation;
    private final List<String> scopesSupported;
    private final List<String> anonymousScopes;
    private final List<String> postClaimScopes;
    private final String agentAuthPath;
    private final String authMdPath;
    private final boolean anonymousEnabled;
    private final boolean idJagEnabled;
    private final boolean verifiedEmailEnabled;
    private final List<CredentialType> anonymousCredentialTypes;
    private final List<CredentialType> identityCredentialTypes;
    private final List<String> eventsSupported;
    private final Set<String> developmentHosts;
    private final boolean strictAudience;
    private final Duration claimTtl;
    private final Duration claimLinkTtl;
    private final Duration otpTtl;
    private final Duration accessTokenTtl;
    private final int otpAttemptsPerCode;
    private final int otpAttemptsPerRegistration;
    private final Duration clockSkew;
    private final Duration maxAssertionLifetime;
    private final int maxRequestBodyBytes;
    private final Set<WireProfile> profiles;
    private final String identityPath;
    private final String tokenPath;
    private final String tokenRevocationPath;
    private final String eventsPath;
    private final String jwksPath;
    private final Duration identityAssertionTtl;
    private final Duration refreshTokenTtl;
    private final Duration maxAuthAge;
    private final Duration registrationRetention;

    private AgentAuthConfig(Builder b) {
        this.resource = b.resource;
        this.issuer = b.issuer != null ? b.issuer : URI.create(WellKnownUris.origin(b.resource));
        this.resourceName = b.resourceName;
        this.resourceLogoUri = b.resourceLogoUri;
        this.resourceDocumentation = b.resourceDocumentation;
        this.scopesSupported = List.copyOf(b.scopesSupported);
        this.anonymousScopes =
                List.copyOf(b.anonymousScopes != null ? b.anonymousScopes : b.scopesSupported.subList(0, 1));
        this.postClaimScopes = List.copyOf(b.postClaimScopes != null ? b.postClaimScopes : b.scopesSupported);
        this.agentAuthPath = b.agentAuthPath;
        this.authMdPath = b.authMdPath;
        this.anonymousEnabled = b.anonymousEnabled;
        this.idJagEnabled = b.idJagEnabled;
        this.verifiedEmailEnabled = b.verifiedEmailEnabled;
        this.anonymousCredentialTypes = List.copyOf(b.anonymousCredentialTypes);
        this.identityCredentialTypes = List.copyOf(b.identityCredentialTypes);
        this.eventsSupported = List.copyOf(b.eventsSupported);
        Set<String> hosts = new LinkedHashSet<>();
        b.developmentHosts.forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        this.developmentHosts = Set.copyOf(hosts);
        this.strictAudience = b.strictAudience;
        this.claimTtl = b.claimTtl;
        this.claimLinkTtl = b.claimLinkTtl;
        this.otpTtl = b.otpTtl;
        this.accessTokenTtl = b.accessTokenTtl;
        this.otpAttemptsPerCode = b.otpAttemptsPerCode;
        this.otpAttemptsPerRegistration = b.otpAttemptsPerRegistration;
        this.clockSkew = b.clockSkew;
        this.maxAssertionLifetime = b.maxAssertionLifetime;
        this.maxRequestBodyBytes = b.maxRequestBodyBytes;
        this.profiles = Set.copyOf(b.profiles);
        this.identityPath = b.identityPath;
        this.tokenPath = b.tokenPath;
        this.tokenRevocationPath = b.tokenRevocationPath;
        this.eventsPath = b.eventsPath;
        this.jwksPath = b.jwksPath;
        this.identityAssertionTtl = b.identityAssertionTtl;
        this.refreshTokenTtl = b.refreshTokenTtl;
        this.maxAuthAge = b.maxAuthAge;
        this.registrationRetention = b.registrationRetention;
    }

    /**
     * Starts a builder for a service configuration.
     *
     * @param resource the protected resource identifier (PRM {@code resource}), e.g. {@code https://api.example.com}
     * @return a builder holding the defaults of docs/protocol.md
     */
    public static Builder builder(URI resource) {
        return new Builder(resource);
    }

    /** {@return a builder holding this configuration's values, for edits} */
    public Builder toBuilder() {
        Builder b = new Builder(resource);
        b.issuer = issuer;
        b.resourceName = resourceName;
        b.resourceLogoUri = resourceLogoUri;
        b.resourceDocumentation = resourceDocumentation;
        b.scopesSupported = scopesSupported;
        b.anonymousScopes = anonymousScopes;
        b.postClaimScopes = postClaimScopes;
        b.agentAuthPath = agentAuthPath;
        b.authMdPath = authMdPath;
        b.anonymousEnabled = anonymousEnabled;
        b.idJagEnabled = idJagEnabled;
        b.verifiedEmailEnabled = verifiedEmailEnabled;
        b.anonymousCredentialTypes = anonymousCredentialTypes;
        b.identityCredentialTypes = identityCredentialTypes;
        b.eventsSupported = eventsSupported;
        b.developmentHosts = developmentHosts;
        b.strictAudience = strictAudience;
        b.claimTtl = claimTtl;
        b.claimLinkTtl = claimLinkTtl;
        b.otpTtl = otpTtl;
        b.accessTokenTtl = accessTokenTtl;
        b.otpAttemptsPerCode = otpAttemptsPerCode;
        b.otpAttemptsPerRegistration = otpAttemptsPerRegistration;
        b.clockSkew = clockSkew;
        b.maxAssertionLifetime = maxAssertionLifetime;
        b.maxRequestBodyBytes = maxRequestBodyBytes;
        b.profiles = EnumSet.copyOf(profiles);
        b.identityPath = identityPath;
        b.tokenPath = tokenPath;
        b.tokenRevocationPath = tokenRevocationPath;
        b.eventsPath = eventsPath;
        b.jwksPath = jwksPath;
        b.identityAssertionTtl = identityAssertionTtl;
        b.refreshTokenTtl = refreshTokenTtl;
        b.maxAuthAge = maxAuthAge;
        b.registrationRetention = registrationRetention;
        return b;
    }

    // --- identifiers and derived URLs ------------------------------------------------------

    /** {@return the protected resource identifier (PRM {@code resource})} */
    public URI resource() {
        return resource;
    }

    /** {@return the authorization server issuer; defaults to the resource's origin} */
    public URI issuer() {
        return issuer;
    }

    /** {@return the RFC 9728 URL of the protected resource metadata (the {@code resource_metadata} hint)} */
    public URI protectedResourceMetadataUri() {
        return WellKnownUris.protectedResourceMetadata(resource);
    }

    /** {@return the RFC 8414 URL of the authorization server metadata} */
    public URI authorizationServerMetadataUri() {
        return WellKnownUris.authorizationServerMetadata(issuer);
    }

    /** {@return the auth.md document's URL ({@code agent_auth.skill}), at the resource's origin} */
    public URI authMdUri() {
        return URI.create(WellKnownUris.origin(resource) + authMdPath);
    }

    /** {@return {@code agent_auth.register_uri}} */
    public URI registerUri() {
        return URI.create(issuerBase() + agentAuthPath);
    }

    /** {@return {@code agent_auth.claim_uri}} */
    public URI claimUri() {
        return URI.create(issuerBase() + agentAuthPath + "/claim");
    }

    /** {@return the claim page the email links to ({@code {claim_uri}/view})} */
    public URI claimViewUri() {
        return URI.create(claimUri() + "/view");
    }

    /** {@return where the claim page asks for an OTP ({@code {claim_uri}/attempt/challenge})} */
    public URI claimChallengeUri() {
        return URI.create(claimUri() + "/attempt/challenge");
    }

    /** {@return where the agent completes a claim ({@code {claim_uri}/complete})} */
    public URI claimCompleteUri() {
        return URI.create(claimUri() + "/complete");
    }

    /** {@return {@code agent_auth.revocation_uri}} */
    public URI revocationUri() {
        return URI.create(issuerBase() + agentAuthPath + "/revoke");
    }

    // --- the current profile's URLs (docs/protocol.md#current-1) -------------------------------

    /** {@return {@code agent_auth.identity_endpoint}: registration and refresh in the current profile} */
    public URI identityEndpoint() {
        return URI.create(issuerBase() + identityPath);
    }

    /** {@return {@code agent_auth.claim_endpoint} ({@code {identity_endpoint}/claim})} */
    public URI claimEndpoint() {
        return URI.create(identityEndpoint() + "/claim");
    }

    /** {@return the RFC 7523 {@code token_endpoint}} */
    public URI tokenEndpoint() {
        return URI.create(issuerBase() + tokenPath);
    }

    /** {@return the RFC 7009 {@code revocation_endpoint}} */
    public URI tokenRevocationEndpoint() {
        return URI.create(issuerBase() + tokenRevocationPath);
    }

    /** {@return {@code agent_auth.events_endpoint}: where providers push security events (RFC 8935)} */
    public URI eventsEndpoint() {
        return URI.create(issuerBase() + eventsPath);
    }

    /** {@return {@code jwks_uri}: the service's identity-assertion keys} */
    public URI jwksUri() {
        return URI.create(issuerBase() + jwksPath);
    }

    private String issuerBase() {
        return WellKnownUris.origin(issuer) + WellKnownUris.pathWithoutTrailingSlash(issuer);
    }

    /**
     * Audiences an ID-JAG or logout token may carry (docs/protocol.md#v01-3a-step-5): the issuer, and unless
     * {@link #strictAudience()} the resource too.
     *
     * @return the accepted audience strings, issuer first
     */
    public List<String> acceptedAudiences() {
        List<String> audiences = new ArrayList<>();
        audiences.add(issuer.toString());
        if (!strictAudience && !resource.toString().equals(issuer.toString())) {
            audiences.add(resource.toString());
        }
        return List.copyOf(audiences);
    }

    // --- plain settings --------------------------------------------------------------------

    /** {@return the wire profiles served; default both} */
    public Set<WireProfile> profiles() {
        return profiles;
    }

    /**
     * {@return whether a wire profile is served}
     *
     * @param profile a profile
     */
    public boolean serves(WireProfile profile) {
        return profiles.contains(profile);
    }

    /** {@return path of the current profile's identity endpoint; default {@code /agent/identity}} */
    public String identityPath() {
        return identityPath;
    }

    /** {@return path of the token endpoint; default {@code /oauth2/token}} */
    public String tokenPath() {
        return tokenPath;
    }

    /** {@return path of the RFC 7009 revocation endpoint; default {@code /oauth2/revoke}} */
    public String tokenRevocationPath() {
        return tokenRevocationPath;
    }

    /** {@return path of the security-event endpoint; default {@code /agent/event/notify}} */
    public String eventsPath() {
        return eventsPath;
    }

    /** {@return path of the service's JWKS; default {@code /.well-known/jwks.json}} */
    public String jwksPath() {
        return jwksPath;
    }

    /** {@return lifetime of a service-signed identity assertion; default 1 hour, at most 24 hours} */
    public Duration identityAssertionTtl() {
        return identityAssertionTtl;
    }

    /** {@return lifetime of a refresh token from its issue (sliding with each rotation); default 30 days} */
    public Duration refreshTokenTtl() {
        return refreshTokenTtl;
    }

    /**
     * {@return how long ago the user may have signed in at the provider for an ID-JAG to be accepted in the current
     * profile ({@code max_age}); default 1 hour}
     */
    public Duration maxAuthAge() {
        return maxAuthAge;
    }

    /**
     * {@return how long a registration that ended (expired or revoked) is kept, with its credentials, before
     * {@code AgentAuthService.purgeEndedRegistrations} deletes it; default 30 days}
     */
    public Duration registrationRetention() {
        return registrationRetention;
    }

    /** {@return human-readable name of the API ({@code resource_name})} */
    public String resourceName() {
        return resourceName;
    }

    /** {@return {@code resource_logo_uri}, or null} */
    public @Nullable URI resourceLogoUri() {
        return resourceLogoUri;
    }

    /** {@return {@code resource_documentation}, or null} */
    public @Nullable URI resourceDocumentation() {
        return resourceDocumentation;
    }

    /** {@return every scope the API knows ({@code scopes_supported})} */
    public List<String> scopesSupported() {
        return scopesSupported;
    }

    /** {@return scopes of an anonymous key before it is claimed; default: the first supported scope} */
    public List<String> anonymousScopes() {
        return anonymousScopes;
    }

    /** {@return scopes after a claim ({@code post_claim_scopes}) and for ID-JAG credentials; default: all} */
    public List<String> postClaimScopes() {
        return postClaimScopes;
    }

    /** {@return base path of the registration endpoints; default {@code /agent/auth}} */
    public String agentAuthPath() {
        return agentAuthPath;
    }

    /** {@return path of the auth.md document on the resource origin; default {@code /auth.md}} */
    public String authMdPath() {
        return authMdPath;
    }

    /** {@return whether anonymous registration (§3c) is on; default true} */
    public boolean anonymousEnabled() {
        return anonymousEnabled;
    }

    /** {@return whether ID-JAG registration (§3a) is on; default true} */
    public boolean idJagEnabled() {
        return idJagEnabled;
    }

    /** {@return whether verified-email registration (§3b) is on; default true} */
    public boolean verifiedEmailEnabled() {
        return verifiedEmailEnabled;
    }

    /** {@return whether any identity-assertion method (ID-JAG or verified email) is on} */
    public boolean identityAssertionEnabled() {
        return idJagEnabled || verifiedEmailEnabled;
    }

    /** {@return credential types for anonymous registrations; default {@code [api_key]}} */
    public List<CredentialType> anonymousCredentialTypes() {
        return anonymousCredentialTypes;
    }

    /** {@return credential types for identity assertions; default {@code [access_token, api_key]}} */
    public List<CredentialType> identityCredentialTypes() {
        return identityCredentialTypes;
    }

    /** {@return event URIs accepted at the revocation endpoint} */
    public List<String> eventsSupported() {
        return eventsSupported;
    }

    /**
     * {@return lower-case host names where plain {@code http} is allowed for our own URLs and outbound fetches
     * (development only); empty by default}
     */
    public Set<String> developmentHosts() {
        return developmentHosts;
    }

    /** {@return whether only the issuer is an accepted audience; default false} */
    public boolean strictAudience() {
        return strictAudience;
    }

    /** {@return lifetime of an unclaimed registration and its claim token; default 24 h} */
    public Duration claimTtl() {
        return claimTtl;
    }

    /** {@return lifetime of an emailed claim link; default 1 h} */
    public Duration claimLinkTtl() {
        return claimLinkTtl;
    }

    /** {@return lifetime of a minted OTP; default 10 min, never more} */
    public Duration otpTtl() {
        return otpTtl;
    }

    /** {@return lifetime of an issued access token; default 1 h} */
    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    /** {@return wrong guesses allowed against one OTP; default 5} */
    public int otpAttemptsPerCode() {
        return otpAttemptsPerCode;
    }

    /** {@return wrong guesses allowed across a registration before the claim locks; default 20} */
    public int otpAttemptsPerRegistration() {
        return otpAttemptsPerRegistration;
    }

    /** {@return clock skew tolerated on {@code exp}/{@code iat}; default 60 s} */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** {@return longest {@code exp − iat} accepted on an assertion; default 10 min} */
    public Duration maxAssertionLifetime() {
        return maxAssertionLifetime;
    }

    /** {@return largest request body accepted; default 64 KiB} */
    public int maxRequestBodyBytes() {
        return maxRequestBodyBytes;
    }

    /**
     * Tells whether a URI's scheme is allowed by this configuration.
     *
     * @param uri a URI
     * @return whether it is https, or http on a configured development host
     */
    public boolean isAllowedScheme(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return true;
        }
        return scheme.equals("http")
                && uri.getHost() != null
                && developmentHosts.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    /** Builds an {@link AgentAuthConfig}; starts from docs/protocol.md's defaults. Not thread-safe. */
    public static final class Builder {
        private final URI resource;
        private @Nullable URI issuer;
        private String resourceName = "API";
        private @Nullable URI resourceLogoUri;
        private @Nullable URI resourceDocumentation;
        private List<String> scopesSupported = List.of("api.read", "api.write");
        private @Nullable List<String> anonymousScopes;
        private @Nullable List<String> postClaimScopes;
        private String agentAuthPath = "/agent/auth";
        private String authMdPath = "/auth.md";
        private boolean anonymousEnabled = true;
        private boolean idJagEnabled = true;
        private boolean verifiedEmailEnabled = true;
        private List<CredentialType> anonymousCredentialTypes = List.of(CredentialType.API_KEY);
        private List<CredentialType> identityCredentialTypes =
                List.of(CredentialType.ACCESS_TOKEN, CredentialType.API_KEY);
        private List<String> eventsSupported = List.of(EVENT_ASSERTION_REVOKED, EVENT_BACKCHANNEL_LOGOUT);
        private Set<String> developmentHosts = Set.of();
        private boolean strictAudience;
        private Duration claimTtl = Duration.ofHours(24);
        private Duration claimLinkTtl = Duration.ofHours(1);
        private Duration otpTtl = Duration.ofMinutes(10);
        private Duration accessTokenTtl = Duration.ofHours(1);
        private int otpAttemptsPerCode = 5;
        private int otpAttemptsPerRegistration = 20;
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration maxAssertionLifetime = Duration.ofMinutes(10);
        private int maxRequestBodyBytes = 64 * 1024;
        private EnumSet<WireProfile> profiles = EnumSet.allOf(WireProfile.class);
        private String identityPath = "/agent/identity";
        private String tokenPath = "/oauth2/token";
        private String tokenRevocationPath = "/oauth2/revoke";
        private String eventsPath = "/agent/event/notify";
        private String jwksPath = "/.well-known/jwks.json";
        private Duration identityAssertionTtl = Duration.ofHours(1);
        private Duration refreshTokenTtl = Duration.ofDays(30);
        private Duration maxAuthAge = Duration.ofHours(1);
        private Duration registrationRetention = Duration.ofDays(30);

        private Builder(URI resource) {
            this.resource = Objects.requireNonNull(resource, "resource cannot be null");
        }

        /**
         * Sets the AS issuer.
         *
         * @param issuer the AS issuer; default: the resource's origin
         * @return this builder
         */
        public Builder issuer(URI issuer) {
            this.issuer = issuer;
            return this;
        }

        /**
         * Sets {@code resource_name}.
         *
         * @param name {@code resource_name}
         * @return this builder
         */
        public Builder resourceName(String name) {
            this.resourceName = name;
            return this;
        }

        /**
         * Sets {@code resource_logo_uri}.
         *
         * @param uri {@code resource_logo_uri}; null for none
         * @return this builder
         */
        public Builder resourceLogoUri(@Nullable URI uri) {
            this.resourceLogoUri = uri;
            return this;
        }

        /**
         * Sets {@code resource_documentation}.
         *
         * @param uri {@code resource_documentation}; null for none
         * @return this builder
         */
        public Builder resourceDocumentation(@Nullable URI uri) {
            this.resourceDocumentation = uri;
            return this;
        }

        /**
         * Sets every scope the API knows.
         *
         * @param scopes every scope the API knows
         * @return this builder
         */
        public Builder scopesSupported(List<String> scopes) {
            this.scopesSupported = Objects.requireNonNull(scopes, "scopesSupported cannot be null");
            return this;
        }

        /**
         * Sets the pre-claim scopes of anonymous keys.
         *
         * @param scopes pre-claim scopes of anonymous keys
         * @return this builder
         */
        public Builder anonymousScopes(List<String> scopes) {
            this.anonymousScopes = Objects.requireNonNull(scopes, "anonymousScopes cannot be null");
            return this;
        }

        /**
         * Sets the post-claim and identity scopes.
         *
         * @param scopes post-claim and identity scopes
         * @return this builder
         */
        public Builder postClaimScopes(List<String> scopes) {
            this.postClaimScopes = Objects.requireNonNull(scopes, "postClaimScopes cannot be null");
            return this;
        }

        /**
         * Sets the base path of the registration endpoints, e.g. {@code /agent/auth}.
         *
         * @param path base path of the registration endpoints, e.g. {@code /agent/auth}
         * @return this builder
         */
        public Builder agentAuthPath(String path) {
            this.agentAuthPath = Objects.requireNonNull(path, "agentAuthPath cannot be null");
            return this;
        }

        /**
         * Chooses the wire profiles served. Metadata and {@code /auth.md} describe exactly these; the endpoints of a
         * profile that is off answer {@code 404}.
         *
         * @param first a profile to serve
         * @param more further profiles
         * @return this builder
         */
        public Builder profiles(WireProfile first, WireProfile... more) {
            Objects.requireNonNull(first, "profiles cannot be null");
            EnumSet<WireProfile> chosen = EnumSet.of(first);
            for (WireProfile profile : more) {
                chosen.add(Objects.requireNonNull(profile, "profiles cannot contain null"));
            }
            this.profiles = chosen;
            return this;
        }

        /**
         * Sets the path of the current profile's identity endpoint, under the issuer; its claim endpoint is
         * {@code {path}/claim}.
         *
         * @param path e.g. {@code /agent/identity}
         * @return this builder
         */
        public Builder identityPath(String path) {
            this.identityPath = Objects.requireNonNull(path, "identityPath cannot be null");
            return this;
        }

        /**
         * Sets the path of the token endpoint, under the issuer.
         *
         * @param path e.g. {@code /oauth2/token}
         * @return this builder
         */
        public Builder tokenPath(String path) {
            this.tokenPath = Objects.requireNonNull(path, "tokenPath cannot be null");
            return this;
        }

        /**
         * Sets the path of the RFC 7009 revocation endpoint, under the issuer.
         *
         * @param path e.g. {@code /oauth2/revoke}
         * @return this builder
         */
        public Builder tokenRevocationPath(String path) {
            this.tokenRevocationPath = Objects.requireNonNull(path, "tokenRevocationPath cannot be null");
            return this;
        }

        /**
         * Sets the path of the security-event endpoint, under the issuer.
         *
         * @param path e.g. {@code /agent/event/notify}
         * @return this builder
         */
        public Builder eventsPath(String path) {
            this.eventsPath = Objects.requireNonNull(path, "eventsPath cannot be null");
            return this;
        }

        /**
         * Sets the path of the service's JWKS, under the issuer.
         *
         * @param path e.g. {@code /.well-known/jwks.json}
         * @return this builder
         */
        public Builder jwksPath(String path) {
            this.jwksPath = Objects.requireNonNull(path, "jwksPath cannot be null");
            return this;
        }

        /**
         * Sets the lifetime of service-signed identity assertions.
         *
         * @param ttl positive, at most 24 hours; default 1 hour
         * @return this builder
         */
        public Builder identityAssertionTtl(Duration ttl) {
            this.identityAssertionTtl = Objects.requireNonNull(ttl, "identityAssertionTtl cannot be null");
            return this;
        }

        /**
         * Sets the lifetime of refresh tokens.
         *
         * @param ttl positive; default 30 days
         * @return this builder
         */
        public Builder refreshTokenTtl(Duration ttl) {
            this.refreshTokenTtl = Objects.requireNonNull(ttl, "refreshTokenTtl cannot be null");
            return this;
        }

        /**
         * Sets how recent the user's sign-in at the provider must be for an ID-JAG in the current profile.
         *
         * @param age positive; default 1 hour
         * @return this builder
         */
        public Builder maxAuthAge(Duration age) {
            this.maxAuthAge = Objects.requireNonNull(age, "maxAuthAge cannot be null");
            return this;
        }

        /**
         * Sets how long an ended registration is kept before the purge deletes it. Ended registrations answer nothing
         * (their credentials stopped working when they ended); they are kept so an operator can still look up what an
         * agent was, beside the audit log, which the library never deletes.
         *
         * @param retention at least 1 day (a registration of an ID-JAG delegation gets an id derived from the day it is
         *     made, which must never be the day of one already purged); default 30 days
         * @return this builder
         */
        public Builder registrationRetention(Duration retention) {
            this.registrationRetention = Objects.requireNonNull(retention, "registrationRetention cannot be null");
            return this;
        }

        /**
         * Sets the path of auth.md on the resource origin.
         *
         * @param path path of auth.md on the resource origin
         * @return this builder
         */
        public Builder authMdPath(String path) {
            this.authMdPath = Objects.requireNonNull(path, "authMdPath cannot be null");
            return this;
        }

        /**
         * Turns anonymous registration on or off.
         *
         * @param enabled anonymous registration on or off
         * @return this builder
         */
        public Builder anonymousEnabled(boolean enabled) {
            this.anonymousEnabled = enabled;
            return this;
        }

        /**
         * Turns ID-JAG registration on or off.
         *
         * @param enabled ID-JAG registration on or off
         * @return this builder
         */
        public Builder idJagEnabled(boolean enabled) {
            this.idJagEnabled = enabled;
            return this;
        }

        /**
         * Turns verified-email registration on or off.
         *
         * @param enabled verified-email registration on or off
         * @return this builder
         */
        public Builder verifiedEmailEnabled(boolean enabled) {
            this.verifiedEmailEnabled = enabled;
            return this;
        }

        /**
         * Sets the credential types for anonymous registrations (only {@code api_key}).
         *
         * @param types credential types for anonymous registrations (only {@code api_key})
         * @return this builder
         */
        public Builder anonymousCredentialTypes(List<CredentialType> types) {
            this.anonymousCredentialTypes = Objects.requireNonNull(types, "anonymousCredentialTypes cannot be null");
            return this;
        }

        /**
         * Sets the credential types for identity assertions.
         *
         * @param types credential types for identity assertions
         * @return this builder
         */
        public Builder identityCredentialTypes(List<CredentialType> types) {
            this.identityCredentialTypes = Objects.requireNonNull(types, "identityCredentialTypes cannot be null");
            return this;
        }

        /**
         * Sets the event URIs accepted at the revocation endpoint.
         *
         * @param events event URIs accepted at the revocation endpoint
         * @return this builder
         */
        public Builder eventsSupported(List<String> events) {
            this.eventsSupported = Objects.requireNonNull(events, "eventsSupported cannot be null");
            return this;
        }

        /**
         * Allows plain {@code http} for these hosts. Development only: never list a production host here.
         *
         * @param hosts host names such as {@code localhost}
         * @return this builder
         */
        public Builder developmentHosts(Set<String> hosts) {
            this.developmentHosts = Objects.requireNonNull(hosts, "developmentHosts cannot be null");
            return this;
        }

        /**
         * Sets whether only the issuer is accepted as audience.
         *
         * @param strict accept only the issuer as audience
         * @return this builder
         */
        public Builder strictAudience(boolean strict) {
            this.strictAudience = strict;
            return this;
        }

        /**
         * Sets the unclaimed registration lifetime.
         *
         * @param ttl unclaimed registration lifetime
         * @return this builder
         */
        public Builder claimTtl(Duration ttl) {
            this.claimTtl = Objects.requireNonNull(ttl, "claimTtl cannot be null");
            return this;
        }

        /**
         * Sets the claim link lifetime.
         *
         * @param ttl claim link lifetime
         * @return this builder
         */
        public Builder claimLinkTtl(Duration ttl) {
            this.claimLinkTtl = Objects.requireNonNull(ttl, "claimLinkTtl cannot be null");
            return this;
        }

        /**
         * Sets the OTP lifetime, at most 10 minutes.
         *
         * @param ttl OTP lifetime, at most 10 minutes
         * @return this builder
         */
        public Builder otpTtl(Duration ttl) {
            this.otpTtl = Objects.requireNonNull(ttl, "otpTtl cannot be null");
            return this;
        }

        /**
         * Sets the access token lifetime.
         *
         * @param ttl access token lifetime
         * @return this builder
         */
        public Builder accessTokenTtl(Duration ttl) {
            this.accessTokenTtl = Objects.requireNonNull(ttl, "accessTokenTtl cannot be null");
            return this;
        }

        /**
         * Sets the wrong guesses per OTP.
         *
         * @param attempts wrong guesses per OTP
         * @return this builder
         */
        public Builder otpAttemptsPerCode(int attempts) {
            this.otpAttemptsPerCode = attempts;
            return this;
        }

        /**
         * Sets the wrong guesses per registration.
         *
         * @param attempts wrong guesses per registration
         * @return this builder
         */
        public Builder otpAttemptsPerRegistration(int attempts) {
            this.otpAttemptsPerRegistration = attempts;
            return this;
        }

        /**
         * Sets the tolerated clock skew.
         *
         * @param skew tolerated clock skew
         * @return this builder
         */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "clockSkew cannot be null");
            return this;
        }

        /**
         * Sets the longest accepted assertion lifetime.
         *
         * @param lifetime longest accepted assertion lifetime
         * @return this builder
         */
        public Builder maxAssertionLifetime(Duration lifetime) {
            this.maxAssertionLifetime = Objects.requireNonNull(lifetime, "maxAssertionLifetime cannot be null");
            return this;
        }

        /**
         * Sets the largest accepted request body.
         *
         * @param bytes largest accepted request body
         * @return this builder
         */
        public Builder maxRequestBodyBytes(int bytes) {
            this.maxRequestBodyBytes = bytes;
            return this;
        }

        /**
         * Builds the validated configuration. Every rule is checked, not just the first broken one; a rule that needs a
         * setting another rule already found broken (e.g. "a subset of {@code scopesSupported}" when
         * {@code scopesSupported} is empty) is skipped rather than reported twice.
         *
         * @return the validated configuration
         * @throws IllegalArgumentException naming every broken rule: the rule's message alone when one is broken,
         *     otherwise {@code invalid AgentAuthConfig: N problems:} followed by one {@code " - "} line per rule
         */
        public AgentAuthConfig build() {
            List<String> problems = new ArrayList<>();
            boolean hostsValid = check(
                    problems,
                    developmentHosts.stream().allMatch(h -> h != null && !h.isBlank()),
                    "developmentHosts cannot contain a null or blank host name");
            Set<String> devHosts = hostsValid ? developmentHosts : Set.of();
            checkIdentifier(problems, resource, "resource", devHosts);
            if (issuer != null) {
                checkIdentifier(problems, issuer, "issuer", devHosts);
            }
            check(problems, resourceName != null && !resourceName.isBlank(), "resourceName cannot be blank");
            if (resourceLogoUri != null) {
                checkWebUrl(problems, resourceLogoUri, "resourceLogoUri", devHosts);
            }
            if (resourceDocumentation != null) {
                checkWebUrl(problems, resourceDocumentation, "resourceDocumentation", devHosts);
            }
            boolean supportedValid = checkScopes(problems, scopesSupported, "scopesSupported");
            Set<String> known = supportedValid ? Set.copyOf(scopesSupported) : Set.of();
            if (anonymousScopes != null
                    && checkScopes(problems, anonymousScopes, "anonymousScopes")
                    && supportedValid) {
                check(
                        problems,
                        known.containsAll(anonymousScopes),
                        "anonymousScopes must be a subset of scopesSupported");
            }
            if (postClaimScopes != null
                    && checkScopes(problems, postClaimScopes, "postClaimScopes")
                    && supportedValid) {
                check(
                        problems,
                        known.containsAll(postClaimScopes),
                        "postClaimScopes must be a subset of scopesSupported");
            }
            checkPath(problems, agentAuthPath, "agentAuthPath");
            checkPath(problems, authMdPath, "authMdPath");
            check(
                    problems,
                    anonymousEnabled || idJagEnabled || verifiedEmailEnabled,
                    "at least one registration method must be enabled");
            if (checkTypes(problems, anonymousCredentialTypes, "anonymousCredentialTypes")) {
                check(
                        problems,
                        anonymousCredentialTypes.equals(List.of(CredentialType.API_KEY)),
                        "anonymousCredentialTypes must be [api_key]: anonymous registrations only get API keys");
            }
            checkTypes(problems, identityCredentialTypes, "identityCredentialTypes");
            if (check(problems, !eventsSupported.isEmpty(), "eventsSupported cannot be empty")) {
                check(
                        problems,
                        eventsSupported.stream().allMatch(e -> e != null && !e.isBlank()),
                        "eventsSupported cannot contain a null or blank event URI");
            }
            checkPositive(problems, claimTtl, "claimTtl");
            checkPositive(problems, claimLinkTtl, "claimLinkTtl");
            if (checkPositive(problems, otpTtl, "otpTtl")) {
                check(
                        problems,
                        otpTtl.compareTo(Duration.ofMinutes(10)) <= 0,
                        "otpTtl must be at most 10 minutes (docs/protocol.md#v01-4)");
            }
            checkPositive(problems, accessTokenTtl, "accessTokenTtl");
            if (check(problems, otpAttemptsPerCode > 0, "otpAttemptsPerCode must be positive")) {
                check(
                        problems,
                        otpAttemptsPerRegistration >= otpAttemptsPerCode,
                        "otpAttemptsPerRegistration must be at least otpAttemptsPerCode");
            }
            check(
                    problems,
                    !clockSkew.isNegative() && clockSkew.compareTo(Duration.ofMinutes(5)) <= 0,
                    "clockSkew must be between 0 and 5 minutes");
            checkPositive(problems, maxAssertionLifetime, "maxAssertionLifetime");
            check(problems, maxRequestBodyBytes >= 1024, "maxRequestBodyBytes must be at least 1024");
            check(problems, !profiles.isEmpty(), "at least one wire profile must be served");
            checkPath(problems, identityPath, "identityPath");
            checkPath(problems, tokenPath, "tokenPath");
            checkPath(problems, tokenRevocationPath, "tokenRevocationPath");
            checkPath(problems, eventsPath, "eventsPath");
            checkPath(problems, jwksPath, "jwksPath");
            if (checkPositive(problems, identityAssertionTtl, "identityAssertionTtl")) {
                check(
                        problems,
                        identityAssertionTtl.compareTo(Duration.ofHours(24)) <= 0,
                        "identityAssertionTtl must be at most 24 hours");
            }
            checkPositive(problems, refreshTokenTtl, "refreshTokenTtl");
            checkPositive(problems, maxAuthAge, "maxAuthAge");
            check(
                    problems,
                    registrationRetention.compareTo(Duration.ofDays(1)) >= 0,
                    "registrationRetention must be at least 1 day");
            if (problems.size() == 1) {
                throw new IllegalArgumentException(problems.get(0));
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid AgentAuthConfig: " + problems.size() + " problems:\n - "
                        + String.join("\n - ", problems));
            }
            return new AgentAuthConfig(this);
        }

        private static void checkIdentifier(List<String> problems, URI uri, String name, Set<String> devHosts) {
            checkWebUrl(problems, uri, name, devHosts);
            check(problems, uri.getRawFragment() == null, name + " must not have a fragment: " + uri);
            // RFC 8414 §2 forbids a query on the issuer; RFC 8707 advises against one on resources
            check(problems, uri.getRawQuery() == null, name + " must not have a query: " + uri);
        }

        private static void checkWebUrl(List<String> problems, URI uri, String name, Set<String> devHosts) {
            if (!check(
                    problems,
                    uri.isAbsolute() && uri.getHost() != null,
                    name + " must be an absolute URL with a host: " + uri)) {
                return;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            boolean devHttp =
                    scheme.equals("http") && devHosts.stream().anyMatch(h -> h.equalsIgnoreCase(uri.getHost()));
            check(
                    problems,
                    scheme.equals("https") || devHttp,
                    name + " must use https (plain http only for developmentHosts): " + uri);
        }

        /** {@return whether the list is usable as a set of scopes; each broken rule is added to problems} */
        private static boolean checkScopes(List<String> problems, List<String> scopes, String name) {
            if (!check(problems, !scopes.isEmpty(), name + " cannot be empty")) {
                return false;
            }
            if (!check(
                    problems,
                    scopes.stream().allMatch(s -> s != null && s.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")),
                    name + " must hold RFC 6749 scope tokens (no spaces, quotes or backslashes)")) {
                return false;
            }
            return check(problems, Set.copyOf(scopes).size() == scopes.size(), name + " must not repeat a scope");
        }

        /** {@return whether the list is usable as credential types; each broken rule is added to problems} */
        private static boolean checkTypes(List<String> problems, List<CredentialType> types, String name) {
            if (!check(problems, !types.isEmpty(), name + " cannot be empty")) {
                return false;
            }
            if (!check(problems, types.stream().allMatch(Objects::nonNull), name + " cannot contain null")) {
                return false;
            }
            return check(problems, Set.copyOf(types).size() == types.size(), name + " must not repeat a type");
        }

        private static void checkPath(List<String> problems, String path, String name) {
            check(
                    problems,
                    path.matches("(/[A-Za-z0-9._~-]+)+"),
                    name + " must start with '/', have no trailing slash and use only unreserved characters: " + path);
        }

        private static boolean checkPositive(List<String> problems, Duration d, String name) {
            return check(problems, !d.isNegative() && !d.isZero(), name + " must be positive");
        }

        /** {@return the condition; when it is false, message is added to problems} */
        private static boolean check(List<String> problems, boolean condition, String message) {
            if (!condition) {
                problems.add(message);
            }
            return condition;
        }
    }
}
