package dev.authmd.core.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.authmd.spi.keys.SigningKey;
import dev.authmd.spi.keys.SigningKeySource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's signing keys from a JWK Set file: private keys (RFC 7517) with their schedule, the same file on every
 * replica. Each key has {@code alg} ({@code ES256} with an EC P-256 key, {@code RS256} or {@code PS256} with an RSA key
 * of at least 2048 bits) and three members of ours, RFC 3339 instants: {@code authmd_published_at},
 * {@code authmd_active_from} and, once it is retired, {@code authmd_retired_at}. A {@code kid}, if present, must be the
 * key's RFC 7638 thumbprint (the one the service publishes).
 *
 * <pre>{@code
 * {"keys": [{"kty": "EC", "crv": "P-256", "x": "…", "y": "…", "d": "…", "alg": "ES256",
 *            "authmd_published_at": "2026-12-01T00:00:00Z", "authmd_active_from": "2026-12-01T00:00:00Z"}]}
 * }</pre>
 *
 * <p>To rotate, add a key published now and active from at least the assertion lifetime plus ten minutes later, set the
 * old key's {@code authmd_retired_at} to the same instant, deploy the file, then {@link #reload()} (or restart).
 * {@link #toJson} writes such a file from keys made with {@link InMemorySigningKeySource#newKey}. The file holds
 * private keys: keep it readable by the service alone (a WARN says so when group or others can read it).
 *
 * <p>Thread-safe: {@link #keys()} answers the keys of the last successful load.
 */
public final class JwkSetFileSigningKeySource implements SigningKeySource {

    private static final Logger LOG = LoggerFactory.getLogger(JwkSetFileSigningKeySource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLISHED_AT = "authmd_published_at";
    private static final String ACTIVE_FROM = "authmd_active_from";
    private static final String RETIRED_AT = "authmd_retired_at";
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final Path file;
    private volatile List<SigningKey> keys;

    private JwkSetFileSigningKeySource(Path file, List<SigningKey> keys) {
        this.file = file;
        this.keys = keys;
    }

    /**
     * Reads the keys from a file.
     *
     * @param file the JWK Set file
     * @return a source holding its keys
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not such a JWK Set, naming the key and what is wrong (never key
     *     material)
     */
    public static JwkSetFileSigningKeySource load(Path file) throws IOException {
        Objects.requireNonNull(file, "file cannot be null");
        return new JwkSetFileSigningKeySource(file, read(file));
    }

    /**
     * Reads the file again; on any failure the keys loaded before stay in service.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is no longer a valid key file
     */
    public void reload() throws IOException {
        keys = read(file);
    }

    @Override
    public List<SigningKey> keys() {
        return keys;
    }

    /**
     * Parses the JSON of a key file.
     *
     * @param json a JWK Set of private keys with their schedule
     * @return the keys, in the file's order
     * @throws IllegalArgumentException naming the key and what is wrong
     */
    public static List<SigningKey> parse(String json) {
        Objects.requireNonNull(json, "json cannot be null");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the key file is not JSON");
        }
        if (root == null
                || !root.isObject()
                || !root.path("keys").isArray()
                || root.path("keys").isEmpty()) {
            throw new IllegalArgumentException(
                    "the key file must be a JWK Set: {\"keys\": [ … ]} with at least one key");
        }
        List<SigningKey> keys = new ArrayList<>();
        int index = 0;
        for (JsonNode member : root.path("keys")) {
            index++;
            try {
                keys.add(parseKey(member));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key " + index + ": " + e.getMessage());
            }
        }
        return List.copyOf(keys);
    }

    /**
     * Writes keys as the JSON of a key file, private keys included: a secret.
     *
     * @param keys the keys and their schedule
     * @return a JWK Set that {@link #parse} reads back
     */
    public static String toJson(List<SigningKey> keys) {
        Objects.requireNonNull(keys, "keys cannot be null");
        ArrayNode array = JSON.createArrayNode();
        for (SigningKey key : keys) {
            ObjectNode node = JSON.valueToTree(privateJwk(key).toJSONObject());
            node.put(PUBLISHED_AT, key.publishedAt().toString());
            node.put(ACTIVE_FROM, key.activeFrom().toString());
            Instant retired = key.retiredAt();
            if (retired != null) {
                node.put(RETIRED_AT, retired.toString());
            }
            array.add(node);
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("keys", array);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<SigningKey> read(Path file) throws IOException {
        warnIfReadableByOthers(file);
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static SigningKey parseKey(JsonNode member) {
        if (!member.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JWK jwk;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.convertValue(member, Map.class);
            jwk = JWK.parse(map);
        } catch (ParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid JWK");
        }
        if (!jwk.isPrivate()) {
            throw new IllegalArgumentException("not a private key (a signing key needs its private part)");
        }
        String alg = jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName();
        if (alg == null) {
            throw new IllegalArgumentException("alg is missing (ES256, RS256 or PS256)");
        }
        PrivateKey privateKey;
        PublicKey publicKey;
        try {
            if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
                privateKey = ec.toECPrivateKey();
                publicKey = ec.toECPublicKey();
            } else if (jwk instanceof RSAKey rsa) {
                privateKey = rsa.toRSAPrivateKey();
                publicKey = rsa.toRSAPublicKey();
            } else {
                throw new IllegalArgumentException("an EC P-256 or an RSA key is needed");
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the key material is not valid");
        }
        SigningKey key = new SigningKey(
                alg,
                privateKey,
                publicKey,
                requiredInstant(member, PUBLISHED_AT),
                requiredInstant(member, ACTIVE_FROM),
                optionalInstant(member, RETIRED_AT));
        String kid = jwk.getKeyID();
        if (kid != null && !kid.equals(thumbprint(key))) {
            throw new IllegalArgumentException(
                    "kid is not the key's RFC 7638 thumbprint (leave it out to have it computed)");
        }
        return key;
    }

    private static Instant requiredInstant(JsonNode member, String name) {
        Instant value = optionalInstant(member, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing (an RFC 3339 instant such as 2026-12-01T00:00:00Z)");
        }
        return value;
    }

    private static @Nullable Instant optionalInstant(JsonNode member, String name) {
        JsonNode value = member.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name + " must be an RFC 3339 instant string");
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " is not an RFC 3339 instant such as 2026-12-01T00:00:00Z");
        }
    }

    private static JWK privateJwk(SigningKey key) {
        JWSAlgorithm alg = JWSAlgorithm.parse(key.algorithm());
        if (key.publicKey() instanceof ECPublicKey ec) {
            return new ECKey.Builder(Curve.P_256, ec)
                    .privateKey((ECPrivateKey) key.privateKey())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(alg)
                    .build();
        }
        return new RSAKey.Builder((RSAPublicKey) key.publicKey())
                .privateKey((RSAPrivateKey) key.privateKey())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(alg)
                .build();
    }

    private static String thumbprint(SigningKey key) {
        try {
            return privateJwk(key).computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OPEN_TO_OTHERS::contains)) {
                LOG.warn(
                        "the signing key file {} holds private keys and can be read by group or others ({}); "
                                + "make it readable by the service alone (chmod 600)",
                        file,
                        permissions);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or the check itself failed: reading the file decides
        }
    }

    @Override
    public String toString() {
        return "JwkSetFileSigningKeySource[" + file + ", " + keys.size() + " keys]";
    }
}
