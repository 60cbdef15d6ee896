package dev.authmd.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OtpHasherTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void hashWhenKnownKeyAndCodeThenHmacSha256InUnpaddedBase64Url() {
        // printf 123456 | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef -binary | basenc --base64url
        assertThat(new OtpHasher(KEY).hash("123456")).isEqualTo("32FYdvw5N5gSPC91hQoM2VjxzBHaASWz6-8aXVYZzOw");
        assertThat(new OtpHasher(KEY).hash("123456")).hasSize(43).doesNotContain("=");
    }

    @Test
    void hashWhenDifferentKeysThenDifferentHashes() {
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertThat(new OtpHasher(KEY).hash("000000")).isNotEqualTo(new OtpHasher(other).hash("000000"));
    }

    @Test
    void hashWhenNotKeyedThenDiffersFromPlainSha256() {
        assertThat(new OtpHasher(KEY).hash("123456")).isNotEqualTo(SecretHasher.hash("123456"));
    }

    @Test
    void constructorWhenCallerMutatesKeyAfterwardsThenHashUnchanged() {
        byte[] key = KEY.clone();
        OtpHasher hasher = new OtpHasher(key);
        String before = hasher.hash("654321");
        Arrays.fill(key, (byte) 0);
        assertThat(hasher.hash("654321")).isEqualTo(before);
    }

    @Test
    void constructorWhenKeyShorterThan32BytesThenClearError() {
        assertThatThrownBy(() -> new OtpHasher(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must be at least 32 bytes");
    }

    @Test
    void constructorWhenKeyNullThenClearError() {
        assertThatThrownBy(() -> new OtpHasher(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key cannot be null");
    }

    @Test
    void randomWhenTwoInstancesThenDifferentKeys() {
        assertThat(OtpHasher.random().hash("123456"))
                .isNotEqualTo(OtpHasher.random().hash("123456"));
    }

    @Test
    void toStringWhenCalledThenNeverShowsTheKey() {
        String text = new OtpHasher(KEY).toString();
        assertThat(text).doesNotContain("0123456789abcdef").contains("redacted");
    }
}
