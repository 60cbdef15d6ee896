package dev.authmd.core.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.authmd.spi.store.RateLimitStore;
import dev.authmd.testkit.RateLimitStoreContract;
import dev.authmd.testkit.StoreFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryRateLimitStoreTest extends RateLimitStoreContract {

    private static final Instant T0 = StoreFixtures.T0;

    @Override
    protected RateLimitStore createStore() {
        return new InMemoryRateLimitStore();
    }

    @Test
    void constructorWhenMaxEntriesBelowOneThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryRateLimitStore(0));
    }

    @Test
    void incrementAndGetWhenFullOfLiveCountersThenEvictsTheOneExpiringSoonest() {
        InMemoryRateLimitStore store = new InMemoryRateLimitStore(3);
        store.incrementAndGet("late", T0, T0.plusSeconds(300));
        store.incrementAndGet("soon", T0, T0.plusSeconds(100));
        store.incrementAndGet("mid", T0, T0.plusSeconds(200));
        store.incrementAndGet("mid", T0, T0.plusSeconds(200));

        assertThat(store.incrementAndGet("new", T0.plusSeconds(1), T0.plusSeconds(400)))
                .isEqualTo(1);

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.get("soon", T0.plusSeconds(1))).isZero();
        assertThat(store.get("mid", T0.plusSeconds(1))).isEqualTo(2);
        assertThat(store.get("late", T0.plusSeconds(1))).isEqualTo(1);
    }

    @Test
    void incrementAndGetWhenFullButSomeExpiredThenSweepsInsteadOfEvicting() {
        InMemoryRateLimitStore store = new InMemoryRateLimitStore(3);
        store.incrementAndGet("expired-a", T0, T0.plusSeconds(10));
        store.incrementAndGet("expired-b", T0, T0.plusSeconds(10));
        store.incrementAndGet("live", T0, T0.plusSeconds(100));
        store.incrementAndGet("live", T0, T0.plusSeconds(100));

        assertThat(store.incrementAndGet("new", T0.plusSeconds(10), T0.plusSeconds(400)))
                .isEqualTo(1);

        assertThat(store.get("live", T0.plusSeconds(10))).isEqualTo(2);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void incrementAndGetWhenExpiredCountersExistThenRemovesSomeOnTheWay() {
        InMemoryRateLimitStore store = new InMemoryRateLimitStore();
        for (int i = 0; i < 10; i++) {
            store.incrementAndGet("old-" + i, T0, T0.plusSeconds(10));
        }

        for (int i = 0; i < 5; i++) {
            store.incrementAndGet("new-" + i, T0.plusSeconds(20), T0.plusSeconds(60));
        }

        assertThat(store.size()).isEqualTo(5);
    }

    @Test
    void incrementAndGetWhenBoundIsOneThenEachNewKeyReplacesTheLast() {
        InMemoryRateLimitStore store = new InMemoryRateLimitStore(1);
        store.incrementAndGet("a", T0, T0.plusSeconds(60));

        assertThat(store.incrementAndGet("b", T0, T0.plusSeconds(60))).isEqualTo(1);

        assertThat(store.get("a", T0)).isZero();
        assertThat(store.incrementAndGet("b", T0, T0.plusSeconds(60))).isEqualTo(2);
    }
}
