package dev.authmd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.spi.store.RateLimitStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RateLimitStore} must show: counters start at 1, count up, read back, restart at 1 once
 * expired (keeping the expiry they were created with while live), are swept exactly when expired, refuse null and
 * out-of-range arguments, and count every one of many concurrent increments exactly once.
 *
 * <p>Extend it once per implementation; JUnit runs every test against a fresh store:
 *
 * <pre>{@code
 * class RedisRateLimitStoreTest extends RateLimitStoreContract {
 *     protected RateLimitStore createStore() {
 *         return new RedisRateLimitStore(freshRedis());
 *     }
 * }
 * }</pre>
 *
 * <p>Time never comes from a clock: every instant is an explicit offset from {@link #baseTime()}, so an implementation
 * must judge expiry by the {@code now} it is given. The concurrency test runs {@value #ROUNDS} rounds of
 * {@value #THREADS} threads each incrementing one key {@link #incrementsPerThread()} times, released by one start gate.
 */
public abstract class RateLimitStoreContract {

    /** Rounds the concurrency test runs. */
    protected static final int ROUNDS = 100;
    /** Threads racing in each round. */
    protected static final int THREADS = 8;
    /** Increments each thread makes per round unless {@link #incrementsPerThread()} says otherwise. */
    protected static final int INCREMENTS = 500;

    private RateLimitStore store;

    /** {@return a new, empty store; called before every test} */
    protected abstract RateLimitStore createStore();

    /**
     * Releases what {@link #createStore()} made; called after every test. Does nothing by default.
     *
     * @param store the store the test used
     */
    protected void disposeStore(RateLimitStore store) {}

    /** {@return the instant every instant in these tests is an offset from; {@link StoreFixtures#T0} by default} */
    protected Instant baseTime() {
        return StoreFixtures.T0;
    }

    /**
     * {@return how many times each racing thread increments the key per round; {@value #INCREMENTS} by default. Many
     * increments widen the window in which a non-atomic increment loses one; a backend where each call is a network
     * round trip may lower it.}
     */
    protected int incrementsPerThread() {
        return INCREMENTS;
    }

    @BeforeEach
    void createFreshStore() {
        store = createStore();
    }

    @AfterEach
    void disposeFreshStore() {
        disposeStore(store);
    }

    private Instant at(long seconds) {
        return baseTime().plusSeconds(seconds);
    }

    @Test
    void incrementAndGetWhenAbsentThenOne() {
        assertThat(store.incrementAndGet("k", at(0), at(60))).isEqualTo(1);
    }

    @Test
    void incrementAndGetWhenLiveThenCountsUp() {
        store.incrementAndGet("k", at(0), at(60));
        store.incrementAndGet("k", at(1), at(60));

        assertThat(store.incrementAndGet("k", at(59), at(60))).isEqualTo(3);
    }

    @Test
    void incrementAndGetWhenExpiredExactlyAtNowThenRestartsAtOne() {
        store.incrementAndGet("k", at(0), at(60));
        store.incrementAndGet("k", at(1), at(60));

        assertThat(store.incrementAndGet("k", at(60), at(120))).isEqualTo(1);
        assertThat(store.get("k", at(61))).isEqualTo(1);
    }

    @Test
    void incrementAndGetWhenLiveThenKeepsExpiryItWasCreatedWith() {
        store.incrementAndGet("k", at(0), at(60));
        store.incrementAndGet("k", at(10), at(500));

        assertThat(store.get("k", at(59))).isEqualTo(2);
        assertThat(store.get("k", at(60))).isZero();
        assertThat(store.incrementAndGet("k", at(60), at(120))).isEqualTo(1);
    }

    @Test
    void incrementAndGetWhenKeysDifferThenIndependent() {
        store.incrementAndGet("a", at(0), at(60));
        store.incrementAndGet("a", at(0), at(60));

        assertThat(store.incrementAndGet("b", at(0), at(60))).isEqualTo(1);
        assertThat(store.get("a", at(0))).isEqualTo(2);
    }

    @Test
    void incrementAndGetWhenExpiresAtNotAfterNowThenIllegalArgumentAndNothingCounted() {
        assertThatIllegalArgumentException().isThrownBy(() -> store.incrementAndGet("k", at(60), at(60)));
        assertThatIllegalArgumentException().isThrownBy(() -> store.incrementAndGet("k", at(60), at(0)));

        assertThat(store.get("k", at(0))).isZero();
    }

    @Test
    void incrementAndGetWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.incrementAndGet(null, at(0), at(60)));
        assertThatNullPointerException().isThrownBy(() -> store.incrementAndGet("k", null, at(60)));
        assertThatNullPointerException().isThrownBy(() -> store.incrementAndGet("k", at(0), null));
    }

    @Test
    void getWhenAbsentThenZero() {
        assertThat(store.get("k", at(0))).isZero();
    }

    @Test
    void getWhenLiveThenValueWithoutIncrementing() {
        store.incrementAndGet("k", at(0), at(60));

        assertThat(store.get("k", at(30))).isEqualTo(1);
        assertThat(store.get("k", at(30))).isEqualTo(1);
    }

    @Test
    void getWhenExpiredThenZero() {
        store.incrementAndGet("k", at(0), at(60));

        assertThat(store.get("k", at(60))).isZero();
        assertThat(store.get("k", at(61))).isZero();
    }

    @Test
    void getWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.get(null, at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.get("k", null));
    }

    @Test
    void sweepWhenSomeExpiredAtOrBeforeNowThenRemovesOnlyThoseAndCountsThem() {
        store.incrementAndGet("early", at(0), at(10));
        store.incrementAndGet("exact", at(0), at(50));
        store.incrementAndGet("late", at(0), at(51));
        store.incrementAndGet("late", at(0), at(51));

        assertThat(store.sweep(at(50))).isEqualTo(2);

        assertThat(store.get("late", at(50))).isEqualTo(2);
        assertThat(store.sweep(at(50))).isZero();
        assertThat(store.incrementAndGet("early", at(50), at(100))).isEqualTo(1);
    }

    @Test
    void sweepWhenEmptyThenZero() {
        assertThat(store.sweep(at(0))).isZero();
    }

    @Test
    void sweepWhenNowNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.sweep(null));
    }

    @Test
    void incrementAndGetWhenManyThreadsIncrementOneKeyThenEveryIncrementCountedOnce() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                String key = "key-" + round;

                int increments = incrementsPerThread();
                List<List<Long>> results = race.run(t -> () -> {
                    List<Long> seen = new ArrayList<>(increments);
                    for (int i = 0; i < increments; i++) {
                        seen.add(store.incrementAndGet(key, at(0), at(3600)));
                    }
                    return seen;
                });

                Set<Long> distinct = new HashSet<>();
                results.forEach(distinct::addAll);
                assertThat(distinct).as("round %d", round).hasSize(THREADS * increments);
                assertThat(store.get(key, at(1))).isEqualTo((long) THREADS * increments);
                results.forEach(seen -> assertThat(seen).isSorted());
            }
        }
    }
}
