package dev.authmd.core.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Mints logout tokens with the shape of docs/protocol.md#v01-9: header {@code {typ: "logout+jwt", alg, kid}}; claims
 * {@code iss, sub, aud, jti, iat, events: {"<event URI>": {}}}, and {@code exp} only when asked for (the published
 * reference provider sends none).
 *
 * <pre>{@code
 * String logout = LogoutTokenMinter.builder(keys)
 *         .issuer("https://agents.example").subject("user-123").audience("https://api.example.com")
 *         .mint();
 * }</pre>
 *
 * <p>Defaults: a random {@code jti}, {@code iat} now, the event {@value #EVENT_ASSERTION_REVOKED}.
 * {@link #claim(String, Object)}, {@link #withoutClaim(String)}, {@link #type(String)}, {@link #keyId(String)} and
 * {@link #header(String, Object)} override anything for tests. Not thread-safe.
 */
public final class LogoutTokenMinter {

    /** The v0.1 revocation event URI. */
    public static final String EVENT_ASSERTION_REVOKED =
            "https://schemas.workos.com/events/agent/auth/identity/assertion/revoked";
    /** The OpenID Back-Channel Logout event URI. */
    public static final String EVENT_BACKCHANNEL_LOGOUT = "http://schemas.openid.net/event/backchannel-logout";

    private final ProviderKeys keys;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final Map<String, Object> extraHeader = new LinkedHashMap<>();
    private final Set<String> removed = new LinkedHashSet<>();
    private final Map<String, Object> events = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private @Nullable Instant issuedAt;
    private @Nullable Instant expiresAt;
    private @Nullable Duration lifetime;
    private @Nullable String type = "logout+jwt";
    private boolean omitType;
    private @Nullable String keyId;
    private boolean omitKeyId;

    private LogoutTokenMinter(ProviderKeys keys) {
        this.keys = keys;
        claims.put("jti", UUID.randomUUID().toString());
        events.put(EVENT_ASSERTION_REVOKED, Map.of());
    }

    /**
     * Starts a minter for logout tokens signed with the provider's keys.
     *
     * @param keys the provider's keys; the current key signs
     * @return a builder
     */
    public static LogoutTokenMinter builder(ProviderKeys keys) {
        return new LogoutTokenMinter(Objects.requireNonNull(keys, "keys cannot be null"));
    }

    /**
     * Sets {@code iss}.
     *
     * @param value {@code iss}
     * @return this builder
     */
    public LogoutTokenMinter issuer(String value) {
        return set("iss", value);
    }

    /**
     * Sets {@code sub}.
     *
     * @param value {@code sub}
     * @return this builder
     */
    public LogoutTokenMinter subject(String value) {
        return set("sub", value);
    }

    /**
     * Sets the single {@code aud}.
     *
     * @param value the single {@code aud}
     * @return this builder
     */
    public LogoutTokenMinter audience(String value) {
        return set("aud", value);
    }

    /**
     * Sets {@code jti}.
     *
     * @param value {@code jti}
     * @return this builder
     */
    public LogoutTokenMinter jti(String value) {
        return set("jti", value);
    }

    /**
     * Sets the only event the token carries.
     *
     * @param eventUri the only event the token carries (with an empty object)
     * @return this builder
     */
    public LogoutTokenMinter event(String eventUri) {
        Objects.requireNonNull(eventUri, "eventUri cannot be null");
        events.clear();
        events.put(eventUri, Map.of());
        return this;
    }

    /**
     * Sets the clock for {@code iat}.
     *
     * @param value the clock for {@code iat}; default UTC system clock
     * @return this builder
     */
    public LogoutTokenMinter clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock cannot be null");
        return this;
    }

    /**
     * Sets {@code iat}.
     *
     * @param value {@code iat}; default now
     * @return this builder
     */
    public LogoutTokenMinter issuedAt(Instant value) {
        this.issuedAt = Objects.requireNonNull(value, "issuedAt cannot be null");
        return this;
    }

    /**
     * Sets a lifetime, adding {@code exp} = {@code iat} + this.
     *
     * @param value adds {@code exp} = {@code iat} + this
     * @return this builder
     */
    public LogoutTokenMinter lifetime(Duration value) {
        this.lifetime = Objects.requireNonNull(value, "lifetime cannot be null");
        return this;
    }

    /**
     * Sets {@code exp}.
     *
     * @param value adds this {@code exp}
     * @return this builder
     */
    public LogoutTokenMinter expiresAt(Instant value) {
        this.expiresAt = Objects.requireNonNull(value, "expiresAt cannot be null");
        return this;
    }

    /**
     * Adds a claim.
     *
     * @param name claim name
     * @param value any JSON value, null for JSON null
     * @return this builder
     */
    public LogoutTokenMinter claim(String name, @Nullable Object value) {
        Objects.requireNonNull(name, "name cannot be null");
        removed.remove(name);
        claims.put(name, value);
        return this;
    }

    /**
     * Leaves a claim out of the token.
     *
     * @param name a claim to leave out (defaults included)
     * @return this builder
     */
    public LogoutTokenMinter withoutClaim(String name) {
        removed.add(Objects.requireNonNull(name, "name cannot be null"));
        claims.remove(name);
        return this;
    }

    /**
     * Sets the header {@code typ}.
     *
     * @param value header {@code typ}; null leaves it out
     * @return this builder
     */
    public LogoutTokenMinter type(@Nullable String value) {
        this.type = value;
        this.omitType = value == null;
        return this;
    }

    /**
     * Sets the header {@code kid}.
     *
     * @param value header {@code kid}; null leaves it out
     * @return this builder
     */
    public LogoutTokenMinter keyId(@Nullable String value) {
        this.keyId = value;
        this.omitKeyId = value == null;
        return this;
    }

    /**
     * Adds a header parameter.
     *
     * @param name an extra header parameter
     * @param value its JSON value
     * @return this builder
     */
    public LogoutTokenMinter header(String name, Object value) {
        extraHeader.put(Objects.requireNonNull(name, "name cannot be null"), value);
        return this;
    }

    /** {@return the signed compact JWS} */
    public String mint() {
        Instant iat = issuedAt != null ? issuedAt : clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("iss", claims.get("iss"));
        body.put("sub", claims.get("sub"));
        body.put("aud", claims.get("aud"));
        body.put("jti", claims.get("jti"));
        body.put("iat", iat.getEpochSecond());
        if (expiresAt != null) {
            body.put("exp", expiresAt.getEpochSecond());
        } else if (lifetime != null) {
            body.put("exp", iat.plus(lifetime).getEpochSecond());
        }
        body.put("events", new LinkedHashMap<>(events));
        body.putAll(claims);
        body.entrySet()
                .removeIf(
                        e -> removed.contains(e.getKey()) || (e.getValue() == null && !claims.containsKey(e.getKey())));
        return SignedTokenWriter.sign(
                keys, SignedTokenWriter.header(keys, type, keyId, extraHeader, omitType, omitKeyId), body);
    }

    private LogoutTokenMinter set(String name, Object value) {
        Objects.requireNonNull(value, name + " cannot be null");
        removed.remove(name);
        claims.put(name, value);
        return this;
    }
}
