package dev.authmd.core.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.spi.store.ReplayCache;
import dev.authmd.spi.store.ReplayKey;
import dev.authmd.spi.store.StoreException;
import dev.authmd.testkit.ReplayCacheContract;
import dev.authmd.testkit.StoreFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryReplayCacheTest extends ReplayCacheContract {

    private static final Instant T0 = StoreFixtures.T0;

    @Override
    protected ReplayCache createStore() {
        return new InMemoryReplayCache();
    }

    private static ReplayKey key(String jti) {
        return StoreFixtures.replayKey(jti);
    }

    @Test
    void constructorWhenMaxEntriesBelowOneThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryReplayCache(0));
    }

    @Test
    void markUsedWhenFullOfUnexpiredEntriesThenStoreExceptionAndEveryEntryStillBlocks() {
        InMemoryReplayCache cache = new InMemoryReplayCache(3);
        for (int i = 0; i < 3; i++) {
            assertThat(cache.markUsed(key("j" + i), T0, T0.plusSeconds(60))).isTrue();
        }

        assertThatThrownBy(() -> cache.markUsed(key("j3"), T0.plusSeconds(1), T0.plusSeconds(60)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("full");

        assertThat(cache.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(cache.markUsed(key("j" + i), T0.plusSeconds(59), T0.plusSeconds(120)))
                    .isFalse();
        }
    }

    @Test
    void markUsedWhenFullButEntriesExpiredThenMakesRoomAndRecords() {
        InMemoryReplayCache cache = new InMemoryReplayCache(3);
        cache.markUsed(key("old"), T0, T0.plusSeconds(10));
        cache.markUsed(key("live-1"), T0, T0.plusSeconds(60));
        cache.markUsed(key("live-2"), T0, T0.plusSeconds(60));

        assertThat(cache.markUsed(key("new"), T0.plusSeconds(10), T0.plusSeconds(60)))
                .isTrue();

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.markUsed(key("live-1"), T0.plusSeconds(11), T0.plusSeconds(60)))
                .isFalse();
        assertThat(cache.markUsed(key("new"), T0.plusSeconds(11), T0.plusSeconds(60)))
                .isFalse();
    }

    @Test
    void markUsedWhenExpiredEntriesExistThenRemovesSomeOnTheWay() {
        InMemoryReplayCache cache = new InMemoryReplayCache();
        for (int i = 0; i < 10; i++) {
            cache.markUsed(key("old-" + i), T0, T0.plusSeconds(10));
        }

        for (int i = 0; i < 5; i++) {
            cache.markUsed(key("new-" + i), T0.plusSeconds(20), T0.plusSeconds(60));
        }

        assertThat(cache.size()).isEqualTo(5);
    }

    @Test
    void markUsedWhenReplayOfExpiredKeyThenSlotReused() {
        InMemoryReplayCache cache = new InMemoryReplayCache(1);
        cache.markUsed(key("j1"), T0, T0.plusSeconds(10));

        assertThat(cache.markUsed(key("j1"), T0.plusSeconds(10), T0.plusSeconds(20)))
                .isTrue();

        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void sweepWhenAllExpiredThenEmpty() {
        InMemoryReplayCache cache = new InMemoryReplayCache();
        for (int i = 0; i < 100; i++) {
            cache.markUsed(key("j" + i), T0, T0.plusSeconds(1 + i % 7));
        }

        assertThat(cache.sweep(T0.plusSeconds(7))).isEqualTo(100);

        assertThat(cache.size()).isZero();
    }

    @Test
    void markUsedWhenManyThreadsFillSmallCacheThenExactlyBoundSucceedAndRestFailClosed() throws Exception {
        int threads = 32;
        int bound = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 100; round++) {
                InMemoryReplayCache cache = new InMemoryReplayCache(bound);
                CountDownLatch ready = new CountDownLatch(threads);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    ReplayKey k = key("r" + round + "-t" + t);
                    Callable<Boolean> task = () -> {
                        ready.countDown();
                        start.await();
                        try {
                            return cache.markUsed(k, T0, T0.plusSeconds(60));
                        } catch (StoreException full) {
                            return false;
                        }
                    };
                    futures.add(pool.submit(task));
                }
                assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
                start.countDown();
                int accepted = 0;
                for (Future<Boolean> f : futures) {
                    accepted += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }

                assertThat(accepted).as("round %d", round).isEqualTo(bound);
                assertThat(cache.size()).isEqualTo(bound);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
