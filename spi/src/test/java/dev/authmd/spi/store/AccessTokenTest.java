package dev.authmd.spi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessTokenTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void constructorWhenScopesGivenThenCopiedAndUsableUntilExpiryOrRevocation() {
        List<String> scopes = new ArrayList<>(List.of("a"));
        AccessToken token =
                new AccessToken("t", "h", "r", null, scopes, "https://api", "j", T0, T0.plusSeconds(60), null);
        scopes.add("b");

        assertThat(token.scopes()).containsExactly("a");
        assertThat(token.isUsableAt(T0.plusSeconds(59))).isTrue();
        assertThat(token.isUsableAt(T0.plusSeconds(60))).isFalse();
        assertThat(token.revoked(T0.plusSeconds(1)).isUsableAt(T0.plusSeconds(2)))
                .isFalse();
    }

    @Test
    void constructorWhenInconsistentThenRefusedWithTheRule() {
        assertThatThrownBy(() -> new AccessToken("t", "h", "r", null, List.of(), "https://api", "j", T0, T0, null))
                .hasMessage("expiresAt must be after issuedAt");
        assertThatThrownBy(
                        () -> new AccessToken("t", "h", "r", null, List.of(), null, "j", T0, T0.plusSeconds(1), null))
                .hasMessage("resource cannot be null");
        assertThatThrownBy(() ->
                        new AccessToken("t", "h", "r", null, null, "https://api", "j", T0, T0.plusSeconds(1), null))
                .hasMessage("scopes cannot be null");
    }
}
