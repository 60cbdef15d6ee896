package dev.authmd.adapters.jdkhttp;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's workers: a pool that hands an exchange to a thread waiting for work, starts a new thread when none is
 * waiting, up to its maximum, and queues only beyond that. (A plain {@link ThreadPoolExecutor} queues first and grows
 * only when the queue is full.) The JDK server reads a request's headers on the worker in blocking mode, so with a
 * queue in front a few slow clients would make every later request wait behind them, its own deadline running; growing
 * first means a slow client holds its own thread and no one else's. Threads above the core count end after 30 idle
 * seconds. A refused exchange (every thread busy and the queue full) has its connection closed by the JDK; the first
 * refusal, then one a minute, is logged at WARN with the count.
 */
final class WorkerPool extends ThreadPoolExecutor {

    /** Threads kept when idle. */
    static final int CORE_THREADS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private WorkerPool(int maxThreads, GrowFirstQueue queue, Refusals refusals) {
        super(
                Math.min(CORE_THREADS, maxThreads),
                maxThreads,
                30,
                TimeUnit.SECONDS,
                queue,
                new WorkerThreads(),
                (task, pool) -> {
                    // lost a race for the last thread: queue it, unless the pool is stopping or the queue is full
                    if (pool.isShutdown() || !queue.force(task)) {
                        refusals.record();
                        throw new RejectedExecutionException("authmd JDK server: every worker busy, queue full");
                    }
                });
    }

    /**
     * @param maxThreads the most threads
     * @param queueCapacity exchanges that may wait once every thread is busy
     * @return a running pool
     */
    static WorkerPool create(int maxThreads, int queueCapacity) {
        GrowFirstQueue queue = new GrowFirstQueue(queueCapacity);
        WorkerPool pool = new WorkerPool(maxThreads, queue, new Refusals());
        queue.pool = pool;
        return pool;
    }

    /** Hands a task to a waiting thread; refuses it while the pool can still grow, so the pool starts a thread. */
    private static final class GrowFirstQueue extends LinkedTransferQueue<Runnable> {

        private static final long serialVersionUID = 1L;

        private final int capacity;
        private transient volatile WorkerPool pool;

        GrowFirstQueue(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public boolean offer(Runnable task) {
            if (tryTransfer(task)) {
                return true; // a thread waiting for work took it
            }
            WorkerPool owner = pool;
            if (owner != null && owner.getPoolSize() < owner.getMaximumPoolSize()) {
                return false; // make the pool start a thread
            }
            return force(task);
        }

        /** Queues without the growth check, within the capacity (checked loosely: a race may pass it by a few). */
        boolean force(Runnable task) {
            return size() < capacity && super.offer(task);
        }
    }

    /** Counts refused exchanges and says so at WARN, at most once a minute. */
    private static final class Refusals {
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

        void record() {
            long total = count.incrementAndGet();
            long now = System.nanoTime();
            long last = lastWarned.get();
            if (now - last >= WARN_EVERY_NANOS && lastWarned.compareAndSet(last, now)) {
                LOG.warn(
                        "authmd JDK server: every worker busy and the queue full; {} connection(s) closed unanswered "
                                + "so far (raise workers or queueCapacity, or look for slow clients)",
                        total);
            }
        }
    }

    /** Daemon workers with names that say whose they are. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger sequence = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "authmd-http-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
