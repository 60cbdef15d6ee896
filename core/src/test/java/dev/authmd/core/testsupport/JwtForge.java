package dev.authmd.core.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds raw compact JWS strings byte by byte, for tokens no well-behaved library would produce. */
public final class JwtForge {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JwtForge() {}

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64(String text) {
        return Base64URL.encode(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Header and payload given as raw JSON text, signed with {@code key} under {@code alg}. */
    public static String signRaw(String headerJson, String payloadJson, JWSAlgorithm alg, JWK key) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            return input + "." + signer.sign(new JWSHeader(alg), input.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(Map<String, Object> header, Map<String, Object> payload, JWK key) {
        // the signature algorithm follows the key, whatever the header claims
        return signRaw(
                json(header), json(payload), key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256, key);
    }

    /** HMAC-signs with an arbitrary secret (e.g. the bytes of a public key). */
    public static String hmac(Map<String, Object> header, Map<String, Object> payload, byte[] secret) {
        String input = b64(json(header)) + "." + b64(json(payload));
        try {
            MACSigner signer = new MACSigner(secret);
            return input + "."
                    + signer.sign(
                            new JWSHeader(JWSAlgorithm.parse((String) header.get("alg"))),
                            input.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Header and payload with a literal signature segment. */
    public static String withSignature(Map<String, Object> header, Map<String, Object> payload, byte[] signature) {
        return b64(json(header)) + "." + b64(json(payload)) + "." + Base64URL.encode(signature);
    }
}
