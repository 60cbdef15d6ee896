package dev.authmd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.authmd.spi.account.SignedInUser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the normalisation of what a person or an agent types: email addresses (the key of a claim and of every
 * per-email limit), login hints, and the user code read back on the claim page. Contract: nothing throws; a normalised
 * value is bounded, normalises to itself, and means the same address.
 */
class NormalisationFuzzTest {

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void emailsNormaliseToOneForm(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        EmailAddresses.normalise(raw).ifPresent(email -> {
            assertThat(email.length()).isLessThanOrEqualTo(254);
            assertThat(email).containsOnlyOnce("@").doesNotContainAnyWhitespaces();
            assertThat(EmailAddresses.normalise(email)).contains(email);
            assertThat(EmailAddresses.domain(email)).isEqualTo(email.substring(email.indexOf('@') + 1));
            assertThat(ClaimCeremony.owns(new SignedInUser("u", List.of(raw)), email))
                    .isEqualTo(raw.strip().equalsIgnoreCase(email));
        });
        ClaimCeremony.loginHint(raw).ifPresent(hint -> {
            assertThat(hint.length()).isLessThanOrEqualTo(254);
            assertThat(ClaimCeremony.loginHint(hint)).contains(hint);
        });
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void userCodesNormaliseToOneForm(byte[] input) {
        String typed = new String(input, StandardCharsets.UTF_8);
        String code = ClaimCeremony.normaliseCode(typed);
        assertThat(code).doesNotContain(" ", "-");
        assertThat(code.length()).isLessThanOrEqualTo(3 * typed.length());
        assertThat(ClaimCeremony.normaliseCode(code)).isEqualTo(code);
        assertThat(ClaimCeremony.display(code)).isNotNull();
    }
}
