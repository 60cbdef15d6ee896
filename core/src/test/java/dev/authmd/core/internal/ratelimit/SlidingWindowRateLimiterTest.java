package dev.authmd.core.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.core.audit.RecordingLogger;
import dev.authmd.core.ratelimit.LimitScope;
import dev.authmd.core.ratelimit.RateLimit;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class SlidingWindowRateLimiterTest {

    /** The start of an hour window. */
    private static final Instant HOUR = Instant.parse("2026-05-04T12:00:00Z");

    private static final String T = "tenant-a";
    private static final String IP = "203.0.113.7";

    private final MutableClock clock = new MutableClock(HOUR);
    private final TestRateLimitStore store = new TestRateLimitStore();
    private final RecordingLogger logger = new RecordingLogger("limiter");
    private final SlidingWindowRateLimiter defaults =
            new SlidingWindowRateLimiter(RateLimitPolicy.defaults(), store, clock, logger);

    @Test
    void acquireWhenAnonymousDefaultsThenFivePerIpThenDeniedForThatIpOnly() {
        for (int i = 0; i < 5; i++) {
            assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP).isAllowed())
                    .isTrue();
        }
        RateLimitDecision sixth = defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP);
        assertThat(sixth.isAllowed()).isFalse();
        assertThat(sixth.denial()).contains(LimitScope.IP);
        assertThat(sixth.limitName()).isEqualTo("anonymous");
        assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, T, "203.0.113.8").isAllowed())
                .isTrue();
    }

    @Test
    void acquireWhenAnonymousDefaultsThenHundredPerTenantAcrossIps() {
        for (int i = 0; i < 100; i++) {
            assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, T, "198.51.100." + i)
                            .isAllowed())
                    .isTrue();
        }
        RateLimitDecision next = defaults.acquire(RateLimitPolicy.ANONYMOUS, T, "198.51.100.200");
        assertThat(next.denial()).contains(LimitScope.TENANT);
        assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, "tenant-b", "198.51.100.200")
                        .isAllowed())
                .isTrue();
    }

    @Test
    void acquireWhenIdentityAssertionDefaultsThenSixtyPerIp() {
        for (int i = 0; i < 60; i++) {
            assertThat(defaults.acquire(RateLimitPolicy.IDENTITY_ASSERTION, T, IP)
                            .isAllowed())
                    .isTrue();
        }
        assertThat(defaults.acquire(RateLimitPolicy.IDENTITY_ASSERTION, T, IP).denial())
                .contains(LimitScope.IP);
        assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP).isAllowed())
                .isTrue();
    }

    @Test
    void acquirePerIpWhenCurrentProfileLimitThenOnlyTheIpCountedNeverTheTenant() {
        SlidingWindowRateLimiter limiter = limiter(RateLimit.perHour("split", 2, 3));
        for (int i = 0; i < 2; i++) {
            assertThat(limiter.acquirePerIp("split", T, IP).isAllowed()).isTrue();
        }
        assertThat(limiter.acquirePerIp("split", T, IP).denial()).contains(LimitScope.IP);
        // garbage from other addresses charged per IP only: the tenant's budget is untouched
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.acquirePerIp("split", T, "198.51.100." + i).isAllowed())
                    .isTrue();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquirePerTenant("split", T).isAllowed()).isTrue();
        }
        assertThat(limiter.acquirePerTenant("split", T).denial()).contains(LimitScope.TENANT);
        assertThat(limiter.acquirePerIp("split", T, null).isAllowed()).isTrue();
    }

    @Test
    void acquirePerRegistrationWhenCapReachedThenThatRegistrationOnlyAndScopeRegistration() {
        SlidingWindowRateLimiter limiter =
                limiter(new RateLimit("exchange", java.time.Duration.ofHours(1), 0, 0, 0, 3));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquirePerRegistration("exchange", T, "reg_a").isAllowed())
                    .isTrue();
        }
        RateLimitDecision fourth = limiter.acquirePerRegistration("exchange", T, "reg_a");
        assertThat(fourth.isAllowed()).isFalse();
        assertThat(fourth.denial()).contains(LimitScope.REGISTRATION);
        assertThat(fourth.retryAfterSeconds()).isPositive();
        assertThat(limiter.acquirePerRegistration("exchange", T, "reg_b").isAllowed())
                .isTrue();
        assertThat(limiter.acquirePerRegistration("exchange", "tenant-b", "reg_a")
                        .isAllowed())
                .isTrue();
    }

    @Test
    void acquireWhenNoClientIpThenPerIpSkippedAndTenantStillApplies() {
        SlidingWindowRateLimiter limiter = limiter(RateLimit.perHour("test", 2, 4));
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire("test", T, null).isAllowed()).isTrue();
        }
        assertThat(limiter.acquire("test", T, null).denial()).contains(LimitScope.TENANT);
        assertThat(store.keys()).noneMatch(key -> key.contains(":ip:"));
    }

    @Test
    void acquireWhenBothScopesFullThenIpReportedFirst() {
        SlidingWindowRateLimiter limiter = limiter(RateLimit.perHour("test", 2, 2));
        limiter.acquire("test", T, IP);
        limiter.acquire("test", T, IP);
        assertThat(limiter.acquire("test", T, IP).denial()).contains(LimitScope.IP);
        assertThat(limiter.acquire("test", T, "198.51.100.1").denial()).contains(LimitScope.TENANT);
    }

    @Test
    void acquireWhenDeniedThenNothingCounted() {
        SlidingWindowRateLimiter limiter = limiter(RateLimit.perHour("test", 2, 10));
        limiter.acquire("test", T, IP);
        limiter.acquire("test", T, IP);
        var before = store.values();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("test", T, IP).isAllowed()).isFalse();
        }
        assertThat(store.values()).isEqualTo(before);
    }

    @Test
    void acquireWhenCapFilledAtWindowStartThenRetryAfterIsExactlyWhenOneFits() {
        for (int i = 0; i < 5; i++) {
            defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP);
        }
        RateLimitDecision denied = defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP);
        // next window starts in 3600 s; then 5 × (1 − g) + 1 ≤ 5 once g ≥ 1/5 of the hour (720 s)
        assertThat(denied.retryAfterSeconds()).isEqualTo(4320);
        clock.advance(Duration.ofSeconds(4319));
        assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP).isAllowed())
                .isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP).isAllowed())
                .isTrue();
    }

    @Test
    void acquireWhenExactlyAtWindowBoundaryThenPreviousWindowCountsFully() {
        for (int i = 0; i < 5; i++) {
            defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP);
        }
        clock.set(HOUR.plus(Duration.ofHours(1)));
        assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP).isAllowed())
                .isFalse();
        clock.set(HOUR.plus(Duration.ofMinutes(90)));
        // 5 × 0.5 = 2.5 in flight: two more fit (3.5, 4.5 ≤ 5), the third does not
        assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP).isAllowed())
                .isTrue();
        assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP).isAllowed())
                .isTrue();
        RateLimitDecision third = defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP);
        assertThat(third.isAllowed()).isFalse();
        // 5 × (1 − f) + 2 + 1 ≤ 5 once f ≥ 0.6, i.e. at 36 min; now at 30 min
        assertThat(third.retryAfterSeconds()).isEqualTo(360);
    }

    @Test
    void acquireWhenTwoWindowsLaterThenEverythingForgotten() {
        for (int i = 0; i < 5; i++) {
            defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP);
        }
        clock.set(HOUR.plus(Duration.ofHours(2)));
        for (int i = 0; i < 5; i++) {
            assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP).isAllowed())
                    .isTrue();
        }
    }

    @Test
    void acquireWhenWaitingRetryAfterThenAllowedAndOneSecondLessThenDenied() {
        int[][] scenarios = {{1, 0}, {1, 1799}, {3, 17}, {5, 3599}, {7, 2000}, {10, 1234}};
        for (int[] scenario : scenarios) {
            int cap = scenario[0];
            for (int offset = 0; offset < 3; offset++) {
                TestRateLimitStore fresh = new TestRateLimitStore();
                MutableClock time = new MutableClock(HOUR.plusSeconds(scenario[1]));
                SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(
                        RateLimitPolicy.builder()
                                .clear()
                                .limit(RateLimit.perHour("test", cap, 0))
                                .build(),
                        fresh,
                        time,
                        logger);
                // fill across a window boundary so both windows hold counts
                for (int i = 0; i < cap; i++) {
                    assertThat(limiter.acquire("test", T, IP).isAllowed()).isTrue();
                    time.advance(Duration.ofSeconds(97L * (offset + 1)));
                }
                RateLimitDecision denied = limiter.acquire("test", T, IP);
                while (denied.isAllowed()) {
                    denied = limiter.acquire("test", T, IP);
                }
                long wait = denied.retryAfterSeconds();
                assertThat(wait).isPositive();
                Instant deniedAt = time.instant();
                time.set(deniedAt.plusSeconds(wait - 1));
                assertThat(limiter.acquire("test", T, IP).isAllowed())
                        .as("cap %d start %d offset %d: one second early", cap, scenario[1], offset)
                        .isFalse();
                time.set(deniedAt.plusSeconds(wait));
                assertThat(limiter.acquire("test", T, IP).isAllowed())
                        .as("cap %d start %d offset %d: after Retry-After", cap, scenario[1], offset)
                        .isTrue();
            }
        }
    }

    @Test
    void waitMillisWhenComparedWithBruteForceThenSameForEveryState() {
        long w = 100;
        for (long cap = 1; cap <= 4; cap++) {
            for (long previous = 0; previous <= 6; previous++) {
                for (long current = 0; current <= 6; current++) {
                    for (long elapsed = 0; elapsed < w; elapsed++) {
                        if (SlidingWindowRateLimiter.fits(previous, current, elapsed, w, cap)) {
                            continue;
                        }
                        long expected = bruteForceWait(previous, current, elapsed, w, cap);
                        assertThat(SlidingWindowRateLimiter.waitMillis(previous, current, elapsed, w, cap))
                                .as("cap %d prev %d cur %d elapsed %d", cap, previous, current, elapsed)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void acquireWhenClaimEmailThenFivePerAddressCaseInsensitiveAcrossIps() {
        for (int i = 0; i < 5; i++) {
            assertThat(defaults.acquire(
                                    RateLimitPolicy.CLAIM_EMAIL,
                                    T,
                                    "198.51.100." + i,
                                    i % 2 == 0 ? "alice@example.com" : "Alice@Example.COM")
                            .isAllowed())
                    .isTrue();
        }
        RateLimitDecision sixth =
                defaults.acquire(RateLimitPolicy.CLAIM_EMAIL, T, "198.51.100.99", "alice@example.com");
        assertThat(sixth.denial()).contains(LimitScope.ADDRESS);
        assertThat(defaults.acquire(RateLimitPolicy.CLAIM_EMAIL, T, "198.51.100.99", "bob@example.com")
                        .isAllowed())
                .isTrue();
    }

    @Test
    void acquireWhenClaimEmailThenTwentyPerIpAcrossAddresses() {
        for (int i = 0; i < 20; i++) {
            assertThat(defaults.acquire(RateLimitPolicy.CLAIM_EMAIL, T, IP, "user" + i + "@example.com")
                            .isAllowed())
                    .isTrue();
        }
        assertThat(defaults.acquire(RateLimitPolicy.CLAIM_EMAIL, T, IP, "new@example.com")
                        .denial())
                .contains(LimitScope.IP);
    }

    @Test
    void acquireWhenEmailGivenThenNoKeyContainsIt() {
        defaults.acquire(RateLimitPolicy.CLAIM_EMAIL, T, IP, "alice@example.com");
        assertThat(store.keys())
                .isNotEmpty()
                .allSatisfy(key -> assertThat(key.toLowerCase())
                        .doesNotContain("alice")
                        .doesNotContain("example.com")
                        .startsWith("rl:claim_email:"));
    }

    @Test
    void acquireWhenIpv6ThenCountedPerSlash64() {
        SlidingWindowRateLimiter limiter = limiter(RateLimit.perHour("test", 2, 0));
        assertThat(limiter.acquire("test", T, "2001:db8::1").isAllowed()).isTrue();
        assertThat(limiter.acquire("test", T, "2001:db8::ffff:2").isAllowed()).isTrue();
        assertThat(limiter.acquire("test", T, "2001:db8::3").denial()).contains(LimitScope.IP);
        assertThat(limiter.acquire("test", T, "2001:db8:0:1::1").isAllowed()).isTrue();
        assertThat(store.keys()).anyMatch(key -> key.contains(":2001:db8::/64:"));
    }

    @Test
    void acquireWhenTenantIdsContainSeparatorsThenKeysDoNotCollide() {
        SlidingWindowRateLimiter limiter = limiter(RateLimit.perHour("test", 1, 0));
        assertThat(limiter.acquire("test", "a:1.2.3.4", "5.6.7.8").isAllowed()).isTrue();
        assertThat(limiter.acquire("test", "a", "1.2.3.4:5.6.7.8").isAllowed()).isTrue();
    }

    @Test
    void acquireWhenLimitNotInPolicyThenAllowedWithoutTouchingStore() {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(RateLimitPolicy.none(), store, clock, logger);
        assertThat(limiter.acquire(RateLimitPolicy.ANONYMOUS, T, IP)).isEqualTo(RateLimitDecision.allowed("anonymous"));
        assertThat(store.calls()).isZero();
    }

    @Test
    void acquireWhenStoreThrowsThenAllowedAndWarnedAtMostOncePerMinute() {
        store.failing(true);
        for (int i = 0; i < 3; i++) {
            assertThat(defaults.acquire(RateLimitPolicy.CLAIM_EMAIL, T, IP, "alice@example.com")
                            .isAllowed())
                    .isTrue();
        }
        assertThat(logger.lines()).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(Level.WARN);
            assertThat(line.message())
                    .contains("claim_email")
                    .contains("fail-open")
                    .contains("0 earlier");
        });
        clock.advance(Duration.ofSeconds(59));
        defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP);
        assertThat(logger.lines()).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP);
        assertThat(logger.lines()).hasSize(2);
        assertThat(logger.lines().get(1).message()).contains("3 earlier");
        assertThat(logger.allText()).doesNotContain("alice");
    }

    @Test
    void acquireWhenStoreRecoversThenLimitsApplyAgain() {
        store.failing(true);
        assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP).isAllowed())
                .isTrue();
        store.failing(false);
        for (int i = 0; i < 5; i++) {
            assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP).isAllowed())
                    .isTrue();
        }
        assertThat(defaults.acquire(RateLimitPolicy.ANONYMOUS, T, IP).isAllowed())
                .isFalse();
    }

    @Test
    void acquireWhenManyConcurrentRequestsThenNeverMoreThanTheCap() throws Exception {
        SlidingWindowRateLimiter limiter = limiter(RateLimit.perHour("test", 10, 0));
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        if (limiter.acquire("test", T, IP).isAllowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(allowed.get()).isEqualTo(10);
    }

    @Test
    void acquireWhenArgumentsMissingThenClearError() {
        assertThatThrownBy(() -> defaults.acquire(null, T, IP))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("limitName cannot be null");
        assertThatThrownBy(() -> defaults.acquire("anonymous", null, IP))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("tenantId cannot be null");
    }

    private SlidingWindowRateLimiter limiter(RateLimit limit) {
        return new SlidingWindowRateLimiter(
                RateLimitPolicy.builder().clear().limit(limit).build(), store, clock, logger);
    }

    /** Steps time forward one millisecond at a time with no new requests until one fits. */
    private static long bruteForceWait(long previous, long current, long elapsed, long w, long cap) {
        long prev = previous;
        long cur = current;
        long e = elapsed;
        for (long waited = 0; waited <= 3 * w; waited++) {
            if (SlidingWindowRateLimiter.fits(prev, cur, e, w, cap)) {
                return waited;
            }
            e++;
            if (e == w) {
                e = 0;
                prev = cur;
                cur = 0;
            }
        }
        throw new AssertionError("never fits");
    }
}
