package dev.authmd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.spi.store.ReplayCache;
import dev.authmd.spi.store.ReplayKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ReplayCache} must show: the first use of a key wins and later ones lose until its
 * retention ends; namespace, issuer and {@code jti} each separate keys; the sweep removes exactly the entries whose
 * retention ended; null and out-of-range arguments are refused; and exactly one of many threads presenting one key at
 * once wins.
 *
 * <p>Extend it once per implementation; JUnit runs every test against a fresh cache:
 *
 * <pre>{@code
 * class RedisReplayCacheTest extends ReplayCacheContract {
 *     protected ReplayCache createStore() {
 *         return new RedisReplayCache(freshRedis());
 *     }
 * }
 * }</pre>
 *
 * <p>Time never comes from a clock: every instant is an explicit offset from {@link #baseTime()}, so an implementation
 * must judge expiry by the {@code now} it is given. Each concurrency test runs {@value #ROUNDS} rounds of
 * {@value #THREADS} threads released by one start gate.
 */
public abstract class ReplayCacheContract {

    /** Rounds each concurrency test runs. */
    protected static final int ROUNDS = 100;
    /** Threads racing in each round. */
    protected static final int THREADS = 32;

    private ReplayCache cache;

    /** {@return a new, empty cache; called before every test} */
    protected abstract ReplayCache createStore();

    /**
     * Releases what {@link #createStore()} made; called after every test. Does nothing by default.
     *
     * @param cache the cache the test used
     */
    protected void disposeStore(ReplayCache cache) {}

    /** {@return the instant every instant in these tests is an offset from; {@link StoreFixtures#T0} by default} */
    protected Instant baseTime() {
        return StoreFixtures.T0;
    }

    @BeforeEach
    void createFreshStore() {
        cache = createStore();
    }

    @AfterEach
    void disposeFreshStore() {
        disposeStore(cache);
    }

    private Instant at(long seconds) {
        return baseTime().plusSeconds(seconds);
    }

    private static ReplayKey key(String jti) {
        return StoreFixtures.replayKey(jti);
    }

    @Test
    void markUsedWhenFirstUseThenTrue() {
        assertThat(cache.markUsed(key("j1"), at(0), at(60))).isTrue();
    }

    @Test
    void markUsedWhenSecondUseWithinRetentionThenFalse() {
        cache.markUsed(key("j1"), at(0), at(60));

        assertThat(cache.markUsed(key("j1"), at(1), at(61))).isFalse();
        assertThat(cache.markUsed(key("j1"), at(59), at(120))).isFalse();
    }

    @Test
    void markUsedWhenEqualButDistinctKeyInstanceThenFalse() {
        cache.markUsed(new ReplayKey("id-jag", "https://p.example", "j1"), at(0), at(60));

        assertThat(cache.markUsed(
                        new ReplayKey(new String("id-jag"), new String("https://p.example"), new String("j1")),
                        at(1),
                        at(60)))
                .isFalse();
    }

    @Test
    void markUsedWhenRetentionEndedExactlyAtNowThenTrue() {
        cache.markUsed(key("j1"), at(0), at(60));

        assertThat(cache.markUsed(key("j1"), at(60), at(120))).isTrue();
    }

    @Test
    void markUsedWhenRetentionEndedBeforeNowThenTrueAndNewRetentionBlocks() {
        cache.markUsed(key("j1"), at(0), at(60));

        assertThat(cache.markUsed(key("j1"), at(100), at(200))).isTrue();

        assertThat(cache.markUsed(key("j1"), at(150), at(300))).isFalse();
        assertThat(cache.markUsed(key("j1"), at(200), at(300))).isTrue();
    }

    @Test
    void markUsedWhenRejectedThenRetentionNotExtended() {
        cache.markUsed(key("j1"), at(0), at(60));
        assertThat(cache.markUsed(key("j1"), at(30), at(1000))).isFalse();

        assertThat(cache.markUsed(key("j1"), at(60), at(120))).isTrue();
    }

    @Test
    void markUsedWhenNamespaceDiffersThenIndependent() {
        cache.markUsed(new ReplayKey("id-jag", StoreFixtures.ISSUER, "j1"), at(0), at(60));

        assertThat(cache.markUsed(new ReplayKey("logout", StoreFixtures.ISSUER, "j1"), at(0), at(60)))
                .isTrue();
    }

    @Test
    void markUsedWhenIssuerDiffersThenIndependent() {
        cache.markUsed(new ReplayKey("id-jag", "https://a.example", "j1"), at(0), at(60));

        assertThat(cache.markUsed(new ReplayKey("id-jag", "https://b.example", "j1"), at(0), at(60)))
                .isTrue();
    }

    @Test
    void markUsedWhenJtiDiffersThenIndependent() {
        cache.markUsed(key("j1"), at(0), at(60));

        assertThat(cache.markUsed(key("j2"), at(0), at(60))).isTrue();
    }

    @Test
    void markUsedWhenComponentsShiftBetweenFieldsThenIndependent() {
        cache.markUsed(new ReplayKey("a", "b:c", "d"), at(0), at(60));

        assertThat(cache.markUsed(new ReplayKey("a:b", "c", "d"), at(0), at(60)))
                .isTrue();
        assertThat(cache.markUsed(new ReplayKey("a", "b", "c:d"), at(0), at(60)))
                .isTrue();
        assertThat(cache.markUsed(new ReplayKey("a", "b:c", "d"), at(0), at(60)))
                .isFalse();
    }

    @Test
    void markUsedWhenRetainUntilNotAfterNowThenIllegalArgumentAndNothingRecorded() {
        assertThatIllegalArgumentException().isThrownBy(() -> cache.markUsed(key("j1"), at(60), at(60)));
        assertThatIllegalArgumentException().isThrownBy(() -> cache.markUsed(key("j1"), at(60), at(59)));

        assertThat(cache.markUsed(key("j1"), at(60), at(120))).isTrue();
    }

    @Test
    void markUsedWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> cache.markUsed(null, at(0), at(60)));
        assertThatNullPointerException().isThrownBy(() -> cache.markUsed(key("j1"), null, at(60)));
        assertThatNullPointerException().isThrownBy(() -> cache.markUsed(key("j1"), at(0), null));
    }

    @Test
    void sweepWhenSomeRetentionsEndedAtOrBeforeNowThenRemovesOnlyThoseAndCountsThem() {
        cache.markUsed(key("early"), at(0), at(10));
        cache.markUsed(key("exact"), at(0), at(50));
        cache.markUsed(key("late"), at(0), at(51));

        assertThat(cache.sweep(at(50))).isEqualTo(2);

        assertThat(cache.markUsed(key("late"), at(50), at(100))).isFalse();
        assertThat(cache.sweep(at(50))).isZero();
        assertThat(cache.markUsed(key("early"), at(50), at(100))).isTrue();
    }

    @Test
    void sweepWhenEmptyThenZero() {
        assertThat(cache.sweep(at(0))).isZero();
    }

    @Test
    void sweepWhenNothingEndedThenZeroAndEntriesStillBlock() {
        cache.markUsed(key("j1"), at(0), at(60));

        assertThat(cache.sweep(at(59))).isZero();

        assertThat(cache.markUsed(key("j1"), at(59), at(100))).isFalse();
    }

    @Test
    void sweepWhenNowNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> cache.sweep(null));
    }

    @Test
    void markUsedWhenManyThreadsPresentSameKeyThenExactlyOneWins() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                ReplayKey key = key("jti-" + round);

                List<Boolean> results = race.run(t -> () -> cache.markUsed(key, at(0), at(60)));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                assertThat(cache.markUsed(key, at(1), at(60))).isFalse();
            }
        }
    }

    @Test
    void markUsedWhenManyThreadsReuseExpiredKeyThenExactlyOneWins() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                ReplayKey key = key("jti-" + round);
                assertThat(cache.markUsed(key, at(0), at(10))).isTrue();

                List<Boolean> results = race.run(t -> () -> cache.markUsed(key, at(10 + t), at(100)));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
            }
        }
    }
}
