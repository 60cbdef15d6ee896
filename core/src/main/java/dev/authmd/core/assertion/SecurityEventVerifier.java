package dev.authmd.core.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSHeader;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.fetch.FetchSettings;
import dev.authmd.core.internal.jose.CompactJws;
import dev.authmd.core.internal.jose.MalformedTokenException;
import dev.authmd.core.internal.keys.IssuerKeys;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.protocol.error.SecurityEventError;
import dev.authmd.spi.http.HttpFetcher;
import dev.authmd.spi.store.ReplayCache;
import dev.authmd.spi.store.ReplayKey;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the security event tokens (RFC 8417) a trusted provider pushes to the current profile's events endpoint (RFC
 * 8935; docs/protocol.md, current profile §9), in this order; the first failed check decides the error:
 *
 * <ol>
 *   <li>a compact JWS of at most 16 KiB with strict JSON → {@code invalid_request}; {@code iss} on the trust list, read
 *       before any key is fetched → {@code invalid_issuer}; header {@code typ} {@value #TYP} (case-insensitive, an
 *       {@code application/} prefix allowed) → {@code invalid_request};
 *   <li>{@code alg} on the asymmetric allow-list (global and the issuer's), and a key of the issuer's key set that
 *       matches the header (one refetch on an unknown {@code kid}) → {@code invalid_key}; the signature →
 *       {@code authentication_failed}; {@code aud} single-valued and one of this service's identifiers (the AS issuer
 *       or the protected resource) → {@code invalid_audience};
 *   <li>{@code jti}; {@code iat} within the last five minutes and not beyond the skew ahead; {@code exp}, when present,
 *       in the future; {@code events} a non-empty object; a subject, top-level {@code sub} or else an RFC 9493
 *       {@code sub_id} {@code {"format": "iss_sub", "iss": <the token's iss>, "sub": …}}; the payload of an event this
 *       service acts on an object → {@code invalid_request};
 *   <li>{@code (iss, jti)} seen before → {@link SecurityEventResult.Replayed}: answered 202, nothing re-applied.
 * </ol>
 *
 * <p>The events acted on are {@value #EVENT_ASSERTION_REVOKED} and its early-draft spelling
 * {@value #EVENT_ASSERTION_REVOKED_DRAFT}; other event URIs are ignored. Thread-safe.
 */
public final class SecurityEventVerifier {

    /** The explicit {@code typ} of a security event token. */
    public static final String TYP = "secevent+jwt";
    /** The media type of the push request body (RFC 8935). */
    public static final String MEDIA_TYPE = "application/secevent+jwt";
    /** The replay-cache namespace of security event tokens. */
    public static final String REPLAY_NAMESPACE = "secevent";
    /** The event that revokes a provider's delegation for a user. */
    public static final String EVENT_ASSERTION_REVOKED =
            "https://schemas.workos.com/events/agent/auth/identity/assertion/revoked";
    /** The same event, as an early draft spelled it. */
    public static final String EVENT_ASSERTION_REVOKED_DRAFT =
            "https://schemas.workos.com/events/agent/identity/assertion/revoked";
    /** How old a token's {@code iat} may be. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    private static final Set<String> ACTED_ON = Set.of(EVENT_ASSERTION_REVOKED, EVENT_ASSERTION_REVOKED_DRAFT);

    private final ProviderKeySource keys;
    private final ReplayCache replayCache;
    private final Clock clock;
    private final Set<String> algorithms;
    private final Set<String> audiences;
    private final Duration skew;
    private final int maxLength;

    private SecurityEventVerifier(Builder b, ProviderKeySource keys) {
        this.keys = keys;
        this.replayCache = b.replayCache;
        this.clock = b.clock;
        this.algorithms = Set.copyOf(b.algorithms);
        this.audiences = Set.copyOf(b.config.acceptedAudiences());
        this.skew = b.config.clockSkew();
        this.maxLength = b.maxLength;
    }

    /**
     * Starts a builder.
     *
     * @param config the service configuration (audiences, skew, dev hosts)
     * @param trustList the trusted providers
     * @param replayCache where seen {@code (iss, jti)} pairs are recorded
     * @return a builder
     */
    public static Builder builder(AgentAuthConfig config, TrustList trustList, ReplayCache replayCache) {
        return new Builder(config, trustList, replayCache);
    }

    /**
     * Reads the token from a push request: the whole body, with {@code Content-Type: application/secevent+jwt} (media
     * type parameters ignored).
     *
     * @param contentType the request's {@code Content-Type}, or null
     * @param body the request body
     * @return the token, or empty when the content type is another or the body is blank ({@code invalid_request})
     */
    public static Optional<String> extractToken(@Nullable String contentType, byte[] body) {
        Objects.requireNonNull(body, "body cannot be null");
        String mediaType =
                contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(MEDIA_TYPE)) {
            return Optional.empty();
        }
        String token = new String(body, StandardCharsets.UTF_8).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** {@return the key source this verifier uses} */
    public ProviderKeySource keySource() {
        return keys;
    }

    /**
     * Verifies one token and, when it passes and is new, records its {@code (iss, jti)}.
     *
     * @param token the compact JWS
     * @return accepted, replayed, or rejected with the error to answer
     * @throws dev.authmd.spi.store.StoreException when the replay cache fails
     */
    public SecurityEventResult verify(String token) {
        Objects.requireNonNull(token, "token cannot be null");
        try {
            return check(token);
        } catch (Refusal r) {
            return new SecurityEventResult.Rejected(r.error, r.description);
        }
    }

    private SecurityEventResult check(String token) throws Refusal {
        Instant now = clock.instant();
        // 1. structure, a trusted issuer (before any fetch), the type
        CompactJws jws;
        try {
            jws = CompactJws.parse(token, maxLength);
        } catch (MalformedTokenException e) {
            throw new Refusal(
                    SecurityEventError.INVALID_REQUEST, Objects.requireNonNullElse(e.getMessage(), "malformed token"));
        }
        ObjectNode header = jws.header();
        ObjectNode claims = jws.payload();
        String issuer = text(claims, "iss");
        Optional<TrustedProvider> provider =
                issuer == null ? Optional.empty() : keys.trustList().find(issuer);
        if (issuer == null || provider.isEmpty()) {
            throw new Refusal(SecurityEventError.INVALID_ISSUER, "the issuer is not trusted by this service");
        }
        String typ = text(header, "typ");
        if (typ == null || !TokenChecks.typMatches(typ, TYP)) {
            throw new Refusal(SecurityEventError.INVALID_REQUEST, "the header typ must be " + TYP);
        }
        // 2. an accepted algorithm and key, the signature, the audience
        String alg = text(header, "alg");
        if (alg == null
                || !algorithms.contains(alg)
                || !provider.get().algorithms().contains(alg)) {
            throw new Refusal(SecurityEventError.INVALID_KEY, "the signing algorithm is not accepted for this issuer");
        }
        if (header.has("crit")) {
            throw new Refusal(SecurityEventError.INVALID_REQUEST, "critical header extensions are not supported");
        }
        JWSHeader jwsHeader;
        try {
            jwsHeader = jws.jwsHeader();
        } catch (ParseException e) {
            throw new Refusal(SecurityEventError.INVALID_REQUEST, "the JWS header is malformed");
        }
        if (jwsHeader.getKeyID() == null) {
            throw new Refusal(SecurityEventError.INVALID_KEY, "the header must name the signing key (kid)");
        }
        IssuerKeys issuerKeys = Objects.requireNonNull(keys.keysOf(issuer), "the key source serves the trust list");
        IssuerKeys.SignatureCheck signature =
                issuerKeys.verify(jwsHeader, jws.signingInput(), jws.encodedSignature(), now.toEpochMilli());
        switch (signature.status()) {
            case VERIFIED:
                break;
            case KEYS_UNAVAILABLE:
                throw new Refusal(SecurityEventError.INVALID_KEY, "the issuer's signing keys could not be retrieved");
            case NO_MATCHING_KEY:
            case KID_REQUIRED:
                throw new Refusal(SecurityEventError.INVALID_KEY, "no signing key of the issuer matches the header");
            default:
                throw new Refusal(SecurityEventError.AUTHENTICATION_FAILED, "the signature does not verify");
        }
        String audience = singleAudience(claims.get("aud"));
        if (audience == null || !audiences.contains(audience)) {
            throw new Refusal(
                    SecurityEventError.INVALID_AUDIENCE,
                    "the audience must be exactly one of this service's identifiers");
        }
        // 3. the claims
        String jti = text(claims, "jti");
        if (jti == null || jti.isBlank()) {
            throw new Refusal(SecurityEventError.INVALID_REQUEST, "jti is required");
        }
        Long iat = seconds(claims, "iat");
        if (iat == null) {
            throw new Refusal(SecurityEventError.INVALID_REQUEST, "iat is required, a number of seconds");
        }
        Instant issuedAt = Instant.ofEpochSecond(iat);
        if (issuedAt.isAfter(now.plus(skew))) {
            throw new Refusal(SecurityEventError.INVALID_REQUEST, "iat is in the future");
        }
        if (issuedAt.isBefore(now.minus(MAX_AGE).minus(skew))) {
            throw new Refusal(SecurityEventError.INVALID_REQUEST, "iat is more than five minutes old");
        }
        Instant retainUntil = issuedAt.plus(MAX_AGE).plus(skew).plus(skew);
        if (claims.has("exp")) {
            Long exp = seconds(claims, "exp");
            if (exp == null) {
                throw new Refusal(SecurityEventError.INVALID_REQUEST, "exp must be a number of seconds");
            }
            Instant expiresAt = Instant.ofEpochSecond(exp);
            if (!now.isBefore(expiresAt.plus(skew))) {
                throw new Refusal(SecurityEventError.INVALID_REQUEST, "the token has expired");
            }
            if (expiresAt.plus(skew).isAfter(retainUntil)) {
                retainUntil = expiresAt.plus(skew);
            }
        }
        JsonNode events = claims.get("events");
        if (events == null || !events.isObject() || events.isEmpty()) {
            throw new Refusal(SecurityEventError.INVALID_REQUEST, "events must be a non-empty JSON object");
        }
        String subject = subject(claims, issuer);
        Set<String> actedOn = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> event : events.properties()) {
            if (ACTED_ON.contains(event.getKey())) {
                if (!event.getValue().isObject()) {
                    throw new Refusal(
                            SecurityEventError.INVALID_REQUEST, "the payload of a revocation event must be an object");
                }
                actedOn.add(event.getKey());
            }
        }
        // 4. a replay is answered like the first delivery, with nothing re-applied
        if (!replayCache.markUsed(new ReplayKey(REPLAY_NAMESPACE, issuer, jti), now, retainUntil)) {
            return new SecurityEventResult.Replayed(issuer, jti);
        }
        return new SecurityEventResult.Accepted(
                new VerifiedSecurityEvent(provider.get(), issuer, subject, audience, jti, issuedAt, actedOn));
    }

    /** The provider's user id: top-level {@code sub}, else an {@code iss_sub} {@code sub_id} naming this issuer. */
    private static String subject(ObjectNode claims, String issuer) throws Refusal {
        JsonNode sub = claims.get("sub");
        if (sub != null && !sub.isNull()) {
            if (!sub.isTextual() || sub.asText().isBlank()) {
                throw new Refusal(SecurityEventError.INVALID_REQUEST, "sub must be a non-blank string");
            }
            return sub.asText();
        }
        JsonNode subId = claims.get("sub_id");
        if (subId == null || !subId.isObject()) {
            throw new Refusal(SecurityEventError.INVALID_REQUEST, "a subject is required: sub, or sub_id");
        }
        if (!"iss_sub".equals(text((ObjectNode) subId, "format"))) {
            throw new Refusal(SecurityEventError.INVALID_REQUEST, "sub_id must have the format iss_sub");
        }
        if (!issuer.equals(text((ObjectNode) subId, "iss"))) {
            throw new Refusal(SecurityEventError.INVALID_REQUEST, "sub_id.iss must be the token's issuer");
        }
        String value = text((ObjectNode) subId, "sub");
        if (value == null || value.isBlank()) {
            throw new Refusal(SecurityEventError.INVALID_REQUEST, "sub_id.sub must be a non-blank string");
        }
        return value;
    }

    private static @Nullable String text(ObjectNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static @Nullable Long seconds(ObjectNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isIntegralNumber() && value.canConvertToLong() ? value.asLong() : null;
    }

    private static @Nullable String singleAudience(@Nullable JsonNode aud) {
        if (aud == null) {
            return null;
        }
        if (aud.isTextual()) {
            return aud.asText();
        }
        if (aud.isArray() && aud.size() == 1 && aud.get(0).isTextual()) {
            return aud.get(0).asText();
        }
        return null;
    }

    /** A failed check, carrying the error to answer. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SecurityEventError error;
        private final String description;

        Refusal(SecurityEventError error, String description) {
            super(description, null, false, false);
            this.error = error;
            this.description = description;
        }
    }

    /** Builds a {@link SecurityEventVerifier}. Not thread-safe. */
    public static final class Builder {
        private final AgentAuthConfig config;
        private final TrustList trustList;
        private final ReplayCache replayCache;
        private @Nullable HttpFetcher fetcher;
        private FetchSettings fetchSettings = FetchSettings.defaults();
        private @Nullable ProviderKeySource keySource;
        private Clock clock = Clock.systemUTC();
        private Set<String> algorithms = TrustedProvider.SUPPORTED_ALGORITHMS;
        private int maxLength = IdJagVerifier.DEFAULT_MAX_LENGTH;

        private Builder(AgentAuthConfig config, TrustList trustList, ReplayCache replayCache) {
            this.config = Objects.requireNonNull(config, "config cannot be null");
            this.trustList = Objects.requireNonNull(trustList, "trustList cannot be null");
            this.replayCache = Objects.requireNonNull(replayCache, "replayCache cannot be null");
        }

        /**
         * Sets the outbound fetcher.
         *
         * @param fetcher outbound fetcher; default guarded for the config's dev hosts
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
         * Shares a key source with the ID-JAG verifier (same trust list), so both use the same warm caches.
         *
         * @param source the shared key source
         * @return this builder
         */
        public Builder keySource(ProviderKeySource source) {
            this.keySource = Objects.requireNonNull(source, "source cannot be null");
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock cannot be null");
            return this;
        }

        /**
         * Sets the global algorithm allow-list.
         *
         * @param algs asymmetric JWS algorithms; default every supported one
         * @return this builder
         */
        public Builder algorithms(Set<String> algs) {
            this.algorithms = Set.copyOf(Objects.requireNonNull(algs, "algorithms cannot be null"));
            return this;
        }

        /**
         * Sets the longest token accepted.
         *
         * @param chars the longest token accepted; default 16 KiB
         * @return this builder
         */
        public Builder maxLength(int chars) {
            this.maxLength = chars;
            return this;
        }

        /** {@return the verifier} */
        public SecurityEventVerifier build() {
            return new SecurityEventVerifier(
                    this,
                    IdJagVerifier.resolveKeySource(
                            config, trustList, keySource, fetcher, fetchSettings, algorithms, maxLength));
        }
    }
}
