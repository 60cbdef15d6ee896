package dev.authmd.core.internal.claim;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.internal.audit.AuditDraft;
import dev.authmd.core.internal.audit.AuditEvents;
import dev.authmd.core.internal.secret.ConstantTime;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.store.ClaimAttempt;
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The claim ceremony of docs/protocol.md#v01-4 as pure transitions over {@link Registration}.
 *
 * <p>Every operation takes the registration as currently stored, the current instant and any fresh secret material
 * <em>as hashes or ids</em> (the service mints and hashes them, so this class needs no clock or randomness), and
 * returns a {@link ClaimResult}. Transitions build the next registration with {@link Registration#next()}, so its
 * version is exactly one higher; the service persists it with {@code RegistrationStore.update(current.version(),
 * next)}, the compare-and-set that makes "exactly once" hold under concurrency. Inputs are never modified.
 *
 * <p>An instant equal to an expiry is expired: a claim window, link or OTP that expires at {@code T} is dead at
 * {@code T}.
 *
 * <p>Anonymous registrations start {@code unclaimed} with {@link #createClaim} and reach {@code pending_claim} through
 * {@link #startClaim}. Email-verification and step-up registrations are created {@code pending_claim} with
 * {@link #firstAttempt}. {@link #mintOtp}, {@link #verifyOtp} and {@link #complete} apply to all three.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClaimStateMachine {

    private final Duration claimTtl;
    private final Duration claimLinkTtl;
    private final Duration otpTtl;
    private final int attemptsPerCode;
    private final int attemptsPerRegistration;

    /**
     * Creates a state machine for the claim ceremony.
     *
     * @param config supplies {@code claimTtl}, {@code claimLinkTtl}, {@code otpTtl}, {@code otpAttemptsPerCode} and
     *     {@code otpAttemptsPerRegistration}
     */
    public ClaimStateMachine(AgentAuthConfig config) {
        Objects.requireNonNull(config, "config cannot be null");
        this.claimTtl = config.claimTtl();
        this.claimLinkTtl = config.claimLinkTtl();
        this.otpTtl = config.otpTtl();
        this.attemptsPerCode = config.otpAttemptsPerCode();
        this.attemptsPerRegistration = config.otpAttemptsPerRegistration();
    }

    /**
     * The claim state of a new registration that has a claim token but no attempt yet (anonymous, status
     * {@code unclaimed}).
     *
     * @param claimTokenHash {@code SecretHasher.hash(claimToken)}
     * @param now the registration instant
     * @return a claim state whose window closes at {@code now + claimTtl}
     */
    public ClaimState createClaim(String claimTokenHash, Instant now) {
        requireText(claimTokenHash, "claimTokenHash");
        Objects.requireNonNull(now, "now cannot be null");
        return new ClaimState(claimTokenHash, now.plus(claimTtl), null, 0);
    }

    /**
     * The claim state of a new email-verification or step-up registration, whose first attempt (and claim email) starts
     * with the registration. The service creates the registration with status {@code pending_claim}, emits
     * {@code registration.created} and {@code claim.requested}, and mails the link.
     *
     * @param claimTokenHash {@code SecretHasher.hash(claimToken)}
     * @param normalisedEmail the address the link goes to
     * @param now the registration instant
     * @param attemptId the new {@code cla_…} id
     * @param attemptTokenHash {@code SecretHasher.hash(claimAttemptToken)}
     * @return a claim state closing at {@code now + claimTtl}, with an attempt whose link closes at {@code min(now +
     *     claimLinkTtl, now + claimTtl)} and no OTP
     */
    public ClaimState firstAttempt(
            String claimTokenHash, String normalisedEmail, Instant now, String attemptId, String attemptTokenHash) {
        ClaimState claim = createClaim(claimTokenHash, now);
        return claim.withAttempt(newAttempt(claim, normalisedEmail, now, attemptId, attemptTokenHash));
    }

    /**
     * {@code POST claim_uri {claim_token, email}}: start (or restart) the claim of an anonymous registration, found by
     * the hash of the presented claim token. Checks, in order:
     *
     * <ol>
     *   <li>revoked, or no claim state → {@code invalid_claim_token};
     *   <li>not anonymous, or {@code claimed}/{@code active} → {@code claimed_or_in_flight};
     *   <li>{@code expired}, or {@code now ≥} the claim window's end → {@code claim_expired};
     *   <li>the current attempt went to the same address and its link is still valid → {@link ClaimResult.Reused} (no
     *       new version, no email, no event);
     *   <li>otherwise a new attempt replaces the current one (its link dies), link expiry {@code min(now +
     *       claimLinkTtl, window end)}, no OTP, the registration's failure count kept; status {@code pending_claim};
     *       {@code claim.requested}.
     * </ol>
     *
     * @param current the registration as stored
     * @param normalisedEmail the address to send the link to, already validated and normalised
     * @param now the current instant
     * @param newAttemptId a fresh {@code cla_…} id, used only for a new attempt
     * @param newAttemptTokenHash the hash of a fresh {@code cvt_…} token, used only for a new attempt
     * @return {@link ClaimResult.Transition}, {@link ClaimResult.Reused} or {@link ClaimResult.Rejected}
     */
    public ClaimResult startClaim(
            Registration current,
            String normalisedEmail,
            Instant now,
            String newAttemptId,
            String newAttemptTokenHash) {
        Objects.requireNonNull(current, "current cannot be null");
        requireText(normalisedEmail, "normalisedEmail");
        Objects.requireNonNull(now, "now cannot be null");
        requireText(newAttemptId, "newAttemptId");
        requireText(newAttemptTokenHash, "newAttemptTokenHash");

        RegistrationStatus status = current.status();
        ClaimState claim = current.claim().orElse(null);
        if (status == RegistrationStatus.REVOKED || claim == null) {
            return reject(current, ProtocolError.INVALID_CLAIM_TOKEN);
        }
        if (current.type() != RegistrationType.ANONYMOUS
                || status == RegistrationStatus.CLAIMED
                || status == RegistrationStatus.ACTIVE) {
            return reject(current, ProtocolError.CLAIMED_OR_IN_FLIGHT);
        }
        if (status == RegistrationStatus.EXPIRED || !now.isBefore(claim.claimTokenExpiresAt())) {
            return reject(current, ProtocolError.CLAIM_EXPIRED);
        }
        if (claim.totalFailures() >= attemptsPerRegistration) {
            // locked by wrong codes: a new link could never yield a usable code, so none is mailed
            return reject(current, ProtocolError.TOO_MANY_ATTEMPTS);
        }
        ClaimAttempt previous = claim.attempt();
        if (previous != null && previous.email().equals(normalisedEmail) && now.isBefore(previous.expiresAt())) {
            return new ClaimResult.Reused(previous);
        }
        ClaimAttempt attempt = newAttempt(claim, normalisedEmail, now, newAttemptId, newAttemptTokenHash);
        Registration next = current.next()
                .status(RegistrationStatus.PENDING_CLAIM)
                .claim(claim.withAttempt(attempt))
                .build();
        return new ClaimResult.Transition(next, List.of(AuditEvents.claimRequested(current.id(), normalisedEmail)));
    }

    /**
     * {@code POST {claim_uri}/attempt/challenge {claim_attempt_token}}: mint a fresh OTP for the attempt, killing the
     * previous one and resetting its failure count. The registration was found by the hash of the presented attempt
     * token. Checks, in order:
     *
     * <ol>
     *   <li>{@code revoked} → {@code claim_superseded};
     *   <li>{@code claimed} → {@code claim_completed};
     *   <li>no claim state, or the presented token is not the current attempt's → {@code claim_superseded};
     *   <li>{@code expired}, {@code now ≥} the window's end, no attempt, or {@code now ≥} the link's end →
     *       {@code claim_expired};
     *   <li>the registration's failure budget is spent → {@code too_many_attempts};
     *   <li>otherwise the attempt gets the OTP, expiring at {@code min(now + otpTtl, link end)}; {@code otp.generated}.
     * </ol>
     *
     * @param current the registration as stored
     * @param presentedAttemptTokenHash {@code SecretHasher.hash(claim_attempt_token)} as presented
     * @param now the current instant
     * @param otpHash {@code OtpHasher.hash(otp)} of the freshly minted code
     * @return {@link ClaimResult.Transition} or {@link ClaimResult.Rejected}
     */
    public ClaimResult mintOtp(Registration current, String presentedAttemptTokenHash, Instant now, String otpHash) {
        Objects.requireNonNull(current, "current cannot be null");
        requireText(presentedAttemptTokenHash, "presentedAttemptTokenHash");
        Objects.requireNonNull(now, "now cannot be null");
        requireText(otpHash, "otpHash");

        RegistrationStatus status = current.status();
        if (status == RegistrationStatus.REVOKED) {
            return reject(current, ProtocolError.CLAIM_SUPERSEDED);
        }
        if (status == RegistrationStatus.CLAIMED) {
            return reject(current, ProtocolError.CLAIM_COMPLETED);
        }
        ClaimState claim = current.claim().orElse(null);
        if (claim == null) {
            return reject(current, ProtocolError.CLAIM_SUPERSEDED);
        }
        ClaimAttempt attempt = claim.attempt();
        if (attempt != null && !ConstantTime.equals(attempt.tokenHash(), presentedAttemptTokenHash)) {
            return reject(current, ProtocolError.CLAIM_SUPERSEDED);
        }
        if (status == RegistrationStatus.EXPIRED
                || !now.isBefore(claim.claimTokenExpiresAt())
                || attempt == null
                || !now.isBefore(attempt.expiresAt())) {
            return reject(current, ProtocolError.CLAIM_EXPIRED);
        }
        if (claim.totalFailures() >= attemptsPerRegistration) {
            return reject(current, ProtocolError.TOO_MANY_ATTEMPTS);
        }
        Instant otpExpiresAt = min(now.plus(otpTtl), attempt.expiresAt());
        Registration next = current.next()
                .claim(claim.withAttempt(attempt.withOtp(otpHash, otpExpiresAt)))
                .build();
        return new ClaimResult.Transition(next, List.of(AuditEvents.otpGenerated(current.id())));
    }

    /**
     * Checks a presented OTP without completing the claim, so the service can resolve or provision the user only once
     * the code is known to be right. Same checks and results as {@link #complete} except that a match answers
     * {@link ClaimResult.Verified}. A wrong code still yields a {@link ClaimResult.Rejected} whose failure record must
     * be persisted.
     *
     * @param current the registration as stored
     * @param now the current instant
     * @param otpCandidateHash {@code OtpHasher.hash(otp)} of the presented code
     * @return {@link ClaimResult.Verified} or {@link ClaimResult.Rejected}
     */
    public ClaimResult verifyOtp(Registration current, Instant now, String otpCandidateHash) {
        Objects.requireNonNull(current, "current cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        requireText(otpCandidateHash, "otpCandidateHash");

        RegistrationStatus status = current.status();
        if (status == RegistrationStatus.CLAIMED) {
            return reject(current, ProtocolError.PREVIOUSLY_CLAIMED);
        }
        ClaimState claim = current.claim().orElse(null);
        if (status == RegistrationStatus.REVOKED || claim == null) {
            return reject(current, ProtocolError.INVALID_CLAIM_TOKEN);
        }
        if (status == RegistrationStatus.EXPIRED || !now.isBefore(claim.claimTokenExpiresAt())) {
            return reject(current, ProtocolError.CLAIM_EXPIRED);
        }
        if (claim.totalFailures() >= attemptsPerRegistration) {
            return reject(current, ProtocolError.TOO_MANY_ATTEMPTS);
        }
        ClaimAttempt attempt = claim.attempt();
        if (attempt == null || !attempt.hasOtp()) {
            return reject(current, ProtocolError.OTP_NOT_GENERATED);
        }
        if (attempt.otpFailures() >= attemptsPerCode) {
            return reject(current, ProtocolError.TOO_MANY_ATTEMPTS);
        }
        if (!now.isBefore(attempt.otpExpiresAt())) {
            return reject(current, ProtocolError.OTP_EXPIRED);
        }
        if (!ConstantTime.equals(attempt.otpHash(), otpCandidateHash)) {
            Registration counted = current.next().claim(claim.withFailure()).build();
            return new ClaimResult.Rejected(
                    ProtocolError.OTP_INVALID,
                    counted,
                    List.of(AuditEvents.claimFailed(current.id(), ProtocolError.OTP_INVALID)));
        }
        return new ClaimResult.Verified(attempt);
    }

    /**
     * {@code POST {claim_uri}/complete {claim_token, otp}}: complete the claim of a registration found by the hash of
     * the presented claim token. Checks, in order:
     *
     * <ol>
     *   <li>{@code claimed} → {@code previously_claimed};
     *   <li>{@code revoked}, or no claim state → {@code invalid_claim_token};
     *   <li>{@code expired} or {@code now ≥} the window's end → {@code claim_expired};
     *   <li>the registration's failure budget is spent → {@code too_many_attempts};
     *   <li>no attempt or no OTP → {@code otp_not_generated};
     *   <li>the OTP's failure budget is spent → {@code too_many_attempts} (even for the right code);
     *   <li>{@code now ≥} the OTP's end → {@code otp_expired};
     *   <li>wrong code (constant-time) → {@code otp_invalid}, with a failure record counting one more failure on the
     *       OTP and on the registration, and {@code claim.failed}: the service persists it by compare-and-set before
     *       answering, so parallel guesses never exceed the budget;
     *   <li>right code → {@code claimed}, owned by {@code userId}, the OTP cleared (the attempt is kept so its link
     *       answers {@code claim_completed}), no expiry; {@code claim.confirmed}.
     * </ol>
     *
     * The service resolves or provisions {@code userId} from the attempt's email beforehand, best after a
     * {@link #verifyOtp} that answered {@link ClaimResult.Verified}; then it issues or upgrades the credential once the
     * transition is persisted.
     *
     * @param current the registration as stored
     * @param now the current instant
     * @param otpCandidateHash {@code OtpHasher.hash(otp)} of the presented code
     * @param userId the host's user who claims it
     * @return {@link ClaimResult.Transition} or {@link ClaimResult.Rejected}
     */
    public ClaimResult complete(Registration current, Instant now, String otpCandidateHash, String userId) {
        requireText(userId, "userId");
        ClaimResult verified = verifyOtp(current, now, otpCandidateHash);
        if (!(verified instanceof ClaimResult.Verified)) {
            return verified;
        }
        ClaimState claim = current.claim().orElseThrow();
        ClaimAttempt attempt = Objects.requireNonNull(claim.attempt(), "a verified OTP belongs to an attempt");
        ClaimAttempt spent = new ClaimAttempt(
                attempt.id(),
                attempt.tokenHash(),
                attempt.email(),
                attempt.expiresAt(),
                null,
                null,
                attempt.otpFailures());
        Registration next = current.next()
                .status(RegistrationStatus.CLAIMED)
                .userId(userId)
                .expiresAt(null)
                .claim(claim.withAttempt(spent))
                .build();
        return new ClaimResult.Transition(next, List.of(AuditEvents.claimConfirmed(current.id(), userId)));
    }

    /**
     * An unclaimed or pending registration past its TTL becomes {@code expired} ({@link Registration#isDueForExpiry});
     * the service then revokes its credential.
     *
     * @param current the registration as stored
     * @param now the current instant
     * @return {@link ClaimResult.Transition} with {@code registration.expired}, or {@link ClaimResult.Unchanged} when
     *     it is not due
     */
    public ClaimResult expire(Registration current, Instant now) {
        Objects.requireNonNull(current, "current cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        if (!current.isDueForExpiry(now)) {
            return new ClaimResult.Unchanged();
        }
        Registration next =
                current.next().status(RegistrationStatus.EXPIRED).endedAt(now).build();
        return new ClaimResult.Transition(next, List.of(AuditEvents.registrationExpired(current.id())));
    }

    /**
     * Any registration not yet revoked becomes {@code revoked} (docs/protocol.md#v01-6); the service then revokes its
     * credentials.
     *
     * @param current the registration as stored
     * @param now the current instant: when it ended, unless it had already expired
     * @param iss the logout token's issuer, or null (with {@code sub}) for an operator revocation
     * @param sub the logout token's subject, or null (with {@code iss}) for an operator revocation
     * @return {@link ClaimResult.Transition} with {@code registration.revoked}, or {@link ClaimResult.Unchanged} when
     *     already revoked
     */
    public ClaimResult revoke(Registration current, Instant now, @Nullable String iss, @Nullable String sub) {
        Objects.requireNonNull(current, "current cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        AuditDraft event = AuditEvents.registrationRevoked(current.id(), iss, sub);
        if (current.status() == RegistrationStatus.REVOKED) {
            return new ClaimResult.Unchanged();
        }
        // an expired registration that is revoked keeps the instant it ended: retention counts from there
        Registration next = current.next()
                .status(RegistrationStatus.REVOKED)
                .endedAt(current.endedAt().orElse(now))
                .build();
        return new ClaimResult.Transition(next, List.of(event));
    }

    private ClaimAttempt newAttempt(
            ClaimState claim, String email, Instant now, String attemptId, String attemptTokenHash) {
        requireText(email, "normalisedEmail");
        requireText(attemptId, "attemptId");
        requireText(attemptTokenHash, "attemptTokenHash");
        Instant linkExpiresAt = min(now.plus(claimLinkTtl), claim.claimTokenExpiresAt());
        return new ClaimAttempt(attemptId, attemptTokenHash, email, linkExpiresAt, null, null, 0);
    }

    private static ClaimResult reject(Registration current, ProtocolError error) {
        return new ClaimResult.Rejected(error, null, List.of(AuditEvents.claimFailed(current.id(), error)));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name + " cannot be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " cannot be blank");
        }
    }

    @Override
    public String toString() {
        return "ClaimStateMachine[claimTtl=" + claimTtl + ", claimLinkTtl=" + claimLinkTtl + ", otpTtl=" + otpTtl
                + ", attemptsPerCode=" + attemptsPerCode + ", attemptsPerRegistration=" + attemptsPerRegistration + "]";
    }
}
