package dev.authmd.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs N tasks that start at the same instant: every worker waits on one start gate, which opens only once all of them
 * are parked on it. No sleeps. One instance per test, closed at its end.
 */
final class Race implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final int threads;
    private final ExecutorService pool;

    Race(int threads) {
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads);
    }

    /**
     * {@return each worker's result, in worker order}
     *
     * @param task makes the task of worker {@code i}, before the gate opens
     */
    <T> List<T> run(IntFunction<Callable<T>> task) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            Callable<T> work = task.apply(i);
            futures.add(pool.submit(() -> {
                ready.countDown();
                if (!start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("start gate never opened");
                }
                return work.call();
            }));
        }
        if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("workers never reached the start gate");
        }
        start.countDown();
        List<T> results = new ArrayList<>(threads);
        for (Future<T> future : futures) {
            results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("race workers did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping race workers", e);
        }
    }
}
