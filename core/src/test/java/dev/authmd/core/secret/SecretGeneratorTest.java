package dev.authmd.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SecretGeneratorTest {

    private final SecretGenerator secrets = new SecretGenerator();

    @Test
    void secretTokensWhenMintedThenPrefixedAnd256BitsOfBase64Url() {
        assertToken(secrets::claimToken, "clm_", 32);
        assertToken(secrets::claimAttemptToken, "cvt_", 32);
        assertToken(secrets::apiKey, "sk_", 32);
        assertToken(secrets::accessToken, "at_", 32);
    }

    @Test
    void idsWhenMintedThenPrefixedAnd128BitsOfBase64Url() {
        assertToken(secrets::registrationId, "reg_", 16);
        assertToken(secrets::claimAttemptId, "cla_", 16);
        assertToken(secrets::credentialId, "cred_", 16);
        assertToken(secrets::eventId, "evt_", 16);
    }

    @Test
    void tokensWhenMintedManyTimesThenAllDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(secrets.apiKey())).isTrue();
        }
    }

    @Test
    void otpWhenMintedThenSixDigits() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(secrets.otp()).matches("[0-9]{6}");
        }
    }

    @Test
    void otpWhenRandomDrawsSmallNumberThenZeroPadded() {
        SecretGenerator fixed = new SecretGenerator(new FixedIntRandom(42));
        assertThat(fixed.otp()).isEqualTo("000042");
    }

    @Test
    void otpWhenRandomDrawsZeroOrMaxThenBothEndsOfTheRange() {
        assertThat(new SecretGenerator(new FixedIntRandom(0)).otp()).isEqualTo("000000");
        assertThat(new SecretGenerator(new FixedIntRandom(999_999)).otp()).isEqualTo("999999");
    }

    @Test
    void otpWhenMintedThenDrawsWithBoundOfOneMillion() {
        FixedIntRandom random = new FixedIntRandom(7);
        new SecretGenerator(random).otp();
        assertThat(random.lastBound).isEqualTo(1_000_000);
    }

    @Test
    void otpWhenManyMintedThenLeadingDigitRoughlyUniform() {
        SecretGenerator seeded = new SecretGenerator(seeded(1));
        int[] counts = new int[10];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts[seeded.otp().charAt(0) - '0']++;
        }
        for (int count : counts) {
            // expected 10,000 each; 6 standard deviations is ~570
            assertThat(count).isBetween(9_400, 10_600);
        }
    }

    @Test
    void constructorWhenRandomNullThenClearError() {
        assertThatThrownBy(() -> new SecretGenerator(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("random cannot be null");
    }

    private static void assertToken(Supplier<String> mint, String prefix, int bytes) {
        String token = mint.get();
        assertThat(token).startsWith(prefix).matches(prefix + "[A-Za-z0-9_-]+");
        byte[] decoded = Base64.getUrlDecoder().decode(token.substring(prefix.length()));
        assertThat(decoded).hasSize(bytes);
        assertThat(token.substring(prefix.length())).doesNotContain("=");
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SecureRandom whose nextInt(bound) answers a fixed value and records the bound. */
    private static final class FixedIntRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final int value;
        private int lastBound;

        FixedIntRandom(int value) {
            this.value = value;
        }

        @Override
        public int nextInt(int bound) {
            lastBound = bound;
            return value;
        }
    }
}
