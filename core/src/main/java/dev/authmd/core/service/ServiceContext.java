package dev.authmd.core.service;

import dev.authmd.core.assertion.IdJagVerifier;
import dev.authmd.core.assertion.LogoutTokenVerifier;
import dev.authmd.core.assertion.ProviderKeySource;
import dev.authmd.core.assertion.SecurityEventVerifier;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.internal.audit.AuditDraft;
import dev.authmd.core.internal.audit.AuditEvents;
import dev.authmd.core.internal.claim.ClaimStateMachine;
import dev.authmd.core.internal.metrics.Metrics;
import dev.authmd.core.internal.ratelimit.RateLimitDecision;
import dev.authmd.core.internal.ratelimit.SlidingWindowRateLimiter;
import dev.authmd.core.internal.signing.IdentityAssertions;
import dev.authmd.core.internal.signing.SigningKeySchedule;
import dev.authmd.core.secret.OtpHasher;
import dev.authmd.core.secret.SecretGenerator;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.account.SessionResolver;
import dev.authmd.spi.audit.AuditSink;
import dev.authmd.spi.credential.CredentialFormat;
import dev.authmd.spi.mail.ClaimMailer;
import dev.authmd.spi.store.AccessTokenStore;
import dev.authmd.spi.store.AssertionState;
import dev.authmd.spi.store.CredentialStore;
import dev.authmd.spi.store.Delegation;
import dev.authmd.spi.store.DelegationStore;
import dev.authmd.spi.store.IssuedAssertionStore;
import dev.authmd.spi.store.RefreshTokenStore;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationStore;
import dev.authmd.spi.store.StoreException;
import dev.authmd.spi.store.WireProfile;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the use cases share: stores, host adapters, secrets, the clock and the per-tenant runtime. Package-private
 * wiring built once by {@link AgentAuthService.Builder}.
 */
