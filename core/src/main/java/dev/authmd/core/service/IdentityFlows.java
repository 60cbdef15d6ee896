package dev.authmd.core.service;

import dev.authmd.core.assertion.AssertionRejection;
import dev.authmd.core.assertion.AssertionResult;
import dev.authmd.core.assertion.IdJagVerifier;
import dev.authmd.core.assertion.VerifiedIdJag;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.internal.audit.AuditEvents;
import dev.authmd.core.internal.signing.IdentityAssertions;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.protocol.error.CurrentProfileError;
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.IssuedAssertion;
import dev.authmd.spi.store.RefreshToken;
import dev.authmd.spi.store.RefreshTokenState;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import dev.authmd.spi.store.StoreException;
import dev.authmd.spi.store.WireProfile;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The use cases behind the current profile's identity endpoint (docs/protocol.md, current profile §3, §8, §10):
 * anonymous and ID-JAG registrations and refreshes. Registrations made here carry {@link WireProfile#CURRENT} and are
 * found only by this profile's calls.
 */
final class IdentityFlows {

    /** How long a claim attempt's page stays valid (current profile §7). */
    static final Duration ATTEMPT_TTL = Duration.ofMinutes(10);

    /** This profile confirms every first link, and an unknown verified email when JIT is off (§3, §10). */
    private static final UserMatcher.Policy CONFIRM_POLICY = new UserMatcher.Policy(true, true);

    /** A spent refresh token presented this soon after its rotation is a race of one agent, not a theft (§8). */
    static final Duration REFRESH_GRACE = Duration.ofSeconds(10);

    private final ServiceContext context;
    private final ClaimFlows claims;
    private final CurrentBudgets budgets;
    private final UserMatcher matcher;
    private final ClaimCeremony ceremony;

    IdentityFlows(ServiceContext context, ClaimFlows claims, CurrentBudgets budgets, ClaimCeremony ceremony) {
        this.context = context;
        this.claims = claims;
        this.budgets = budgets;
        this.matcher = new UserMatcher(context);
        this.ceremony = ceremony;
    }

    static String limitOf(IdentityRequest request) {
        if (request instanceof IdentityRequest.Anonymous) {
            return RateLimitPolicy.IDENTITY_ANONYMOUS;
        }
        if (request instanceof IdentityRequest.ServiceAuth) {
            return RateLimitPolicy.IDENTITY_SERVICE_AUTH;
        }
        if (request instanceof IdentityRequest.IdentityAssertion) {
            return RateLimitPolicy.IDENTITY_ID_JAG;
        }
        return RateLimitPolicy.IDENTITY_REFRESH;
    }

    // --- anonymous ------------------------------------------------------------------------------

    CurrentOutcome<IdentityResult> anonymous(ServiceContext.TenantRuntime runtime, RequestContext ctx) {
        AgentAuthConfig config = runtime.config();
        if (!config.anonymousEnabled()) {
            return CurrentOutcome.failure(CurrentProfileError.ANONYMOUS_REGISTRATION_DISABLED, null);
        }
        Optional<String> refusal = context.anonymousRefusal(ctx);
        if (refusal.isPresent()) {
            return CurrentOutcome.failure(CurrentProfileError.ANONYMOUS_REGISTRATION_DISABLED, refusal.get());
        }
        Optional<CurrentOutcome<IdentityResult>> limited = budgets.perTenant(ctx, RateLimitPolicy.IDENTITY_ANONYMOUS);
        if (limited.isPresent()) {
            return limited.get();
        }
        Instant now = context.clock.instant();
        String registrationId = context.secrets.registrationId();
        String claimToken = context.secrets.claimToken();
        ClaimState claim = runtime.claims().createClaim(SecretHasher.hash(claimToken), now);
        Registration registration = Registration.builder(ctx.tenantId(), registrationId)
                .type(RegistrationType.ANONYMOUS)
                .profile(WireProfile.CURRENT)
                .status(RegistrationStatus.UNCLAIMED)
                .createdAt(now)
                .expiresAt(claim.claimTokenExpiresAt())
                .postClaimScopes(config.postClaimScopes())
                .claim(claim)
                .build();
        insert(registration);
        IdentityAssertions.Minted minted;
        try {
            minted = mint(runtime, ctx, registration, null);
        } catch (RuntimeException e) {
            context.discardRegistration(ctx.tenantId(), registrationId);
            throw e;
        }
        context.emit(ctx, List.of(AuditEvents.registrationCreated(registration)));
        return CurrentOutcome.success(new IdentityResult(
                registrationId,
                "anonymous",
                new IdentityResult.Identity(minted.assertion(), minted.expiresAt(), null, null),
                IdentityResult.Scopes.claimable(config.anonymousScopes(), config.postClaimScopes()),
                new IdentityResult.Claim(claimToken, claim.claimTokenExpiresAt(), config.claimEndpoint(), null, null)));
    }

    // --- service_auth (§3) ------------------------------------------------------------------------

    /**
     * A registration bound to the hinted address, {@code pending_claim}, its first attempt included, no assertion until
     * the claim completes, no email sent: the user confirms by signing in to the service.
     */
    CurrentOutcome<IdentityResult> serviceAuth(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, IdentityRequest.ServiceAuth request) {
        AgentAuthConfig config = runtime.config();
        Optional<String> address = ClaimCeremony.loginHint(request.loginHint());
        if (address.isEmpty()) {
            return CurrentOutcome.failure(CurrentProfileError.INVALID_LOGIN_HINT, null);
        }
        Optional<CurrentOutcome<IdentityResult>> limited =
                budgets.perTenant(ctx, RateLimitPolicy.IDENTITY_SERVICE_AUTH);
        if (limited.isPresent()) {
            return limited.get();
        }
        Instant now = context.clock.instant();
        String claimToken = context.secrets.claimToken();
        ClaimState created = runtime.claims().createClaim(SecretHasher.hash(claimToken), now);
        ClaimCeremony.NewAttempt attempt =
                ceremony.newAttempt(config, address.get(), now, created.claimTokenExpiresAt());
        Registration registration = Registration.builder(ctx.tenantId(), context.secrets.registrationId())
                .type(RegistrationType.EMAIL_VERIFICATION)
                .profile(WireProfile.CURRENT)
                .status(RegistrationStatus.PENDING_CLAIM)
                .createdAt(now)
                .expiresAt(created.claimTokenExpiresAt())
                .email(address.get())
                .postClaimScopes(config.postClaimScopes())
                .claim(created.withAttempt(attempt.attempt()))
                .build();
        insert(registration);
        context.emit(
                ctx,
                List.of(
                        AuditEvents.registrationCreated(registration),
                        AuditEvents.claimRequested(registration.id(), address.get())));
        return CurrentOutcome.success(new IdentityResult(
                registration.id(),
                "service_auth",
                null,
                IdentityResult.Scopes.claimable(null, config.postClaimScopes()),
                new IdentityResult.Claim(
                        claimToken,
                        created.claimTokenExpiresAt(),
                        config.claimEndpoint(),
                        attempt.verificationUri(),
                        attempt.attempt().expiresAt())));
    }

    // --- identity_assertion (§3, §10) -------------------------------------------------------------

    CurrentOutcome<IdentityResult> idJag(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, IdentityRequest.IdentityAssertion request) {
        AgentAuthConfig config = runtime.config();
        if (!config.idJagEnabled()) {
            return CurrentOutcome.failure(
                    CurrentProfileError.ISSUER_NOT_ENABLED, "Identity assertions are not accepted here.");
        }
        AssertionResult<VerifiedIdJag> verified = context.metrics.timeVerification(
                "id_jag", () -> runtime.idJagVerifier().verify(request.assertion()));
        if (!verified.isValid()) {
            AssertionRejection rejection = verified.rejection();
            context.emit(ctx, List.of(AuditEvents.assertionRejected(rejection.error(), null)));
            return refused(rejection, config);
        }
        VerifiedIdJag jag = verified.value();
        Optional<CurrentOutcome<IdentityResult>> stale = staleLogin(config, jag);
        if (stale.isPresent()) {
            return stale.get();
        }
        String resource = config.resource().toString();
        if (!jag.resource().isEmpty() && !jag.resource().equals(List.of(resource))) {
            return invalidAssertion("invalid_target", "The assertion's resource is not served here.");
        }
        Optional<CurrentOutcome<IdentityResult>> limited = budgets.perTenant(ctx, RateLimitPolicy.IDENTITY_ID_JAG);
        if (limited.isPresent()) {
            return limited.get();
        }
        List<String> scopes =
                RegistrationFlows.grantedScopes(config, jag.provider().policy(), jag);
        if (scopes.isEmpty()) {
            return CurrentOutcome.failure(
                    CurrentProfileError.INVALID_REQUEST, "No scope of this API can be granted to this assertion.");
        }
        return match(runtime, ctx, jag, scopes);
    }

    /** Maps a refusal of the shared verifier to this profile's table (§10). */
    private static CurrentOutcome<IdentityResult> refused(AssertionRejection rejection, AgentAuthConfig config) {
        String message = rejection.message() == null ? rejection.error().description() : rejection.message();
        if (IdJagVerifier.AUTH_TIME_IN_FUTURE.equals(rejection.reason())) {
            return loginRequired(config.maxAuthAge().toSeconds(), "auth_time is in the future", null);
        }
        CurrentProfileError error = CurrentProfileError.of(rejection.error());
        if (error == CurrentProfileError.LOGIN_REQUIRED) {
            Object maxAge = rejection
                    .members()
                    .getOrDefault("max_age", config.maxAuthAge().toSeconds());
            Object acr = rejection.members().get("acr_values");
            return loginRequired(((Number) maxAge).longValue(), message, acr == null ? null : acr.toString());
        }
        Map<String, Object> members = new LinkedHashMap<>();
        String reason = rejection.reason() != null
                ? rejection.reason()
                : CurrentProfileError.reasonOf(rejection.error()).orElse(null);
        if (error == CurrentProfileError.INVALID_REQUEST && reason != null) {
            members.put("reason", reason);
        }
        return new CurrentOutcome.Failure<>(error, message, members, 0, null);
    }

    private static CurrentOutcome<IdentityResult> invalidAssertion(String reason, String description) {
        return new CurrentOutcome.Failure<>(
                CurrentProfileError.INVALID_REQUEST, description, Map.of("reason", reason), 0, null);
    }

    static <T> CurrentOutcome<T> loginRequired(long maxAge, String description, @Nullable String acrValues) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("max_age", maxAge);
        if (acrValues != null) {
            members.put("acr_values", acrValues);
        }
        return new CurrentOutcome.Failure<>(CurrentProfileError.LOGIN_REQUIRED, description, members, 0, null);
    }

    /**
     * {@code auth_time} is required here, and may be at most {@code max_age} old (the provider's own limit when it sets
     * a tighter one), plus the skew; checked after the {@code jti} was burned, so a stale assertion cannot be retried.
     */
    private Optional<CurrentOutcome<IdentityResult>> staleLogin(AgentAuthConfig config, VerifiedIdJag jag) {
        Duration maxAge = jag.provider()
                .policy()
                .maxAuthAge()
                .filter(age -> age.compareTo(config.maxAuthAge()) < 0)
                .orElse(config.maxAuthAge());
        if (jag.authTime().isEmpty()) {
            return Optional.of(loginRequired(maxAge.toSeconds(), "auth_time is required", null));
        }
        long age =
                Duration.between(jag.authTime().get(), context.clock.instant()).toSeconds();
        if (age > maxAge.plus(config.clockSkew()).toSeconds()) {
            return Optional.of(loginRequired(
                    maxAge.toSeconds(), "auth_time is " + age + " s old; limit " + maxAge.toSeconds() + " s", null));
        }
        return Optional.empty();
    }

    /**
     * Matches the asserted user with the shared {@link UserMatcher}. In this profile a first link is always confirmed
     * (§10), and with JIT provisioning off an unknown verified email is confirmed too (§3); a known delegation, or a
     * JIT account that collides with nobody, is a clean match.
     */
    private CurrentOutcome<IdentityResult> match(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, VerifiedIdJag jag, List<String> scopes) {
        UserMatcher.Match match = matcher.match(ctx.tenantId(), jag, CONFIRM_POLICY);
        if (match instanceof UserMatcher.Linked linked) {
            return cleanMatch(runtime, ctx, jag, linked, scopes);
        }
        if (match instanceof UserMatcher.Confirm confirm) {
            return stepUp(runtime, ctx, jag, confirm.userId(), confirm.address(), scopes);
        }
        UserMatcher.Refused refused = (UserMatcher.Refused) match;
        return invalidAssertion(refused.reason(), refused.message());
    }

    /**
     * One registration per {@code (tenant, iss, sub)} in this profile, the same id each time, a fresh assertion each
     * time. A new one's id is derived from the delegation and its history
     * ({@link ServiceContext#delegationRegistrations}): two first presentations racing compute the same id, the store
     * lets one insert it and the other adopts it, so both answer with the same id. The delegation is checked again
     * after the assertion is recorded: a security event that deleted it meanwhile has revoked, or will revoke, whatever
     * this call stored, and the call fails rather than hand out an assertion that cannot be exchanged.
     */
    private CurrentOutcome<IdentityResult> cleanMatch(
            ServiceContext.TenantRuntime runtime,
            RequestContext ctx,
            VerifiedIdJag jag,
            UserMatcher.Linked match,
            List<String> scopes) {
        String tenantId = ctx.tenantId();
        Instant now = context.clock.instant();
        String userId = context.linkDelegation(tenantId, jag.issuer(), jag.subject(), match, now);
        Optional<String> email =
                jag.emailVerified() ? jag.email().flatMap(EmailAddresses::normalise) : Optional.empty();
        ServiceContext.DelegationRegistrations existing =
                context.delegationRegistrations(tenantId, WireProfile.CURRENT, jag.issuer(), jag.subject());
        Registration registration = existing.live().orElse(null);
        boolean created = false;
        if (registration == null) {
            Registration fresh = Registration.builder(tenantId, existing.nextId())
                    .type(RegistrationType.AGENT_PROVIDER)
                    .profile(WireProfile.CURRENT)
                    .status(RegistrationStatus.ACTIVE)
                    .createdAt(now)
                    .userId(userId)
                    .email(email.orElse(null))
                    .delegation(jag.issuer(), jag.subject())
                    .agentPlatform(jag.agentPlatform().orElse(null))
                    .agentContextId(jag.agentContextId().orElse(null))
                    .postClaimScopes(scopes)
                    .build();
            if (context.registrations.insert(fresh)) {
                registration = fresh;
                created = true;
            } else {
                // a concurrent first presentation created this very registration (the id is the delegation's)
                registration = context.registrations
                        .findById(tenantId, fresh.id())
                        .filter(ServiceContext::isLive)
                        .orElse(null);
                if (registration == null) {
                    return CurrentOutcome.failure(
                            CurrentProfileError.INVALID_REQUEST,
                            "The provider revoked this user's delegation during registration.");
                }
            }
        }
        IdentityAssertions.Minted minted = mint(
                runtime,
                ctx,
                registration,
                email.map(e -> new IdentityAssertions.User(e, true, jag.amr())).orElse(null));
        if (context.delegations.find(tenantId, jag.issuer(), jag.subject()).isEmpty()) {
            claims.revoke(registration, ctx.clientIp());
            return CurrentOutcome.failure(
                    CurrentProfileError.INVALID_REQUEST,
                    "The provider revoked this user's delegation during registration.");
        }
        if (created) {
            context.emit(ctx, List.of(AuditEvents.registrationCreated(registration)));
        }
        return CurrentOutcome.success(new IdentityResult(
                registration.id(),
                "identity_assertion",
                new IdentityResult.Identity(minted.assertion(), minted.expiresAt(), null, null),
                IdentityResult.Scopes.granted(registration.postClaimScopes()),
                null));
    }

    /**
     * First link of an existing account: a {@code pending_claim} registration whose attempt is bound to the account's
     * address, answered {@code 401 interaction_required} with the claim block. A new presentation while one is pending
     * re-issues its claim token and attempt (the old link and token die).
     */
    private CurrentOutcome<IdentityResult> stepUp(
            ServiceContext.TenantRuntime runtime,
            RequestContext ctx,
            VerifiedIdJag jag,
            @Nullable String userId,
            String address,
            List<String> scopes) {
        AgentAuthConfig config = runtime.config();
        String tenantId = ctx.tenantId();
        Instant now = context.clock.instant();
        String claimToken = context.secrets.claimToken();
        ClaimState created = runtime.claims().createClaim(SecretHasher.hash(claimToken), now);
        ClaimCeremony.NewAttempt attempt = ceremony.newAttempt(config, address, now, created.claimTokenExpiresAt());
        Instant attemptExpiry = attempt.attempt().expiresAt();
        ClaimState claim = created.withAttempt(attempt.attempt());
        Registration registration = null;
        for (int round = 0; registration == null; round++) {
            Optional<Registration> pending = pendingStepUp(tenantId, jag, now);
            if (pending.isEmpty()) {
                break;
            }
            Registration next = pending.get()
                    .next()
                    .claim(claim)
                    .expiresAt(claim.claimTokenExpiresAt())
                    .userId(userId)
                    .email(address)
                    .postClaimScopes(scopes)
                    .build();
            if (context.updateRegistration(pending.get().version(), next)) {
                registration = next;
            } else if (round >= ServiceContext.MAX_RACE_RETRIES) {
                throw new StoreException("pending registration kept changing while re-issuing its claim");
            }
        }
        if (registration == null) {
            registration = Registration.builder(tenantId, context.secrets.registrationId())
                    .type(RegistrationType.ID_JAG_STEP_UP)
                    .profile(WireProfile.CURRENT)
                    .status(RegistrationStatus.PENDING_CLAIM)
                    .createdAt(now)
                    .expiresAt(claim.claimTokenExpiresAt())
                    .userId(userId)
                    .email(address)
                    .delegation(jag.issuer(), jag.subject())
                    .agentPlatform(jag.agentPlatform().orElse(null))
                    .agentContextId(jag.agentContextId().orElse(null))
                    .postClaimScopes(scopes)
                    .claim(claim)
                    .build();
            insert(registration);
            context.emit(ctx, List.of(AuditEvents.registrationCreated(registration)));
        }
        URI verification = attempt.verificationUri();
        IdentityResult body = new IdentityResult(
                registration.id(),
                "identity_assertion",
                null,
                IdentityResult.Scopes.claimable(null, scopes),
                new IdentityResult.Claim(
                        claimToken, claim.claimTokenExpiresAt(), config.claimEndpoint(), verification, attemptExpiry));
        return new CurrentOutcome.Failure<>(
                CurrentProfileError.INTERACTION_REQUIRED, "Confirm at verification_uri", Map.of(), 0, body);
    }

    /** The live pending step-up of this profile for the delegation, if a presentation started one. */
    private Optional<Registration> pendingStepUp(String tenantId, VerifiedIdJag jag, Instant now) {
        return context.registrations.findByDelegation(tenantId, jag.issuer(), jag.subject()).stream()
                .filter(r -> r.profile() == WireProfile.CURRENT
                        && r.status() == RegistrationStatus.PENDING_CLAIM
                        && !r.isDueForExpiry(now))
                .findFirst();
    }

    // --- refresh (§8) ---------------------------------------------------------------------------

    CurrentOutcome<IdentityResult> refresh(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, IdentityRequest.Refresh request) {
        String tenantId = ctx.tenantId();
        Optional<CurrentOutcome<IdentityResult>> limited = budgets.perTenant(ctx, RateLimitPolicy.IDENTITY_REFRESH);
        if (limited.isPresent()) {
            return limited.get();
        }
        Instant now = context.clock.instant();
        String hash = SecretHasher.hash(request.refreshToken());
        for (int round = 0; round <= ServiceContext.MAX_RACE_RETRIES; round++) {
            Optional<RefreshToken> found = context.refreshTokens.findByHash(tenantId, hash);
            if (found.isEmpty() || !now.isBefore(found.get().expiresAt())) {
                return invalidRefresh();
            }
            RefreshToken token = found.get();
            if (token.state() == RefreshTokenState.REVOKED) {
                return invalidRefresh();
            }
            Optional<Registration> registration = context.registrations.findById(tenantId, token.registrationId());
            if (registration.isEmpty()
                    || registration.get().profile() != WireProfile.CURRENT
                    || registration.get().status().isTerminal()) {
                return invalidRefresh();
            }
            if (token.state() == RefreshTokenState.SPENT) {
                return reuse(ctx, registration.get(), token, now);
            }
            String successorValue = context.secrets.refreshToken();
            RefreshToken successor = RefreshToken.active(
                    tenantId,
                    SecretHasher.hash(successorValue),
                    token.familyId(),
                    token.registrationId(),
                    token.generation() + 1,
                    now,
                    now.plus(runtime.config().refreshTokenTtl()));
            if (!context.refreshTokens.rotate(tenantId, hash, successor, now)) {
                continue; // spent or revoked meanwhile: decide again on what is stored
            }
            context.emit(ctx, List.of(AuditEvents.refreshRotated(token.registrationId(), successor.generation())));
            Registration reg = registration.get();
            IdentityAssertions.Minted minted = mint(
                    runtime,
                    ctx,
                    reg,
                    reg.email()
                            .map(e -> new IdentityAssertions.User(e, true, List.of()))
                            .orElse(null));
            return CurrentOutcome.success(new IdentityResult(
                    reg.id(),
                    "refresh",
                    new IdentityResult.Identity(
                            minted.assertion(), minted.expiresAt(), successorValue, successor.expiresAt()),
                    null,
                    null));
        }
        throw new StoreException("refresh token kept changing while rotating it");
    }

    /**
     * A spent token came back. The immediately preceding token within {@link #REFRESH_GRACE} of its rotation is one
     * agent's processes racing: refused, nothing torn down. Anything else means two holders of one chain: the family,
     * every assertion and access token, and the registration are revoked.
     */
    private CurrentOutcome<IdentityResult> reuse(
            RequestContext ctx, Registration registration, RefreshToken spent, Instant now) {
        Instant spentAt = spent.spentAt();
        String successorHash = spent.successorHash();
        if (spentAt != null && successorHash != null && now.isBefore(spentAt.plus(REFRESH_GRACE))) {
            Optional<RefreshToken> successor = context.refreshTokens.findByHash(ctx.tenantId(), successorHash);
            if (successor.isPresent() && successor.get().state() == RefreshTokenState.ACTIVE) {
                return invalidRefresh();
            }
        }
        claims.revoke(registration, ctx.clientIp());
        context.emit(ctx, List.of(AuditEvents.refreshReuseDetected(registration.id())));
        return invalidRefresh();
    }

    private static CurrentOutcome<IdentityResult> invalidRefresh() {
        return CurrentOutcome.failure(CurrentProfileError.INVALID_REFRESH_TOKEN, null);
    }

    // --- shared steps ---------------------------------------------------------------------------

    /** Signs an assertion for a registration and records it; the record exists before the assertion leaves. */
    IdentityAssertions.Minted mint(
            ServiceContext.TenantRuntime runtime,
            RequestContext ctx,
            Registration registration,
            IdentityAssertions.@Nullable User user) {
        IdentityAssertions.Minted minted = runtime.assertions().mint(registration.id(), user);
        IssuedAssertion record = IssuedAssertion.active(
                ctx.tenantId(), minted.jti(), registration.id(), minted.issuedAt(), minted.expiresAt());
        if (!context.issuedAssertions.insert(record)) {
            throw new StoreException("assertion jti collided; refusing to issue");
        }
        context.emit(ctx, List.of(AuditEvents.assertionIssued(registration.id(), minted.jti())));
        return minted;
    }

    private void insert(Registration registration) {
        if (!context.registrations.insert(registration)) {
            throw new StoreException("registration id collided; refusing to overwrite");
        }
    }
}
