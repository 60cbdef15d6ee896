package dev.authmd.adapters.jdkhttp;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's workers: a pool that starts a thread for an exchange when no thread is idle, up to its maximum, and
 * queues only beyond that. (A plain {@link ThreadPoolExecutor} queues first and grows only when the queue is full.) The
 * JDK server reads a request's headers on the worker in blocking mode, so with a queue in front a few slow clients
 * would make every later request wait behind them, its own deadline running; growing first means a slow client holds
 * its own thread and no one else's. Threads above the core count end after 30 idle seconds.
 */
final class WorkerPool extends ThreadPoolExecutor {

    /** Threads kept when idle. */
    static final int CORE_THREADS = 8;

    private final AtomicInteger inFlight = new AtomicInteger();

    private WorkerPool(int maxThreads, GrowFirstQueue queue) {
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
                        throw new RejectedExecutionException("authmd JDK server: no worker and the queue is full");
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
        WorkerPool pool = new WorkerPool(maxThreads, queue);
        queue.pool = pool;
        return pool;
    }

    @Override
    public void execute(Runnable task) {
        inFlight.incrementAndGet();
        try {
            super.execute(task);
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        inFlight.decrementAndGet();
    }

    /** Refuses a task while the pool can still grow, so the pool starts a thread instead. */
    private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {

        private static final long serialVersionUID = 1L;

        private transient volatile WorkerPool pool;

        GrowFirstQueue(int capacity) {
            super(capacity);
        }

        @Override
        public boolean offer(Runnable task) {
            WorkerPool owner = pool;
            if (owner == null || owner.inFlight.get() <= owner.getPoolSize()) {
                return super.offer(task); // a thread is idle and will take it
            }
            if (owner.getPoolSize() < owner.getMaximumPoolSize()) {
                return false; // make the pool start a thread
            }
            return super.offer(task);
        }

        boolean force(Runnable task) {
            return super.offer(task);
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
