package dev.authmd.core.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.fetch.FetchSettings;
import dev.authmd.core.fetch.GuardedHttpFetcher;
import dev.authmd.core.internal.cimd.CimdResolver;
import dev.authmd.core.trust.ProviderPolicy;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.http.HttpFetcher;
import dev.authmd.spi.store.ReplayCache;
import dev.authmd.spi.store.ReplayKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies ID-JAGs ({@code urn:ietf:params:oauth:token-type:id-jag}) exactly as docs/protocol.md#v01-3a orders it; the
 * first failed step decides the error:
 *
 * <ol>
 *   <li>compact JWS ≤ 16 KiB, strict JSON (duplicate members refused), {@code typ} {@code oauth-id-jag+jwt}
 *       (case-insensitive, {@code application/} prefix allowed) → {@code invalid_request};
 *   <li>{@code alg} on the allow-list (asymmetric only) → {@code invalid_signature};
 *   <li>{@code iss} on the trust list, checked before any network call → {@code invalid_issuer}; the entry's algorithms
 *       and no {@code crit} → {@code invalid_signature};
 *   <li>signature with a key of the issuer's JWKS ({@code jku}, {@code x5u}, {@code jwk}, {@code x5c} are never used) →
 *       {@code invalid_signature};
 *   <li>{@code aud} one value, an accepted audience → {@code invalid_audience};
 *   <li>{@code exp} + skew after now → {@code expired}; {@code exp}/{@code iat} present, {@code iat} ≤ now + skew,
 *       {@code nbf} ≤ now + skew, {@code exp − iat} ≤ the maximum lifetime → {@code invalid_request};
 *   <li>{@code sub}, {@code jti} present, optional claims of the right JSON type → {@code invalid_request};
 *       {@code client_id} equal to {@code iss}, listed in the trust entry, or a CIMD URL whose document names the JWKS
 *       that verified the signature → {@code invalid_client_id};
 *   <li>no {@code cnf} → {@code invalid_request};
 *   <li>{@code (iss, jti)} first use, recorded atomically until {@code exp + skew} in namespace
 *       {@value #REPLAY_NAMESPACE} → {@code replay_detected};
 *   <li>{@code email_verified} or {@code phone_number_verified} the boolean {@code true} (with the value present),
 *       unless the provider policy relaxes it → {@code missing_verified_email};
 *   <li>provider policy: required {@code amr}, {@code acr}, {@code auth_time} age →
 *       {@code insufficient_user_authentication} with {@code max_age} / {@code acr_values}.
 * </ol>
 *
 * Failures are mapped from the failed check, never from exception text. Time comes from the injected {@link Clock};
 * {@code exp} is honoured while {@code now < exp + skew}.
 *
 * <pre>{@code
 * IdJagVerifier verifier = IdJagVerifier.builder(config, trustList, replayCache).build();
 * AssertionResult<VerifiedIdJag> result = verifier.verify(assertion);
 * }</pre>
 *
 * <p>Thread-safe; build one per service and share it.
 */
public final class IdJagVerifier {

    /** The explicit {@code typ} of an ID-JAG. */
    public static final String TYP = "oauth-id-jag+jwt";
    /** The replay-cache namespace of ID-JAGs. */
    public static final String REPLAY_NAMESPACE = "id-jag";
    /** Default longest assertion accepted, in characters (16 KiB). */
    public static final int DEFAULT_MAX_LENGTH = 16 * 1024;

    /**
     * The {@link AssertionRejection#reason()} of an {@code auth_time} beyond the skew in the future: an
     * {@code invalid_request} in v0.1, a stale login ({@code login_required}) in the current profile.
     */
    public static final String AUTH_TIME_IN_FUTURE = "auth_time_in_future";

    private final ProviderKeySource keys;
    private final ReplayCache replayCache;
    private final Clock clock;
    private final Set<String> algorithms;
    private final Set<String> audiences;
    private final Duration skew;
    private final Duration maxLifetime;
    private final int maxLength;

    private IdJagVerifier(Builder b, ProviderKeySource keys) {
        this.keys = keys;
        this.replayCache = b.replayCache;
        this.clock = b.clock;
        this.algorithms = Set.copyOf(b.algorithms);
        this.audiences = Set.copyOf(b.config.acceptedAudiences());
        this.skew = b.config.clockSkew();
        this.maxLifetime = b.config.maxAssertionLifetime();
        this.maxLength = b.maxLength;
    }

    /**
     * Starts a builder for an ID-JAG verifier.
     *
     * @param config the service configuration (accepted audiences, skew, maximum lifetime, dev hosts)
     * @param trustList the trusted providers
     * @param replayCache where used {@code jti}s are recorded
     * @return a builder
     */
    public static Builder builder(AgentAuthConfig config, TrustList trustList, ReplayCache replayCache) {
        return new Builder(config, trustList, replayCache);
    }

    /** {@return the key source this verifier uses (share it with a {@link LogoutTokenVerifier})} */
    public ProviderKeySource keySource() {
        return keys;
    }

    /**
     * Verifies one ID-JAG and, when every check before step 9 passes, consumes its {@code jti}.
     *
     * @param assertion the compact JWS the agent sent
     * @return the verified assertion, or the rejection deciding the wire error
     * @throws dev.authmd.spi.store.StoreException when the replay cache fails (answer {@code server_error})
     */
    public AssertionResult<VerifiedIdJag> verify(String assertion) {
        Objects.requireNonNull(assertion, "assertion cannot be null");
        try {
            return AssertionResult.valid(check(assertion));
        } catch (Rejection r) {
            return AssertionResult.rejected(r.rejection());
        }
    }

    private VerifiedIdJag check(String assertion) throws Rejection {
        Instant now = clock.instant();
        long nowMillis = now.toEpochMilli();
        TokenChecks.Checked checked =
                TokenChecks.check(assertion, TYP, maxLength, algorithms, keys, audiences, nowMillis);
        ObjectNode claims = checked.jws().payload();
        TrustedProvider provider = checked.provider();

        // 6. time
        Instant exp = TokenChecks.numericDate(claims, "exp");
        Instant iat = TokenChecks.numericDate(claims, "iat");
        Instant nbf = TokenChecks.numericDate(claims, "nbf");
        if (exp == null) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "exp is required", "missing_claim");
        }
        Instant expiryLimit = exp.plus(skew);
        if (!now.isBefore(expiryLimit)) {
            throw new Rejection(ProtocolError.EXPIRED, "the assertion has expired");
        }
        if (iat == null) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "iat is required", "missing_claim");
        }
        if (iat.isAfter(now.plus(skew))) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "iat is in the future");
        }
        if (nbf != null && nbf.isAfter(now.plus(skew))) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "the assertion is not valid yet (nbf)");
        }
        if (!exp.isAfter(iat)) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "exp must be after iat");
        }
        if (Duration.between(iat, exp).compareTo(maxLifetime) > 0) {
            throw new Rejection(
                    ProtocolError.INVALID_REQUEST,
                    "the assertion lives longer than " + maxLifetime.toSeconds() + " seconds");
        }

        // 7. subject, id, optional claim shapes, client
        VerifiedIdJag.Values v = new VerifiedIdJag.Values();
        v.provider = provider;
        v.issuer = checked.issuer();
        v.audience = checked.audience();
        v.expiresAt = exp;
        v.issuedAt = iat;
        v.subject = TokenChecks.requiredString(claims, "sub");
        v.jti = TokenChecks.requiredString(claims, "jti");
        readOptionalClaims(claims, v, now);
        JsonNode clientId = claims.get("client_id");
        if (clientId == null || !clientId.isTextual() || clientId.asText().isBlank()) {
            throw new Rejection(ProtocolError.INVALID_CLIENT_ID, "client_id is required");
        }
        v.clientId = clientId.asText();
        checkClientId(v.clientId, checked, nowMillis);

        // 8. no key binding here
        if (claims.has("cnf")) {
            throw new Rejection(
                    ProtocolError.INVALID_REQUEST,
                    "key-bound assertions (cnf) are not accepted here",
                    "unsupported_cnf");
        }

        // 9. single use
        if (!replayCache.markUsed(new ReplayKey(REPLAY_NAMESPACE, v.issuer, v.jti), now, expiryLimit)) {
            throw new Rejection(ProtocolError.REPLAY_DETECTED, "this assertion was already used");
        }

        // 10. a verified email or phone
        if (provider.policy().requireVerifiedEmailOrPhone() && !v.emailVerified && !v.phoneNumberVerified) {
            throw new Rejection(
                    ProtocolError.MISSING_VERIFIED_EMAIL, "the assertion carries no verified email or phone number");
        }

        // 11. provider policy
        checkPolicy(provider.policy(), v, now);
        return new VerifiedIdJag(v);
    }

    private void readOptionalClaims(ObjectNode claims, VerifiedIdJag.Values v, Instant now) throws Rejection {
        v.email = TokenChecks.optionalString(claims, "email");
        v.phoneNumber = TokenChecks.optionalString(claims, "phone_number");
        v.emailVerified = v.email != null && isTrue(claims.get("email_verified"));
        v.phoneNumberVerified = v.phoneNumber != null && isTrue(claims.get("phone_number_verified"));
        v.acr = TokenChecks.optionalString(claims, "acr");
        v.name = TokenChecks.optionalString(claims, "name");
        v.scope = TokenChecks.optionalString(claims, "scope");
        v.agentPlatform = TokenChecks.optionalString(claims, "agent_platform");
        v.agentContextId = TokenChecks.optionalString(claims, "agent_context_id");
        v.amr = stringList(claims.get("amr"), "amr", false);
        v.resource = stringList(claims.get("resource"), "resource", true);
        v.authTime = TokenChecks.numericDate(claims, "auth_time");
        if (v.authTime != null && v.authTime.isAfter(now.plus(skew))) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "auth_time is in the future", AUTH_TIME_IN_FUTURE);
        }
    }

    private static boolean isTrue(JsonNode value) {
        return value != null && value.isBoolean() && value.booleanValue();
    }

    private static List<String> stringList(JsonNode value, String name, boolean stringAllowed) throws Rejection {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (stringAllowed && value.isTextual()) {
            return List.of(value.asText());
        }
        if (!value.isArray()) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, name + " must be an array of strings");
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new Rejection(ProtocolError.INVALID_REQUEST, name + " must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    private void checkClientId(String clientId, TokenChecks.Checked checked, long nowMillis) throws Rejection {
        TrustedProvider provider = checked.provider();
        if (clientId.equals(checked.issuer()) || provider.clientIds().contains(clientId)) {
            return;
        }
        if (provider.acceptCimdClientIds() && CimdResolver.looksLikeCimdUrl(clientId)) {
            Optional<URI> signingJwks = checked.jwksUri();
            Optional<CimdResolver.ClientMetadata> metadata = keys.cimd().resolve(clientId, nowMillis);
            if (metadata.isEmpty()) {
                throw new Rejection(
                        ProtocolError.INVALID_CLIENT_ID,
                        "the client_id metadata document could not be retrieved or is not valid");
            }
            if (signingJwks.isPresent()
                    && metadata.get().jwksUri().isPresent()
                    && metadata.get().jwksUri().get().equals(signingJwks.get())) {
                return;
            }
            throw new Rejection(
                    ProtocolError.INVALID_CLIENT_ID,
                    "the client_id metadata document names another jwks_uri than the one that verified the signature");
        }
        throw new Rejection(ProtocolError.INVALID_CLIENT_ID, "the client_id is not accepted for this issuer");
    }

    private void checkPolicy(ProviderPolicy policy, VerifiedIdJag.Values v, Instant now) throws Rejection {
        Map<String, Object> members = new LinkedHashMap<>();
        policy.maxAuthAge().ifPresent(age -> members.put("max_age", age.toSeconds()));
        if (!policy.acrValues().isEmpty()) {
            members.put("acr_values", String.join(" ", policy.acrValues()));
        }
        if (!v.amr.containsAll(policy.requiredAmr())) {
            throw insufficient("the user did not authenticate with the required methods (amr)", members);
        }
        if (!policy.acrValues().isEmpty()
                && (v.acr == null || !policy.acrValues().contains(v.acr))) {
            throw insufficient("the user's authentication context (acr) is not accepted", members);
        }
        if (policy.maxAuthAge().isPresent()) {
            if (v.authTime == null) {
                throw insufficient("auth_time is required by this service", members);
            }
            if (v.authTime.plus(policy.maxAuthAge().get()).plus(skew).isBefore(now)) {
                throw insufficient("the user authenticated too long ago", members);
            }
        }
    }

    private static Rejection insufficient(String message, Map<String, Object> members) {
        return new Rejection(new AssertionRejection(ProtocolError.INSUFFICIENT_USER_AUTHENTICATION, message, members));
    }

    /** Builds an {@link IdJagVerifier}. Not thread-safe. */
    public static final class Builder {
        private final AgentAuthConfig config;
        private final TrustList trustList;
        private final ReplayCache replayCache;
        private @Nullable HttpFetcher fetcher;
        private FetchSettings fetchSettings = FetchSettings.defaults();
        private @Nullable ProviderKeySource keySource;
        private Clock clock = Clock.systemUTC();
        private Set<String> algorithms = TrustedProvider.SUPPORTED_ALGORITHMS;
        private int maxLength = DEFAULT_MAX_LENGTH;

        private Builder(AgentAuthConfig config, TrustList trustList, ReplayCache replayCache) {
            this.config = Objects.requireNonNull(config, "config cannot be null");
            this.trustList = Objects.requireNonNull(trustList, "trustList cannot be null");
            this.replayCache = Objects.requireNonNull(replayCache, "replayCache cannot be null");
        }

        /**
         * Sets the outbound fetcher for keys, metadata and CIMD.
         *
         * @param fetcher outbound fetcher for keys, metadata and CIMD; default
         *     {@link GuardedHttpFetcher#forConfig(AgentAuthConfig)}
         * @return this builder
         */
        public Builder httpFetcher(HttpFetcher fetcher) {
            this.fetcher = Objects.requireNonNull(fetcher, "fetcher cannot be null");
            return this;
        }

        /**
         * Sets the fetch timeouts, size cap and cache lifetimes.
         *
         * @param settings timeouts, size cap, cache lifetimes
         * @return this builder
         */
        public Builder fetchSettings(FetchSettings settings) {
            this.fetchSettings = Objects.requireNonNull(settings, "settings cannot be null");
            return this;
        }

        /**
         * Shares an existing key source (and its warm caches); it must serve the same trust list. Replaces
         * {@link #httpFetcher} and {@link #fetchSettings}.
         *
         * @param source the key source
         * @return this builder
         */
        public Builder keySource(ProviderKeySource source) {
            this.keySource = Objects.requireNonNull(source, "source cannot be null");
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param clock the clock; default UTC system clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock cannot be null");
            return this;
        }

        /**
         * Sets the global allow-list, a subset of {@link TrustedProvider#SUPPORTED_ALGORITHMS}.
         *
         * @param algs the global allow-list, a subset of {@link TrustedProvider#SUPPORTED_ALGORITHMS}
         * @return this builder
         */
        public Builder algorithms(Set<String> algs) {
            this.algorithms = Set.copyOf(Objects.requireNonNull(algs, "algorithms cannot be null"));
            return this;
        }

        /**
         * Sets the longest assertion accepted.
         *
         * @param chars the longest assertion accepted; default 16 KiB
         * @return this builder
         */
        public Builder maxLength(int chars) {
            this.maxLength = chars;
            return this;
        }

        /** {@return the verifier} */
        public IdJagVerifier build() {
            return new IdJagVerifier(
                    this,
                    resolveKeySource(config, trustList, keySource, fetcher, fetchSettings, algorithms, maxLength));
        }
    }

    static ProviderKeySource resolveKeySource(
            AgentAuthConfig config,
            TrustList trustList,
            @Nullable ProviderKeySource shared,
            @Nullable HttpFetcher fetcher,
            FetchSettings settings,
            Set<String> algorithms,
            int maxLength) {
        if (algorithms.isEmpty() || !TrustedProvider.SUPPORTED_ALGORITHMS.containsAll(algorithms)) {
            throw new IllegalArgumentException("algorithms must be a non-empty subset of "
                    + new java.util.TreeSet<>(TrustedProvider.SUPPORTED_ALGORITHMS));
        }
        if (maxLength < 512) {
            throw new IllegalArgumentException("maxLength must be at least 512");
        }
        if (shared != null) {
            if (!shared.trustList().equals(trustList)) {
                throw new IllegalArgumentException("keySource serves another trust list than the one given");
            }
            return shared;
        }
        return ProviderKeySource.create(
                trustList, fetcher != null ? fetcher : GuardedHttpFetcher.forConfig(config), settings);
    }
}
