package dev.authmd.core.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.fetch.FetchSettings;
import dev.authmd.core.internal.json.StrictJson;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.http.HttpFetcher;
import dev.authmd.spi.store.ReplayCache;
import dev.authmd.spi.store.ReplayKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies logout tokens sent to {@code revocation_uri} (docs/protocol.md#v01-6), in this order; the first failed check
 * decides the error:
 *
 * <ol>
 *   <li>compact JWS ≤ 16 KiB, strict JSON, {@code typ} {@code logout+jwt} (case-insensitive, {@code application/}
 *       prefix allowed) → {@code invalid_request};
 *   <li>{@code alg} allowed → {@code invalid_signature}; {@code iss} trusted → {@code invalid_issuer}; no {@code crit},
 *       signature → {@code invalid_signature}; one accepted {@code aud} → {@code invalid_audience} (as for ID-JAGs);
 *   <li>{@code iat} present and ≤ now + skew → {@code invalid_request}; {@code exp}, when present, with {@code now <
 *       exp + skew} → else {@code expired}, and {@code exp − iat} ≤ the maximum assertion lifetime → else
 *       {@code invalid_request}; without {@code exp}: {@code invalid_request} when {@link Builder#requireExp(boolean)},
 *       otherwise accepted while {@code now < iat + window + skew} (window default 5 min) → else {@code expired};
 *   <li>{@code sub} and {@code jti} present, no {@code nonce}, {@code events} an object whose member for a supported
 *       event URI is an object → {@code invalid_request};
 *   <li>{@code (iss, jti)} first use in namespace {@value #REPLAY_NAMESPACE}, kept until the (possibly implicit) expiry
 *       + skew → {@code replay_detected}.
 * </ol>
 *
 * <p>{@link #extractToken(String, byte[])} reads the token from either transport. Thread-safe.
 */
public final class LogoutTokenVerifier {

    /** The explicit {@code typ} of a logout token. */
    public static final String TYP = "logout+jwt";
    /** The replay-cache namespace of logout tokens. */
    public static final String REPLAY_NAMESPACE = "logout";
    /** The media type of the bare-JWT transport. */
    public static final String MEDIA_TYPE_LOGOUT_JWT = "application/logout+jwt";
    /** The media type of the OIDC Back-Channel Logout form transport. */
    public static final String MEDIA_TYPE_FORM = "application/x-www-form-urlencoded";

    private final ProviderKeySource keys;
    private final ReplayCache replayCache;
    private final Clock clock;
    private final Set<String> algorithms;
    private final Set<String> audiences;
    private final Set<String> events;
    private final Duration skew;
    private final Duration maxLifetime;
    private final Duration iatWindow;
    private final boolean requireExp;
    private final int maxLength;

    private LogoutTokenVerifier(Builder b, ProviderKeySource keys) {
        this.keys = keys;
        this.replayCache = b.replayCache;
        this.clock = b.clock;
        this.algorithms = Set.copyOf(b.algorithms);
        this.audiences = Set.copyOf(b.config.acceptedAudiences());
        this.events = Set.copyOf(b.config.eventsSupported());
        this.skew = b.config.clockSkew();
        this.maxLifetime = b.config.maxAssertionLifetime();
        this.iatWindow = b.iatWindow;
        this.requireExp = b.requireExp;
        this.maxLength = b.maxLength;
    }

    /**
     * Starts a builder for a logout token verifier.
     *
     * @param config the service configuration (audiences, skew, supported events, dev hosts)
     * @param trustList the trusted providers
     * @param replayCache where used {@code jti}s are recorded
     * @return a builder
     */
    public static Builder builder(AgentAuthConfig config, TrustList trustList, ReplayCache replayCache) {
        return new Builder(config, trustList, replayCache);
    }

    /**
     * Reads the logout token from a revocation request body: the bare JWT with {@code Content-Type:
     * application/logout+jwt}, or the form field {@code logout_token} of an {@code application/x-www-form-urlencoded}
     * body (exactly one). Media type parameters such as {@code charset} are ignored.
     *
     * @param contentType the request's {@code Content-Type}, or null
     * @param body the request body
     * @return the token, or an {@code invalid_request} rejection
     */
    public static AssertionResult<String> extractToken(@Nullable String contentType, byte[] body) {
        Objects.requireNonNull(body, "body cannot be null");
        String mediaType =
                contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String text = new String(body, StandardCharsets.UTF_8);
        if (mediaType.equals(MEDIA_TYPE_LOGOUT_JWT)) {
            String token = text.trim();
            return token.isEmpty() ? invalid("the request body holds no logout token") : AssertionResult.valid(token);
        }
        if (mediaType.equals(MEDIA_TYPE_FORM)) {
            List<String> tokens = new ArrayList<>();
            for (String pair : text.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                try {
                    if (URLDecoder.decode(name, StandardCharsets.UTF_8).equals("logout_token")) {
                        tokens.add(URLDecoder.decode(value, StandardCharsets.UTF_8));
                    }
                } catch (IllegalArgumentException e) {
                    return invalid("the form body is not valid x-www-form-urlencoded");
                }
            }
            if (tokens.size() != 1 || tokens.get(0).isBlank()) {
                return invalid("the form body must hold exactly one logout_token");
            }
            return AssertionResult.valid(tokens.get(0).trim());
        }
        return invalid("the logout token must be sent as " + MEDIA_TYPE_LOGOUT_JWT + " or as logout_token in "
                + MEDIA_TYPE_FORM);
    }

    private static AssertionResult<String> invalid(String message) {
        return AssertionResult.rejected(AssertionRejection.of(ProtocolError.INVALID_REQUEST, message));
    }

    /** {@return the key source this verifier uses} */
    public ProviderKeySource keySource() {
        return keys;
    }

    /**
     * Verifies one logout token and, when it passes, consumes its {@code jti}.
     *
     * @param token the compact JWS
     * @return the verified token, or the rejection deciding the wire error
     * @throws dev.authmd.spi.store.StoreException when the replay cache fails
     */
    public AssertionResult<VerifiedLogoutToken> verify(String token) {
        Objects.requireNonNull(token, "token cannot be null");
        try {
            return AssertionResult.valid(check(token));
        } catch (Rejection r) {
            return AssertionResult.rejected(r.rejection());
        }
    }

    private VerifiedLogoutToken check(String token) throws Rejection {
        Instant now = clock.instant();
        TokenChecks.Checked checked =
                TokenChecks.check(token, TYP, maxLength, algorithms, keys, audiences, now.toEpochMilli());
        ObjectNode claims = checked.jws().payload();

        Instant iat = TokenChecks.numericDate(claims, "iat");
        Instant exp = TokenChecks.numericDate(claims, "exp");
        if (iat == null) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "iat is required");
        }
        if (iat.isAfter(now.plus(skew))) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "iat is in the future");
        }
        Instant expiryLimit;
        if (exp != null) {
            expiryLimit = exp.plus(skew);
            if (!now.isBefore(expiryLimit)) {
                throw new Rejection(ProtocolError.EXPIRED, "the logout token has expired");
            }
            if (!exp.isAfter(iat) || Duration.between(iat, exp).compareTo(maxLifetime) > 0) {
                throw new Rejection(
                        ProtocolError.INVALID_REQUEST,
                        "exp must be after iat and at most " + maxLifetime.toSeconds() + " seconds later");
            }
        } else {
            if (requireExp) {
                throw new Rejection(ProtocolError.INVALID_REQUEST, "exp is required");
            }
            expiryLimit = iat.plus(iatWindow).plus(skew);
            if (!now.isBefore(expiryLimit)) {
                throw new Rejection(ProtocolError.EXPIRED, "the logout token is too old");
            }
        }

        String subject = TokenChecks.requiredString(claims, "sub");
        String jti = TokenChecks.requiredString(claims, "jti");
        if (claims.has("nonce")) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "a logout token must not carry a nonce");
        }
        JsonNode eventsClaim = claims.get("events");
        if (eventsClaim == null || !eventsClaim.isObject()) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "events must be a JSON object");
        }
        boolean supported = false;
        for (String event : events) {
            JsonNode value = eventsClaim.get(event);
            if (value != null) {
                if (!value.isObject()) {
                    throw new Rejection(
                            ProtocolError.INVALID_REQUEST, "the value of a logout event must be a JSON object");
                }
                supported = true;
            }
        }
        if (!supported) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "events names no event this service supports");
        }

        if (!replayCache.markUsed(new ReplayKey(REPLAY_NAMESPACE, checked.issuer(), jti), now, expiryLimit)) {
            throw new Rejection(ProtocolError.REPLAY_DETECTED, "this logout token was already used");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> eventMap = StrictJson.MAPPER.convertValue(eventsClaim, LinkedHashMap.class);
        return new VerifiedLogoutToken(
                checked.provider(),
                checked.issuer(),
                subject,
                checked.audience(),
                jti,
                eventMap,
                iat,
                Optional.ofNullable(exp));
    }

    /** Builds a {@link LogoutTokenVerifier}. Not thread-safe. */
    public static final class Builder {
        private final AgentAuthConfig config;
        private final TrustList trustList;
        private final ReplayCache replayCache;
        private @Nullable HttpFetcher fetcher;
        private FetchSettings fetchSettings = FetchSettings.defaults();
        private @Nullable ProviderKeySource keySource;
        private Clock clock = Clock.systemUTC();
        private Set<String> algorithms = TrustedProvider.SUPPORTED_ALGORITHMS;
        private Duration iatWindow = Duration.ofMinutes(5);
        private boolean requireExp;
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
         * Shares a key source with the ID-JAG verifier (same trust list).
         *
         * @param source a key source shared with the ID-JAG verifier (same trust list)
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
         * Sets the global allow-list.
         *
         * @param algs the global allow-list
         * @return this builder
         */
        public Builder algorithms(Set<String> algs) {
            this.algorithms = Set.copyOf(Objects.requireNonNull(algs, "algorithms cannot be null"));
            return this;
        }

        /**
         * Sets how old a token without {@code exp} may be.
         *
         * @param window how old a token without {@code exp} may be; default 5 min
         * @return this builder
         */
        public Builder iatWindow(Duration window) {
            Objects.requireNonNull(window, "window cannot be null");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("iatWindow must be positive");
            }
            this.iatWindow = window;
            return this;
        }

        /**
         * Sets whether tokens without {@code exp} are refused (strict setting).
         *
         * @param required strict setting: refuse tokens without {@code exp}; default false
         * @return this builder
         */
        public Builder requireExp(boolean required) {
            this.requireExp = required;
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
        public LogoutTokenVerifier build() {
            return new LogoutTokenVerifier(
                    this,
                    IdJagVerifier.resolveKeySource(
                            config, trustList, keySource, fetcher, fetchSettings, algorithms, maxLength));
        }
    }
}
