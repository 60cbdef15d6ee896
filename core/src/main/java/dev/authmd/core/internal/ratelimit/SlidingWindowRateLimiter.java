package dev.authmd.core.internal.ratelimit;

import dev.authmd.core.internal.net.IpAddresses;
import dev.authmd.core.ratelimit.ClientAddressResolver;
import dev.authmd.core.ratelimit.LimitScope;
import dev.authmd.core.ratelimit.RateLimit;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.spi.store.RateLimitStore;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces a {@link RateLimitPolicy} with sliding-window counters over a {@link RateLimitStore}
 * (docs/protocol.md#v01-7).
 *
 * <p><b>Algorithm.</b> Time is cut into fixed windows of the limit's length; the store counts requests per window. The
 * sliding estimate at instant {@code now} is {@code previous × (1 − elapsed/window) + current}, where {@code elapsed}
 * is how far {@code now} is into the current window. A request is allowed when {@code estimate + 1 ≤ cap} in every
 * scope that applies, checked per IP first, then per tenant, then per address; the first scope that refuses decides,
 * and nothing is counted for a refused request. An allowed request is counted in each scope with the store's atomic
 * increment and re-checked with the incremented value, so concurrent requests never pass a cap (a loser of that race is
 * refused and stays counted). The arithmetic is exact (integers, milliseconds), so waiting {@code Retry-After} seconds
 * with no further requests is always enough.
 *
 * <p><b>Scopes.</b> Every counter is scoped to the tenant. No client IP → the per-IP check is skipped. IPv6 clients are
 * counted per /64. Email addresses are lower-cased and hashed before they become part of a key, so neither the store
 * nor a log line ever holds one.
 *
 * <p><b>Failure.</b> When the store throws, the limiter fails <em>open</em>: the request is allowed, and a WARN (limit,
 * scope and exception; never a key) is logged at most once a minute with the number of failures suppressed since the
 * last one.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * RateLimitDecision decision = limiter.acquire(RateLimitPolicy.ANONYMOUS, tenantId, clientIp.orElse(null));
 * if (!decision.isAllowed()) {
 *     // 429 rate_limited, Retry-After: decision.retryAfterSeconds()
 * }
 * }</pre>
 */
public final class SlidingWindowRateLimiter {

    /** Shortest interval between two fail-open warnings, in milliseconds. */
    static final long WARN_INTERVAL_MILLIS = 60_000;

    private final RateLimitPolicy policy;
    private final RateLimitStore store;
    private final Clock clock;
    private final Logger logger;
    private final AtomicLong nextWarnAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressedWarnings = new AtomicLong();

    /**
     * Creates a rate limiter.
     *
     * @param policy the limits to enforce
     * @param store the counters
     * @param clock the time source
     */
    public SlidingWindowRateLimiter(RateLimitPolicy policy, RateLimitStore store, Clock clock) {
        this(policy, store, clock, LoggerFactory.getLogger(SlidingWindowRateLimiter.class));
    }

    /** For tests: with a given logger. */
    SlidingWindowRateLimiter(RateLimitPolicy policy, RateLimitStore store, Clock clock, Logger logger) {
        this.policy = Objects.requireNonNull(policy, "policy cannot be null");
        this.store = Objects.requireNonNull(store, "store cannot be null");
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
        this.logger = Objects.requireNonNull(logger, "logger cannot be null");
    }

    /**
     * Checks and counts one request against a limit's per-IP and per-tenant caps.
     *
     * @param limitName e.g. {@link RateLimitPolicy#ANONYMOUS}; a name the policy does not define is allowed without
     *     counting
     * @param tenantId the request's tenant
     * @param clientIp the client IP from {@link ClientAddressResolver}, or null when unknown
     * @return the decision
     */
    public RateLimitDecision acquire(String limitName, String tenantId, @Nullable String clientIp) {
        return acquire(limitName, tenantId, clientIp, null);
    }

