package dev.authmd.examples.e2e;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that ticks with the system clock plus an offset that tests move forward, so a server built with it lets the
 * suite cross a TTL over real HTTP without waiting. Hand the same instance to the server (service and demo provider)
 * and to the suite. Thread-safe.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    /** A UTC clock that starts at the system time. */
    public AdjustableClock() {
        this(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO));
    }

    private AdjustableClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /**
     * Moves this clock (and every clock derived from it with {@link #withZone}) forward.
     *
     * @param amount how far; must not be negative
     */
    public void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount cannot be null");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount cannot be negative: time only moves forward");
        }
        offset.accumulateAndGet(amount, Duration::plus);
    }

    /**
     * Moves this clock forward until it is past an instant.
     *
     * @param instant the instant to pass
     * @param margin how far past it
     */
    public void advancePast(Instant instant, Duration margin) {
        Objects.requireNonNull(instant, "instant cannot be null");
        Objects.requireNonNull(margin, "margin cannot be null");
        Duration gap = Duration.between(instant(), instant);
        advance((gap.isNegative() ? Duration.ZERO : gap).plus(margin));
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new AdjustableClock(base.withZone(zone), offset);
    }

    @Override
    public String toString() {
        return "AdjustableClock[" + ZoneOffset.UTC + " + " + offset.get() + "]";
    }
}
