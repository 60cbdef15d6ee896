package dev.authmd.core.service;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.internal.claim.ClaimResult;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.account.ProvisionRequest;
import dev.authmd.spi.account.UserAccount;
import dev.authmd.spi.store.ClaimAttempt;
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Delegation;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import dev.authmd.spi.store.StoreException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim ceremony of docs/protocol.md#v01-4 around the pure
 * {@link dev.authmd.core.internal.claim.ClaimStateMachine}: lookups by hash, compare-and-set writes with retry on a
 * lost race, the email, the credential.
 */
final class ClaimFlows {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimFlows.class);

    private final ServiceContext context;
    private final CredentialAuthority credentials;

    ClaimFlows(ServiceContext context, CredentialAuthority credentials) {
        this.context = context;
        this.credentials = credentials;
    }

    Outcome<ClaimStarted> start(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, String claimToken, String rawEmail) {
        Optional<String> email = EmailAddresses.normalise(rawEmail);
        if (email.isEmpty()) {
            return Outcome.failure(ProtocolError.INVALID_REQUEST, "email must be a valid email address.");
        }
        Optional<Registration> found =
                context.registrations.findByClaimTokenHash(ctx.tenantId(), SecretHasher.hash(claimToken));
        if (found.isEmpty()) {
            return Outcome.failure(ProtocolError.INVALID_CLAIM_TOKEN, null);
        }
        Registration current = found.get();
        boolean counted = false;
        for (int round = 0; round <= ServiceContext.MAX_RACE_RETRIES; round++) {
            String attemptToken = context.secrets.claimAttemptToken();
            ClaimResult result = runtime.claims()
                    .startClaim(
                            current,
                            email.get(),
                            context.clock.instant(),
                            context.secrets.claimAttemptId(),
                            SecretHasher.hash(attemptToken));
            if (result instanceof ClaimResult.Rejected rejected) {
                context.emit(ctx, rejected.events());
                return Outcome.failure(rejected.error(), null);
            }
            if (result instanceof ClaimResult.Reused reused) {
                return Outcome.success(started(current.id(), reused.attempt()));
            }
            if (!counted) {
                // only a new email counts against the caps; a retry after a lost race does not count twice
                Optional<Outcome<ClaimStarted>> limited = newRecipient(current, email.get())
                        ? context.rateLimitPerRegistration(ctx, RateLimitPolicy.CLAIM_RECIPIENTS, current.id())
                        : Optional.empty();
                if (limited.isEmpty()) {
                    limited = context.rateLimit(ctx, RateLimitPolicy.CLAIM_EMAIL, email.get());
                }
                if (limited.isPresent()) {
                    return limited.get();
                }
                counted = true;
            }
            ClaimResult.Transition transition = (ClaimResult.Transition) result;
            Registration next = transition.next();
            if (!context.updateRegistration(current.version(), next)) {
                Optional<Registration> reloaded = context.registrations.findById(ctx.tenantId(), current.id());
                if (reloaded.isEmpty()) {
                    return Outcome.failure(ProtocolError.INVALID_CLAIM_TOKEN, null);
                }
                current = reloaded.get();
                continue;
            }
            ClaimAttempt attempt = transition.attempt().orElseThrow();
            try {
                sendClaimEmail(
                        runtime.config(), ctx.tenantId(), current.id(), email.get(), attemptToken, attempt.expiresAt());
            } catch (RuntimeException e) {
                // any failure of the host's mailer; put the previous attempt back so a retry sends again
                LOG.warn("claim email for registration {} could not be sent", current.id(), Redacted.of(e));
                restore(current, next);
                return Outcome.failure(
                        ProtocolError.SERVER_ERROR,
                        "The claim email could not be sent; the claim is as it was before. Retry later.");
            }
            context.emit(ctx, transition.events());
            return Outcome.success(started(current.id(), attempt));
        }
        throw new StoreException("claim kept changing while starting it");
    }

    /** Whether this claim email goes to another address than the claim's previous attempt (or is the first). */
    private static boolean newRecipient(Registration registration, String email) {
        return registration
                .claim()
                .map(ClaimState::attempt)
                .map(previous -> !previous.email().equals(email))
                .orElse(true);
    }

    ClaimView view(ServiceContext.TenantRuntime runtime, RequestContext ctx, String attemptToken) {
        String serviceName = runtime.config().resourceName();
        Optional<Registration> found =
                context.registrations.findByAttemptTokenHash(ctx.tenantId(), SecretHasher.hash(attemptToken));
        if (found.isEmpty()) {
            return new ClaimView(ClaimView.State.SUPERSEDED, null, serviceName, null, null);
        }
        Registration registration = found.get();
        ClaimAttempt attempt = registration.claim().map(ClaimState::attempt).orElse(null);
        String email = attempt == null ? null : attempt.email();
        Instant expiresAt = attempt == null ? null : attempt.expiresAt();
        Instant now = context.clock.instant();
        ClaimView.State state;
        if (registration.status() == RegistrationStatus.CLAIMED) {
            state = ClaimView.State.COMPLETED;
        } else if (!registration.status().isClaimable()
                || attempt == null
                || !now.isBefore(attempt.expiresAt())
                || registration
                        .claim()
                        .map(c -> !now.isBefore(c.claimTokenExpiresAt()))
                        .orElse(true)) {
            state = ClaimView.State.EXPIRED;
        } else {
            state = ClaimView.State.READY;
        }
        return new ClaimView(state, registration.id(), serviceName, email, expiresAt);
    }

    Outcome<OtpChallenge> mint(ServiceContext.TenantRuntime runtime, RequestContext ctx, String attemptToken) {
        String attemptHash = SecretHasher.hash(attemptToken);
        Optional<Registration> found = context.registrations.findByAttemptTokenHash(ctx.tenantId(), attemptHash);
        for (int round = 0; round <= ServiceContext.MAX_RACE_RETRIES; round++) {
            if (found.isEmpty()) {
                return Outcome.failure(ProtocolError.CLAIM_SUPERSEDED, null);
            }
            Registration current = found.get();
            String otp = context.secrets.otp();
            ClaimResult result = runtime.claims()
                    .mintOtp(current, attemptHash, context.clock.instant(), context.otpHasher.hash(otp));
            if (result instanceof ClaimResult.Rejected rejected) {
                context.emit(ctx, rejected.events());
                return Outcome.failure(rejected.error(), null);
            }
            ClaimResult.Transition transition = (ClaimResult.Transition) result;
            if (context.updateRegistration(current.version(), transition.next())) {
                context.emit(ctx, transition.events());
                ClaimAttempt attempt = transition.attempt().orElseThrow();
                return Outcome.success(new OtpChallenge(
                        otp, Objects.requireNonNull(attempt.otpExpiresAt(), "a minted code has an expiry")));
            }
            found = context.registrations.findByAttemptTokenHash(ctx.tenantId(), attemptHash);
        }
        throw new StoreException("claim kept changing while minting a code");
    }

    Outcome<ClaimCompleted> complete(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, String claimToken, String otp) {
        Optional<Registration> found =
                context.registrations.findByClaimTokenHash(ctx.tenantId(), SecretHasher.hash(claimToken));
        if (found.isEmpty()) {
            return Outcome.failure(ProtocolError.INVALID_CLAIM_TOKEN, null);
        }
        String otpHash = context.otpHasher.hash(otp);
        Registration current = found.get();
        for (int round = 0; round <= ServiceContext.MAX_RACE_RETRIES; round++) {
            ClaimResult verified = runtime.claims().verifyOtp(current, context.clock.instant(), otpHash);
            if (verified instanceof ClaimResult.Rejected rejected) {
                if (rejected.failureRecord() != null
                        && !context.updateRegistration(current.version(), rejected.failureRecord())) {
                    current = reload(current);
                    continue;
                }
                context.emit(ctx, rejected.events());
                return Outcome.failure(rejected.error(), null);
            }
            ClaimAttempt attempt = ((ClaimResult.Verified) verified).attempt();
            Optional<String> userId = claimingUser(ctx.tenantId(), current, attempt.email());
            if (userId.isEmpty()) {
                return Outcome.failure(
                        ProtocolError.INVALID_REQUEST,
                        "No account exists for this email and this service does not create accounts for agents.");
            }
            ClaimResult result = runtime.claims().complete(current, context.clock.instant(), otpHash, userId.get());
            if (!(result instanceof ClaimResult.Transition transition)) {
                current = reload(current);
                continue;
            }
            if (!context.updateRegistration(current.version(), transition.next())) {
                current = reload(current);
                continue;
            }
            Optional<IssuedCredential> issued;
            try {
                issued = finish(runtime.config(), transition.next());
            } catch (RuntimeException e) {
                // back to the state before the winning write, OTP included: the agent retries the same call
                restore(current, transition.next());
                throw e;
            }
            context.emit(ctx, transition.events());
            return Outcome.success(new ClaimCompleted(current.id(), issued.orElse(null)));
        }
        throw new StoreException("claim kept changing while completing it");
    }

    /**
     * After the winning write: upgrade the anonymous key in place, or issue the awaited credential. Each step leaves
     * nothing usable behind when it fails: an in-place upgrade is one compare-and-set per key; a rotated key is revoked
     * before its successor exists (a failure then leaves the agent keyless until it retries, never with two keys); a
     * step-up credential is discarded when its delegation cannot be recorded, and the delegation is recorded only once
     * the credential exists, so a failure never links {@code (iss, sub)} without a claim.
     */
    private Optional<IssuedCredential> finish(AgentAuthConfig config, Registration claimed) {
        String tenantId = claimed.tenantId();
        String userId = claimed.userId().orElseThrow();
        Instant now = context.clock.instant();
        if (claimed.type() == RegistrationType.ANONYMOUS && !context.rotateKeyOnClaim) {
            credentials.upgradeInPlace(tenantId, claimed.id(), userId, claimed.postClaimScopes());
            return Optional.empty();
        }
        if (claimed.type() == RegistrationType.ANONYMOUS) {
            context.credentials.revokeByRegistration(tenantId, claimed.id(), now);
        }
        CredentialType type = claimed.requestedCredentialType().orElse(CredentialType.API_KEY);
        IssuedCredential issued =
                credentials.issue(config, tenantId, claimed.id(), userId, type, claimed.postClaimScopes(), now);
        if (claimed.type() == RegistrationType.ID_JAG_STEP_UP) {
            Delegation link = new Delegation(
                    tenantId, claimed.issuer().orElseThrow(), claimed.subject().orElseThrow(), userId, now);
            try {
                context.delegations.insert(link);
            } catch (RuntimeException e) {
                credentials.discard(tenantId, issued);
                unlink(link);
                throw e;
            }
        }
        return Optional.of(issued);
    }

    /** Best effort: removes a delegation whose insert reported a failure but may have landed. */
    private void unlink(Delegation link) {
        try {
            if (context.delegations
                    .find(link.tenantId(), link.issuer(), link.subject())
                    .filter(link::equals)
                    .isPresent()) {
                context.delegations.delete(link.tenantId(), link.issuer(), link.subject());
            }
        } catch (RuntimeException e) {
            LOG.error(
                    "a delegation of tenant {} could not be checked after a failed link",
                    link.tenantId(),
                    Redacted.of(e));
        }
    }

    /** The step-up registration already names its account; otherwise match or provision by the proven email. */
    private Optional<String> claimingUser(String tenantId, Registration registration, String email) {
        if (registration.userId().isPresent()) {
            return registration.userId();
        }
        return context.accounts
                .findByVerifiedEmail(tenantId, email)
                .or(() -> context.accounts.provision(new ProvisionRequest(
                        tenantId,
                        email,
                        null,
                        null,
                        registration.issuer().orElse(null),
                        registration.subject().orElse(null))))
                .map(UserAccount::userId);
    }

    /** Revokes a registration and all its credentials; idempotent. */
    boolean revoke(Registration registration, @Nullable String clientIp) {
        Instant now = context.clock.instant();
        context.credentials.revokeByRegistration(registration.tenantId(), registration.id(), now);
        context.revokeIssuedState(registration, now);
        Registration current = registration;
        for (int round = 0; round <= ServiceContext.MAX_RACE_RETRIES; round++) {
            ServiceContext.TenantRuntime runtime =
                    context.tenant(current.tenantId()).orElseThrow();
            ClaimResult result = runtime.claims()
                    .revoke(
                            current,
                            now,
                            current.issuer().orElse(null),
                            current.subject().orElse(null));
            if (!(result instanceof ClaimResult.Transition transition)) {
                return false;
            }
            if (context.updateRegistration(current.version(), transition.next())) {
                transition.events().forEach(event -> context.emit(registration.tenantId(), clientIp, event));
                // credentials issued between the first sweep and the status change
                context.credentials.revokeByRegistration(registration.tenantId(), registration.id(), now);
                context.revokeIssuedState(registration, now);
                return true;
            }
            current = reload(current);
        }
        throw new StoreException("registration kept changing while revoking it");
    }

    /**
     * Tears a delegation down, for a logout token or a security event: deletes the delegation first (from that write on
     * nothing of it authenticates, and a registration racing us re-checks it after storing itself), then revokes every
     * registration of {@code (tenant, iss, sub)}, any profile, with its credentials, assertions and tokens. A failure
     * on one registration does not stop the others: the token's {@code jti} is already spent, so the provider cannot
     * retry; whatever could not be revoked is logged by id for an operator, and the first failure is rethrown.
     *
     * @param cause what asked for it, for the log
     * @return how many registrations this call revoked
     */
    int revokeDelegation(RequestContext ctx, String issuer, String subject, String cause) {
        context.delegations.delete(ctx.tenantId(), issuer, subject);
        int revoked = 0;
        RuntimeException failure = null;
        for (Registration registration : context.registrations.findByDelegation(ctx.tenantId(), issuer, subject)) {
            try {
                if (revoke(registration, ctx.clientIp())) {
                    revoked++;
                }
            } catch (RuntimeException e) {
                LOG.error(
                        "registration {} could not be revoked for {}; revoke it with revokeRegistration",
                        registration.id(),
                        cause,
                        Redacted.of(e));
                if (failure == null) {
                    failure = e;
                }
            }
        }
        // a claim completing meanwhile may have linked the delegation again after the first delete; its registration
        // is revoked now, so the link goes too (the completion re-checks its registration for the opposite order). A
        // registration that stored itself after our sweep and saw the link on its own re-check stays live: its link
        // stays with it
        boolean live = context.registrations.findByDelegation(ctx.tenantId(), issuer, subject).stream()
                .anyMatch(ServiceContext::isLive);
        if (!live) {
            context.delegations.delete(ctx.tenantId(), issuer, subject);
        }
        if (failure != null) {
            throw failure;
        }
        return revoked;
    }

    /** Expires one registration due for expiry; its key is revoked. */
    boolean expire(Registration registration) {
        Instant now = context.clock.instant();
        Registration current = registration;
        for (int round = 0; round <= ServiceContext.MAX_RACE_RETRIES; round++) {
            Optional<ServiceContext.TenantRuntime> runtime = context.tenant(current.tenantId());
            if (runtime.isEmpty()) {
                return false;
            }
            ClaimResult result = runtime.get().claims().expire(current, now);
            if (!(result instanceof ClaimResult.Transition transition)) {
                return false;
            }
            if (context.updateRegistration(current.version(), transition.next())) {
                context.credentials.revokeByRegistration(current.tenantId(), current.id(), now);
                context.revokeIssuedState(current, now);
                transition.events().forEach(event -> context.emit(registration.tenantId(), null, event));
                return true;
            }
            current = reload(current);
        }
        return false;
    }

    void sendClaimEmail(
            AgentAuthConfig config,
            String tenantId,
            String registrationId,
            String email,
            String attemptToken,
            Instant expiresAt) {
        String link = config.claimViewUri() + "?token=" + URLEncoder.encode(attemptToken, StandardCharsets.UTF_8);
        context.mailer.send(ClaimEmail.render(tenantId, registrationId, email, config.resourceName(), link, expiresAt));
    }

    /** Undoes a written transition after a later step failed, so the caller can retry from where it was. */
    private void restore(Registration before, Registration written) {
        Registration.Builder back = written.next()
                .status(before.status())
                .userId(before.userId().orElse(null))
                .claim(before.claim().orElse(null))
                .expiresAt(before.expiresAt().orElse(null));
        try {
            if (!context.updateRegistration(written.version(), back.build())) {
                LOG.warn("registration {} changed before it could be restored", before.id());
            }
        } catch (RuntimeException e) {
            LOG.error("registration {} could not be restored after a failure", before.id(), Redacted.of(e));
        }
    }

    private Registration reload(Registration current) {
        return context.registrations
                .findById(current.tenantId(), current.id())
                .orElseThrow(() -> new StoreException("registration vanished during a claim"));
    }

    private static ClaimStarted started(String registrationId, ClaimAttempt attempt) {
        return new ClaimStarted(registrationId, attempt.id(), attempt.expiresAt());
    }
}
