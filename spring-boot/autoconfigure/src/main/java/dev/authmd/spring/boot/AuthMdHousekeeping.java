package dev.authmd.spring.boot;

import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.Housekeeping;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link AgentAuthService#runHousekeeping} on a daemon thread every {@code authmd.housekeeping.interval}, from the
 * context's start to its stop. Safe on every replica at once.
 */
public final class AuthMdHousekeeping implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AuthMdHousekeeping.class);

    private final AgentAuthService service;
    private final Duration interval;
    private final int limit;
    private @Nullable ScheduledExecutorService scheduler;

    /**
     * @param service the service
     * @param interval time between two runs, positive
     * @param limit most registrations expired, and purged per tenant, in one run; at least 1
     */
    public AuthMdHousekeeping(AgentAuthService service, Duration interval, int limit) {
        this.service = Objects.requireNonNull(service, "service cannot be null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("authmd.housekeeping.interval must be positive: " + interval);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("authmd.housekeeping.limit must be at least 1: " + limit);
        }
        this.interval = interval;
        this.limit = limit;
    }

    /** Runs the housekeeping once, now; what the schedule calls. */
    public void runOnce() {
        try {
            Housekeeping done = service.runHousekeeping(limit);
            if (done.expired() > 0 || done.purged() > 0) {
                LOG.debug(
                        "housekeeping: expired {}, swept {}, purged {}",
                        done.expired(),
                        done.recordsRemoved(),
                        done.purged());
            }
        } catch (RuntimeException e) {
            LOG.error("housekeeping failed: {}", e.getClass().getName());
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler == null) {
            ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "authmd-housekeeping");
                thread.setDaemon(true);
                return thread;
            });
            started.scheduleWithFixedDelay(
                    this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
            scheduler = started;
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
