package dev.authmd.testkit.host;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock a test moves by hand: pass it to {@code AgentAuthService.Builder.clock(...)} (and to {@link TestProvider}),
 * then {@link #advance} past a TTL instead of sleeping. Thread-safe; always UTC.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2026-05-04T12:00:00Z"));
 * clock.advance(Duration.ofHours(25));      // the unclaimed registration is now past its 24 h
 * }</pre>
 */
public final class TestClock extends Clock {

    private volatile Instant now;

    private TestClock(Instant start) {
        this.now = start;
    }

    /**
     * {@return a clock standing at {@code start}}
     *
     * @param start the first instant it answers
     */
    public static TestClock at(Instant start) {
        return new TestClock(Objects.requireNonNull(start, "start cannot be null"));
    }

    /** {@return a clock standing at the current instant of the system clock} */
    public static TestClock now() {
        return at(Instant.now());
    }

    /**
     * Moves the clock forward.
     *
     * @param by zero or more
     * @return the new instant
     * @throws IllegalArgumentException when {@code by} is negative (time never runs back for the service)
     */
    public synchronized Instant advance(Duration by) {
        Objects.requireNonNull(by, "by cannot be null");
        if (by.isNegative()) {
            throw new IllegalArgumentException("a test clock only moves forward: " + by);
        }
        now = now.plus(by);
        return now;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** {@return this clock: it is always UTC} */
    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("a test clock is UTC");
        }
        return this;
    }

    @Override
    public String toString() {
        return "TestClock[" + now + "]";
    }
}
