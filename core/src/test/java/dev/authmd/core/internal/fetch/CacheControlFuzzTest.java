package dev.authmd.core.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the {@code Cache-Control} reader applied to a provider's JWKS answer, which decides how long its keys are
 * kept. Contract: it never throws, and a lifetime it reads is never negative.
 */
class CacheControlFuzzTest {

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void maxAgeIsNeverNegative(byte[] input) {
        CacheControl.maxAge(new String(input, StandardCharsets.UTF_8))
                .ifPresent(maxAge -> assertThat(maxAge.isNegative()).isFalse());
    }
}
