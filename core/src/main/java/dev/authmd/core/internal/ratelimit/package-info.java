/**
 * The sliding-window rate limiter behind {@link dev.authmd.core.ratelimit.RateLimitPolicy}. Not exported; may change
 * without notice.
 */
@NullMarked
package dev.authmd.core.internal.ratelimit;

import org.jspecify.annotations.NullMarked;
