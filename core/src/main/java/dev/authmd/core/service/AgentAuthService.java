package dev.authmd.core.service;

import dev.authmd.core.assertion.AssertionRejection;
import dev.authmd.core.assertion.AssertionResult;
import dev.authmd.core.assertion.IdJagVerifier;
import dev.authmd.core.assertion.LogoutTokenVerifier;
import dev.authmd.core.assertion.ProviderKeySource;
import dev.authmd.core.assertion.SecurityEventResult;
import dev.authmd.core.assertion.SecurityEventVerifier;
import dev.authmd.core.assertion.VerifiedLogoutToken;
import dev.authmd.core.audit.Slf4jAuditSink;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.fetch.FetchSettings;
import dev.authmd.core.fetch.GuardedHttpFetcher;
import dev.authmd.core.internal.audit.AuditEvents;
import dev.authmd.core.internal.audit.SafeAuditSink;
import dev.authmd.core.internal.claim.ClaimStateMachine;
import dev.authmd.core.internal.metrics.Metrics;
import dev.authmd.core.internal.ratelimit.SlidingWindowRateLimiter;
import dev.authmd.core.internal.secret.ConstantTime;
import dev.authmd.core.internal.signing.IdentityAssertions;
import dev.authmd.core.internal.signing.SigningKeySchedule;
import dev.authmd.core.mail.ConsoleClaimMailer;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.OtpHasher;
import dev.authmd.core.secret.SecretGenerator;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.core.signing.InMemorySigningKeySource;
import dev.authmd.core.store.memory.InMemoryAccessTokenStore;
import dev.authmd.core.store.memory.InMemoryAccountResolver;
import dev.authmd.core.store.memory.InMemoryCredentialStore;
import dev.authmd.core.store.memory.InMemoryDelegationStore;
import dev.authmd.core.store.memory.InMemoryIssuedAssertionStore;
import dev.authmd.core.store.memory.InMemoryRateLimitStore;
import dev.authmd.core.store.memory.InMemoryRefreshTokenStore;
import dev.authmd.core.store.memory.InMemoryRegistrationStore;
import dev.authmd.core.store.memory.InMemoryReplayCache;
import dev.authmd.core.trust.TrustList;
import dev.authmd.protocol.challenge.BearerChallenge;
import dev.authmd.protocol.error.CurrentProfileError;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.account.SessionResolver;
import dev.authmd.spi.account.SignedInUser;
import dev.authmd.spi.audit.AuditSink;
import dev.authmd.spi.credential.CredentialFormat;
import dev.authmd.spi.http.HttpFetcher;
import dev.authmd.spi.keys.SigningKeySource;
import dev.authmd.spi.mail.ClaimMailer;
import dev.authmd.spi.store.AccessTokenStore;
import dev.authmd.spi.store.CredentialStore;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Delegation;
import dev.authmd.spi.store.DelegationStore;
import dev.authmd.spi.store.IssuedAssertionStore;
import dev.authmd.spi.store.RateLimitStore;
import dev.authmd.spi.store.RefreshTokenStore;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStore;
import dev.authmd.spi.store.ReplayCache;
import dev.authmd.spi.store.WireProfile;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration service of docs/protocol.md#v01-3 (§3–§8): one method per use case, each taking a typed request and
 * answering a typed {@link Outcome}; no HTTP in sight (the endpoints in {@code dev.authmd.core.http} translate).
 * Thread-safe; build one per process.
 *
 * <pre>{@code
 * AgentAuthService service = AgentAuthService.builder()
 *         .tenant(new Tenant(RequestContext.DEFAULT_TENANT, config, trustList))
 *         .accountResolver(myUsers)
 *         .claimMailer(mySmtpMailer)
 *         .otpHasher(new OtpHasher(keyFromVault))
 *         .build();                          // in-memory stores unless you pass your own
 *
 * Outcome<RegistrationResult> result =
 *         service.register(RequestContext.defaultTenant(ip), new RegisterRequest.Anonymous(null));
 * }</pre>
 *
 * <p>Only a tenant is required: {@code AgentAuthService.builder().config(config, trustList).build()} runs on
 * development defaults (in-memory stores, a {@link ConsoleClaimMailer} that prints claim links, an
 * {@link InMemoryAccountResolver}, a random OTP key), and {@link Builder#build()} logs one WARN for each default in
 * use, naming the builder method that replaces it.
 *
 * <p>Store, mailer and other unexpected failures inside a use case surface as a {@code server_error} failure (logged
 * with class names and stack traces, never messages); nothing half-written is ever usable: credentials are stored
 * before their registration and never authenticate without it, a registration that failed after its credential was
 * minted is revoked best-effort, and a claim that failed after its winning write is put back so the agent can retry the
 * same call. {@code docs/registration-service.md} lists what each failure leaves behind.
 */
public final class AgentAuthService {

    private static final Logger LOG = LoggerFactory.getLogger(AgentAuthService.class);

    private final ServiceContext context;
    private final CredentialAuthority credentials;
    private final ClaimFlows claims;
    private final RegistrationFlows registrationFlows;
    private final IdentityFlows identityFlows;
    private final TokenAuthority tokens;
    private final CurrentBudgets budgets;
    private final ClaimCeremony ceremony;
    private final ReplayCache replayCache;
    private final RateLimitStore rateLimitStore;

    private AgentAuthService(ServiceContext context, ReplayCache replayCache, RateLimitStore rateLimitStore) {
        this.context = context;
        this.replayCache = replayCache;
        this.rateLimitStore = rateLimitStore;
        this.credentials = new CredentialAuthority(context);
        this.claims = new ClaimFlows(context, credentials);
        this.budgets = new CurrentBudgets(context);
        this.tokens = new TokenAuthority(context, claims, budgets);
        this.registrationFlows = new RegistrationFlows(context, credentials, claims);
        this.ceremony = new ClaimCeremony(context, claims, budgets);
        this.identityFlows = new IdentityFlows(context, claims, budgets, ceremony);
    }

    /** {@return a builder; at least one tenant is required, everything else has a (development) default} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a tenant's configuration.
     *
     * @param tenantId a tenant id
     * @return that tenant's configuration, when the tenant exists
     */
    public Optional<AgentAuthConfig> config(String tenantId) {
        return context.tenant(tenantId).map(ServiceContext.TenantRuntime::config);
    }

    /**
     * Returns a tenant's trust list.
     *
     * @param tenantId a tenant id
     * @return the providers that tenant trusts, when the tenant exists
     */
    public Optional<TrustList> trustList(String tenantId) {
        return context.tenant(tenantId).map(runtime -> runtime.tenant().trustList());
    }

    /** {@return the ids of every configured tenant} */
    public Set<String> tenantIds() {
        return context.tenants.keySet();
    }

    /**
     * Registers an agent by one of the three methods (§3).
     *
     * @param ctx tenant and client IP
     * @param request the method and its inputs
     * @return the registration, or the protocol error
     */
    public Outcome<RegistrationResult> register(RequestContext ctx, RegisterRequest request) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(request, "request cannot be null");
        Outcome<RegistrationResult> outcome = guarded(ctx, runtime -> {
            if (request instanceof RegisterRequest.Anonymous anonymous) {
                return registrationFlows.anonymous(runtime, ctx, anonymous);
            }
            if (request instanceof RegisterRequest.VerifiedEmail email) {
                return registrationFlows.verifiedEmail(runtime, ctx, email);
            }
            return registrationFlows.idJag(runtime, ctx, (RegisterRequest.IdJag) request);
        });
        String kind = request instanceof RegisterRequest.Anonymous
                ? "anonymous"
                : request instanceof RegisterRequest.VerifiedEmail ? "verified_email" : "identity_assertion";
        context.metrics.outcome("registration", V01, kind, codeOf(outcome));
        return outcome;
    }

    private static final String V01 = "v0.1";
    private static final String CURRENT = "current";

    private static @Nullable String codeOf(Outcome<?> outcome) {
        return outcome.isSuccess() ? null : outcome.failure().error().code();
    }

    private static @Nullable String codeOf(CurrentOutcome<?> outcome) {
        return outcome.isSuccess() ? null : outcome.failure().error().code();
    }

    /**
     * Starts (or repeats) the claim of an anonymous registration: emails a link to {@code email} (§4).
     *
     * @param ctx tenant and client IP
     * @param claimToken the agent's {@code claim_token}
     * @param email the human's address
     * @return the attempt in flight, or the protocol error
     */
    public Outcome<ClaimStarted> startClaim(RequestContext ctx, String claimToken, String email) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(claimToken, "claimToken cannot be null");
        Objects.requireNonNull(email, "email cannot be null");
        return guarded(ctx, runtime -> claims.start(runtime, ctx, claimToken, email));
    }

    /**
     * What the claim page shows for an emailed link; mints nothing, so link scanners burn no codes.
     *
     * @param ctx tenant and client IP
     * @param attemptToken the {@code claim_attempt_token} from the link
     * @return the view (a {@code SUPERSEDED} view for an unknown link)
     */
    public Outcome<ClaimView> viewClaim(RequestContext ctx, String attemptToken) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(attemptToken, "attemptToken cannot be null");
        return guarded(ctx, runtime -> Outcome.success(claims.view(runtime, ctx, attemptToken)));
    }

    /**
     * Mints a fresh OTP for the claim page; the previous OTP dies (§4).
     *
     * @param ctx tenant and client IP
     * @param attemptToken the {@code claim_attempt_token} from the link
     * @return the code, or the protocol error
     */
    public Outcome<OtpChallenge> mintChallenge(RequestContext ctx, String attemptToken) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(attemptToken, "attemptToken cannot be null");
        return guarded(ctx, runtime -> claims.mint(runtime, ctx, attemptToken));
    }

    /**
     * Completes a claim with the OTP the human read from the page; exactly once under concurrency (§4).
     *
     * @param ctx tenant and client IP
     * @param claimToken the agent's {@code claim_token}
     * @param otp the six digits
     * @return the completion, or the protocol error
     */
    public Outcome<ClaimCompleted> completeClaim(RequestContext ctx, String claimToken, String otp) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(claimToken, "claimToken cannot be null");
        Objects.requireNonNull(otp, "otp cannot be null");
        return guarded(ctx, runtime -> claims.complete(runtime, ctx, claimToken, otp));
    }

    /**
     * Processes a provider's logout token (§6): tears down the whole delegation {@code (tenant, iss, sub)} and every
     * registration and credential it produced.
     *
     * <p>The delegation is deleted first; from that write on no credential of the delegation authenticates, even if
     * revoking one of its registrations then fails (which answers {@code server_error} and logs the registration ids;
     * the token's {@code jti} is spent, so only a new logout token or an operator call finishes the job).
     *
     * @param ctx tenant and client IP
     * @param logoutToken the compact JWS
     * @return how many registrations were revoked (not to be revealed to the caller), or the error
     */
    public Outcome<Integer> revoke(RequestContext ctx, @Nullable String logoutToken) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(logoutToken, "logoutToken cannot be null");
        Outcome<Integer> outcome = guarded(ctx, runtime -> {
            AssertionResult<VerifiedLogoutToken> verified = context.metrics.timeVerification(
                    "logout_token", () -> runtime.logoutVerifier().verify(logoutToken));
            if (!verified.isValid()) {
                AssertionRejection rejection = verified.rejection();
                context.emit(ctx, List.of(AuditEvents.assertionRejected(rejection.error(), null)));
                return new Outcome.Failure<>(rejection.error(), rejection.message(), rejection.members(), 0);
            }
            VerifiedLogoutToken token = verified.value();
            return Outcome.success(claims.revokeDelegation(ctx, token.issuer(), token.subject(), "a logout token"));
        });
        context.metrics.outcome("revocation", V01, "logout_token", codeOf(outcome));
        return outcome;
    }

    // --- the current profile (docs/protocol.md, current profile) -----------------------------------

    /**
     * Admits an identity-endpoint request of a known {@code type} before its members are read (current profile §3):
     * charges the client's per-IP budget for that type, then checks the method is switched on. The per-tenant budget is
     * charged later, by {@link #identity}, only for requests that passed validation.
     *
     * @param ctx tenant and client IP
     * @param request the request (its members are not looked at here)
     * @return empty when admitted; else {@code rate_limit_exceeded} or the method's {@code *_disabled} error
     */
    public Optional<CurrentOutcome.Failure<IdentityResult>> admitIdentity(RequestContext ctx, IdentityRequest request) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(request, "request cannot be null");
        CurrentOutcome<Boolean> outcome = guardedCurrent(ctx, runtime -> {
            Optional<CurrentOutcome<Boolean>> limited = budgets.perIp(ctx, IdentityFlows.limitOf(request));
            if (limited.isPresent()) {
                return limited.get();
            }
            AgentAuthConfig config = runtime.config();
            if (request instanceof IdentityRequest.Anonymous && !config.anonymousEnabled()) {
                return CurrentOutcome.failure(CurrentProfileError.ANONYMOUS_REGISTRATION_DISABLED, null);
            }
            if (request instanceof IdentityRequest.ServiceAuth && context.sessions == null) {
                return CurrentOutcome.failure(CurrentProfileError.SERVICE_AUTH_REGISTRATION_DISABLED, null);
            }
            if (request instanceof IdentityRequest.IdentityAssertion && !config.idJagEnabled()) {
                return CurrentOutcome.failure(
                        CurrentProfileError.ISSUER_NOT_ENABLED, "Identity assertions are not accepted here.");
            }
            return CurrentOutcome.success(Boolean.TRUE);
        });
        return outcome.isSuccess()
                ? Optional.empty()
                : Optional.of(outcome.failure().<IdentityResult>retyped());
    }

    /**
     * Registers or refreshes an agent through the current profile's identity endpoint (current profile §3, §8, §10).
     * Call {@link #admitIdentity} first, before the request's members are validated.
     *
     * @param ctx tenant and client IP
     * @param request the type and its members
     * @return the registration, assertion, scopes and claim; or the error ({@code interaction_required} carries the
     *     pending registration and its claim block)
     */
    public CurrentOutcome<IdentityResult> identity(RequestContext ctx, IdentityRequest request) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(request, "request cannot be null");
        CurrentOutcome<IdentityResult> outcome = guardedCurrent(ctx, runtime -> {
            if (request instanceof IdentityRequest.Anonymous) {
                return identityFlows.anonymous(runtime, ctx);
            }
            if (request instanceof IdentityRequest.IdentityAssertion assertion) {
                return identityFlows.idJag(runtime, ctx, assertion);
            }
            if (request instanceof IdentityRequest.Refresh refresh) {
                return identityFlows.refresh(runtime, ctx, refresh);
            }
            return identityFlows.serviceAuth(runtime, ctx, (IdentityRequest.ServiceAuth) request);
        });
        if (request instanceof IdentityRequest.Refresh) {
            context.metrics.outcome("refresh", CURRENT, null, codeOf(outcome));
        } else {
            String kind = request instanceof IdentityRequest.Anonymous
                    ? "anonymous"
                    : request instanceof IdentityRequest.IdentityAssertion ? "identity_assertion" : "service_auth";
            context.metrics.outcome("registration", CURRENT, kind, codeOf(outcome));
        }
        return outcome;
    }

    /**
     * Whether the current profile's claim ceremony runs: a {@link Builder#sessionResolver} was given.
     *
     * @return true when {@code service_auth} and the claim endpoints are served
     */
    public boolean claimingEnabled() {
        return context.sessions != null;
    }

    /**
     * Starts, or re-mints, a claim attempt of the current profile (current profile §7): checks the claim, binds the
     * attempt (to the hint for anonymous and {@code service_auth} registrations, to the matched account for a step-up),
     * and kills the previous attempt's link and code.
     *
     * @param ctx tenant and client IP
     * @param claimToken the agent's {@code claim.token}
     * @param loginHint the user's email; required except for step-ups
     * @return the new attempt, or the §7 error
     */
    public CurrentOutcome<ClaimAttemptStarted> startIdentityClaim(
            RequestContext ctx, String claimToken, @Nullable String loginHint) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(claimToken, "claimToken cannot be null");
        return guardedCurrent(ctx, runtime -> {
            Optional<CurrentOutcome<ClaimAttemptStarted>> limited = budgets.perIp(ctx, RateLimitPolicy.CLAIM_START);
            if (limited.isPresent()) {
                return limited.get();
            }
            CurrentOutcome<ClaimCeremony.Started> started = ceremony.start(runtime, ctx, claimToken, loginHint);
            if (!started.isSuccess()) {
                return started.failure().retyped();
            }
            ClaimCeremony.Started s = started.value();
            return CurrentOutcome.success(
                    new ClaimAttemptStarted(s.registrationId(), s.type(), s.verificationUri(), s.expiresAt()));
        });
    }

    /**
     * What the claim page shows for an attempt link and the visitor; changes nothing.
     *
     * @param ctx tenant and client IP
     * @param attemptToken the {@code token} of the link
     * @param user the signed-in visitor, or null
     * @return the page's state and what it shows
     */
    public ClaimPageView viewIdentityClaim(RequestContext ctx, String attemptToken, @Nullable SignedInUser user) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(attemptToken, "attemptToken cannot be null");
        ClaimCeremony.PageView view = ceremony.view(runtime(ctx.tenantId()), ctx, attemptToken, user);
        return ClaimPageView.of(view, null, null, csrf(view, attemptToken, user));
    }

    /** A form token bound to the link and the signed-in user, keyed like the codes (replicas agree on it). */
    private @Nullable String csrf(ClaimCeremony.PageView view, String attemptToken, @Nullable SignedInUser user) {
        boolean form =
                view.state() == ClaimCeremony.PageState.READY || view.state() == ClaimCeremony.PageState.CONFIRMED;
        return form && user != null
                ? context.otpHasher.hash("claim-page|" + SecretHasher.hash(attemptToken) + "|" + user.userId())
                : null;
    }

    /**
     * The host's sign-in, when one was given.
     *
     * @return the session resolver the claim page runs on
     */
    public Optional<SessionResolver> sessionResolver() {
        return Optional.ofNullable(context.sessions);
    }

    /**
     * Records the signed-in user's decision on the claim page: Confirm binds the user and reveals a code (shown once),
     * Deny closes the attempt, a new code replaces the old one. Only the owner of the bound address may decide.
     *
     * @param ctx tenant and client IP
     * @param attemptToken the {@code token} of the link
     * @param user the signed-in user
     * @param decision what they chose
     * @param csrfToken the form token the page carried
     * @return the page after the decision, with the code when one was minted; empty when the form token is wrong
     *     (nothing changed)
     */
    public Optional<ClaimPageView> decideIdentityClaim(
            RequestContext ctx,
            String attemptToken,
            SignedInUser user,
            ClaimPageView.Decision decision,
            String csrfToken) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(attemptToken, "attemptToken cannot be null");
        Objects.requireNonNull(user, "user cannot be null");
        Objects.requireNonNull(decision, "decision cannot be null");
        Objects.requireNonNull(csrfToken, "csrfToken cannot be null");
        ServiceContext.TenantRuntime runtime = runtime(ctx.tenantId());
        String expected = csrf(ceremony.view(runtime, ctx, attemptToken, user), attemptToken, user);
        if (expected == null || !ConstantTime.equals(expected, csrfToken)) {
            return Optional.empty();
        }
        ClaimCeremony.Decided decided =
                ceremony.decide(runtime, ctx, attemptToken, user, ClaimCeremony.Decision.valueOf(decision.name()));
        return Optional.of(ClaimPageView.of(
                decided.view(), decided.code(), decided.codeExpiresAt(), csrf(decided.view(), attemptToken, user)));
    }

    /**
     * Completes a claim of the current profile with the code the user read from the page (current profile §7): exactly
     * once under concurrency; answers the post-claim assertion and, except for step-ups, a refresh token.
     *
     * @param ctx tenant and client IP
     * @param claimToken the agent's {@code claim.token}
     * @param userCode the code as the user read it (separators allowed)
     * @return the claimed registration's identity, or the §7 error
     */
    public CurrentOutcome<IdentityResult> completeIdentityClaim(
            RequestContext ctx, String claimToken, String userCode) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(claimToken, "claimToken cannot be null");
        Objects.requireNonNull(userCode, "userCode cannot be null");
        return guardedCurrent(ctx, runtime -> {
            Optional<CurrentOutcome<IdentityResult>> limited = budgets.perIp(ctx, RateLimitPolicy.CLAIM_COMPLETE);
            return limited.orElseGet(() -> ceremony.complete(runtime, ctx, claimToken, userCode));
        });
    }

    /**
     * Exchanges an identity assertion for an access token (RFC 7523; current profile §5). Charges the client's per-IP
     * token budget first. The assertion may be exchanged any number of times until it expires, is superseded or is
     * revoked.
     *
     * @param ctx tenant and client IP
     * @param request the assertion, and the optional {@code resource} and {@code scope}
     * @return the access token, or {@code invalid_grant}, {@code invalid_target}, {@code invalid_scope},
     *     {@code rate_limit_exceeded}
     */
    public CurrentOutcome<TokenGrant> exchangeToken(RequestContext ctx, TokenRequest request) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(request, "request cannot be null");
        CurrentOutcome<TokenGrant> outcome = guardedCurrent(ctx, runtime -> {
            Optional<CurrentOutcome<TokenGrant>> limited = budgets.perIp(ctx, RateLimitPolicy.TOKEN);
            return limited.orElseGet(() -> tokens.exchange(runtime, ctx, request));
        });
        context.metrics.outcome("token_exchange", CURRENT, null, codeOf(outcome));
        return outcome;
    }

    /**
     * Revokes an access token, a refresh token (its family) or an identity assertion (with every access token exchanged
     * for it), RFC 7009 (current profile §6). Unknown, expired or already revoked tokens are no error.
     *
     * @param ctx tenant and client IP
     * @param token the presented token
     * @param tokenTypeHint {@code access_token}, {@code refresh_token}, anything else or null
     * @return success (true when something was revoked: not to be revealed to the caller), or {@code server_error}
     */
    public CurrentOutcome<Boolean> revokeToken(RequestContext ctx, String token, @Nullable String tokenTypeHint) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(token, "token cannot be null");
        CurrentOutcome<Boolean> outcome = guardedCurrent(
                ctx,
                runtime -> CurrentOutcome.success(
                        tokens.revoke(runtime, ctx, token, tokenTypeHint).isPresent()));
        context.metrics.outcome("revocation", CURRENT, "rfc7009", codeOf(outcome));
        return outcome;
    }

    /**
     * Receives a provider's security event (RFC 8935 push of an RFC 8417 SET; current profile §9): verifies it against
     * the trust list and, when it is new and revokes a delegation, tears the whole delegation {@code (tenant, iss,
     * sub)} down. A replay is {@link SecurityEventResult.Replayed} and changes nothing.
     *
     * @param ctx tenant and client IP
     * @param token the compact JWS from the body
     * @return accepted, replayed, or rejected with the RFC 8935 error
     * @throws IllegalArgumentException when the tenant is not configured
     * @throws RuntimeException when a store fails during the teardown: answer {@code 500}
     */
    public SecurityEventResult receiveSecurityEvent(RequestContext ctx, String token) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(token, "token cannot be null");
        SecurityEventResult result = tokens.securityEvent(runtime(ctx.tenantId()), ctx, token);
        context.metrics.outcome(
                "revocation",
                CURRENT,
                "security_event",
                result instanceof SecurityEventResult.Rejected rejected
                        ? rejected.error().code()
                        : null);
        return result;
    }

    /**
     * The service's public identity-assertion keys (current profile §4), as served at {@code jwks_uri}: every key
     * published now, upcoming and retiring ones included.
     *
     * @param tenantId a configured tenant
     * @return the JWK set as JSON
     * @throws IllegalArgumentException when the tenant is not configured
     */
    public String jwks(String tenantId) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        return runtime(tenantId).signingKeys().jwksJson();
    }

    /**
     * Removes expired records: the current profile's identity assertions, access tokens and refresh tokens, and v0.1's
     * expired access-token credentials (API keys never expire and stay). Call it on a schedule, like
     * {@link #expireDue}; expired records never authenticate whether or not this has run.
     *
     * @return how many records were removed
     */
    public int sweepExpiredTokens() {
        Instant now = context.clock.instant();
        return context.issuedAssertions.sweep(now)
                + context.accessTokens.sweep(now)
                + context.refreshTokens.sweep(now)
                + context.credentials.sweep(now);
    }

    private ServiceContext.TenantRuntime runtime(String tenantId) {
        return context.tenant(tenantId).orElseThrow(() -> new IllegalArgumentException("unknown tenant: " + tenantId));
    }

    private <T> CurrentOutcome<T> guardedCurrent(
            RequestContext ctx, java.util.function.Function<ServiceContext.TenantRuntime, CurrentOutcome<T>> useCase) {
        Optional<ServiceContext.TenantRuntime> runtime = context.tenant(ctx.tenantId());
        if (runtime.isEmpty()) {
            return CurrentOutcome.failure(CurrentProfileError.NOT_FOUND, "Unknown tenant.");
        }
        try {
            return useCase.apply(runtime.get());
        } catch (RuntimeException e) {
            LOG.error("use case failed in tenant {}", ctx.tenantId(), Redacted.of(e));
            return CurrentOutcome.failure(CurrentProfileError.SERVER_ERROR, null);
        }
    }

    /**
     * Authenticates a request from all of its {@code Authorization} headers, as an adapter sees them: none is a missing
     * credential, one is checked as {@link #authenticate(RequestContext, String, Set)} does, and more than one is
     * refused with {@code 400 invalid_request} before any lookup — which one would count is ambiguous, and a proxy and
     * the service could disagree (RFC 6750 §3.1).
     *
     * @param ctx the tenant and client address
     * @param authorizationHeaders every value of the request's {@code Authorization} header, in order
     * @param requiredScopes scopes the route needs (none: any valid credential)
     * @return the principal, or the denial to answer with
     */
    public AuthenticationResult authenticate(
            RequestContext ctx, List<String> authorizationHeaders, Set<String> requiredScopes) {
        Objects.requireNonNull(authorizationHeaders, "authorizationHeaders cannot be null");
        if (authorizationHeaders.size() > 1) {
            ServiceContext.TenantRuntime runtime = context.tenant(
                            Objects.requireNonNull(ctx, "ctx cannot be null").tenantId())
                    .orElseThrow(() -> new IllegalArgumentException("unknown tenant: " + ctx.tenantId()));
            return new AuthenticationResult.Denied(
                    400,
                    ProtocolError.INVALID_REQUEST,
                    BearerChallenge.builder()
                            .resourceMetadata(runtime.config()
                                    .protectedResourceMetadataUri()
                                    .toString())
                            .error(ProtocolError.INVALID_REQUEST.code())
                            .errorDescription("Send one Authorization header.")
                            .build());
        }
        return authenticate(ctx, authorizationHeaders.isEmpty() ? null : authorizationHeaders.get(0), requiredScopes);
    }

    /**
     * Resolves {@code Authorization: Bearer …} for the resource side (§5): by the SHA-256 of the token, then its
     * registration (which must be active, claimed, or anonymous and within its TTL) and, for a registration made from
     * an ID-JAG, its delegation (gone after a logout token). An access token of the current profile is found by its
     * hash too; it authenticates only at the resource it is bound to, while its registration may hold tokens. A missing
     * header gives a {@code 401} without an error attribute; anything else that does not authenticate {@code 401
     * invalid_token}; a missing scope {@code 403 insufficient_scope}.
     *
     * @param ctx tenant and client IP
     * @param authorizationHeader the header value; null or blank when absent
     * @param requiredScopes scopes the route needs; empty for none
     * @return the principal, or a ready {@code 401}/{@code 403} with its challenge
     * @throws IllegalArgumentException when the tenant is not configured (a wiring mistake)
     * @throws dev.authmd.spi.store.StoreException when a store fails: answer {@code 500}/{@code 503}, never a
     *     {@code 401} that would make the agent throw its credential away
     */
    public AuthenticationResult authenticate(
            RequestContext ctx, @Nullable String authorizationHeader, Set<String> requiredScopes) {
        Objects.requireNonNull(ctx, "ctx cannot be null");
        Objects.requireNonNull(requiredScopes, "requiredScopes cannot be null");
        ServiceContext.TenantRuntime runtime = context.tenant(ctx.tenantId())
                .orElseThrow(() -> new IllegalArgumentException("unknown tenant: " + ctx.tenantId()));
        return credentials.authenticate(runtime, ctx.tenantId(), authorizationHeader, requiredScopes);
    }

    /**
     * Expires unclaimed registrations past their TTL, in every tenant: their keys are revoked and
     * {@code registration.expired} is emitted (§3c). Call it on a schedule; safe on every replica. Keys stop
     * authenticating at the TTL whether or not this has run yet. A registration that cannot be expired (store failure)
     * is logged and left for the next run.
     *
     * @param limit most registrations to expire in this call, at least 1
     * @return how many were expired
     * @throws IllegalArgumentException when {@code limit < 1}
     */
    public int expireDue(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        int expired = 0;
        for (Registration registration : context.registrations.findDueForExpiry(context.clock.instant(), limit)) {
            try {
                if (claims.expire(registration)) {
                    expired++;
                }
            } catch (RuntimeException e) {
                // one broken record must not stop the sweep; the next run retries it
                LOG.error("registration {} could not be expired", registration.id(), Redacted.of(e));
            }
        }
        return expired;
    }

    /**
     * Runs the sweeps a service needs on a schedule, in three steps: {@link #expireDue}; {@link #sweepExpiredTokens}
     * with the replay cache's and the rate-limit store's own sweeps; {@link #purgeEndedRegistrations}. Each is safe on
     * every replica at once. A step that fails with a store error is logged and counted; the others still run, and the
     * next run retries it. Schedule it every minute or so (the examples do); none of the answers the service gives
     * depends on it, only how much it stores.
     *
     * <pre>{@code
     * scheduler.scheduleWithFixedDelay(() -> service.runHousekeeping(1000), 1, 1, TimeUnit.MINUTES);
     * }</pre>
     *
     * @param limit most registrations to expire, and to purge per tenant, in this run; at least 1
     * @return what was done
     * @throws IllegalArgumentException when {@code limit < 1}
     */
    public Housekeeping runHousekeeping(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        int failed = 0;
        int expired = 0;
        int records = 0;
        int purged = 0;
        try {
            expired = expireDue(limit);
        } catch (RuntimeException e) {
            failed++;
            LOG.error("housekeeping: expiring due registrations failed", Redacted.of(e));
        }
        try {
            Instant now = context.clock.instant();
            records = sweepExpiredTokens() + replayCache.sweep(now) + rateLimitStore.sweep(now);
        } catch (RuntimeException e) {
            failed++;
            LOG.error("housekeeping: sweeping expired records failed", Redacted.of(e));
        }
        try {
            purged = purgeEndedRegistrations(limit);
        } catch (RuntimeException e) {
            failed++;
            LOG.error("housekeeping: purging ended registrations failed", Redacted.of(e));
        }
        return new Housekeeping(expired, records, purged, failed);
    }

    /**
     * Deletes registrations that ended (expired or revoked) longer ago than their tenant's
     * {@link AgentAuthConfig#registrationRetention() registration retention} (default 30 days), each with its
     * credentials: the credentials first, then the registration, so none is left pointing at nothing. An ended
     * registration authenticates nothing, so this changes no answer the service gives; it keeps the stores from growing
     * with every registration ever made. The current profile's tokens of a purged registration are already revoked and
     * go with {@link #sweepExpiredTokens} at their own expiry. The audit log is the host's and is never touched. Call
     * it on a schedule, like {@link #expireDue}; safe on every replica (the delete is a compare-and-set). A
     * registration that cannot be purged (store failure) is logged and left for the next run.
     *
     * @param limit most registrations to delete per tenant in this call, at least 1
     * @return how many were deleted
     * @throws IllegalArgumentException when {@code limit < 1}
     */
    public int purgeEndedRegistrations(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Instant now = context.clock.instant();
        int purged = 0;
        for (Map.Entry<String, ServiceContext.TenantRuntime> tenant : context.tenants.entrySet()) {
            Instant cutoff = now.minus(tenant.getValue().config().registrationRetention());
            for (Registration registration : context.registrations.findEndedBefore(tenant.getKey(), cutoff, limit)) {
                try {
                    context.credentials.deleteByRegistration(registration.tenantId(), registration.id());
                    if (context.registrations.delete(
                            registration.tenantId(), registration.id(), registration.version())) {
                        purged++;
                    }
                } catch (RuntimeException e) {
                    LOG.error("registration {} could not be purged", registration.id(), Redacted.of(e));
                }
            }
        }
        return purged;
    }

    /**
     * Checks what a health endpoint reports: each store answers a keyed read (of a record that does not exist), and how
     * fresh each trusted provider's keys are in each tenant. Makes no write and no network call; a store that throws is
     * reported by name and exception type, never thrown.
     *
     * @return what was found
     */
    public ServiceHealth health() {
        Map<String, String> failures = new LinkedHashMap<>();
        String probe = "authmd-health-probe";
        probe(failures, "registrations", () -> context.registrations.findById(probe, probe));
        probe(failures, "credentials", () -> context.credentials.findByHash(probe, probe));
        probe(failures, "delegations", () -> context.delegations.find(probe, probe, probe));
        probe(failures, "issued_assertions", () -> context.issuedAssertions.find(probe, probe));
        probe(failures, "access_tokens", () -> context.accessTokens.findByHash(probe, probe));
        probe(failures, "refresh_tokens", () -> context.refreshTokens.findByHash(probe, probe));
        Instant now = context.clock.instant();
        List<ServiceHealth.ProviderKeyHealth> keys = new ArrayList<>();
        for (Map.Entry<String, ServiceContext.TenantRuntime> tenant : context.tenants.entrySet()) {
            for (var provider : tenant.getValue().tenant().trustList().providers()) {
                Optional<Instant> until = tenant.getValue().providerKeys().keysFreshUntil(provider.issuer());
                String state = until.isEmpty()
                        ? "inline"
                        : until.get().equals(Instant.EPOCH)
                                ? "not_fetched"
                                : until.get().isAfter(now) ? "fresh" : "stale";
                keys.add(new ServiceHealth.ProviderKeyHealth(
                        tenant.getKey(), provider.issuer(), state, until.filter(at -> !at.equals(Instant.EPOCH))));
            }
        }
        return new ServiceHealth(failures, keys);
    }

    private static void probe(Map<String, String> failures, String store, Runnable read) {
        try {
            read.run();
        } catch (RuntimeException e) {
            failures.put(store, e.getClass().getSimpleName());
        }
    }

    // --- operator calls -----------------------------------------------------------------------

    /**
     * Revokes one registration and its credentials.
     *
     * @param tenantId the tenant
     * @param registrationId the registration
     * @return true when it was revoked by this call
     */
    public boolean revokeRegistration(String tenantId, String registrationId) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        boolean revoked = context.registrations
                .findById(tenantId, registrationId)
                .map(registration -> claims.revoke(registration, null))
                .orElse(false);
        context.metrics.outcome("revocation", "any", "operator", null);
        return revoked;
    }

    /**
     * Revokes every registration of a user and removes their delegations.
     *
     * @param tenantId the tenant
     * @param userId the host's user id
     * @return how many registrations were revoked
     */
    public int revokeUser(String tenantId, String userId) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(userId, "userId cannot be null");
        for (Delegation delegation : context.delegations.findByUser(tenantId, userId)) {
            context.delegations.delete(tenantId, delegation.issuer(), delegation.subject());
        }
        int revoked = 0;
        for (Registration registration : context.registrations.findByUser(tenantId, userId)) {
            if (claims.revoke(registration, null)) {
                revoked++;
            }
        }
        context.metrics.outcome("revocation", "any", "operator", null);
        return revoked;
    }

    /**
     * Revokes every registration of a tenant and removes the delegations they came from.
     *
     * @param tenantId the tenant
     * @return how many registrations were revoked
     */
    public int revokeTenant(String tenantId) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        int revoked = 0;
        String after = null;
        while (true) {
            List<Registration> page = context.registrations.findByTenant(tenantId, after, 500);
            if (page.isEmpty()) {
                context.metrics.outcome("revocation", "any", "operator", null);
                return revoked;
            }
            for (Registration registration : page) {
                if (registration.issuer().isPresent()) {
                    context.delegations.delete(
                            tenantId,
                            registration.issuer().get(),
                            registration.subject().orElseThrow());
                }
                if (claims.revoke(registration, null)) {
                    revoked++;
                }
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /**
     * Lists a user's agent registrations, e.g. for a "connected agents" page.
     *
     * @param tenantId the tenant
     * @param userId the host's user id
     * @return the registrations, oldest first, any status
     */
    public List<Registration> listRegistrations(String tenantId, String userId) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(userId, "userId cannot be null");
        return context.registrations.findByUser(tenantId, userId);
    }

    private <T> Outcome<T> guarded(
            RequestContext ctx, java.util.function.Function<ServiceContext.TenantRuntime, Outcome<T>> useCase) {
        Optional<ServiceContext.TenantRuntime> runtime = context.tenant(ctx.tenantId());
        if (runtime.isEmpty()) {
            return Outcome.failure(ProtocolError.NOT_FOUND, "Unknown tenant.");
        }
        try {
            return useCase.apply(runtime.get());
        } catch (RuntimeException e) {
            // never the message: a store's or mailer's message might quote a value
            LOG.error("use case failed in tenant {}", ctx.tenantId(), Redacted.of(e));
            return Outcome.failure(ProtocolError.SERVER_ERROR, null);
        }
    }

    /** Builds an {@link AgentAuthService}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Tenant> tenants = new LinkedHashMap<>();
        private @Nullable RegistrationStore registrations;
        private @Nullable CredentialStore credentials;
        private @Nullable DelegationStore delegations;
        private @Nullable ReplayCache replayCache;
        private @Nullable RateLimitStore rateLimitStore;
        private RateLimitPolicy rateLimitPolicy = RateLimitPolicy.defaults();
        private @Nullable AccountResolver accounts;
        private @Nullable ClaimMailer mailer;
        private @Nullable AuditSink audit;
        private @Nullable HttpFetcher fetcher;
        private Clock clock = Clock.systemUTC();
        private @Nullable SecretGenerator secrets;
        private @Nullable SigningKeySource signingKeys;
        private @Nullable IssuedAssertionStore issuedAssertions;
        private @Nullable AccessTokenStore accessTokens;
        private @Nullable RefreshTokenStore refreshTokens;
        private @Nullable SessionResolver sessions;
        private AnonymousAdmission anonymousAdmission = AnonymousAdmission.ALL;
        private @Nullable Object meterRegistry;
        private @Nullable OtpHasher otpHasher;
        private @Nullable CredentialFormat credentialFormat;
        private boolean stepUpEnabled = true;
        private boolean rotateKeyOnClaim;
        private Logger warningLog = LOG;
        private BooleanSupplier loggingDiscarded = DevelopmentDefaults::loggingDiscarded;
        private @Nullable PrintStream warningFallback;

        private Builder() {}

        /**
         * Adds a tenant to serve.
         *
         * @param tenant a tenant to serve; repeat for multi-tenant setups
         * @return this builder
         */
        public Builder tenant(Tenant tenant) {
            Objects.requireNonNull(tenant, "tenant cannot be null");
            if (tenants.putIfAbsent(tenant.id(), tenant) != null) {
                throw new IllegalArgumentException("tenant " + tenant.id() + " is already configured");
            }
            return this;
        }

        /**
         * Single-tenant shortcut: serves {@link RequestContext#DEFAULT_TENANT}.
         *
         * @param config the configuration
         * @param trustList the trusted providers
         * @return this builder
         */
        public Builder config(AgentAuthConfig config, TrustList trustList) {
            return tenant(new Tenant(RequestContext.DEFAULT_TENANT, config, trustList));
        }

        /**
         * Sets the registration store.
         *
         * @param store registrations; default in memory
         * @return this builder
         */
        public Builder registrationStore(RegistrationStore store) {
            this.registrations = store;
            return this;
        }

        /**
         * Sets the credential store.
         *
         * @param store credentials; default in memory
         * @return this builder
         */
        public Builder credentialStore(CredentialStore store) {
            this.credentials = store;
            return this;
        }

        /**
         * Sets the delegation store.
         *
         * @param store delegations; default in memory
         * @return this builder
         */
        public Builder delegationStore(DelegationStore store) {
            this.delegations = store;
            return this;
        }

        /**
         * Sets the replay cache.
         *
         * @param cache replay cache; default in memory (share one across replicas!)
         * @return this builder
         */
        public Builder replayCache(ReplayCache cache) {
            this.replayCache = cache;
            return this;
        }

        /**
         * Sets the rate limit store.
         *
         * @param store rate-limit counters; default in memory
         * @return this builder
         */
        public Builder rateLimitStore(RateLimitStore store) {
            this.rateLimitStore = store;
            return this;
        }

        /**
         * Sets the keys that sign the current profile's identity assertions.
         *
         * @param source the service's signing keys, e.g. a {@link dev.authmd.core.signing.JwkSetFileSigningKeySource};
         *     default an {@link InMemorySigningKeySource}, one ES256 key per process ({@link #build()} warns: replicas
         *     would not accept each other's assertions and a restart invalidates every assertion in flight)
         * @return this builder
         */
        public Builder signingKeySource(SigningKeySource source) {
            this.signingKeys = Objects.requireNonNull(source, "source cannot be null");
            return this;
        }

        /**
         * Sets the host's sign-in, which the current profile's claim ceremony runs on: the user confirms a claim on a
         * page behind the host's own login. Without one (the default) that ceremony is off: {@code service_auth}
         * registration answers {@code service_auth_registration_disabled}, the claim endpoints
         * {@code auth_method_disabled}, and a step-up cannot be completed; {@link #build()} warns when the current
         * profile is served.
         *
         * @param resolver who is signed in on a request, and where the host's login is
         * @return this builder
         */
        public Builder sessionResolver(SessionResolver resolver) {
            this.sessions = Objects.requireNonNull(resolver, "resolver cannot be null");
            return this;
        }

        /**
         * Adds admission control for anonymous registrations in both profiles, asked after the client's per-IP budget
         * and before the tenant's, e.g. {@link AnonymousAdmission#fromNetworks} to admit only named networks.
         *
         * @param admission decides each anonymous registration; default {@link AnonymousAdmission#ALL}
         * @return this builder
         */
        public Builder anonymousAdmission(AnonymousAdmission admission) {
            this.anonymousAdmission = Objects.requireNonNull(admission, "admission cannot be null");
            return this;
        }

        /**
         * Records metrics in a Micrometer registry (names and tags: {@code docs/observability.md}). Micrometer is an
         * optional dependency: the parameter is typed {@code Object} so that a host without Micrometer (on the class
         * path or the module path) never needs it, and without this call nothing of it is loaded.
         *
         * @param registry an {@code io.micrometer.core.instrument.MeterRegistry}: Spring Boot's, Prometheus', a
         *     {@code SimpleMeterRegistry} in tests
         * @return this builder
         * @throws IllegalArgumentException when it is not a {@code MeterRegistry} (at {@link #build()})
         */
        public Builder meterRegistry(Object registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry cannot be null");
            return this;
        }

        /**
         * Sets where the current profile records the identity assertions it signed.
         *
         * @param store the records; default in memory
         * @return this builder
         */
        public Builder issuedAssertionStore(IssuedAssertionStore store) {
            this.issuedAssertions = Objects.requireNonNull(store, "store cannot be null");
            return this;
        }

        /**
         * Sets where the current profile keeps its access tokens (hashed).
         *
         * @param store the tokens; default in memory
         * @return this builder
         */
        public Builder accessTokenStore(AccessTokenStore store) {
            this.accessTokens = Objects.requireNonNull(store, "store cannot be null");
            return this;
        }

        /**
         * Sets where the current profile keeps its refresh tokens (hashed).
         *
         * @param store the tokens; default in memory
         * @return this builder
         */
        public Builder refreshTokenStore(RefreshTokenStore store) {
            this.refreshTokens = Objects.requireNonNull(store, "store cannot be null");
            return this;
        }

        /**
         * Sets the rate limit policy.
         *
         * @param policy rate limits; default docs/protocol.md#v01-7
         * @return this builder
         */
        public Builder rateLimitPolicy(RateLimitPolicy policy) {
            this.rateLimitPolicy = Objects.requireNonNull(policy, "policy cannot be null");
            return this;
        }

        /**
         * Sets the account resolver (the host's users).
         *
         * @param resolver the host's users; default an {@link InMemoryAccountResolver}, for development only (its users
         *     are not yours and are lost on restart; {@link #build()} warns)
         * @return this builder
         */
        public Builder accountResolver(AccountResolver resolver) {
            this.accounts = resolver;
            return this;
        }

        /**
         * Sets the claim email delivery.
         *
         * @param mailer claim email delivery, e.g. the SMTP mailer of {@code adapters/smtp-mailer}; default a
         *     {@link ConsoleClaimMailer}, for development only (it prints the secret claim links instead of sending
         *     them; {@link #build()} warns)
         * @return this builder
         */
        public Builder claimMailer(ClaimMailer mailer) {
            this.mailer = mailer;
            return this;
        }

        /**
         * Sets the audit sink.
         *
         * @param sink audit events; default SLF4J logger {@code dev.authmd.audit}
         * @return this builder
         */
        public Builder auditSink(AuditSink sink) {
            this.audit = sink;
            return this;
        }

        /**
         * Sets the outbound fetcher for JWKS and CIMD.
         *
         * @param fetcher outbound HTTP for JWKS and CIMD; default the guarded JDK client
         * @return this builder
         */
        public Builder httpFetcher(HttpFetcher fetcher) {
            this.fetcher = fetcher;
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param clock the clock; default UTC system clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock cannot be null");
            return this;
        }

        /**
         * Sets the source of tokens and OTPs.
         *
         * @param secrets token and OTP source; default a {@code SecureRandom}
         * @return this builder
         */
        public Builder secretGenerator(SecretGenerator secrets) {
            this.secrets = secrets;
            return this;
        }

        /**
         * Sets the keyed OTP hasher.
         *
         * @param hasher keyed OTP hasher; default a random key, which does not survive a restart and is not shared by
         *     replicas ({@link #build()} warns): production setups pass a key from their secret store
         * @return this builder
         */
        public Builder otpHasher(OtpHasher hasher) {
            this.otpHasher = hasher;
            return this;
        }

        /**
         * Sets the credential format.
         *
         * @param format credential format; default opaque random tokens
         * @return this builder
         */
        public Builder credentialFormat(CredentialFormat format) {
            this.credentialFormat = format;
            return this;
        }

        /**
         * Sets whether an ID-JAG matching an existing, never-linked account runs the claim ceremony first.
         *
         * @param enabled whether an ID-JAG matching an existing, never-linked account by email or phone (or an
         *     SSO-managed domain) runs the claim ceremony first (§3a); default true
         * @return this builder
         */
        public Builder stepUp(boolean enabled) {
            this.stepUpEnabled = enabled;
            return this;
        }

        /**
         * Sets whether claiming an anonymous registration replaces its key.
         *
         * @param rotate whether claiming an anonymous registration replaces its key with a new one instead of upgrading
         *     it in place; default false
         * @return this builder
         */
        public Builder rotateKeyOnClaim(boolean rotate) {
            this.rotateKeyOnClaim = rotate;
            return this;
        }

        /**
         * Where the development-default warnings go; a test seam.
         *
         * @param log the logger that gets one WARN per default
         * @param discarded whether to act as if SLF4J dropped everything
         * @param fallback where the warnings are printed when it does
         * @return this builder
         */
        Builder developmentWarnings(Logger log, boolean discarded, PrintStream fallback) {
            this.warningLog = Objects.requireNonNull(log, "log cannot be null");
            this.loggingDiscarded = () -> discarded;
            this.warningFallback = Objects.requireNonNull(fallback, "fallback cannot be null");
            return this;
        }

        /**
         * Builds the service, filling in a default for every part not given. For each development default in use
         * (in-memory stores, the console mailer, the in-memory account resolver, a random OTP key) it logs one WARN to
         * this class's logger, naming the builder method that replaces it; when SLF4J has no provider (or is
         * slf4j-nop), it prints those warnings to {@code System.err} as well.
         *
         * @return the service
         * @throws IllegalStateException when no tenant was given
         */
        public AgentAuthService build() {
            if (tenants.isEmpty()) {
                throw new IllegalStateException("at least one tenant is required (config(...) or tenant(...))");
            }
            List<String> inMemoryStores = new ArrayList<>();
            addIfAbsent(inMemoryStores, registrations, "registrationStore");
            addIfAbsent(inMemoryStores, credentials, "credentialStore");
            addIfAbsent(inMemoryStores, delegations, "delegationStore");
            addIfAbsent(inMemoryStores, replayCache, "replayCache");
            addIfAbsent(inMemoryStores, rateLimitStore, "rateLimitStore");
            boolean current = tenants.values().stream().anyMatch(t -> t.config().serves(WireProfile.CURRENT));
            if (current) {
                addIfAbsent(inMemoryStores, issuedAssertions, "issuedAssertionStore");
                addIfAbsent(inMemoryStores, accessTokens, "accessTokenStore");
                addIfAbsent(inMemoryStores, refreshTokens, "refreshTokenStore");
            }
            List<String> warnings = new ArrayList<>(
                    DevelopmentDefaults.warnings(inMemoryStores, mailer == null, accounts == null, otpHasher == null));
            if (current && signingKeys == null) {
                warnings.add(DevelopmentDefaults.IN_MEMORY_SIGNING_KEY);
            }
            if (current && sessions == null) {
                warnings.add(DevelopmentDefaults.NO_SIGN_IN);
            }
            SigningKeySource keySource = orDefault(signingKeys, () -> new InMemorySigningKeySource(clock));
            ReplayCache replay = orDefault(replayCache, InMemoryReplayCache::new);
            Metrics metrics = meterRegistry == null ? Metrics.NONE : MetricsWiring.micrometer(meterRegistry, replay);
            RateLimitStore limits = orDefault(rateLimitStore, InMemoryRateLimitStore::new);
            HttpFetcher outbound = fetcher;
            SecretGenerator generator = orDefault(secrets, SecretGenerator::new);
            Map<String, ServiceContext.TenantRuntime> runtimes = new LinkedHashMap<>();
            for (Tenant tenant : tenants.values()) {
                AgentAuthConfig config = tenant.config();
                HttpFetcher tenantFetcher = MetricsWiring.timed(
                        outbound != null ? outbound : GuardedHttpFetcher.forConfig(config), metrics);
                // one key cache per tenant: ID-JAGs and logout tokens come from the same providers
                ProviderKeySource keys =
                        ProviderKeySource.create(tenant.trustList(), tenantFetcher, FetchSettings.defaults(), metrics);
                IdJagVerifier idJag = IdJagVerifier.builder(config, tenant.trustList(), replay)
                        .keySource(keys)
                        .clock(clock)
                        .build();
                LogoutTokenVerifier logout = LogoutTokenVerifier.builder(config, tenant.trustList(), replay)
                        .keySource(keys)
                        .clock(clock)
                        .build();
                SecurityEventVerifier events = SecurityEventVerifier.builder(config, tenant.trustList(), replay)
                        .keySource(keys)
                        .clock(clock)
                        .build();
                SigningKeySchedule schedule =
                        new SigningKeySchedule(keySource, config.identityAssertionTtl(), config.clockSkew(), clock);
                IdentityAssertions assertions = new IdentityAssertions(
                        schedule,
                        config.issuer().toString(),
                        config.identityAssertionTtl(),
                        config.clockSkew(),
                        generator::jwtId,
                        clock);
                runtimes.put(
                        tenant.id(),
                        new ServiceContext.TenantRuntime(
                                tenant,
                                config,
                                idJag,
                                logout,
                                new ClaimStateMachine(config),
                                schedule,
                                assertions,
                                events,
                                keys));
            }
            CredentialFormat format = orDefault(
                    credentialFormat,
                    () -> template ->
                            template.type() == CredentialType.API_KEY ? generator.apiKey() : generator.accessToken());
            ServiceContext context = new ServiceContext(
                    runtimes,
                    orDefault(registrations, InMemoryRegistrationStore::new),
                    orDefault(credentials, InMemoryCredentialStore::new),
                    orDefault(delegations, InMemoryDelegationStore::new),
                    orDefault(accounts, InMemoryAccountResolver::new),
                    orDefault(mailer, ConsoleClaimMailer::new),
                    SafeAuditSink.wrap(orDefault(audit, Slf4jAuditSink::new)),
                    new SlidingWindowRateLimiter(rateLimitPolicy, limits, clock),
                    clock,
                    generator,
                    orDefault(otpHasher, OtpHasher::random),
                    format,
                    stepUpEnabled,
                    rotateKeyOnClaim,
                    orDefault(issuedAssertions, InMemoryIssuedAssertionStore::new),
                    orDefault(accessTokens, InMemoryAccessTokenStore::new),
                    orDefault(refreshTokens, InMemoryRefreshTokenStore::new),
                    sessions,
                    metrics,
                    anonymousAdmission);
            AgentAuthService service = new AgentAuthService(context, replay, limits);
            DevelopmentDefaults.report(
                    warnings,
                    audit == null,
                    warningLog,
                    loggingDiscarded.getAsBoolean(),
                    warningFallback != null ? warningFallback : System.err);
            return service;
        }

        private static <T> T orDefault(@Nullable T value, Supplier<T> fallback) {
            return value != null ? value : fallback.get();
        }

        private static void addIfAbsent(List<String> names, @Nullable Object given, String builderMethod) {
            if (given == null) {
                names.add(builderMethod);
            }
        }
    }
}
