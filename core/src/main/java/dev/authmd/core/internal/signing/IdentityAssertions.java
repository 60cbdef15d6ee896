package dev.authmd.core.internal.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import dev.authmd.core.internal.jose.CompactJws;
import dev.authmd.core.internal.jose.MalformedTokenException;
import dev.authmd.core.internal.json.StrictJson;
import dev.authmd.spi.keys.SigningKey;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The identity assertion the service signs in the current profile (docs/protocol.md, current profile §4): minted for a
 * registration, exchanged at the token endpoint. This class holds the stateless half: minting, and every check of a
 * presented assertion that needs no store (shape, type, algorithm, key, signature, issuer, audience, times). Whether
 * its {@code sub} is a live registration and its {@code jti} record still {@code active} is the caller's to check next;
 * every failure, here or there, answers {@code invalid_grant}.
 *
 * <p>Thread-safe.
 */
public final class IdentityAssertions {

    /** The assertion's {@code typ}. */
    public static final String TYPE = "oauth-id-jag+jwt";

    /** The longest assertion accepted, in characters. */
    public static final int MAX_LENGTH = 16 * 1024;

    /** Claims the service puts in an assertion for a known user (after a claim, and for ID-JAG registrations). */
    public record User(String email, boolean emailVerified, List<String> amr) {
        /**
         * @param email the user's email
         * @param emailVerified whether it is verified
         * @param amr authentication methods copied from the provider's ID-JAG; empty when none
         */
        public User {
            Objects.requireNonNull(email, "email cannot be null");
            amr = List.copyOf(amr);
        }
    }

    /** A minted assertion: the token, and what its record keeps. */
    public record Minted(String assertion, String jti, Instant issuedAt, Instant expiresAt) {}

    /** The outcome of {@link #verify}: a valid assertion's claims, or why it was refused. */
    public sealed interface Verification {}

    /** Every stateless check passed. */
    public record Valid(String registrationId, String jti, Instant issuedAt, Instant expiresAt)
            implements Verification {}

    /** Refused: the reason is for logs and audit only; the wire says {@code invalid_grant}. */
    public record Invalid(String reason) implements Verification {}

    private final SigningKeySchedule keys;
    private final String issuer;
    private final Duration lifetime;
    private final Duration skew;
    private final Supplier<String> jwtIds;
    private final Clock clock;
    private final SigningCrypto crypto = new SigningCrypto();

