package dev.authmd.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.spi.keys.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwkSetFileSigningKeySourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final SigningKey EC = InMemorySigningKeySource.newKey("ES256", T0, T0);

    @TempDir
    Path dir;

    @Test
    void parseWhenWrittenByToJsonThenTheSameKeysAndSchedule() {
        SigningKey rsa = InMemorySigningKeySource.newKey("PS256", T0.plusSeconds(3600), T0.plusSeconds(7200));
        SigningKey retired = new SigningKey(
                rsa.algorithm(),
                rsa.privateKey(),
                rsa.publicKey(),
                rsa.publishedAt(),
                rsa.activeFrom(),
                T0.plusSeconds(86_400));

        List<SigningKey> read =
                JwkSetFileSigningKeySource.parse(JwkSetFileSigningKeySource.toJson(List.of(EC, retired)));

        assertThat(read).hasSize(2);
        assertThat(read.get(0).publicKey()).isEqualTo(EC.publicKey());
        assertThat(read.get(0).privateKey().getEncoded())
                .isEqualTo(EC.privateKey().getEncoded());
        assertThat(read.get(0).publishedAt()).isEqualTo(T0);
        assertThat(read.get(0).retiredAt()).isNull();
        assertThat(read.get(1).algorithm()).isEqualTo("PS256");
        assertThat(read.get(1).publicKey()).isEqualTo(rsa.publicKey());
        assertThat(read.get(1).activeFrom()).isEqualTo(T0.plusSeconds(7200));
        assertThat(read.get(1).retiredAt()).isEqualTo(T0.plusSeconds(86_400));
    }

    @Test
    void loadWhenFileValidThenKeysAndReloadFollowsTheFileButKeepsTheOldKeysOnAFailure() throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, JwkSetFileSigningKeySource.toJson(List.of(EC)));
        JwkSetFileSigningKeySource source = JwkSetFileSigningKeySource.load(file);
        assertThat(source.keys())
                .singleElement()
                .extracting(SigningKey::publicKey)
                .isEqualTo(EC.publicKey());

        SigningKey next = InMemorySigningKeySource.newKey("ES256", T0.plusSeconds(60), T0.plusSeconds(7200));
        Files.writeString(file, JwkSetFileSigningKeySource.toJson(List.of(EC, next)));
        source.reload();
        assertThat(source.keys()).hasSize(2);

        Files.writeString(file, "{\"keys\": []}");
        assertThatThrownBy(source::reload).isInstanceOf(IllegalArgumentException.class);
        assertThat(source.keys()).hasSize(2);
        assertThat(source.toString()).contains("keys.json").contains("2 keys").doesNotContain("\"d\"");
    }

    @Test
    void loadWhenFileMissingThenIOException() {
        assertThatThrownBy(() -> JwkSetFileSigningKeySource.load(dir.resolve("absent.json")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    static Stream<Arguments> garbage() {
        return Stream.of(
                Arguments.of("not JSON", raw("{keys"), "the key file is not JSON"),
                Arguments.of(
                        "an array",
                        raw("[]"),
                        "the key file must be a JWK Set: {\"keys\": [ … ]} with at least one key"),
                Arguments.of(
                        "no keys",
                        raw("{}"),
                        "the key file must be a JWK Set: {\"keys\": [ … ]} with at least one key"),
                Arguments.of(
                        "empty keys",
                        raw("{\"keys\":[]}"),
                        "the key file must be a JWK Set: {\"keys\": [ … ]} with at least one key"),
                Arguments.of(
                        "keys not an array",
                        raw("{\"keys\":{}}"),
                        "the key file must be a JWK Set: {\"keys\": [ … ]} with at least one key"),
                Arguments.of("a key not an object", raw("{\"keys\":[1]}"), "key 1: not a JSON object"),
                Arguments.of("not a JWK", raw("{\"keys\":[{\"kty\":\"nope\"}]}"), "key 1: not a valid JWK"),
                Arguments.of(
                        "public only",
                        edit(k -> k.remove("d")),
                        "key 1: not a private key (a signing key needs its private part)"),
                Arguments.of("no alg", edit(k -> k.remove("alg")), "key 1: alg is missing (ES256, RS256 or PS256)"),
                Arguments.of(
                        "HMAC alg",
                        edit(k -> k.put("alg", "HS256")),
                        "key 1: algorithm must be one of " + SigningKey.ALGORITHMS + ": HS256"),
                Arguments.of("RSA alg on EC", edit(k -> k.put("alg", "RS256")), "key 1: RS256 needs an RSA key pair"),
                Arguments.of(
                        "no published_at",
                        edit(k -> k.remove("authmd_published_at")),
                        "key 1: authmd_published_at is missing (an RFC 3339 instant such as 2026-12-01T00:00:00Z)"),
                Arguments.of(
                        "no active_from",
                        edit(k -> k.remove("authmd_active_from")),
                        "key 1: authmd_active_from is missing (an RFC 3339 instant such as 2026-12-01T00:00:00Z)"),
                Arguments.of(
                        "instant a number",
                        edit(k -> k.put("authmd_active_from", 1_700_000_000)),
                        "key 1: authmd_active_from must be an RFC 3339 instant string"),
                Arguments.of(
                        "instant garbage",
                        edit(k -> k.put("authmd_published_at", "yesterday")),
                        "key 1: authmd_published_at is not an RFC 3339 instant such as 2026-12-01T00:00:00Z"),
                Arguments.of(
                        "active before published",
                        edit(k -> k.put("authmd_active_from", "2026-11-30T00:00:00Z")),
                        "key 1: activeFrom cannot be before publishedAt"),
                Arguments.of(
                        "retired before active",
                        edit(k -> k.put("authmd_retired_at", "2026-12-01T00:00:00Z")),
                        "key 1: retiredAt must be after activeFrom"),
                Arguments.of(
                        "wrong kid",
                        edit(k -> k.put("kid", "my-key")),
                        "key 1: kid is not the key's RFC 7638 thumbprint (leave it out to have it computed)"),
                Arguments.of("P-384 key", raw(p384File()), "key 1: an EC P-256 or an RSA key is needed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void parseWhenFileIsGarbageThenRefusedNamingTheKeyAndTheProblemButNoKeyMaterial(
            String name, String json, String message) throws Exception {
        assertThatThrownBy(() -> JwkSetFileSigningKeySource.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        String d = JSON.readTree(JwkSetFileSigningKeySource.toJson(List.of(EC)))
                .path("keys")
                .get(0)
                .path("d")
                .asText();
        assertThatThrownBy(() -> JwkSetFileSigningKeySource.parse(json)).hasMessageNotContaining(d);
    }

    private static String raw(String json) {
        return json;
    }

    private static String edit(Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(JwkSetFileSigningKeySource.toJson(List.of(EC)));
            change.accept((ObjectNode) root.path("keys").get(0));
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String p384File() {
        try {
            com.nimbusds.jose.jwk.ECKey key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(
                            com.nimbusds.jose.jwk.Curve.P_384)
                    .algorithm(com.nimbusds.jose.JWSAlgorithm.ES384)
                    .generate();
            ObjectNode node = JSON.valueToTree(key.toJSONObject());
            node.put("authmd_published_at", "2026-12-01T00:00:00Z");
            node.put("authmd_active_from", "2026-12-01T00:00:00Z");
            return "{\"keys\":[" + JSON.writeValueAsString(node) + "]}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
