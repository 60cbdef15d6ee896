package dev.authmd.core.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Mints the security event tokens (RFC 8417) a provider pushes to the current profile's events endpoint (RFC 8935;
 * docs/protocol.md, current profile §9): header {@code {typ: "secevent+jwt", alg, kid}}; claims {@code iss, sub, aud,
 * jti, iat, events: {"<event URI>": {}}}, or an RFC 9493 {@code sub_id} of format {@code iss_sub} in place of
 * {@code sub}, and {@code exp} only when asked for.
 *
 * <pre>{@code
 * String set = SecurityEventMinter.builder(keys)
 *         .issuer("https://agents.example").subject("user-123").audience("https://api.example.com")
 *         .mint();   // POST it with Content-Type: application/secevent+jwt
 * }</pre>
 *
 * <p>Defaults: a random {@code jti}, {@code iat} now, the event {@value #EVENT_ASSERTION_REVOKED}.
 * {@link #claim(String, Object)}, {@link #withoutClaim(String)}, {@link #type(String)}, {@link #keyId(String)} and
 * {@link #header(String, Object)} make the bad tokens tests need. Not thread-safe.
 */
public final class SecurityEventMinter {

    /** The event that revokes a provider's delegation for a user. */
    public static final String EVENT_ASSERTION_REVOKED = LogoutTokenMinter.EVENT_ASSERTION_REVOKED;

    private final LogoutTokenMinter token;
    private @Nullable String issuer;

    private SecurityEventMinter(ProviderKeys keys) {
        this.token = LogoutTokenMinter.builder(keys).type("secevent+jwt").event(EVENT_ASSERTION_REVOKED);
    }

    /**
     * Starts a minter for security event tokens signed with the provider's keys.
     *
     * @param keys the provider's keys; the current key signs
     * @return a builder
     */
    public static SecurityEventMinter builder(ProviderKeys keys) {
        return new SecurityEventMinter(Objects.requireNonNull(keys, "keys cannot be null"));
    }

    /**
     * Sets {@code iss}.
     *
     * @param value {@code iss}
     * @return this builder
     */
    public SecurityEventMinter issuer(String value) {
        this.issuer = Objects.requireNonNull(value, "iss cannot be null");
        token.issuer(value);
        return this;
    }

    /**
     * Names the user with a top-level {@code sub}.
     *
     * @param value the provider's user id, as in its ID-JAGs
     * @return this builder
     */
    public SecurityEventMinter subject(String value) {
        token.withoutClaim("sub_id");
        token.subject(value);
        return this;
    }

    /**
     * Names the user with an RFC 9493 {@code sub_id} {@code {"format": "iss_sub", "iss": <issuer>, "sub": value}}
     * instead of {@code sub}. Set the issuer first.
     *
     * @param value the provider's user id
     * @return this builder
     * @throws IllegalStateException when no issuer was set
     */
    public SecurityEventMinter subjectId(String value) {
        Objects.requireNonNull(value, "sub cannot be null");
        if (issuer == null) {
            throw new IllegalStateException("set the issuer before a sub_id, which names it");
        }
        Map<String, Object> subId = new LinkedHashMap<>();
        subId.put("format", "iss_sub");
        subId.put("iss", issuer);
        subId.put("sub", value);
        token.withoutClaim("sub");
        token.claim("sub_id", subId);
        return this;
    }

    /**
     * Sets the single {@code aud}.
     *
     * @param value the single {@code aud}: the service's AS issuer or protected resource
     * @return this builder
     */
    public SecurityEventMinter audience(String value) {
        token.audience(value);
        return this;
    }

    /**
     * Sets {@code jti}.
     *
     * @param value {@code jti}
     * @return this builder
     */
    public SecurityEventMinter jti(String value) {
        token.jti(value);
        return this;
    }

    /**
     * Sets the only event the token carries, with an empty object.
     *
     * @param eventUri the event URI
     * @return this builder
     */
    public SecurityEventMinter event(String eventUri) {
        token.event(eventUri);
        return this;
    }

    /**
     * Sets the clock for {@code iat}.
     *
     * @param value the clock; default UTC system clock
     * @return this builder
     */
    public SecurityEventMinter clock(Clock value) {
        token.clock(value);
        return this;
    }

    /**
     * Sets {@code iat}.
     *
     * @param value {@code iat}; default now
     * @return this builder
     */
    public SecurityEventMinter issuedAt(Instant value) {
        token.issuedAt(value);
        return this;
    }

    /**
     * Adds {@code exp} = {@code iat} + a lifetime.
     *
     * @param value the lifetime
     * @return this builder
     */
    public SecurityEventMinter lifetime(Duration value) {
        token.lifetime(value);
        return this;
    }

    /**
     * Adds any claim, replacing a default one.
     *
     * @param name claim name
     * @param value any JSON value, null for JSON null
     * @return this builder
     */
    public SecurityEventMinter claim(String name, @Nullable Object value) {
        token.claim(name, value);
        return this;
    }

    /**
     * Leaves a claim out, defaults included.
     *
     * @param name the claim
     * @return this builder
     */
    public SecurityEventMinter withoutClaim(String name) {
        token.withoutClaim(name);
        return this;
    }

    /**
     * Sets the header {@code typ}.
     *
     * @param value header {@code typ}; null leaves it out
     * @return this builder
     */
    public SecurityEventMinter type(@Nullable String value) {
        token.type(value);
        return this;
    }

    /**
     * Sets the header {@code kid}.
     *
     * @param value header {@code kid}; null leaves it out
     * @return this builder
     */
    public SecurityEventMinter keyId(@Nullable String value) {
        token.keyId(value);
        return this;
    }

    /**
     * Adds a header parameter.
     *
     * @param name an extra header parameter
     * @param value its JSON value
     * @return this builder
     */
    public SecurityEventMinter header(String name, Object value) {
        token.header(name, value);
        return this;
    }

    /** {@return the signed compact JWS} */
    public String mint() {
        return token.mint();
    }
}
