package dev.authmd.adapters.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pool starts a thread while none is idle, queues only at its maximum, and refuses when the queue is full. */
class WorkerPoolTest {

    @Test
    void executeWhenEveryThreadBusyThenGrowsThenQueuesThenRefuses() throws Exception {
        WorkerPool pool = WorkerPool.create(12, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(12);
        try {
            for (int i = 0; i < 12; i++) {
                pool.execute(() -> {
                    started.countDown();
                    await(release);
                });
            }
            assertThat(started.await(10, TimeUnit.SECONDS))
                    .as("all twelve running at once")
                    .isTrue();
            assertThat(pool.getPoolSize()).isEqualTo(12);
            assertThat(pool.getQueue()).isEmpty();

            pool.execute(() -> {});
            assertThat(pool.getQueue()).hasSize(1);
            assertThatThrownBy(() -> pool.execute(() -> {}))
                    .isInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("every worker busy, queue full");
        } finally {
            release.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void executeWhenAThreadWaitsThenItTakesTheTask() throws Exception {
        WorkerPool pool = WorkerPool.create(12, 10);
        try {
            for (int i = 0; i < 50; i++) {
                CountDownLatch done = new CountDownLatch(1);
                pool.execute(done::countDown);
                assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(pool.getLargestPoolSize()).isLessThanOrEqualTo(WorkerPool.CORE_THREADS);
        } finally {
            pool.shutdown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