    /**
     * Checks and counts one request against a limit's per-IP, per-tenant and per-address caps.
     *
     * @param limitName e.g. {@link RateLimitPolicy#CLAIM_EMAIL}; a name the policy does not define is allowed without
     *     counting
     * @param tenantId the request's tenant
     * @param clientIp the client IP from {@link ClientAddressResolver}, or null when unknown
     * @param emailAddress the address an email goes to, or null when none (skips the per-address cap)
     * @return the decision
     */
    public RateLimitDecision acquire(
            String limitName, String tenantId, @Nullable String clientIp, @Nullable String emailAddress) {
        return acquire(limitName, tenantId, clientIp, true, emailAddress, null);
    }

    /**
     * Checks and counts one request against a limit's per-IP cap only: the current profile charges a client's budget as
     * soon as the body parses, before any lookup (docs/protocol.md, current profile §11).
     *
     * @param limitName the limit
     * @param tenantId the request's tenant
     * @param clientIp the client IP, or null when unknown (nothing is counted then)
     * @return the decision
     */
    public RateLimitDecision acquirePerIp(String limitName, String tenantId, @Nullable String clientIp) {
        return acquire(limitName, tenantId, clientIp, false, null, null);
    }

    /**
     * Checks and counts one request against a limit's per-tenant cap only: charged once a request has passed
     * validation, so garbage from many addresses cannot spend the tenant's budget.
     *
     * @param limitName the limit
     * @param tenantId the request's tenant
     * @return the decision
     */
    public RateLimitDecision acquirePerTenant(String limitName, String tenantId) {
        return acquire(limitName, tenantId, null, true, null, null);
    }

    /**
     * Checks and counts one request against a limit's per-registration cap only: the current profile's token exchanges,
     * charged once the assertion is known to be valid, so an agent cannot mint access tokens without bound.
     *
     * @param limitName the limit
     * @param tenantId the request's tenant
     * @param registrationId the registration the request acts for
     * @return the decision
     */
    public RateLimitDecision acquirePerRegistration(String limitName, String tenantId, String registrationId) {
        return acquire(limitName, tenantId, null, false, null, Objects.requireNonNull(registrationId));
    }

    private RateLimitDecision acquire(
            String limitName,
            String tenantId,
            @Nullable String clientIp,
            boolean countTenant,
            @Nullable String emailAddress,
            @Nullable String registrationId) {
        Objects.requireNonNull(limitName, "limitName cannot be null");
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Optional<RateLimit> found = policy.find(limitName);
        if (found.isEmpty()) {
            return RateLimitDecision.allowed(limitName);
        }
        RateLimit limit = found.get();
        Instant now = clock.instant();
        long windowMillis = limit.window().toMillis();
        long nowMillis = now.toEpochMilli();
        long window = Math.floorDiv(nowMillis, windowMillis);
        long elapsed = nowMillis - window * windowMillis;
        Instant counterExpiry = Instant.ofEpochMilli((window + 2) * windowMillis);

        String[] subjects = {
            clientIp == null ? null : ipSubject(clientIp),
            countTenant ? "" : null,
            emailAddress == null ? null : addressSubject(emailAddress),
            registrationId == null ? null : "r" + registrationId.length() + ':' + registrationId,
        };
        LimitScope[] scopes = {LimitScope.IP, LimitScope.TENANT, LimitScope.ADDRESS, LimitScope.REGISTRATION};
        String[] current = new String[scopes.length];
        long[] previousCounts = new long[scopes.length];
        LimitScope scope = LimitScope.IP;
        try {
            // 1. peek every scope; the first that would overflow refuses, nothing counted
            for (int i = 0; i < scopes.length; i++) {
                scope = scopes[i];
                int cap = limit.cap(scope);
                if (cap == 0 || subjects[i] == null) {
                    continue;
                }
                String prefix = keyPrefix(limit, scope, tenantId, subjects[i]);
                current[i] = prefix + window;
                previousCounts[i] = store.get(prefix + (window - 1), now);
                long currentCount = store.get(current[i], now);
                if (!fits(previousCounts[i], currentCount, elapsed, windowMillis, cap)) {
                    return denied(limit, scope, previousCounts[i], currentCount, elapsed, windowMillis, cap);
                }
            }
            // 2. count in every scope, re-checking with the incremented value (concurrent requests)
            for (int i = 0; i < scopes.length; i++) {
                if (current[i] == null) {
                    continue;
                }
                scope = scopes[i];
                int cap = limit.cap(scope);
                long counted = store.incrementAndGet(current[i], now, counterExpiry);
                if (!fits(previousCounts[i], counted - 1, elapsed, windowMillis, cap)) {
                    return denied(limit, scope, previousCounts[i], counted, elapsed, windowMillis, cap);
                }
            }
            return RateLimitDecision.allowed(limit.name());
        } catch (RuntimeException storeFailure) {
            warnFailOpen(limit.name(), scope, storeFailure);
            return RateLimitDecision.allowed(limit.name());
        }
    }

