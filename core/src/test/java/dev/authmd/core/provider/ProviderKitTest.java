package dev.authmd.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderKitTest {

    private static final Instant T = Instant.parse("2026-05-04T12:00:00Z");

    @Test
    void generateWhenEcThenPublicJwksHasOneSigningKeyWithKid() throws Exception {
        ProviderKeys keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);

        JWKSet jwks = JWKSet.parse(keys.jwksJson());

        assertThat(jwks.getKeys()).hasSize(1);
        JWK key = jwks.getKeys().get(0);
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.getKeyID()).isEqualTo(keys.currentKid()).isNotBlank();
        assertThat(key.getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
        assertThat(keys.jwksJson()).doesNotContain("\"d\"");
    }

    @Test
    void rotateWhenCalledThenNewCurrentKeyAndPreviousStillPublished() throws Exception {
        ProviderKeys first = ProviderKeys.generate(ProviderKeys.KeyType.RSA_2048);
        ProviderKeys second = first.rotate();
        ProviderKeys third = second.rotate();

        assertThat(second.currentKid()).isNotEqualTo(first.currentKid());
        assertThat(second.previousKid()).contains(first.currentKid());
        assertThat(JWKSet.parse(second.jwksJson()).getKeys())
                .extracting(JWK::getKeyID)
                .containsExactly(second.currentKid(), first.currentKid());
        assertThat(JWKSet.parse(third.jwksJson()).getKeys())
                .extracting(JWK::getKeyID)
                .containsExactly(third.currentKid(), second.currentKid());
        assertThat(third.jwksJson()).doesNotContain("\"d\"").doesNotContain("\"p\"");
    }

    @Test
    void fromPrivateJwksWhenSavedThenSameKeysRestored() {
        ProviderKeys keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256).rotate();

        ProviderKeys restored = ProviderKeys.fromPrivateJwks(keys.privateJwksJson());

        assertThat(restored.currentKid()).isEqualTo(keys.currentKid());
        assertThat(restored.previousKid()).isEqualTo(keys.previousKid());
        assertThat(restored.jwksJson()).isEqualTo(keys.jwksJson());
        assertThatThrownBy(() -> ProviderKeys.fromPrivateJwks(keys.jwksJson())).hasMessageContaining("private");
        assertThatThrownBy(() -> ProviderKeys.fromPrivateJwks("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idJagMinterWhenAllClaimsSetThenShapeOfSection9() throws Exception {
        ProviderKeys keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);

        SignedJWT jwt = SignedJWT.parse(IdJagMinter.builder(keys)
                .issuer("https://p.example")
                .subject("s")
                .audience("https://api.example.com")
                .jti("j")
                .email("e@example.com")
                .emailVerified(true)
                .phoneNumber("+1555")
                .phoneNumberVerified(false)
                .amr(List.of("pwd"))
                .acr("loa1")
                .authTime(T)
                .name("N")
                .resource("https://api.example.com")
                .scope("a b")
                .agentPlatform("p")
                .agentContextId("c")
                .issuedAt(T)
                .mint());

        assertThat(jwt.getHeader().getType().getType()).isEqualTo("oauth-id-jag+jwt");
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.currentKid());
        Map<String, Object> claims = jwt.getJWTClaimsSet().toJSONObject();
        assertThat(claims)
                .containsEntry("iss", "https://p.example")
                .containsEntry("sub", "s")
                .containsEntry("aud", "https://api.example.com")
                .containsEntry("client_id", "https://p.example")
                .containsEntry("jti", "j")
                .containsEntry("iat", T.getEpochSecond())
                .containsEntry("exp", T.plusSeconds(300).getEpochSecond())
                .containsEntry("email_verified", true)
                .containsEntry("auth_time", T.getEpochSecond())
                .containsEntry("agent_context_id", "c")
                .containsKeys(
                        "phone_number",
                        "phone_number_verified",
                        "amr",
                        "acr",
                        "name",
                        "resource",
                        "scope",
                        "agent_platform");
    }

    @Test
    void idJagMinterWhenOverriddenThenBadTokensPossible() throws Exception {
        ProviderKeys keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);

        SignedJWT jwt = SignedJWT.parse(IdJagMinter.builder(keys)
                .issuer("i")
                .subject("s")
                .audience("a")
                .type(null)
                .keyId("other")
                .header("jku", "https://evil.example")
                .claim("aud", List.of("a", "b"))
                .withoutClaim("jti")
                .claim("exp", "soon")
                .mint());

        assertThat(jwt.getHeader().getType()).isNull();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("other");
        assertThat(jwt.getHeader().getJWKURL()).hasToString("https://evil.example");
        assertThat(jwt.getPayload().toJSONObject())
                .doesNotContainKey("jti")
                .containsEntry("exp", "soon")
                .containsEntry("aud", List.of("a", "b"));
    }

    @Test
    void logoutTokenMinterWhenDefaultThenReferenceShapeWithoutExp() throws Exception {
        ProviderKeys keys = ProviderKeys.generate(ProviderKeys.KeyType.RSA_2048);

        SignedJWT jwt = SignedJWT.parse(LogoutTokenMinter.builder(keys)
                .issuer("https://p.example")
                .subject("s")
                .audience("https://api.example.com")
                .issuedAt(T)
                .mint());

        assertThat(jwt.getHeader().getType().getType()).isEqualTo("logout+jwt");
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        Map<String, Object> claims = jwt.getPayload().toJSONObject();
        assertThat(claims)
                .containsKeys("iss", "sub", "aud", "jti", "iat", "events")
                .doesNotContainKey("exp");
        assertThat(claims.get("events")).isEqualTo(Map.of(LogoutTokenMinter.EVENT_ASSERTION_REVOKED, Map.of()));
        SignedJWT withExp = SignedJWT.parse(LogoutTokenMinter.builder(keys)
                .issuer("i")
                .subject("s")
                .audience("a")
                .issuedAt(T)
                .lifetime(Duration.ofMinutes(2))
                .mint());
        assertThat(withExp.getPayload().toJSONObject())
                .containsEntry("exp", T.plusSeconds(120).getEpochSecond());
    }

    @Test
    void clientIdMetadataDocumentWhenRoundTrippedThenUnknownMembersKept() {
        ClientIdMetadataDocument doc = ClientIdMetadataDocument.builder(URI.create("https://p.example/client.json"))
                .clientName("Agent")
                .jwksUri(URI.create("https://p.example/jwks.json"))
                .member("token_endpoint_auth_method", "private_key_jwt")
                .build();

        ClientIdMetadataDocument parsed = ClientIdMetadataDocument.parse(doc.toJson());

        assertThat(parsed.clientId()).isEqualTo("https://p.example/client.json");
        assertThat(parsed.clientName()).contains("Agent");
        assertThat(parsed.jwksUri()).contains(URI.create("https://p.example/jwks.json"));
        assertThat(parsed.otherMembers()).containsEntry("token_endpoint_auth_method", "private_key_jwt");
        assertThat(parsed.toJson()).isEqualTo(doc.toJson());
        assertThatThrownBy(() ->
                        ClientIdMetadataDocument.builder(URI.create("client")).build())
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> ClientIdMetadataDocument.parse("{\"client_id\":1}"))
                .hasMessageContaining("client_id");
    }
}
