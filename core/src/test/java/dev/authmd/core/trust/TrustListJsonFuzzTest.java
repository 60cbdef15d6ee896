package dev.authmd.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the trust-list reader (a file an operator edits, or a document a deployment pipeline writes). Contract: it
 * answers a trust list or throws {@link IllegalArgumentException} with a message that says what to fix; never anything
 * else.
 */
class TrustListJsonFuzzTest {

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void trustListReadsOrSaysWhatToFix(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        try {
            TrustList list = TrustListJson.parse(json);
            assertThat(list.providers().size()).isLessThanOrEqualTo(input.length);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
