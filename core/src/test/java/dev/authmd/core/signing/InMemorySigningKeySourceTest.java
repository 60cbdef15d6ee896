package dev.authmd.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.core.testsupport.MutableClock;
import dev.authmd.spi.keys.SigningKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemorySigningKeySourceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void constructorWhenCreatedThenOneEs256KeyPublishedAndActiveNow() {
        InMemorySigningKeySource source = new InMemorySigningKeySource(clock);
        assertThat(source.keys()).singleElement().satisfies(key -> {
            assertThat(key.algorithm()).isEqualTo("ES256");
            assertThat(key.publishedAt()).isEqualTo(T0);
            assertThat(key.activeFrom()).isEqualTo(T0);
            assertThat(key.retiredAt()).isNull();
        });
        assertThat(new InMemorySigningKeySource().keys()).hasSize(1);
    }

    @Test
    void rotateWhenCalledThenNewKeyActivatesAfterTheLifetimePlusTenMinutesAndTheOldOneRetiresThen() {
        InMemorySigningKeySource source = new InMemorySigningKeySource(clock);
        SigningKey old = source.keys().get(0);
        clock.advance(Duration.ofDays(1));

        SigningKey fresh = source.rotate(LIFETIME);

        Instant activation = clock.instant().plus(LIFETIME).plusSeconds(600);
        assertThat(fresh.publishedAt()).isEqualTo(clock.instant());
        assertThat(fresh.activeFrom()).isEqualTo(activation);
        assertThat(source.keys()).hasSize(2);
        assertThat(source.keys().get(0).publicKey()).isEqualTo(old.publicKey());
        assertThat(source.keys().get(0).retiredAt()).isEqualTo(activation);
        assertThat(source.keys().get(1)).isSameAs(fresh);
    }

    @Test
    void rotateWhenRepeatedForAYearThenOnlyKeysStillNeededRemain() {
        InMemorySigningKeySource source = new InMemorySigningKeySource(clock);
        for (int day = 0; day < 365; day++) {
            clock.advance(Duration.ofDays(1));
            source.rotate(LIFETIME);
        }
        assertThat(source.keys()).hasSize(2); // the key retiring now and its successor
    }

    @Test
    void rotateWhenLifetimeNotPositiveThenRefused() {
        InMemorySigningKeySource source = new InMemorySigningKeySource(clock);
        assertThatThrownBy(() -> source.rotate(Duration.ZERO)).hasMessage("assertionLifetime must be positive");
        assertThatThrownBy(() -> source.rotate(null)).hasMessage("assertionLifetime cannot be null");
        assertThat(source.keys()).hasSize(1);
    }

    @Test
    void newKeyWhenEachAlgorithmThenAKeyOfItsKind() {
        assertThat(InMemorySigningKeySource.newKey("ES256", T0, T0).publicKey().getAlgorithm())
                .isEqualTo("EC");
        assertThat(InMemorySigningKeySource.newKey("RS256", T0, T0).publicKey().getAlgorithm())
                .isEqualTo("RSA");
        assertThat(InMemorySigningKeySource.newKey("PS256", T0, T0).algorithm()).isEqualTo("PS256");
        assertThatThrownBy(() -> InMemorySigningKeySource.newKey("EdDSA", T0, T0))
                .hasMessageStartingWith("algorithm must be one of");
        assertThatThrownBy(() -> InMemorySigningKeySource.newKey("ES256", T0, T0.minusSeconds(1)))
                .hasMessage("activeFrom cannot be before publishedAt");
    }
}
