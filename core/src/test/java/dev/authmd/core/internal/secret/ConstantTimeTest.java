package dev.authmd.core.internal.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstantTimeTest {

    @Test
    void equalsWhenSameContentThenTrue() {
        assertThat(ConstantTime.equals("abc", new String("abc"))).isTrue();
        assertThat(ConstantTime.equals("", "")).isTrue();
    }

    @Test
    void equalsWhenDifferentContentOrLengthThenFalse() {
        assertThat(ConstantTime.equals("abc", "abd")).isFalse();
        assertThat(ConstantTime.equals("abc", "ab")).isFalse();
        assertThat(ConstantTime.equals("ab", "abc")).isFalse();
        assertThat(ConstantTime.equals("", "a")).isFalse();
    }

    @Test
    void equalsWhenEitherNullThenFalse() {
        assertThat(ConstantTime.equals(null, "a")).isFalse();
        assertThat(ConstantTime.equals("a", null)).isFalse();
        assertThat(ConstantTime.equals(null, null)).isFalse();
    }

    @Test
    void equalsWhenNonAsciiThenComparesUtf8Bytes() {
        assertThat(ConstantTime.equals("caf\u00e9", "café")).isTrue();
        assertThat(ConstantTime.equals("café", "cafe")).isFalse();
    }
}
