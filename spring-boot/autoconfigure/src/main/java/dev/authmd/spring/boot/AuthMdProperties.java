package dev.authmd.spring.boot;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The authmd.* properties. Only authmd.resource is required; everything else has the protocol's defaults. Three lines
 * are enough for a first run:
 *
 * <pre>
 * authmd.resource=https://api.example.com
 * authmd.scopes=api.read,api.write
 * authmd.providers[0].issuer=https://agents.example
 * </pre>
 */
@ConfigurationProperties("authmd")
public class AuthMdProperties {

    /** Whether the starter configures anything; false leaves the application to wire the library itself. */
    private boolean enabled = true;

    /** The protected resource identifier (the PRM resource), e.g. https://api.example.com. Required. */
    private @Nullable URI resource;

    /** The authorization server issuer; default: the resource's origin. */
    private @Nullable URI issuer;

    /** The API's human-readable name, shown in metadata, auth.md and the claim pages. */
    private @Nullable String resourceName;

    /** Every scope the API knows, most basic first; the first is what anonymous agents get by default. */
    private List<String> scopes = new ArrayList<>(List.of("api.read"));

    /** Scopes of an anonymous registration; default: the first of scopes. */
    private @Nullable List<String> anonymousScopes;

    /** Scopes after a claim; default: all of scopes. */
    private @Nullable List<String> postClaimScopes;

    /** The wire profiles served: v0.1, current or both (the default). */
    private List<String> profiles = new ArrayList<>(List.of("v0.1", "current"));

    /** Registration methods switched on. */
    private final Methods methods = new Methods();

    /** Rate limits. */
    private final RateLimits rateLimits = new RateLimits();

    /** A trust list JSON file (docs/configuration.md); its providers come before providers. */
    private @Nullable Path trustListFile;

    /** Trusted agent providers, inline. */
    private List<Provider> providers = new ArrayList<>();

    /** A JWK set file with the service's own ES256 signing keys (the current profile); default: one key per process. */
    private @Nullable Path signingKeysFile;

    /** How long an ended registration is kept before the housekeeping purges it. */
    private Duration registrationRetention = Duration.ofDays(30);

    /** Hosts where plain http is accepted for the service's own URLs; development only. */
    private List<String> developmentHosts = new ArrayList<>();

    /** Networks (CIDR) allowed to register anonymously; empty: every network. */
    private List<String> anonymousNetworks = new ArrayList<>();

    /** Where the state lives: memory (the default, development only) or jdbc (the application's DataSource). */
    private String store = "memory";

    /** The JDBC stores. */
    private final Jdbc jdbc = new Jdbc();

    /** The claim page's sign-in from Spring Security (with a SpringSecurityUsers bean). */
    private final SignIn signIn = new SignIn();

    /** The scheduled housekeeping (expiry, sweeps, retention purge). */
    private final Housekeeping housekeeping = new Housekeeping();