    /**
     * @param keys the service's keys
     * @param issuer the AS issuer: {@code iss} and {@code aud} of every assertion
     * @param lifetime how long an assertion lives (at most 24 hours)
     * @param skew the clock skew allowed when checking times
     * @param jwtIds makes each {@code jti} (at least 128 random bits)
     * @param clock the service clock
     */
    public IdentityAssertions(
            SigningKeySchedule keys,
            String issuer,
            Duration lifetime,
            Duration skew,
            Supplier<String> jwtIds,
            Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys cannot be null");
        this.issuer = Objects.requireNonNull(issuer, "issuer cannot be null");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime cannot be null");
        this.skew = Objects.requireNonNull(skew, "skew cannot be null");
        this.jwtIds = Objects.requireNonNull(jwtIds, "jwtIds cannot be null");
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("the assertion lifetime must be positive and at most 24 hours");
        }
    }

    /**
     * Mints an assertion for a registration with the key that signs now.
     *
     * @param registrationId its {@code sub}
     * @param user the user's claims, or null for an unclaimed registration (no user yet)
     * @return the assertion and what its record keeps
     * @throws IllegalStateException when no key may sign now
     */
    public Minted mint(String registrationId, @Nullable User user) {
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        SigningKeySchedule.ActiveKey active = keys.activeKey();
        Instant issuedAt = clock.instant();
        Instant expiresAt = issuedAt.plus(lifetime);
        String jti = jwtIds.get();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", registrationId);
        claims.put("aud", issuer);
        claims.put("jti", jti);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        if (user != null) {
            claims.put("email", user.email());
            claims.put("email_verified", user.emailVerified());
            if (!user.amr().isEmpty()) {
                claims.put("amr", user.amr());
            }
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(active.key().algorithm()))
                .type(new JOSEObjectType(TYPE))
                .keyID(active.kid())
                .build();
        String signingInput = header.toBase64URL() + "."
                + Base64URL.encode(StrictJson.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Base64URL signature =
                    crypto.signer(active.key()).sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
            return new Minted(signingInput + "." + signature, jti, issuedAt, expiresAt);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the identity assertion failed", e);
        }
    }

    /**
     * Runs every stateless check of current profile §4 on a presented assertion, in order: a compact JWS of at most
     * {@value #MAX_LENGTH} characters; {@code typ} {@value #TYPE} (case-insensitive, an {@code application/} prefix
     * allowed); {@code alg} one of ours; {@code kid} a key we publish; the signature; {@code iss} our issuer exactly;
     * {@code aud} single-valued (a string or a one-element array) and our issuer; {@code exp} in the future and
     * {@code iat} not, within the skew; {@code exp − iat} at most the lifetime plus the skew; {@code sub} and
     * {@code jti} present.
     *
     * @param assertion the presented token
     * @return the claims the caller checks against its records next, or the reason it was refused
     */
    public Verification verify(String assertion) {
        Objects.requireNonNull(assertion, "assertion cannot be null");
        CompactJws jws;
        try {
            jws = CompactJws.parse(assertion, MAX_LENGTH);
        } catch (MalformedTokenException e) {
            return new Invalid("malformed: " + e.getMessage());
        }
        ObjectNode head = jws.header();
        String typ = text(head, "typ");
        if (typ == null || !TYPE.equals(typ.toLowerCase(Locale.ROOT).replaceFirst("^application/", ""))) {
            return new Invalid("typ is not " + TYPE);
        }
        String alg = text(head, "alg");
        if (alg == null || !SigningKey.ALGORITHMS.contains(alg)) {
            return new Invalid("alg is not one of " + SigningKey.ALGORITHMS);
        }
        String kid = text(head, "kid");
        Optional<SigningKey> key = kid == null ? Optional.empty() : keys.publishedKey(kid);
        if (key.isEmpty() || !key.get().algorithm().equals(alg)) {
            return new Invalid("kid is not a published key of this service for " + alg);
        }
        if (!signatureValid(jws, key.get())) {
            return new Invalid("signature does not verify");
        }
        ObjectNode claims = jws.payload();
        if (!issuer.equals(text(claims, "iss"))) {
            return new Invalid("iss is not this service's issuer");
        }
        if (!issuer.equals(singleAudience(claims.get("aud")))) {
            return new Invalid("aud is not this service's issuer, single-valued");
        }
        Long exp = seconds(claims, "exp");
        Long iat = seconds(claims, "iat");
        if (exp == null || iat == null) {
            return new Invalid("exp or iat missing or not a number");
        }
        long now = clock.instant().getEpochSecond();
        if (exp <= now - skew.toSeconds()) {
            return new Invalid("expired");
        }
        if (iat > now + skew.toSeconds()) {
            return new Invalid("issued in the future");
        }
        if (exp - iat > lifetime.plus(skew).toSeconds()) {
            return new Invalid("lives longer than this service's assertions");
        }
        String sub = text(claims, "sub");
        String jti = text(claims, "jti");
        if (sub == null || sub.isEmpty() || jti == null || jti.isEmpty()) {
            return new Invalid("sub or jti missing");
        }
        return new Valid(sub, jti, Instant.ofEpochSecond(iat), Instant.ofEpochSecond(exp));
    }

    private boolean signatureValid(CompactJws jws, SigningKey key) {
        try {
            JWSHeader header = jws.jwsHeader();
            return crypto.verifier(key).verify(header, jws.signingInput(), jws.encodedSignature());
        } catch (ParseException | JOSEException e) {
            return false;
        }
    }

    private static @Nullable String text(ObjectNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
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

    private static @Nullable Long seconds(ObjectNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isIntegralNumber() && value.canConvertToLong() ? value.asLong() : null;
    }
}
