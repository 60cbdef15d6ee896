package dev.authmd.core.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.authmd.core.signing.InMemorySigningKeySource;
import dev.authmd.core.testsupport.MutableClock;
import dev.authmd.spi.keys.SigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedule of current profile §4: which key signs, which keys are published, and when a rotation takes effect. */
class SigningKeyScheduleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void activeKeyWhenOneKeyThenItSignsAtOnceAndIsTheOnlyOnePublished() throws Exception {
        InMemorySigningKeySource keys = new InMemorySigningKeySource(clock);
        SigningKeySchedule schedule = new SigningKeySchedule(keys, LIFETIME, SKEW, clock);

        SigningKeySchedule.ActiveKey active = schedule.activeKey();
        assertThat(active.key()).isSameAs(keys.keys().get(0));
        List<JWK> published = JWKSet.parse(schedule.jwksJson()).getKeys();
        assertThat(published).hasSize(1);
        JWK jwk = published.get(0);
        assertThat(jwk.getKeyID())
                .isEqualTo(active.kid())
                .isEqualTo(jwk.computeThumbprint().toString());
        assertThat(jwk.getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jwk.getKeyUse().identifier()).isEqualTo("sig");
        assertThat(jwk.isPrivate()).isFalse();
        assertThat(schedule.jwksJson()).doesNotContain("\"d\"");
    }

    @Test
    void activeKeyWhenRotatedThenTheNewKeyIsPublishedAtOnceAndSignsAfterTheLifetimePlusTenMinutes() throws Exception {
        InMemorySigningKeySource keys = new InMemorySigningKeySource(clock);
        SigningKeySchedule schedule = new SigningKeySchedule(keys, LIFETIME, SKEW, clock);
        String oldKid = schedule.activeKey().kid();
        clock.advance(Duration.ofDays(3));

        SigningKey fresh = keys.rotate(LIFETIME);
        String newKid = schedule.kid(fresh);

        assertThat(schedule.activeKey().kid()).isEqualTo(oldKid);
        assertThat(kids(schedule)).containsExactly(oldKid, newKid);

        clock.advance(LIFETIME.plus(SigningKeySchedule.PUBLISH_AHEAD).minusSeconds(1));
        assertThat(schedule.activeKey().kid()).isEqualTo(oldKid);
        clock.advance(Duration.ofSeconds(1));
        assertThat(schedule.activeKey().kid()).isEqualTo(newKid);
        assertThat(kids(schedule)).containsExactly(newKid, oldKid);

        // the old key stays published until the last assertion it signed has expired, plus the skew
        clock.advance(LIFETIME.plus(SKEW).minusSeconds(1));
        assertThat(kids(schedule)).containsExactly(newKid, oldKid);
        clock.advance(Duration.ofSeconds(1));
        assertThat(kids(schedule)).containsExactly(newKid);
    }

    @Test
    void activeKeyWhenAReplacingKeyClaimsAnEarlyStartThenItWaitsUntilVerifiersHaveIt() {
        SigningKey first = InMemorySigningKeySource.newKey("ES256", T0, T0);
        Instant published = T0.plus(Duration.ofDays(1));
        SigningKey hasty = InMemorySigningKeySource.newKey("ES256", published, published);
        SigningKeySchedule schedule = new SigningKeySchedule(() -> List.of(first, hasty), LIFETIME, SKEW, clock);

        clock.set(published.plus(Duration.ofMinutes(30)));
        assertThat(schedule.activeKey().key()).isSameAs(first);
        clock.set(published.plus(LIFETIME).plus(SigningKeySchedule.PUBLISH_AHEAD));
        assertThat(schedule.activeKey().key()).isSameAs(hasty);
    }

    @Test
    void jwksWhenAKeyIsNotYetPublishedThenItIsLeftOut() throws Exception {
        SigningKey current = InMemorySigningKeySource.newKey("RS256", T0, T0);
        Instant later = T0.plus(Duration.ofDays(7));
        SigningKey upcoming = InMemorySigningKeySource.newKey("PS256", later, later.plus(Duration.ofHours(2)));
        SigningKeySchedule schedule = new SigningKeySchedule(() -> List.of(upcoming, current), LIFETIME, SKEW, clock);

        assertThat(kids(schedule)).containsExactly(schedule.kid(current));
        assertThat(JWKSet.parse(schedule.jwksJson())
                        .getKeys()
                        .get(0)
                        .getAlgorithm()
                        .getName())
                .isEqualTo("RS256");
        assertThat(schedule.activeKey().key()).isSameAs(current);
    }

    @Test
    void activeKeyWhenEveryKeyIsRetiredOrUpcomingThenRefusedWithTheSchedule() {
        SigningKey pair = InMemorySigningKeySource.newKey("ES256", T0, T0);
        SigningKey retiredPair =
                new SigningKey("ES256", pair.privateKey(), pair.publicKey(), T0, T0, T0.plus(Duration.ofMinutes(1)));
        SigningKeySchedule schedule = new SigningKeySchedule(() -> List.of(retiredPair), LIFETIME, SKEW, clock);
        clock.set(T0.plus(Duration.ofMinutes(2)));

        assertThatThrownBy(schedule::activeKey)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no signing key may sign at 2026-12-01T00:02:00Z")
                .hasMessageContaining("retired 2026-12-01T00:01:00Z");
    }

    @Test
    void activeKeyWhenTheSourceIsEmptyThenRefused() {
        SigningKeySchedule schedule = new SigningKeySchedule(List::of, LIFETIME, SKEW, clock);
        assertThatThrownBy(schedule::activeKey).hasMessage("the SigningKeySource holds no key");
        assertThatThrownBy(schedule::jwksJson).hasMessage("the SigningKeySource holds no key");
    }

    private static List<String> kids(SigningKeySchedule schedule) throws Exception {
        return JWKSet.parse(schedule.jwksJson()).getKeys().stream()
                .map(JWK::getKeyID)
                .toList();
    }
}
