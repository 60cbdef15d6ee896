package dev.authmd.core.service;

import dev.authmd.core.internal.audit.AuditEvents;
import dev.authmd.core.internal.ratelimit.RateLimitDecision;
import dev.authmd.protocol.error.CurrentProfileError;
import java.util.Map;
import java.util.Optional;

/**
 * The current profile's rate-limit budgets (docs/protocol.md, current profile §11): the per-IP budget is charged once a
 * body parses, before any lookup; the per-tenant budget only for requests that passed validation, so garbage from many
 * addresses cannot lock a tenant's users out; the per-registration token budget once an assertion is known to be valid.
 * A refusal is {@code 429 rate_limit_exceeded} with {@code retry_after} and {@code Retry-After}, and is audited.
 */
final class CurrentBudgets {

    private final ServiceContext context;

    CurrentBudgets(ServiceContext context) {
        this.context = context;
    }

    /** Charges the client's per-IP budget; empty when allowed. */
    <T> Optional<CurrentOutcome<T>> perIp(RequestContext ctx, String limitName) {
        return refusal(ctx, limitName, context.limiter.acquirePerIp(limitName, ctx.tenantId(), ctx.clientIp()));
    }

    /** Charges the tenant's budget for a request that passed validation; empty when allowed. */
    <T> Optional<CurrentOutcome<T>> perTenant(RequestContext ctx, String limitName) {
        return refusal(ctx, limitName, context.limiter.acquirePerTenant(limitName, ctx.tenantId()));
    }

    /** Charges a registration's budget for a request made with its valid credential; empty when allowed. */
    <T> Optional<CurrentOutcome<T>> perRegistration(RequestContext ctx, String limitName, String registrationId) {
        return refusal(
                ctx, limitName, context.limiter.acquirePerRegistration(limitName, ctx.tenantId(), registrationId));
    }

    private <T> Optional<CurrentOutcome<T>> refusal(RequestContext ctx, String limitName, RateLimitDecision decision) {
        if (decision.isAllowed()) {
            return Optional.empty();
        }
        context.emit(
                ctx.tenantId(),
                ctx.clientIp(),
                AuditEvents.rateLimitExceeded(limitName, decision.denial().orElseThrow()));
        long retryAfter = decision.retryAfterSeconds();
        return Optional.of(new CurrentOutcome.Failure<>(
                CurrentProfileError.RATE_LIMIT_EXCEEDED,
                "Too many requests; retry after " + retryAfter + " s.",
                Map.of("retry_after", retryAfter),
                retryAfter,
                null));
    }
}
