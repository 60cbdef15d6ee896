package dev.authmd.core.service;

import dev.authmd.core.assertion.IdJagVerifier;
import dev.authmd.core.assertion.LogoutTokenVerifier;
import dev.authmd.core.audit.AuditDraft;
import dev.authmd.core.audit.AuditEvents;
import dev.authmd.core.claim.ClaimStateMachine;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.error.ProtocolError;
import dev.authmd.core.ratelimit.RateLimitDecision;
import dev.authmd.core.ratelimit.SlidingWindowRateLimiter;
import dev.authmd.core.secret.OtpHasher;
import dev.authmd.core.secret.SecretGenerator;
import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.audit.AuditSink;
import dev.authmd.spi.credential.CredentialFormat;
import dev.authmd.spi.mail.ClaimMailer;
import dev.authmd.spi.store.CredentialStore;
import dev.authmd.spi.store.DelegationStore;
import dev.authmd.spi.store.RegistrationStore;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the use cases share: stores, host adapters, secrets, the clock and the per-tenant
 * runtime. Package-private wiring built once by {@link AgentAuthService.Builder}.
 */
final class ServiceContext {

    /** How often a lost compare-and-set is retried before answering {@code server_error}. */
    static final int MAX_RACE_RETRIES = 16;

    final Map<String, TenantRuntime> tenants;
    final RegistrationStore registrations;
    final CredentialStore credentials;
    final DelegationStore delegations;
    final AccountResolver accounts;
    final ClaimMailer mailer;
    final AuditSink audit;
    final SlidingWindowRateLimiter limiter;
    final Clock clock;
    final SecretGenerator secrets;
    final OtpHasher otpHasher;
    final CredentialFormat credentialFormat;
    final boolean stepUpEnabled;
    final boolean rotateKeyOnClaim;

    ServiceContext(Map<String, TenantRuntime> tenants, RegistrationStore registrations, CredentialStore credentials,
                   DelegationStore delegations, AccountResolver accounts, ClaimMailer mailer, AuditSink audit,
                   SlidingWindowRateLimiter limiter, Clock clock, SecretGenerator secrets, OtpHasher otpHasher,
                   CredentialFormat credentialFormat, boolean stepUpEnabled, boolean rotateKeyOnClaim) {
        this.tenants = Map.copyOf(tenants);
        this.registrations = registrations;
        this.credentials = credentials;
        this.delegations = delegations;
        this.accounts = accounts;
        this.mailer = mailer;
        this.audit = audit;
        this.limiter = limiter;
        this.clock = clock;
        this.secrets = secrets;
        this.otpHasher = otpHasher;
        this.credentialFormat = credentialFormat;
        this.stepUpEnabled = stepUpEnabled;
        this.rotateKeyOnClaim = rotateKeyOnClaim;
    }

    Optional<TenantRuntime> tenant(String tenantId) {
        return Optional.ofNullable(tenants.get(tenantId));
    }

    void emit(RequestContext ctx, List<AuditDraft> drafts) {
        for (AuditDraft draft : drafts) {
            emit(ctx.tenantId(), ctx.clientIp(), draft);
        }
    }

    void emit(String tenantId, String clientIp, AuditDraft draft) {
        audit.emit(AuditEvents.stamp(draft, tenantId, clientIp, clock.instant(), secrets));
    }

    /**
     * @return empty when allowed; the {@code rate_limited} failure otherwise (and the event emitted)
     */
    <T> Optional<Outcome<T>> rateLimit(RequestContext ctx, String limitName, String email) {
        RateLimitDecision decision = email == null
                ? limiter.acquire(limitName, ctx.tenantId(), ctx.clientIp())
                : limiter.acquire(limitName, ctx.tenantId(), ctx.clientIp(), email);
        if (decision.isAllowed()) {
            return Optional.empty();
        }
        emit(ctx.tenantId(), ctx.clientIp(),
                AuditEvents.rateLimitExceeded(limitName, decision.denial().orElseThrow()));
        return Optional.of(new Outcome.Failure<>(ProtocolError.RATE_LIMITED,
                "Too many requests; retry after " + decision.retryAfterSeconds() + " s.", Map.of(),
                decision.retryAfterSeconds()));
    }

    /** Per-tenant runtime: its configuration and the pieces built from it. */
    record TenantRuntime(Tenant tenant, AgentAuthConfig config, IdJagVerifier idJagVerifier,
                         LogoutTokenVerifier logoutVerifier, ClaimStateMachine claims) {
    }
}
