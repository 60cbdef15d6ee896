package dev.authmd.core.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import dev.authmd.core.internal.json.StrictJson;
import dev.authmd.core.signing.InMemorySigningKeySource;
import dev.authmd.core.testsupport.MutableClock;
import dev.authmd.spi.keys.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Current profile §4: the service's identity assertion, minted and checked (the stateless checks). */
class IdentityAssertionsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final String ISSUER = "https://as.example";
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration SKEW = Duration.ofSeconds(60);

    private static final SigningKey EC = InMemorySigningKeySource.newKey("ES256", T0, T0);
    private static final SigningKey STRANGER = InMemorySigningKeySource.newKey("ES256", T0, T0);
    private static final SigningKey UPCOMING =
            InMemorySigningKeySource.newKey("RS256", T0.plus(Duration.ofDays(30)), T0.plus(Duration.ofDays(31)));

    private final MutableClock clock = new MutableClock(T0);
    private final AtomicInteger ids = new AtomicInteger();
    private final SigningKeySchedule schedule =
            new SigningKeySchedule(() -> List.of(EC, UPCOMING), LIFETIME, SKEW, clock);
    private final IdentityAssertions assertions =
            new IdentityAssertions(schedule, ISSUER, LIFETIME, SKEW, () -> "jti-" + ids.incrementAndGet(), clock);

    @Test
    void mintWhenUnclaimedThenTheClaimsOfSection4AndNoUser() throws Exception {
        IdentityAssertions.Minted minted = assertions.mint("reg_1", null);

        SignedJWT jwt = SignedJWT.parse(minted.assertion());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("oauth-id-jag+jwt");
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(schedule.kid(EC));
        Map<String, Object> claims = jwt.getJWTClaimsSet().toJSONObject();
        assertThat(claims)
                .containsOnlyKeys("iss", "sub", "aud", "jti", "iat", "exp")
                .containsEntry("iss", ISSUER)
                .containsEntry("sub", "reg_1")
                .containsEntry("aud", ISSUER)
                .containsEntry("jti", "jti-1");
        assertThat(jwt.getPayload().toString()).contains("\"aud\":\"https://as.example\"");
        assertThat(minted.issuedAt()).isEqualTo(T0);
        assertThat(minted.expiresAt()).isEqualTo(T0.plus(LIFETIME));
        assertThat(minted.jti()).isEqualTo("jti-1");

        assertThat(assertions.verify(minted.assertion()))
                .isEqualTo(new IdentityAssertions.Valid("reg_1", "jti-1", T0, T0.plus(LIFETIME)));
    }

    @Test
    void mintWhenUserKnownThenEmailAndAmrButNoScope() throws Exception {
        IdentityAssertions.Minted minted =
                assertions.mint("reg_2", new IdentityAssertions.User("ada@example.com", true, List.of("pwd", "mfa")));
        Map<String, Object> claims =
                SignedJWT.parse(minted.assertion()).getJWTClaimsSet().toJSONObject();
        assertThat(claims)
                .containsEntry("email", "ada@example.com")
                .containsEntry("email_verified", true)
                .containsEntry("amr", List.of("pwd", "mfa"))
                .doesNotContainKeys("scope", "client_id", "registration_type");
    }

    @Test
    void verifyWhenReusedUntilExpiryThenValidEachTimeAndRefusedAfter() {
        String token = assertions.mint("reg_3", null).assertion();
        for (int i = 0; i < 3; i++) {
            assertThat(assertions.verify(token)).isInstanceOf(IdentityAssertions.Valid.class);
        }
        clock.advance(LIFETIME.plus(SKEW).minusSeconds(1));
        assertThat(assertions.verify(token)).isInstanceOf(IdentityAssertions.Valid.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(assertions.verify(token)).isEqualTo(new IdentityAssertions.Invalid("expired"));
    }

    @Test
    void verifyWhenTheKeyIsNoLongerPublishedThenRefused() {
        SigningKey retiring = new SigningKey(
                EC.algorithm(), EC.privateKey(), EC.publicKey(), T0, T0, T0.plus(Duration.ofMinutes(30)));
        MutableClock later = new MutableClock(T0);
        SigningKeySchedule keys = new SigningKeySchedule(
                () -> List.of(retiring, InMemorySigningKeySource.newKey("ES256", T0, T0.plus(Duration.ofMinutes(30)))),
                LIFETIME,
                SKEW,
                later);
        IdentityAssertions service = new IdentityAssertions(keys, ISSUER, LIFETIME, SKEW, () -> "j", later);
        String token = service.mint("reg_4", null).assertion();
        later.set(T0.plus(Duration.ofMinutes(30)).plus(LIFETIME).plus(SKEW));
        assertThat(service.verify(token))
                .isEqualTo(new IdentityAssertions.Invalid("kid is not a published key of this service for ES256"));
    }

    @Test
    void constructorWhenLifetimeOutOfRangeThenRefused() {
        assertThatThrownBy(() -> new IdentityAssertions(schedule, ISSUER, Duration.ofHours(25), SKEW, () -> "j", clock))
                .hasMessage("the assertion lifetime must be positive and at most 24 hours");
        assertThatThrownBy(() -> new IdentityAssertions(schedule, ISSUER, Duration.ZERO, SKEW, () -> "j", clock))
                .hasMessage("the assertion lifetime must be positive and at most 24 hours");
    }

    static Stream<Arguments> refused() {
        long iat = T0.getEpochSecond();
        return Stream.of(
                Arguments.of("empty", raw(""), "malformed: the token is empty"),
                Arguments.of(
                        "two segments",
                        raw("eyJhbGciOiJFUzI1NiJ9.e30"),
                        "malformed: the token is not a compact JWS (three dot-separated segments)"),
                Arguments.of(
                        "not base64url",
                        raw("a*b.c.d"),
                        "malformed: the token holds a character outside the base64url alphabet"),
                Arguments.of(
                        "too long",
                        raw("a".repeat(IdentityAssertions.MAX_LENGTH + 1)),
                        "malformed: the token is longer than 16384 characters"),
                Arguments.of(
                        "header not JSON",
                        raw(Base64URL.encode("nope") + "." + Base64URL.encode("{}") + ".c2ln"),
                        "malformed: the header is not a single JSON object without duplicate members"),
                Arguments.of("typ missing", forged(h -> h.remove("typ"), c -> {}), "typ is not oauth-id-jag+jwt"),
                Arguments.of("typ JWT", forged(h -> h.put("typ", "JWT"), c -> {}), "typ is not oauth-id-jag+jwt"),
                Arguments.of(
                        "typ of a logout token",
                        forged(h -> h.put("typ", "logout+jwt"), c -> {}),
                        "typ is not oauth-id-jag+jwt"),
                Arguments.of("alg none", unsigned(), "alg is not one of " + SigningKey.ALGORITHMS),
                Arguments.of("alg HS256 with our kid", hmac(), "alg is not one of " + SigningKey.ALGORITHMS),
                Arguments.of(
                        "alg RS256 on our EC kid",
                        forged(h -> h.put("alg", "RS256"), c -> {}),
                        "kid is not a published key of this service for RS256"),
                Arguments.of(
                        "kid missing",
                        forged(h -> h.remove("kid"), c -> {}),
                        "kid is not a published key of this service for ES256"),
                Arguments.of(
                        "kid unknown",
                        forged(h -> h.put("kid", "someone-else"), c -> {}),
                        "kid is not a published key of this service for ES256"),
                Arguments.of(
                        "kid of a key not yet published",
                        forged(h -> h.put("kid", kidOf(UPCOMING)).put("alg", "RS256"), c -> {}, UPCOMING),
                        "kid is not a published key of this service for RS256"),
                Arguments.of(
                        "signed by a stranger under our kid",
                        forged(h -> {}, c -> {}, STRANGER),
                        "signature does not verify"),
                Arguments.of("claims changed after signing", tampered(), "signature does not verify"),
                Arguments.of(
                        "iss another",
                        forged(h -> {}, c -> c.put("iss", "https://evil.example")),
                        "iss is not this service's issuer"),
                Arguments.of("iss missing", forged(h -> {}, c -> c.remove("iss")), "iss is not this service's issuer"),
                Arguments.of(
                        "iss with a trailing slash",
                        forged(h -> {}, c -> c.put("iss", ISSUER + "/")),
                        "iss is not this service's issuer"),
                Arguments.of(
                        "aud another",
                        forged(h -> {}, c -> c.put("aud", "https://api.example")),
                        "aud is not this service's issuer, single-valued"),
                Arguments.of(
                        "aud two values",
                        forged(h -> {}, c -> c.put("aud", List.of(ISSUER, "x"))),
                        "aud is not this service's issuer, single-valued"),
                Arguments.of(
                        "aud a number",
                        forged(h -> {}, c -> c.put("aud", 7)),
                        "aud is not this service's issuer, single-valued"),
                Arguments.of(
                        "aud missing",
                        forged(h -> {}, c -> c.remove("aud")),
                        "aud is not this service's issuer, single-valued"),
                Arguments.of(
                        "exp missing", forged(h -> {}, c -> c.remove("exp")), "exp or iat missing or not a number"),
                Arguments.of(
                        "exp a string",
                        forged(h -> {}, c -> c.put("exp", "tomorrow")),
                        "exp or iat missing or not a number"),
                Arguments.of(
                        "iat a fraction",
                        forged(h -> {}, c -> c.put("iat", 1.5)),
                        "exp or iat missing or not a number"),
                Arguments.of(
                        "expired", forged(h -> {}, c -> c.put("iat", iat - 7200).put("exp", iat - 3600)), "expired"),
                Arguments.of(
                        "issued in the future",
                        forged(h -> {}, c -> c.put("iat", iat + 120).put("exp", iat + 3000)),
                        "issued in the future"),
                Arguments.of(
                        "lives a day",
                        forged(h -> {}, c -> c.put("exp", iat + 86_400)),
                        "lives longer than this service's assertions"),
                Arguments.of("sub missing", forged(h -> {}, c -> c.remove("sub")), "sub or jti missing"),
                Arguments.of("sub empty", forged(h -> {}, c -> c.put("sub", "")), "sub or jti missing"),
                Arguments.of("jti missing", forged(h -> {}, c -> c.remove("jti")), "sub or jti missing"),
                Arguments.of("jti a number", forged(h -> {}, c -> c.put("jti", 42)), "sub or jti missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void verifyWhenTheAssertionIsBadThenInvalidWithItsReason(String name, String token, String reason) {
        assertThat(assertions.verify(token)).isEqualTo(new IdentityAssertions.Invalid(reason));
    }

    @Test
    void verifyWhenTypIsSpelledOtherwiseThenStillAccepted() {
        assertThat(assertions.verify(forged(h -> h.put("typ", "application/OAUTH-ID-JAG+JWT"), c -> {})))
                .isInstanceOf(IdentityAssertions.Valid.class);
        assertThat(assertions.verify(forged(h -> {}, c -> c.put("aud", List.of(ISSUER)))))
                .isInstanceOf(IdentityAssertions.Valid.class);
    }

    // --- forging ---------------------------------------------------------------------------------

    private static String raw(String token) {
        return token;
    }

    private static String kidOf(SigningKey key) {
        return new SigningKeySchedule(() -> List.of(key), LIFETIME, SKEW, new MutableClock(T0)).kid(key);
    }

    private static Map<String, Object> header() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("typ", "oauth-id-jag+jwt");
        header.put("kid", kidOf(EC));
        return header;
    }

    private static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", "reg_9");
        claims.put("aud", ISSUER);
        claims.put("jti", "jti-9");
        claims.put("iat", T0.getEpochSecond());
        claims.put("exp", T0.plus(LIFETIME).getEpochSecond());
        return claims;
    }

    private static String forged(Consumer<MapEditor> header, Consumer<MapEditor> claims) {
        return forged(header, claims, EC);
    }

    private static String forged(Consumer<MapEditor> header, Consumer<MapEditor> claims, SigningKey key) {
        MapEditor h = new MapEditor(header());
        header.accept(h);
        MapEditor c = new MapEditor(claims());
        claims.accept(c);
        String input = encode(h.map) + "." + encode(c.map);
        try {
            JWSHeader jwsHeader = new JWSHeader(JWSAlgorithm.parse(key.algorithm()));
            Base64URL signature = key.privateKey() instanceof ECPrivateKey ec
                    ? new ECDSASigner(ec).sign(jwsHeader, input.getBytes(StandardCharsets.US_ASCII))
                    : new RSASSASigner(key.privateKey()).sign(jwsHeader, input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + signature;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned() {
        MapEditor h = new MapEditor(header());
        h.put("alg", "none");
        return encode(h.map) + "." + encode(claims()) + ".";
    }

    private static String hmac() {
        MapEditor h = new MapEditor(header());
        h.put("alg", "HS256");
        String input = encode(h.map) + "." + encode(claims());
        try {
            Base64URL signature = new MACSigner(new byte[32])
                    .sign(new JWSHeader(JWSAlgorithm.HS256), input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + signature;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tampered() {
        String token = forged(h -> {}, c -> {});
        String[] parts = token.split("\\.");
        Map<String, Object> claims = claims();
        claims.put("sub", "reg_someone_else");
        return parts[0] + "." + encode(claims) + "." + parts[2];
    }

    private static String encode(Map<String, Object> map) {
        return Base64URL.encode(StrictJson.write(map).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** A map with chainable edits, for one-line forgeries. */
    static final class MapEditor {
        final Map<String, Object> map;

        MapEditor(Map<String, Object> map) {
            this.map = map;
        }

        MapEditor put(String key, Object value) {
            map.put(key, value);
            return this;
        }

        MapEditor remove(String key) {
            map.remove(key);
            return this;
        }
    }
}
