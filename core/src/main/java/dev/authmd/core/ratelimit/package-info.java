/**
 * Rate limits of docs/protocol.md#v01-7: a {@link dev.authmd.core.ratelimit.RateLimitPolicy} of named limits, the
 * {@link dev.authmd.core.internal.ratelimit.SlidingWindowRateLimiter} that enforces them over a
 * {@link dev.authmd.spi.store.RateLimitStore} (per IP, then per tenant, then per address; fail-open when the store
 * fails) and the {@link dev.authmd.core.ratelimit.ClientAddressResolver} that decides which IP a request comes from
 * (trusted-proxy {@code X-Forwarded-For}, off by default).
 */
@NullMarked
package dev.authmd.core.ratelimit;

import org.jspecify.annotations.NullMarked;
