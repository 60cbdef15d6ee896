package dev.authmd.core.service;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.internal.audit.AuditEvents;
import dev.authmd.core.internal.secret.ConstantTime;
import dev.authmd.core.internal.signing.IdentityAssertions;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.protocol.error.CurrentProfileError;
import dev.authmd.spi.account.SignedInUser;
import dev.authmd.spi.store.AssertionState;
import dev.authmd.spi.store.AttemptDecision;
import dev.authmd.spi.store.ClaimAttempt;
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.IssuedAssertion;
import dev.authmd.spi.store.RefreshToken;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import dev.authmd.spi.store.StoreException;
import dev.authmd.spi.store.WireProfile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The current profile's claim ceremony (docs/protocol.md, current profile §7): an attempt started by the agent, a page
 * where the signed-in owner of the bound address confirms or denies, a code revealed on confirmation, and the agent's
 * completion with that code. Secrets exist only as hashes in the store; the code is a keyed hash (the OTP key), never a
 * plain hash of six digits.
 */
final class ClaimCeremony {

    /** How long a revealed code works; never past the claim window. */
    static final Duration CODE_TTL = Duration.ofMinutes(10);
    /** Wrong codes that burn an attempt. */
    static final int WRONG_CODES_PER_ATTEMPT = 5;
    /** Wrong codes that revoke the claim. */
    static final int WRONG_CODES_PER_CLAIM = 20;

    private final ServiceContext context;
    private final ClaimFlows claims;
    private final CurrentBudgets budgets;

    ClaimCeremony(ServiceContext context, ClaimFlows claims, CurrentBudgets budgets) {
        this.context = context;
        this.claims = claims;
        this.budgets = budgets;
    }

    /** A fresh attempt and the token that opens its page. */
    record NewAttempt(ClaimAttempt attempt, String token, URI verificationUri) {}