    /** Whether {@code previous × (W − elapsed)/W + current + 1 ≤ cap}, in exact integers. */
    static boolean fits(long previous, long current, long elapsed, long windowMillis, long cap) {
        long room = cap - current - 1;
        if (room < 0) {
            return false;
        }
        return saturatingMultiply(previous, windowMillis - elapsed) <= saturatingMultiply(room, windowMillis);
    }

    /**
     * Milliseconds until one more request fits, assuming no other request arrives.
     *
     * @return a wait in milliseconds, ≥ 0
     */
    static long waitMillis(long previous, long current, long elapsed, long windowMillis, long cap) {
        long room = cap - current - 1;
        if (room >= 0) {
            // later in this window: previous × (W − e') ≤ room × W  ⇔  e' ≥ W − ⌊room × W / previous⌋
            long target = previous == 0
                    ? elapsed
                    : windowMillis - Math.min(windowMillis, saturatingMultiply(room, windowMillis) / previous);
            if (target < windowMillis) {
                return Math.max(0, target - elapsed);
            }
        }
        long toNextWindow = windowMillis - elapsed;
        // next window, current becomes previous: current × (W − g) ≤ (cap − 1) × W
        long nextTarget = current == 0
                ? 0
                : windowMillis - Math.min(windowMillis, saturatingMultiply(cap - 1, windowMillis) / current);
        if (nextTarget < windowMillis) {
            return toNextWindow + nextTarget;
        }
        return toNextWindow + windowMillis;
    }

    private static RateLimitDecision denied(
            RateLimit limit, LimitScope scope, long previous, long current, long elapsed, long windowMillis, int cap) {
        long waitMillis = waitMillis(previous, current, elapsed, windowMillis, cap);
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return RateLimitDecision.denied(limit.name(), scope, seconds);
    }

    private static String keyPrefix(RateLimit limit, LimitScope scope, String tenantId, String subject) {
        // lengths make the key unambiguous whatever characters tenant ids contain
        return "rl:" + limit.name() + ':' + scope.wireName() + ':' + tenantId.length() + ':' + tenantId + ':' + subject
                + ':';
    }

    private String ipSubject(String clientIp) {
        Optional<InetAddress> parsed = IpAddresses.parse(clientIp);
        if (parsed.isPresent()) {
            return IpAddresses.bucket(parsed.get(), policy.ipv6PrefixLength());
        }
        // not an IP literal (the resolver never answers that); hash it so the key stays clean
        return "h" + SecretHasher.hash("rl-ip:" + clientIp);
    }

    private static String addressSubject(String emailAddress) {
        return SecretHasher.hash("rl-address:" + emailAddress.trim().toLowerCase(Locale.ROOT));
    }

    private void warnFailOpen(String limitName, LimitScope scope, RuntimeException failure) {
        long nowMillis = clock.millis();
        long next = nextWarnAt.get();
        if (nowMillis >= next && nextWarnAt.compareAndSet(next, nowMillis + WARN_INTERVAL_MILLIS)) {
            long suppressed = suppressedWarnings.getAndSet(0);
            logger.warn(
                    "Rate limit store failed checking limit {} per {}; allowing the request (fail-open);"
                            + " {} earlier failures not logged",
                    limitName,
                    scope.wireName(),
                    suppressed,
                    failure);
        } else {
            suppressedWarnings.incrementAndGet();
        }
    }

    private static long saturatingMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        return (high < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        return "SlidingWindowRateLimiter[" + policy + "]";
    }
}