    /** {@return whether the starter configures anything} */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets: whether the starter configures anything.
     *
     * @param enabled false leaves the application to wire the library itself
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** {@return the protected resource identifier (the PRM resource), e.g. https://api.example.com. Required} */
    public @Nullable URI getResource() {
        return resource;
    }

    /**
     * Sets: the protected resource identifier (the PRM resource), e.g. https://api.example.com. Required.
     *
     * @param resource the value
     */
    public void setResource(@Nullable URI resource) {
        this.resource = resource;
    }

    /** {@return its issuer identifier (iss)} */
    public @Nullable URI getIssuer() {
        return issuer;
    }

    /**
     * Sets: its issuer identifier (iss).
     *
     * @param issuer the value
     */
    public void setIssuer(@Nullable URI issuer) {
        this.issuer = issuer;
    }

    /** {@return the API's human-readable name, shown in metadata, auth.md and the claim pages} */
    public @Nullable String getResourceName() {
        return resourceName;
    }

    /**
     * Sets: the API's human-readable name, shown in metadata, auth.md and the claim pages.
     *
     * @param resourceName the value
     */
    public void setResourceName(@Nullable String resourceName) {
        this.resourceName = resourceName;
    }

    /** {@return every scope the API knows, most basic first; the first is what anonymous agents get by default} */
    public List<String> getScopes() {
        return scopes;
    }

    /**
     * Sets: every scope the API knows, most basic first; the first is what anonymous agents get by default.
     *
     * @param scopes the value
     */
    public void setScopes(List<String> scopes) {
        this.scopes = scopes;
    }

    /** {@return scopes of an anonymous registration; default: the first of scopes} */
    public @Nullable List<String> getAnonymousScopes() {
        return anonymousScopes;
    }

    /**
     * Sets: scopes of an anonymous registration; default: the first of scopes.
     *
     * @param anonymousScopes the value
     */
    public void setAnonymousScopes(@Nullable List<String> anonymousScopes) {
        this.anonymousScopes = anonymousScopes;
    }

    /** {@return scopes after a claim; default: all of scopes} */
    public @Nullable List<String> getPostClaimScopes() {
        return postClaimScopes;
    }

    /**
     * Sets: scopes after a claim; default: all of scopes.
     *
     * @param postClaimScopes the value
     */
    public void setPostClaimScopes(@Nullable List<String> postClaimScopes) {
        this.postClaimScopes = postClaimScopes;
    }

    /** {@return the wire profiles served: v0.1, current or both (the default)} */
    public List<String> getProfiles() {
        return profiles;
    }

    /**
     * Sets: the wire profiles served: v0.1, current or both (the default).
     *
     * @param profiles the value
     */
    public void setProfiles(List<String> profiles) {
        this.profiles = profiles;
    }

    /** {@return registration methods switched on} */
    public Methods getMethods() {
        return methods;
    }

    /** {@return rate limits} */
    public RateLimits getRateLimits() {
        return rateLimits;
    }

    /** {@return a trust list JSON file (docs/configuration.md); its providers come before providers} */
    public @Nullable Path getTrustListFile() {
        return trustListFile;
    }

    /**
     * Sets: a trust list JSON file (docs/configuration.md); its providers come before providers.
     *
     * @param trustListFile the value
     */
    public void setTrustListFile(@Nullable Path trustListFile) {
        this.trustListFile = trustListFile;
    }

    /** {@return trusted agent providers, inline} */
    public List<Provider> getProviders() {
        return providers;
    }

    /**
     * Sets: trusted agent providers, inline.
     *
     * @param providers the value
     */
    public void setProviders(List<Provider> providers) {
        this.providers = providers;
    }

    /**
     * {@return a JWK set file with the service's own ES256 signing keys (the current profile); default: one key per
     * process}
     */
    public @Nullable Path getSigningKeysFile() {
        return signingKeysFile;
    }

    /**
     * Sets: a JWK set file with the service's own ES256 signing keys (the current profile); default: one key per
     * process.
     *
     * @param signingKeysFile the value
     */
    public void setSigningKeysFile(@Nullable Path signingKeysFile) {
        this.signingKeysFile = signingKeysFile;
    }

    /** {@return how long an ended registration is kept before the housekeeping purges it} */
    public Duration getRegistrationRetention() {
        return registrationRetention;
    }

    /**
     * Sets: how long an ended registration is kept before the housekeeping purges it.
     *
     * @param registrationRetention the value
     */
    public void setRegistrationRetention(Duration registrationRetention) {
        this.registrationRetention = registrationRetention;
    }

    /** {@return hosts where plain http is accepted for the service's own URLs; development only} */
    public List<String> getDevelopmentHosts() {
        return developmentHosts;
    }

    /**
     * Sets: hosts where plain http is accepted for the service's own URLs; development only.
     *
     * @param developmentHosts the value
     */
    public void setDevelopmentHosts(List<String> developmentHosts) {
        this.developmentHosts = developmentHosts;
    }

    /** {@return the networks (CIDR) allowed to register anonymously; empty: every network} */
    public List<String> getAnonymousNetworks() {
        return anonymousNetworks;
    }

    /**
     * Sets: the networks (CIDR) allowed to register anonymously; empty: every network.
     *
     * @param anonymousNetworks the value
     */
    public void setAnonymousNetworks(List<String> anonymousNetworks) {
        this.anonymousNetworks = anonymousNetworks;
    }

    /**
     * {@return where the state lives: memory (the default, development only) or jdbc (the application's DataSource)}
     */
    public String getStore() {
        return store;
    }

    /**
     * Sets: where the state lives.
     *
     * @param store memory or jdbc
     */
    public void setStore(String store) {
        this.store = store;
    }

    /** {@return the JDBC stores} */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /** {@return the claim page's sign-in from Spring Security} */
    public SignIn getSignIn() {
        return signIn;
    }

    /** {@return the scheduled housekeeping (expiry, sweeps, retention purge)} */
    public Housekeeping getHousekeeping() {
        return housekeeping;
    }

    /** Registration methods. */
    public static class Methods {
        /** Anonymous registration. */
        private boolean anonymous = true;

        /** Registration with an ID-JAG from a trusted provider. */
        private boolean idJag = true;

        /** Registration by verified email (v0.1). */
        private boolean verifiedEmail = true;

        /** {@return anonymous registration} */
        public boolean isAnonymous() {
            return anonymous;
        }

        /**
         * Sets: anonymous registration.
         *
         * @param anonymous the value
         */
        public void setAnonymous(boolean anonymous) {
            this.anonymous = anonymous;
        }

        /** {@return registration with an ID-JAG from a trusted provider} */
        public boolean isIdJag() {
            return idJag;
        }

        /**
         * Sets: registration with an ID-JAG from a trusted provider.
         *
         * @param idJag the value
         */
        public void setIdJag(boolean idJag) {
            this.idJag = idJag;
        }

        /** {@return registration by verified email (v0.1)} */
        public boolean isVerifiedEmail() {
            return verifiedEmail;
        }

        /**
         * Sets: registration by verified email (v0.1).
         *
         * @param verifiedEmail the value
         */
        public void setVerifiedEmail(boolean verifiedEmail) {
            this.verifiedEmail = verifiedEmail;
        }
    }

    /** Rate limits. */
    public static class RateLimits {
        /** The protocol's default budgets; false switches every limit off (load tests only). */
        private boolean enabled = true;

        /** {@return run it on a schedule} */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets: run it on a schedule.
         *
         * @param enabled the value
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** One trusted agent provider. */
    public static class Provider {
        /** Its issuer identifier (iss). */
        private @Nullable String issuer;

        /** Its display name; default: the issuer. */
        private @Nullable String displayName;

        /** Where its keys are; default: discovered from the issuer's metadata. */
        private @Nullable URI jwksUri;

        /** Algorithms accepted from it. */
        private List<String> algorithms = new ArrayList<>(List.of("ES256", "RS256"));

        /** Whether its agents may name a Client ID Metadata Document URL as client_id (fetched and checked). */
        private boolean acceptCimdClientIds;

        /** {@return its issuer identifier (iss)} */
        public @Nullable String getIssuer() {
            return issuer;
        }

        /**
         * Sets: its issuer identifier (iss).
         *
         * @param issuer the value
         */
        public void setIssuer(@Nullable String issuer) {
            this.issuer = issuer;
        }

        /** {@return its display name; default: the issuer} */
        public @Nullable String getDisplayName() {
            return displayName;
        }

        /**
         * Sets: its display name; default: the issuer.
         *
         * @param displayName the value
         */
        public void setDisplayName(@Nullable String displayName) {
            this.displayName = displayName;
        }

        /** {@return where its keys are; default: discovered from the issuer's metadata} */
        public @Nullable URI getJwksUri() {
            return jwksUri;
        }

        /**
         * Sets: where its keys are; default: discovered from the issuer's metadata.
         *
         * @param jwksUri the value
         */
        public void setJwksUri(@Nullable URI jwksUri) {
            this.jwksUri = jwksUri;
        }

        /** {@return algorithms accepted from it} */
        public List<String> getAlgorithms() {
            return algorithms;
        }

        /**
         * Sets: algorithms accepted from it.
         *
         * @param algorithms the value
         */
        public void setAlgorithms(List<String> algorithms) {
            this.algorithms = algorithms;
        }

        /** {@return whether its agents may name a Client ID Metadata Document URL as client_id} */
        public boolean isAcceptCimdClientIds() {
            return acceptCimdClientIds;
        }

        /**
         * Sets: whether its agents may name a Client ID Metadata Document URL as client_id (fetched and checked).
         *
         * @param acceptCimdClientIds the value
         */
        public void setAcceptCimdClientIds(boolean acceptCimdClientIds) {
            this.acceptCimdClientIds = acceptCimdClientIds;
        }
    }

    /** The claim page's sign-in from Spring Security. */
    public static class SignIn {
        /** Where someone who is not signed in is sent; the claim page comes along as the continue parameter. */
        private String loginPath = "/login";

        /** {@return where someone who is not signed in is sent} */
        public String getLoginPath() {
            return loginPath;
        }

        /**
         * Sets: where someone who is not signed in is sent.
         *
         * @param loginPath a path on this application, or an absolute URL
         */
        public void setLoginPath(String loginPath) {
            this.loginPath = loginPath;
        }
    }

    /** The JDBC stores. */
    public static class Jdbc {
        /** Migrate the schema at start (safe with many replicas starting at once). */
        private boolean migrate = true;

        /** {@return whether the schema is migrated at start} */
        public boolean isMigrate() {
            return migrate;
        }

        /**
         * Sets: migrate the schema at start.
         *
         * @param migrate the value
         */
        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }
    }

    /** The scheduled housekeeping. */
    public static class Housekeeping {
        /** Run it on a schedule. */
        private boolean enabled = true;

        /** Time between two runs. */
        private Duration interval = Duration.ofMinutes(1);

        /** Most registrations expired, and purged per tenant, in one run. */
        private int limit = 1000;

        /** {@return run it on a schedule} */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets: run it on a schedule.
         *
         * @param enabled the value
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return time between two runs} */
        public Duration getInterval() {
            return interval;
        }

        /**
         * Sets: time between two runs.
         *
         * @param interval the value
         */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /** {@return most registrations expired, and purged per tenant, in one run} */
        public int getLimit() {
            return limit;
        }

        /**
         * Sets: most registrations expired, and purged per tenant, in one run.
         *
         * @param limit the value
         */
        public void setLimit(int limit) {
            this.limit = limit;
        }
    }
}