    /** Mints an attempt bound to an address, expiring with the profile's attempt lifetime (never past the window). */
    NewAttempt newAttempt(AgentAuthConfig config, String address, Instant now, Instant windowEnd) {
        String token = context.secrets.attemptToken();
        Instant expiresAt = min(now.plus(IdentityFlows.ATTEMPT_TTL), windowEnd);
        ClaimAttempt attempt = new ClaimAttempt(
                context.secrets.claimAttemptId(), SecretHasher.hash(token), address, expiresAt, null, null, 0);
        URI uri =
                URI.create(config.claimEndpoint() + "/view?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return new NewAttempt(attempt, token, uri);
    }

    // --- start / re-mint ---------------------------------------------------------------------------

    /** What a claim start answers: the registration and its new attempt. */
    record Started(String registrationId, String type, URI verificationUri, Instant expiresAt) {}

    CurrentOutcome<Started> start(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, String claimToken, @Nullable String loginHint) {
        return audited(ctx, claimToken, startOnce(runtime, ctx, claimToken, loginHint));
    }

    private CurrentOutcome<Started> startOnce(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, String claimToken, @Nullable String loginHint) {
        AgentAuthConfig config = runtime.config();
        if (context.sessions == null) {
            return CurrentOutcome.failure(CurrentProfileError.AUTH_METHOD_DISABLED, null);
        }
        Instant now = context.clock.instant();
        for (int round = 0; round <= ServiceContext.MAX_RACE_RETRIES; round++) {
            Optional<Registration> found = findByClaimToken(ctx.tenantId(), claimToken);
            Optional<CurrentOutcome<Started>> refused = claimRefusal(found, now);
            if (refused.isPresent()) {
                return refused.get();
            }
            Registration registration = found.get();
            ClaimState claim = registration.claim().orElseThrow();
            String address;
            if (registration.type() == RegistrationType.ID_JAG_STEP_UP) {
                // bound to the matched account: a hint must not steer a provider identity elsewhere
                address = registration.email().orElseThrow();
            } else if (loginHint == null) {
                return CurrentOutcome.failure(CurrentProfileError.INVALID_REQUEST, "login_hint is required.");
            } else {
                Optional<String> normalised = loginHint(loginHint);
                if (normalised.isEmpty()) {
                    return CurrentOutcome.failure(CurrentProfileError.INVALID_LOGIN_HINT, null);
                }
                address = normalised.get();
            }
            Optional<CurrentOutcome<Started>> limited =
                    budgets.perRegistration(ctx, RateLimitPolicy.CLAIM_ATTEMPT, registration.id());
            if (limited.isPresent()) {
                CurrentOutcome.Failure<Started> failure = limited.get().failure();
                return new CurrentOutcome.Failure<>(
                        CurrentProfileError.TOO_MANY_ATTEMPTS,
                        "Too many claim attempts; retry after " + failure.retryAfterSeconds() + " s.",
                        failure.members(),
                        failure.retryAfterSeconds(),
                        null);
            }
            NewAttempt fresh = newAttempt(config, address, now, claim.claimTokenExpiresAt());
            Registration next = registration
                    .next()
                    .status(RegistrationStatus.PENDING_CLAIM)
                    .email(address)
                    .claim(claim.withAttempt(fresh.attempt()))
                    .build();
            if (context.updateRegistration(registration.version(), next)) {
                context.emit(ctx, List.of(AuditEvents.claimRequested(registration.id(), address)));
                return CurrentOutcome.success(new Started(
                        registration.id(),
                        wireType(registration),
                        fresh.verificationUri(),
                        fresh.attempt().expiresAt()));
            }
        }
        throw new StoreException("registration kept changing while starting a claim attempt");
    }

    // --- the page ------------------------------------------------------------------------------------

    /** What the page shows for an attempt link and a signed-in user (or none). */
    record PageView(
            PageState state,
            String serviceName,
            @Nullable String registrationId,
            @Nullable RegistrationType type,
            @Nullable String boundAddress,
            List<String> scopes,
            @Nullable String providerIssuer,
            @Nullable String provider,
            @Nullable Instant expiresAt,
            boolean firstTimeProvider,
            boolean firstTimeAccount) {}

    /** Where an attempt stands for the page. */
    enum PageState {
        /** No claiming here, or the link is unknown, superseded, expired or spent. */
        UNAVAILABLE,
        /** Nobody is signed in: send the visitor to the host's login. */
        SIGN_IN,
        /** The signed-in account does not own the bound address. */
        WRONG_ACCOUNT,
        /** Ready for Confirm or Deny. */
        READY,
        /** This user confirmed already; a new code may be asked for. */
        CONFIRMED,
        /** The user denied this attempt. */
        DENIED,
        /** The registration is claimed. */
        CLAIMED
    }

    /** Reads the page's state; changes nothing (a GET, and link scanners, must burn nothing). */
    PageView view(
            ServiceContext.TenantRuntime runtime,
            RequestContext ctx,
            String attemptToken,
            @Nullable SignedInUser user) {
        AgentAuthConfig config = runtime.config();
        Instant now = context.clock.instant();
        Optional<Registration> found = attemptRegistration(ctx.tenantId(), attemptToken);
        if (context.sessions == null || found.isEmpty()) {
            return unavailable(config);
        }
        Registration registration = found.get();
        ClaimAttempt attempt = registration.claim().orElseThrow().attempt();
        PageState state;
        if (registration.status() == RegistrationStatus.CLAIMED) {
            state = PageState.CLAIMED;
        } else if (!registration.status().isClaimable()
                || registration.isDueForExpiry(now)
                || attempt == null
                || !now.isBefore(attempt.expiresAt())) {
            return unavailable(config);
        } else if (user == null) {
            state = PageState.SIGN_IN;
        } else if (!owns(user, attempt.email()) || !matchedAccount(registration, user)) {
            state = PageState.WRONG_ACCOUNT;
        } else if (attempt.decision() == AttemptDecision.DENIED) {
            state = PageState.DENIED;
        } else if (attempt.decision() == AttemptDecision.CONFIRMED) {
            state = user.userId().equals(attempt.confirmedUserId()) ? PageState.CONFIRMED : PageState.WRONG_ACCOUNT;
        } else {
            state = PageState.READY;
        }
        boolean decides = state == PageState.READY || state == PageState.CONFIRMED;
        // the agents connected to this account now: claimed, or matched by a provider without a claim
        List<Registration> earlier = decides && user != null
                ? context.registrations.findByUser(ctx.tenantId(), user.userId()).stream()
                        .filter(r -> !r.id().equals(registration.id()))
                        .filter(ServiceContext::isLive)
                        .toList()
                : List.of();
        String issuer = registration.type() == RegistrationType.ID_JAG_STEP_UP
                ? registration.issuer().orElse(null)
                : null;
        return new PageView(
                state,
                config.resourceName(),
                registration.id(),
                registration.type(),
                attempt == null ? null : attempt.email(),
                registration.postClaimScopes(),
                issuer,
                provider(runtime, registration),
                attempt == null ? null : attempt.expiresAt(),
                decides
                        && issuer != null
                        && earlier.stream()
                                .noneMatch(
                                        r -> r.issuer().filter(issuer::equals).isPresent()),
                decides && earlier.isEmpty());
    }

    /** What the user decided on the page. */
    enum Decision {
        CONFIRM,
        DENY,
        NEW_CODE
    }

    /** The page after a decision: its view, and the code when one was minted (shown once). */
    record Decided(
            PageView view, @Nullable String code, @Nullable Instant codeExpiresAt) {}

    /**
     * Applies the signed-in user's decision. Only the owner of the bound address may decide; Confirm binds the user and
     * mints the code; Deny closes the attempt (the claim stays open); a new code replaces the old one, wrong tries
     * kept.
     */
    Decided decide(
            ServiceContext.TenantRuntime runtime,
            RequestContext ctx,
            String attemptToken,
            SignedInUser user,
            Decision decision) {
        for (int round = 0; round <= ServiceContext.MAX_RACE_RETRIES; round++) {
            PageView view = view(runtime, ctx, attemptToken, user);
            boolean allowed = (view.state() == PageState.READY && decision != Decision.NEW_CODE)
                    || (view.state() == PageState.CONFIRMED && decision == Decision.NEW_CODE);
            if (!allowed) {
                return new Decided(view, null, null);
            }
            Registration registration =
                    attemptRegistration(ctx.tenantId(), attemptToken).orElseThrow();
            ClaimState claim = registration.claim().orElseThrow();
            ClaimAttempt attempt = claim.attempt();
            if (attempt == null) {
                return new Decided(view, null, null);
            }
            Instant now = context.clock.instant();
            String code = null;
            Instant codeExpiresAt = null;
            ClaimAttempt next;
            if (decision == Decision.DENY) {
                next = attempt.denied();
            } else {
                code = context.secrets.otp();
                codeExpiresAt = min(now.plus(CODE_TTL), claim.claimTokenExpiresAt());
                next = decision == Decision.CONFIRM
                        ? attempt.confirmedBy(user.userId(), context.otpHasher.hash(code), codeExpiresAt)
                        : attempt.withNewCode(context.otpHasher.hash(code), codeExpiresAt);
            }
            Registration updated =
                    registration.next().claim(claim.withAttempt(next)).build();
            if (context.updateRegistration(registration.version(), updated)) {
                if (decision != Decision.NEW_CODE) {
                    context.emit(
                            ctx,
                            List.of(AuditEvents.claimDecided(
                                    registration.id(), user.userId(), decision == Decision.CONFIRM)));
                }
                if (code != null) {
                    context.emit(ctx, List.of(AuditEvents.userCodeRevealed(registration.id())));
                }
                return new Decided(
                        view(runtime, ctx, attemptToken, user), code == null ? null : display(code), codeExpiresAt);
            }
        }
        throw new StoreException("registration kept changing while recording a decision");
    }

    // --- complete ------------------------------------------------------------------------------------

    CurrentOutcome<IdentityResult> complete(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, String claimToken, String userCode) {
        return audited(ctx, claimToken, completeOnce(runtime, ctx, claimToken, userCode));
    }

    /** Emits {@code claim.failed} for a refused step (never the token), naming the registration when it resolved. */
    private <T> CurrentOutcome<T> audited(RequestContext ctx, String claimToken, CurrentOutcome<T> outcome) {
        if (!outcome.isSuccess() && outcome.failure().error() != CurrentProfileError.AUTH_METHOD_DISABLED) {
            String registrationId = findByClaimToken(ctx.tenantId(), claimToken)
                    .map(Registration::id)
                    .orElse(null);
            context.emit(
                    ctx,
                    List.of(AuditEvents.claimFailed(
                            registrationId, outcome.failure().error().code())));
        }
        return outcome;
    }

    private CurrentOutcome<IdentityResult> completeOnce(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, String claimToken, String userCode) {
        if (context.sessions == null) {
            return CurrentOutcome.failure(CurrentProfileError.AUTH_METHOD_DISABLED, null);
        }
        String normalised = normaliseCode(userCode);
        for (int round = 0; round <= ServiceContext.MAX_RACE_RETRIES; round++) {
            Instant now = context.clock.instant();
            Optional<Registration> found = findByClaimToken(ctx.tenantId(), claimToken);
            Optional<CurrentOutcome<IdentityResult>> refused = claimRefusal(found, now);
            if (refused.isPresent()) {
                return refused.get();
            }
            Registration registration = found.get();
            ClaimState claim = registration.claim().orElseThrow();
            ClaimAttempt attempt = claim.attempt();
            if (attempt == null || !now.isBefore(attempt.expiresAt())) {
                return CurrentOutcome.failure(CurrentProfileError.USER_CODE_EXPIRED, null);
            }
            if (attempt.decision() == AttemptDecision.DENIED) {
                return CurrentOutcome.failure(CurrentProfileError.CLAIM_DENIED, null);
            }
            if (attempt.decision() == AttemptDecision.OPEN) {
                return CurrentOutcome.failure(CurrentProfileError.CLAIM_NOT_CONFIRMED, null);
            }
            Instant codeExpiry = attempt.otpExpiresAt();
            if (codeExpiry == null || !now.isBefore(codeExpiry) || attempt.otpFailures() >= WRONG_CODES_PER_ATTEMPT) {
                return CurrentOutcome.failure(CurrentProfileError.USER_CODE_EXPIRED, null);
            }
            if (!ConstantTime.equals(context.otpHasher.hash(normalised), attempt.otpHash())) {
                Optional<CurrentOutcome<IdentityResult>> counted = wrongCode(registration, claim, attempt, ctx);
                if (counted.isPresent()) {
                    return counted.get();
                }
                continue; // the count lost a race; decide again on what is stored
            }
            // a step-up stays with its matched account (the page let only that account confirm)
            String userId = registration.type() == RegistrationType.ID_JAG_STEP_UP
                    ? registration.userId().orElseThrow()
                    : Objects.requireNonNull(attempt.confirmedUserId());
            Registration claimed = registration
                    .next()
                    .status(RegistrationStatus.CLAIMED)
                    .userId(userId)
                    .email(attempt.email())
                    .expiresAt(null)
                    .claim(claim.withAttempt(null))
                    .build();
            if (!context.updateRegistration(registration.version(), claimed)) {
                continue; // another completion or change won; the next round answers from what it wrote
            }
            return finish(runtime, ctx, claimed, attempt);
        }
        throw new StoreException("registration kept changing while completing a claim");
    }

    /** After the winning write: delegation, superseded pre-claim state, the post-claim assertion and refresh token. */
    private CurrentOutcome<IdentityResult> finish(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, Registration claimed, ClaimAttempt attempt) {
        String tenantId = ctx.tenantId();
        Instant now = context.clock.instant();
        String userId = claimed.userId().orElseThrow();
        boolean stepUp = claimed.type() == RegistrationType.ID_JAG_STEP_UP;
        if (stepUp && claimed.issuer().isPresent()) {
            String issuer = claimed.issuer().get();
            String subject = claimed.subject().orElseThrow();
            context.linkDelegation(tenantId, issuer, subject, userId, now);
            // a provider's security event that tore the delegation down after our winning write revoked the
            // registration: the link must not outlive it
            boolean stillClaimed = context.registrations
                    .findById(tenantId, claimed.id())
                    .filter(r -> r.status() == RegistrationStatus.CLAIMED)
                    .isPresent();
            if (!stillClaimed) {
                context.delegations.delete(tenantId, issuer, subject);
                return CurrentOutcome.failure(CurrentProfileError.CLAIM_REVOKED, null);
            }
        }
        if (claimed.type() == RegistrationType.ANONYMOUS) {
            int superseded = context.issuedAssertions.retireByRegistration(
                    tenantId, claimed.id(), AssertionState.SUPERSEDED, now);
            context.accessTokens.revokeAll(tenantId, claimed.id(), null, now);
            context.emit(ctx, List.of(AuditEvents.assertionRetired(claimed.id(), "superseded", superseded)));
        }
        IdentityAssertions.Minted minted =
                runtime.assertions().mint(claimed.id(), new IdentityAssertions.User(attempt.email(), true, List.of()));
        if (!context.issuedAssertions.insert(
                IssuedAssertion.active(tenantId, minted.jti(), claimed.id(), minted.issuedAt(), minted.expiresAt()))) {
            throw new StoreException("assertion jti collided; refusing to issue");
        }
        String refreshValue = null;
        Instant refreshExpiry = null;
        if (!stepUp) {
            refreshValue = context.secrets.refreshToken();
            refreshExpiry = now.plus(runtime.config().refreshTokenTtl());
            if (!context.refreshTokens.insert(RefreshToken.active(
                    tenantId,
                    SecretHasher.hash(refreshValue),
                    context.secrets.refreshFamilyId(),
                    claimed.id(),
                    0,
                    now,
                    refreshExpiry))) {
                throw new StoreException("refresh token hash collided; refusing to issue");
            }
        }
        context.emit(
                ctx,
                List.of(
                        AuditEvents.claimConfirmed(claimed.id(), userId),
                        AuditEvents.assertionIssued(claimed.id(), minted.jti())));
        return CurrentOutcome.success(new IdentityResult(
                claimed.id(),
                "claimed",
                new IdentityResult.Identity(minted.assertion(), minted.expiresAt(), refreshValue, refreshExpiry),
                null,
                null));
    }

    /**
     * Counts a wrong code: against the attempt (five burn it) and the claim (the twentieth revokes it).
     *
     * @return the answer, or empty when the count lost a race and the caller should decide again
     */
    private Optional<CurrentOutcome<IdentityResult>> wrongCode(
            Registration registration, ClaimState claim, ClaimAttempt attempt, RequestContext ctx) {
        int total = claim.totalFailures() + 1;
        Registration next = registration
                .next()
                .claim(new ClaimState(
                        claim.claimTokenHash(), claim.claimTokenExpiresAt(), attempt.withOtpFailure(), total))
                .build();
        if (!context.updateRegistration(registration.version(), next)) {
            return Optional.empty();
        }
        if (total >= WRONG_CODES_PER_CLAIM) {
            claims.revoke(next, ctx.clientIp());
            return Optional.of(CurrentOutcome.failure(
                    CurrentProfileError.CLAIM_REVOKED, "Too many wrong codes; the claim is revoked."));
        }
        return Optional.of(CurrentOutcome.failure(CurrentProfileError.INVALID_USER_CODE, null));
    }

    // --- shared checks ---------------------------------------------------------------------------------

    /** The §7 order after the body: unknown token, claimed, revoked, window over. */
    private <T> Optional<CurrentOutcome<T>> claimRefusal(Optional<Registration> found, Instant now) {
        if (found.isEmpty()) {
            return Optional.of(CurrentOutcome.failure(CurrentProfileError.INVALID_CLAIM_TOKEN, null));
        }
        Registration registration = found.get();
        if (registration.status() == RegistrationStatus.CLAIMED) {
            return Optional.of(CurrentOutcome.failure(CurrentProfileError.ALREADY_CLAIMED, null));
        }
        if (registration.status() == RegistrationStatus.REVOKED) {
            return Optional.of(CurrentOutcome.failure(CurrentProfileError.CLAIM_REVOKED, null));
        }
        if (registration.status() == RegistrationStatus.EXPIRED
                || registration.isDueForExpiry(now)
                || !registration.status().isClaimable()) {
            return Optional.of(CurrentOutcome.failure(CurrentProfileError.CLAIM_EXPIRED, null));
        }
        return Optional.empty();
    }

    private Optional<Registration> findByClaimToken(String tenantId, String claimToken) {
        return context.registrations
                .findByClaimTokenHash(tenantId, SecretHasher.hash(claimToken))
                .filter(r -> r.profile() == WireProfile.CURRENT && r.claim().isPresent());
    }

    private Optional<Registration> attemptRegistration(String tenantId, String attemptToken) {
        if (attemptToken.isEmpty() || attemptToken.length() > 256) {
            return Optional.empty();
        }
        return context.registrations
                .findByAttemptTokenHash(tenantId, SecretHasher.hash(attemptToken))
                .filter(r -> r.profile() == WireProfile.CURRENT && r.claim().isPresent());
    }

    private PageView unavailable(AgentAuthConfig config) {
        return new PageView(
                PageState.UNAVAILABLE,
                config.resourceName(),
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                false,
                false);
    }

    /** The display name of the provider behind a step-up, from the trust list only. */
    private static @Nullable String provider(ServiceContext.TenantRuntime runtime, Registration registration) {
        if (registration.type() != RegistrationType.ID_JAG_STEP_UP
                || registration.issuer().isEmpty()) {
            return null;
        }
        return runtime.tenant()
                .trustList()
                .find(registration.issuer().get())
                .map(p -> p.displayName())
                .orElse(null);
    }

    /**
     * A step-up is bound to the account the provider's user matched (its id is on the registration): only that account
     * may confirm it, whoever else owns the address (docs/protocol.md, current profile §7 binding).
     */
    private static boolean matchedAccount(Registration registration, SignedInUser user) {
        return registration.type() != RegistrationType.ID_JAG_STEP_UP
                || registration.userId().filter(user.userId()::equals).isPresent();
    }

    /** The signed-in user owns the address as a verified email: case-insensitive, no dot or plus folding. */
    static boolean owns(SignedInUser user, String address) {
        return user.verifiedEmails().stream().anyMatch(e -> e.strip().equalsIgnoreCase(address));
    }

    /** A login hint: trimmed, at most 254 characters, one {@code @}, no whitespace, a dot in the domain. */
    static Optional<String> loginHint(String hint) {
        String trimmed = hint.strip();
        int at = trimmed.indexOf('@');
        if (trimmed.isEmpty()
                || trimmed.length() > 254
                || at <= 0
                || at != trimmed.lastIndexOf('@')
                || trimmed.chars().anyMatch(Character::isWhitespace)
                || !trimmed.substring(at + 1).contains(".")
                || trimmed.endsWith(".")) {
            return Optional.empty();
        }
        return EmailAddresses.normalise(trimmed);
    }

    /** Spaces and {@code -} removed, upper-cased (§7 "Code"). */
    static String normaliseCode(String code) {
        return code.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
    }

    /** Six digits shown as {@code 123-456}. */
    static String display(String code) {
        return code.length() == 6 ? code.substring(0, 3) + "-" + code.substring(3) : code;
    }

    static String wireType(Registration registration) {
        return switch (registration.type()) {
            case ANONYMOUS -> "anonymous";
            case EMAIL_VERIFICATION -> "service_auth";
            default -> "identity_assertion";
        };
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