final class ServiceContext {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceContext.class);

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
    final IssuedAssertionStore issuedAssertions;
    final AccessTokenStore accessTokens;
    final RefreshTokenStore refreshTokens;
    /** The host's sign-in, which the current profile's claim page needs; null: that ceremony is off. */
    final @Nullable SessionResolver sessions;
    /** What the service reports for metrics; {@link Metrics#NONE} without a registry. */
    final Metrics metrics;
    /** The host's extra admission control for anonymous registrations. */
    final AnonymousAdmission anonymousAdmission;

    ServiceContext(
            Map<String, TenantRuntime> tenants,
            RegistrationStore registrations,
            CredentialStore credentials,
            DelegationStore delegations,
            AccountResolver accounts,
            ClaimMailer mailer,
            AuditSink audit,
            SlidingWindowRateLimiter limiter,
            Clock clock,
            SecretGenerator secrets,
            OtpHasher otpHasher,
            CredentialFormat credentialFormat,
            boolean stepUpEnabled,
            boolean rotateKeyOnClaim,
            IssuedAssertionStore issuedAssertions,
            AccessTokenStore accessTokens,
            RefreshTokenStore refreshTokens,
            @Nullable SessionResolver sessions,
            Metrics metrics,
            AnonymousAdmission anonymousAdmission) {
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
        this.issuedAssertions = issuedAssertions;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.metrics = metrics;
        this.sessions = sessions;
        this.anonymousAdmission = anonymousAdmission;
    }

    /** {@return the admission's refusal of an anonymous registration, if any; an admission that throws refuses} */
    Optional<String> anonymousRefusal(RequestContext ctx) {
        try {
            return Objects.requireNonNull(anonymousAdmission.refusal(ctx), "an admission answered null");
        } catch (RuntimeException e) {
            LOG.warn("the anonymous admission failed; the registration is refused", Redacted.of(e));
            return Optional.of("Anonymous registration is not available right now.");
        }
    }

    Optional<TenantRuntime> tenant(String tenantId) {
        return Optional.ofNullable(tenants.get(tenantId));
    }

    void emit(RequestContext ctx, List<AuditDraft> drafts) {
        for (AuditDraft draft : drafts) {
            emit(ctx.tenantId(), ctx.clientIp(), draft);
        }
    }

    void emit(String tenantId, @Nullable String clientIp, AuditDraft draft) {
        audit.emit(AuditEvents.stamp(draft, tenantId, clientIp, clock.instant(), secrets));
        metrics.event(draft);
    }

    /**
     * {@link RegistrationStore#update}, resolving a write whose outcome is unknown: when the store throws (a timeout
     * after the commit, a dropped connection), the registration is read back and the write counts as won if the stored
     * record is exactly {@code next}. Otherwise the failure propagates. Without this, a claim whose winning write was
     * reported as failed would stay claimed with no credential, and every retry would answer
     * {@code previously_claimed}.
     *
     * @return true when {@code next} is what the store now holds by this write
     */
    boolean updateRegistration(long expectedVersion, Registration next) {
        try {
            return registrations.update(expectedVersion, next);
        } catch (StoreException failure) {
            try {
                if (registrations
                        .findById(next.tenantId(), next.id())
                        .filter(next::equals)
                        .isPresent()) {
                    return true;
                }
            } catch (RuntimeException again) {
                failure.addSuppressed(again);
            }
            throw failure;
        }
    }

    /**
     * Links {@code (iss, sub)} to a user with a put-if-absent, or finds the link a concurrent registration just made.
     *
     * @return the user the delegation belongs to
     */
    String linkDelegation(String tenantId, String issuer, String subject, UserMatcher.Linked match, Instant now) {
        // a stored delegation matched: linking again would be an insert that conflicts and a read of the same row
        return match.delegated() ? match.userId() : linkDelegation(tenantId, issuer, subject, match.userId(), now);
    }

    String linkDelegation(String tenantId, String issuer, String subject, String userId, Instant now) {
        for (int round = 0; round <= MAX_RACE_RETRIES; round++) {
            if (delegations.insert(new Delegation(tenantId, issuer, subject, userId, now))) {
                return userId;
            }
            Optional<Delegation> winner = delegations.find(tenantId, issuer, subject);
            if (winner.isPresent()) {
                return winner.get().userId();
            }
        }
        throw new StoreException("delegation kept changing while linking it");
    }

    /**
     * Revokes everything the current profile issued for a registration: its identity assertions (and so every exchange
     * of them), its access tokens and its refresh-token families. Assertions go first: an exchange that passed its
     * check before this call re-checks its assertion after storing its token, so no token survives either way.
     *
     * @return how many assertions this call revoked
     */
    int revokeIssuedState(Registration registration, Instant at) {
        // only the current profile issues assertions and its tokens; a v0.1 registration never holds any
        return registration.profile() == WireProfile.V0_1
                ? 0
                : revokeIssuedState(registration.tenantId(), registration.id(), at);
    }

    int revokeIssuedState(String tenantId, String registrationId, Instant at) {
        int assertions = issuedAssertions.retireByRegistration(tenantId, registrationId, AssertionState.REVOKED, at);
        accessTokens.revokeAll(tenantId, registrationId, null, at);
        refreshTokens.revokeByRegistration(tenantId, registrationId, at);
        return assertions;
    }

    /**
     * Best effort, after a use case failed half-way: revokes every credential of a registration and marks the
     * registration revoked if it was stored, so nothing it left behind authenticates or can be claimed. Never throws;
     * what it could not do is logged (ids only).
     */
    /**
     * Whether a registration holds a user's agent connection: matched by a provider ({@code active}) or claimed by a
     * human ({@code claimed}).
     */
    static boolean isLive(Registration registration) {
        return registration.status() == RegistrationStatus.ACTIVE
                || registration.status() == RegistrationStatus.CLAIMED;
    }

    /**
     * A delegation's registrations in one profile, read once: the oldest live one, if any, and the id the next one
     * gets. A registration is driven only through the profile that created it.
     *
     * @param live the oldest live registration, the one every presentation lands on
     * @param nextId the id of the delegation's next registration ({@link #delegationRegistrations})
     */
    record DelegationRegistrations(Optional<Registration> live, String nextId) {}

    /**
     * Reads a delegation's registrations in a profile. The next id is a keyed hash of the tenant, the profile, the
     * provider user, the id of the delegation's newest registration before it (none for the first) and the UTC day: two
     * racing presentations read the same history and compute the same id, so the store's insert (unique by id) lets
     * exactly one create it and the other adopts it; after a revocation the next one gets a new id. The day makes ids
     * unique for good: the retention purge (at least a day after a registration ended) may remove the history an id was
     * derived from, but never on the day the id was made. The price is a race that straddles midnight UTC within
     * milliseconds, which can leave the delegation a second live registration; presentations keep landing on the
     * oldest. Keyed with the service's OTP key, so ids are not predictable from {@code (iss, sub)}, and equal on every
     * replica that shares the key. One read, so the live registration and the next id come from the same history.
     */
    DelegationRegistrations delegationRegistrations(
            String tenantId, WireProfile profile, String issuer, String subject) {
        List<Registration> history = registrations.findByDelegation(tenantId, issuer, subject).stream()
                .filter(r -> r.profile() == profile)
                .toList();
        Optional<Registration> live = history.stream()
                .filter(ServiceContext::isLive)
                .min(Comparator.comparing(Registration::createdAt).thenComparing(Registration::id));
        String previousId =
                history.isEmpty() ? "" : history.get(history.size() - 1).id();
        StringBuilder input = new StringBuilder("registration-id");
        // the day keeps an id from coming back once the retention purge has removed the registration that had it
        String day = Long.toString(Math.floorDiv(clock.instant().getEpochSecond(), 86_400L));
        for (String part : new String[] {tenantId, profile.name(), issuer, subject, previousId, day}) {
            input.append('|').append(part.length()).append(':').append(part);
        }
        return new DelegationRegistrations(
                live, "reg_" + otpHasher.hash(input.toString()).substring(0, 22));
    }

    void discardRegistration(String tenantId, String registrationId) {
        try {
            credentials.revokeByRegistration(tenantId, registrationId, clock.instant());
            revokeIssuedState(tenantId, registrationId, clock.instant());
            for (int round = 0; round <= MAX_RACE_RETRIES; round++) {
                Optional<Registration> stored = registrations.findById(tenantId, registrationId);
                if (stored.isEmpty() || stored.get().status() == RegistrationStatus.REVOKED) {
                    return;
                }
                Registration current = stored.get();
                if (updateRegistration(
                        current.version(),
                        current.next()
                                .status(RegistrationStatus.REVOKED)
                                .endedAt(current.endedAt().orElse(clock.instant()))
                                .build())) {
                    return;
                }
            }
            LOG.error("registration {} kept changing while it was being discarded", registrationId);
        } catch (RuntimeException e) {
            LOG.error(
                    "registration {} of tenant {} could not be discarded after a failure; revoke it by hand",
                    registrationId,
                    tenantId,
                    Redacted.of(e));
        }
    }

    /**
     * Charges every budget of a limit at once (per IP, per tenant, per address); for limits that have no validation
     * step between parse and use (claim emails).
     *
     * @return empty when allowed; the {@code rate_limited} failure otherwise (and the event emitted)
     */
    <T> Optional<Outcome<T>> rateLimit(RequestContext ctx, String limitName, @Nullable String email) {
        return refused(
                ctx,
                limitName,
                email == null
                        ? limiter.acquire(limitName, ctx.tenantId(), ctx.clientIp())
                        : limiter.acquire(limitName, ctx.tenantId(), ctx.clientIp(), email));
    }

    /**
     * Charges the client's per-IP budget of a limit, once the body parsed and before anything is looked up.
     *
     * @return empty when allowed; the {@code rate_limited} failure otherwise (and the event emitted)
     */
    <T> Optional<Outcome<T>> rateLimitPerIp(RequestContext ctx, String limitName) {
        return refused(ctx, limitName, limiter.acquirePerIp(limitName, ctx.tenantId(), ctx.clientIp()));
    }

    /**
     * Charges the tenant's budget of a limit, only for a request that passed validation: garbage from many addresses
     * never spends it (docs/protocol.md#v01-7).
     *
     * @return empty when allowed; the {@code rate_limited} failure otherwise (and the event emitted)
     */
    <T> Optional<Outcome<T>> rateLimitPerTenant(RequestContext ctx, String limitName) {
        return refused(ctx, limitName, limiter.acquirePerTenant(limitName, ctx.tenantId()));
    }

    /**
     * Charges one registration's budget of a limit.
     *
     * @return empty when allowed; the {@code rate_limited} failure otherwise (and the event emitted)
     */
    <T> Optional<Outcome<T>> rateLimitPerRegistration(RequestContext ctx, String limitName, String registrationId) {
        return refused(ctx, limitName, limiter.acquirePerRegistration(limitName, ctx.tenantId(), registrationId));
    }

    private <T> Optional<Outcome<T>> refused(RequestContext ctx, String limitName, RateLimitDecision decision) {
        if (decision.isAllowed()) {
            return Optional.empty();
        }
        emit(
                ctx.tenantId(),
                ctx.clientIp(),
                AuditEvents.rateLimitExceeded(limitName, decision.denial().orElseThrow()));
        return Optional.of(new Outcome.Failure<>(
                ProtocolError.RATE_LIMITED,
                "Too many requests; retry after " + decision.retryAfterSeconds() + " s.",
                Map.of(),
                decision.retryAfterSeconds()));
    }

    /** Per-tenant runtime: its configuration and the pieces built from it. */
    record TenantRuntime(
            Tenant tenant,
            AgentAuthConfig config,
            IdJagVerifier idJagVerifier,
            LogoutTokenVerifier logoutVerifier,
            ClaimStateMachine claims,
            SigningKeySchedule signingKeys,
            IdentityAssertions assertions,
            SecurityEventVerifier securityEvents,
            ProviderKeySource providerKeys) {}
}
