package dev.authmd.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the form-body reader of the token and revocation endpoints. Contract: it never throws, and what it reads is no
 * larger than the body: no more parameters than {@code &}-separated pairs, no more characters than bytes.
 */
class FormBodyFuzzTest {

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void formBodyReadsOrRefuses(byte[] body) {
        FormBody.parse(body).ifPresent(parameters -> {
            int pairs = 1;
            for (byte b : body) {
                if (b == '&') {
                    pairs++;
                }
            }
            int values = 0;
            int characters = 0;
            for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
                characters += parameter.getKey().length();
                for (String value : parameter.getValue()) {
                    values++;
                    characters += value.length();
                }
            }
            assertThat(values).isLessThanOrEqualTo(pairs);
            assertThat(characters).isLessThanOrEqualTo(body.length);
        });
    }
}
