package dev.authmd.spi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IssuedAssertionTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void activeWhenCreatedThenExchangeableUntilItsExpiryOnly() {
        IssuedAssertion record = IssuedAssertion.active("t", "j", "reg", T0, T0.plusSeconds(60));
        assertThat(record.state()).isEqualTo(AssertionState.ACTIVE);
        assertThat(record.retiredAt()).isNull();
        assertThat(record.isExchangeableAt(T0.plusSeconds(59))).isTrue();
        assertThat(record.isExchangeableAt(T0.plusSeconds(60))).isFalse();
    }

    @Test
    void constructorWhenInconsistentThenRefusedWithTheRule() {
        assertThatThrownBy(() -> IssuedAssertion.active("t", "j", "reg", T0, T0))
                .hasMessage("expiresAt must be after issuedAt");
        assertThatThrownBy(() ->
                        new IssuedAssertion("t", "j", "reg", T0, T0.plusSeconds(60), AssertionState.REVOKED, null))
                .hasMessage("retiredAt is set exactly when the assertion is no longer active");
        assertThatThrownBy(
                        () -> new IssuedAssertion("t", "j", "reg", T0, T0.plusSeconds(60), AssertionState.ACTIVE, T0))
                .hasMessage("retiredAt is set exactly when the assertion is no longer active");
        assertThatThrownBy(() -> IssuedAssertion.active(null, "j", "reg", T0, T0.plusSeconds(1)))
                .hasMessage("tenantId cannot be null");
        assertThatThrownBy(() -> IssuedAssertion.active("t", null, "reg", T0, T0.plusSeconds(1)))
                .hasMessage("jti cannot be null");
    }

    @Test
    void retiredWhenSupersededOrRevokedThenNeverExchangeable() {
        IssuedAssertion superseded =
                new IssuedAssertion("t", "j", "reg", T0, T0.plusSeconds(60), AssertionState.SUPERSEDED, T0);
        assertThat(superseded.isExchangeableAt(T0)).isFalse();
    }
}
