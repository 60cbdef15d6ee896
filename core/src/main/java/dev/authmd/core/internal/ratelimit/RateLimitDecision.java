package dev.authmd.core.internal.ratelimit;

import dev.authmd.core.ratelimit.LimitScope;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a {@link SlidingWindowRateLimiter}: allowed, or denied by one scope of a limit with the
 * {@code Retry-After} to send with {@code 429 rate_limited} (docs/protocol.md#v01-7).
 *
 * @param limitName the limit checked
 * @param deniedScope the scope whose cap refused the request; null when allowed
 * @param retryAfterSeconds whole seconds to wait, at least 1 when denied; 0 when allowed
 */
public record RateLimitDecision(String limitName, @Nullable LimitScope deniedScope, long retryAfterSeconds) {

    /**
     * Checks that {@code limitName} is not null and that {@code retryAfterSeconds} is 0 when allowed and at least 1
     * when denied.
     *
     * @param limitName the limit checked
     * @param deniedScope the scope whose cap refused the request; null when allowed
     * @param retryAfterSeconds whole seconds to wait, at least 1 when denied; 0 when allowed
     * @throws NullPointerException if {@code limitName} is null
     * @throws IllegalArgumentException if {@code retryAfterSeconds} does not fit the decision
     */
    public RateLimitDecision {
        Objects.requireNonNull(limitName, "limitName cannot be null");
        if (deniedScope == null ? retryAfterSeconds != 0 : retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be 0 when allowed and at least 1 when denied");
        }
    }

    /**
     * Returns a decision allowing a request.
     *
     * @param limitName the limit checked
     * @return an allowing decision
     */
    public static RateLimitDecision allowed(String limitName) {
        return new RateLimitDecision(limitName, null, 0);
    }

    /**
     * Returns a decision denying a request.
     *
     * @param limitName the limit checked
     * @param scope the scope that refused
     * @param retryAfterSeconds seconds to wait, at least 1
     * @return a denying decision
     */
    public static RateLimitDecision denied(String limitName, LimitScope scope, long retryAfterSeconds) {
        return new RateLimitDecision(
                limitName, Objects.requireNonNull(scope, "scope cannot be null"), retryAfterSeconds);
    }

    /** {@return whether the request may proceed} */
    public boolean isAllowed() {
        return deniedScope == null;
    }

    /** {@return the scope that refused the request, when denied} */
    public Optional<LimitScope> denial() {
        return Optional.ofNullable(deniedScope);
    }
}
