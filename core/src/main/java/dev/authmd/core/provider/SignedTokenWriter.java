package dev.authmd.core.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import dev.authmd.core.internal.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Serializes and signs a compact JWS from header and claim maps exactly as given. */
final class SignedTokenWriter {

    private SignedTokenWriter() {}

    static String sign(ProviderKeys keys, Map<String, Object> header, Map<String, Object> claims) {
        String encodedHeader = Base64URL.encode(StrictJson.write(header).getBytes(StandardCharsets.UTF_8))
                .toString();
        String encodedPayload = Base64URL.encode(StrictJson.write(claims).getBytes(StandardCharsets.UTF_8))
                .toString();
        String signingInput = encodedHeader + "." + encodedPayload;
        try {
            Base64URL signature = keys.signer()
                    .sign(new JWSHeader(keys.jwsAlgorithm()), signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + signature;
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    static Map<String, Object> header(
            ProviderKeys keys,
            @Nullable String typ,
            @Nullable String kid,
            Map<String, Object> extra,
            boolean omitTyp,
            boolean omitKid) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!omitTyp) {
            header.put("typ", typ);
        }
        header.put("alg", keys.algorithm());
        if (!omitKid) {
            header.put("kid", kid != null ? kid : keys.currentKid());
        }
        header.putAll(extra);
        return header;
    }

    static long seconds(Instant instant) {
        return instant.getEpochSecond();
    }
}
