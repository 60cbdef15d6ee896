package dev.authmd.spi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshTokenTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void activeWhenCreatedThenUsableUntilItsExpiryOnly() {
        RefreshToken token = RefreshToken.active("t", "h", "f", "r", 0, T0, T0.plusSeconds(60));
        assertThat(token.isUsableAt(T0.plusSeconds(59))).isTrue();
        assertThat(token.isUsableAt(T0.plusSeconds(60))).isFalse();
    }

    @Test
    void constructorWhenInconsistentThenRefusedWithTheRule() {
        assertThatThrownBy(() -> RefreshToken.active("t", "h", "f", "r", -1, T0, T0.plusSeconds(1)))
                .hasMessage("generation cannot be negative");
        assertThatThrownBy(() -> RefreshToken.active("t", "h", "f", "r", 0, T0, T0))
                .hasMessage("expiresAt must be after issuedAt");
        assertThatThrownBy(() -> new RefreshToken(
                        "t", "h", "f", "r", 0, T0, T0.plusSeconds(1), RefreshTokenState.SPENT, T0, null))
                .hasMessage("spentAt and successorHash are set exactly when the token is spent");
        assertThatThrownBy(() -> new RefreshToken(
                        "t", "h", "f", "r", 0, T0, T0.plusSeconds(1), RefreshTokenState.ACTIVE, T0, "s"))
                .hasMessage("spentAt and successorHash are set exactly when the token is spent");
        assertThatThrownBy(() -> RefreshToken.active("t", null, "f", "r", 0, T0, T0.plusSeconds(1)))
                .hasMessage("tokenHash cannot be null");
    }

    @Test
    void spentOrRevokedWhenCheckedThenNeverUsable() {
        RefreshToken spent =
                new RefreshToken("t", "h", "f", "r", 0, T0, T0.plusSeconds(60), RefreshTokenState.SPENT, T0, "s");
        RefreshToken revoked =
                new RefreshToken("t", "h", "f", "r", 0, T0, T0.plusSeconds(60), RefreshTokenState.REVOKED, null, null);
        assertThat(spent.isUsableAt(T0)).isFalse();
        assertThat(revoked.isUsableAt(T0)).isFalse();
    }
}
