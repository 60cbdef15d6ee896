package dev.authmd.core.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Mints ID-JAGs with the shape of docs/protocol.md#v01-9: header {@code {typ: "oauth-id-jag+jwt", alg, kid}}; claims
 * {@code iss, sub, aud, client_id, jti, iat, exp} (≈ iat + 5 min), {@code email, email_verified} and the optional
 * {@code amr, acr, auth_time, name, phone_number, phone_number_verified, resource, scope, agent_platform,
 * agent_context_id}.
 *
 * <pre>{@code
 * String idJag = IdJagMinter.builder(keys)
 *         .issuer("https://agents.example").subject("user-123")
 *         .audience("https://api.example.com").clientId("https://agents.example")
 *         .email("ada@example.com").emailVerified(true)
 *         .mint();
 * }</pre>
 *
 * <p>For tests, {@link #claim(String, Object)}, {@link #withoutClaim(String)}, {@link #type(String)},
 * {@link #keyId(String)} and {@link #header(String, Object)} override anything, so deliberately bad tokens can be
 * produced. {@code client_id} defaults to the issuer and {@code jti} to a random UUID. A builder mints one token shape;
 * calling {@link #mint()} twice gives two tokens with the same {@code jti} unless it is changed. Not thread-safe.
 */
public final class IdJagMinter {

    private final ProviderKeys keys;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final Map<String, Object> extraHeader = new LinkedHashMap<>();
    private final Set<String> removed = new LinkedHashSet<>();
    private Clock clock = Clock.systemUTC();
    private @Nullable Instant issuedAt;
    private @Nullable Instant expiresAt;
    private Duration lifetime = Duration.ofMinutes(5);
    private @Nullable String type = "oauth-id-jag+jwt";
    private boolean omitType;
    private @Nullable String keyId;
    private boolean omitKeyId;

    private IdJagMinter(ProviderKeys keys) {
        this.keys = keys;
        claims.put("jti", UUID.randomUUID().toString());
    }

    /**
     * Starts a minter for ID-JAGs signed with the provider's keys.
     *
     * @param keys the provider's keys; the current key signs
     * @return a builder
     */
    public static IdJagMinter builder(ProviderKeys keys) {
        return new IdJagMinter(Objects.requireNonNull(keys, "keys cannot be null"));
    }

    /**
     * Sets {@code iss}.
     *
     * @param value {@code iss}
     * @return this builder
     */
    public IdJagMinter issuer(String value) {
        return set("iss", value);
    }

    /**
     * Sets {@code sub}.
     *
     * @param value {@code sub}
     * @return this builder
     */
    public IdJagMinter subject(String value) {
        return set("sub", value);
    }

    /**
     * Sets the single {@code aud} (a string).
     *
     * @param value the single {@code aud} (a string)
     * @return this builder
     */
    public IdJagMinter audience(String value) {
        return set("aud", value);
    }

    /**
     * Sets {@code client_id}.
     *
     * @param value {@code client_id}; default the issuer
     * @return this builder
     */
    public IdJagMinter clientId(String value) {
        return set("client_id", value);
    }

    /**
     * Sets {@code jti}.
     *
     * @param value {@code jti}; default a random UUID
     * @return this builder
     */
    public IdJagMinter jti(String value) {
        return set("jti", value);
    }

    /**
     * Sets {@code email}.
     *
     * @param value {@code email}
     * @return this builder
     */
    public IdJagMinter email(String value) {
        return set("email", value);
    }

    /**
     * Sets {@code email_verified}.
     *
     * @param value {@code email_verified}
     * @return this builder
     */
    public IdJagMinter emailVerified(boolean value) {
        return set("email_verified", value);
    }

    /**
     * Sets {@code phone_number}.
     *
     * @param value {@code phone_number}
     * @return this builder
     */
    public IdJagMinter phoneNumber(String value) {
        return set("phone_number", value);
    }

    /**
     * Sets {@code phone_number_verified}.
     *
     * @param value {@code phone_number_verified}
     * @return this builder
     */
    public IdJagMinter phoneNumberVerified(boolean value) {
        return set("phone_number_verified", value);
    }

    /**
     * Sets {@code amr}.
     *
     * @param values {@code amr}
     * @return this builder
     */
    public IdJagMinter amr(List<String> values) {
        return set("amr", List.copyOf(values));
    }

    /**
     * Sets {@code acr}.
     *
     * @param value {@code acr}
     * @return this builder
     */
    public IdJagMinter acr(String value) {
        return set("acr", value);
    }

    /**
     * Sets {@code auth_time}.
     *
     * @param value {@code auth_time}
     * @return this builder
     */
    public IdJagMinter authTime(Instant value) {
        return set("auth_time", value.getEpochSecond());
    }

    /**
     * Sets {@code name}.
     *
     * @param value {@code name}
     * @return this builder
     */
    public IdJagMinter name(String value) {
        return set("name", value);
    }

    /**
     * Sets {@code resource}.
     *
     * @param value {@code resource}
     * @return this builder
     */
    public IdJagMinter resource(String value) {
        return set("resource", value);
    }

    /**
     * Sets {@code scope} (space-separated).
     *
     * @param value {@code scope} (space-separated)
     * @return this builder
     */
    public IdJagMinter scope(String value) {
        return set("scope", value);
    }

    /**
     * Sets {@code agent_platform}.
     *
     * @param value {@code agent_platform}
     * @return this builder
     */
    public IdJagMinter agentPlatform(String value) {
        return set("agent_platform", value);
    }

    /**
     * Sets {@code agent_context_id}.
     *
     * @param value {@code agent_context_id}
     * @return this builder
     */
    public IdJagMinter agentContextId(String value) {
        return set("agent_context_id", value);
    }

    /**
     * Sets the clock for {@code iat}.
     *
     * @param value the clock for {@code iat}; default UTC system clock
     * @return this builder
     */
    public IdJagMinter clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock cannot be null");
        return this;
    }

    /**
     * Sets {@code iat}.
     *
     * @param value {@code iat}; default now
     * @return this builder
     */
    public IdJagMinter issuedAt(Instant value) {
        this.issuedAt = Objects.requireNonNull(value, "issuedAt cannot be null");
        return this;
    }

    /**
     * Sets the token lifetime ({@code exp − iat}).
     *
     * @param value {@code exp − iat}; default 5 min
     * @return this builder
     */
    public IdJagMinter lifetime(Duration value) {
        this.lifetime = Objects.requireNonNull(value, "lifetime cannot be null");
        return this;
    }

    /**
     * Sets {@code exp}.
     *
     * @param value {@code exp}; overrides the lifetime
     * @return this builder
     */
    public IdJagMinter expiresAt(Instant value) {
        this.expiresAt = Objects.requireNonNull(value, "expiresAt cannot be null");
        return this;
    }

    /**
     * Sets any claim to any JSON value (String, Number, Boolean, List, Map or null for JSON null), replacing what the
     * typed setters or defaults put there, {@code iat}/{@code exp} included.
     *
     * @param name claim name
     * @param value claim value
     * @return this builder
     */
    public IdJagMinter claim(String name, Object value) {
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
    public IdJagMinter withoutClaim(String name) {
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
    public IdJagMinter type(@Nullable String value) {
        this.type = value;
        this.omitType = value == null;
        return this;
    }

    /**
     * Sets the header {@code kid}.
     *
     * @param value header {@code kid}; null leaves it out; default the current key's
     * @return this builder
     */
    public IdJagMinter keyId(@Nullable String value) {
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
    public IdJagMinter header(String name, Object value) {
        extraHeader.put(Objects.requireNonNull(name, "name cannot be null"), value);
        return this;
    }

    /** {@return the signed compact JWS} */
    public String mint() {
        Instant iat = issuedAt != null ? issuedAt : clock.instant();
        Instant exp = expiresAt != null ? expiresAt : iat.plus(lifetime);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("iss", claims.get("iss"));
        body.put("sub", claims.get("sub"));
        body.put("aud", claims.get("aud"));
        body.put("client_id", claims.getOrDefault("client_id", claims.get("iss")));
        body.put("jti", claims.get("jti"));
        body.put("iat", iat.getEpochSecond());
        body.put("exp", exp.getEpochSecond());
        body.putAll(claims);
        body.entrySet()
                .removeIf(
                        e -> removed.contains(e.getKey()) || (e.getValue() == null && !claims.containsKey(e.getKey())));
        return SignedTokenWriter.sign(
                keys, SignedTokenWriter.header(keys, type, keyId, extraHeader, omitType, omitKeyId), body);
    }

    private IdJagMinter set(String name, Object value) {
        Objects.requireNonNull(value, name + " cannot be null");
        removed.remove(name);
        claims.put(name, value);
        return this;
    }
}
