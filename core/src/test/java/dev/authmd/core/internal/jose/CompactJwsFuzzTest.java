package dev.authmd.core.internal.jose;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.authmd.core.internal.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the compact-JWS splitter and the strict JSON reader behind it. Contract: {@link CompactJws#parse} answers a
 * token or throws {@link MalformedTokenException}, never anything else; what it answers holds no more than the token
 * carried; {@link StrictJson#parse} never throws.
 */
class CompactJwsFuzzTest {

    private static final int MAX_LENGTH = 8 * 1024;

    /**
     * The first byte picks the shape: odd, the rest is the token as it arrived; even, the rest is a header and a
     * payload (split at the first zero byte) that are encoded as a JWS, so the fuzzer reaches the JSON checks without
     * having to discover base64url.
     */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void parseAnswersATokenOrMalformed(byte[] input) {
        String token = input.length > 0 && (input[0] & 1) == 0 ? encoded(input) : text(input);
        try {
            CompactJws jws = CompactJws.parse(token, MAX_LENGTH);
            assertThat(token.length()).isLessThanOrEqualTo(MAX_LENGTH);
            assertThat(jws.header().toString().length()
                            + jws.payload().toString().length())
                    .isLessThanOrEqualTo(2 * token.length());
            assertThat(jws.signingInput()).hasSizeLessThan(token.length());
        } catch (MalformedTokenException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void strictJsonNeverThrows(byte[] input) {
        StrictJson.parse(input)
                .ifPresent(node -> assertThat(node.toString().length()).isLessThanOrEqualTo(4 * input.length + 2));
        StrictJson.parseObject(input)
                .ifPresent(node -> assertThat(node.isObject()).isTrue());
    }

    private static String text(byte[] input) {
        return new String(input, Math.min(1, input.length), Math.max(0, input.length - 1), StandardCharsets.UTF_8);
    }

    private static String encoded(byte[] input) {
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        int zero = 0;
        while (zero < rest.length && rest[zero] != 0) {
            zero++;
        }
        byte[] header = Arrays.copyOfRange(rest, 0, zero);
        byte[] payload = Arrays.copyOfRange(rest, Math.min(zero + 1, rest.length), rest.length);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header) + "." + b64.encodeToString(payload) + ".c2ln";
    }
}
