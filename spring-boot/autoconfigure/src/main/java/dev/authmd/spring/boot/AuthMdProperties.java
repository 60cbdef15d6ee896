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

    /** The scheduled housekeeping (expiry, sweeps, retention purge). */
    private final Housekeeping housekeeping = new Housekeeping();

    public @Nullable URI getResource() {
        return resource;
    }

    public void setResource(@Nullable URI resource) {
        this.resource = resource;
    }

    public @Nullable URI getIssuer() {
        return issuer;
    }

    public void setIssuer(@Nullable URI issuer) {
        this.issuer = issuer;
    }

    public @Nullable String getResourceName() {
        return resourceName;
    }

    public void setResourceName(@Nullable String resourceName) {
        this.resourceName = resourceName;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes;
    }

    public @Nullable List<String> getAnonymousScopes() {
        return anonymousScopes;
    }

    public void setAnonymousScopes(@Nullable List<String> anonymousScopes) {
        this.anonymousScopes = anonymousScopes;
    }

    public @Nullable List<String> getPostClaimScopes() {
        return postClaimScopes;
    }

    public void setPostClaimScopes(@Nullable List<String> postClaimScopes) {
        this.postClaimScopes = postClaimScopes;
    }

    public List<String> getProfiles() {
        return profiles;
    }

    public void setProfiles(List<String> profiles) {
        this.profiles = profiles;
    }

    public Methods getMethods() {
        return methods;
    }

    public RateLimits getRateLimits() {
        return rateLimits;
    }

    public @Nullable Path getTrustListFile() {
        return trustListFile;
    }

    public void setTrustListFile(@Nullable Path trustListFile) {
        this.trustListFile = trustListFile;
    }

    public List<Provider> getProviders() {
        return providers;
    }

    public void setProviders(List<Provider> providers) {
        this.providers = providers;
    }

    public @Nullable Path getSigningKeysFile() {
        return signingKeysFile;
    }

    public void setSigningKeysFile(@Nullable Path signingKeysFile) {
        this.signingKeysFile = signingKeysFile;
    }

    public Duration getRegistrationRetention() {
        return registrationRetention;
    }

    public void setRegistrationRetention(Duration registrationRetention) {
        this.registrationRetention = registrationRetention;
    }

    public List<String> getDevelopmentHosts() {
        return developmentHosts;
    }

    public void setDevelopmentHosts(List<String> developmentHosts) {
        this.developmentHosts = developmentHosts;
    }

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

        public boolean isAnonymous() {
            return anonymous;
        }

        public void setAnonymous(boolean anonymous) {
            this.anonymous = anonymous;
        }

        public boolean isIdJag() {
            return idJag;
        }

        public void setIdJag(boolean idJag) {
            this.idJag = idJag;
        }

        public boolean isVerifiedEmail() {
            return verifiedEmail;
        }

        public void setVerifiedEmail(boolean verifiedEmail) {
            this.verifiedEmail = verifiedEmail;
        }
    }

    /** Rate limits. */
    public static class RateLimits {
        /** The protocol's default budgets; false switches every limit off (load tests only). */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

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

        public @Nullable String getIssuer() {
            return issuer;
        }

        public void setIssuer(@Nullable String issuer) {
            this.issuer = issuer;
        }

        public @Nullable String getDisplayName() {
            return displayName;
        }

        public void setDisplayName(@Nullable String displayName) {
            this.displayName = displayName;
        }

        public @Nullable URI getJwksUri() {
            return jwksUri;
        }

        public void setJwksUri(@Nullable URI jwksUri) {
            this.jwksUri = jwksUri;
        }

        public List<String> getAlgorithms() {
            return algorithms;
        }

        public void setAlgorithms(List<String> algorithms) {
            this.algorithms = algorithms;
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

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public int getLimit() {
            return limit;
        }

        public void setLimit(int limit) {
            this.limit = limit;
        }
    }
}
