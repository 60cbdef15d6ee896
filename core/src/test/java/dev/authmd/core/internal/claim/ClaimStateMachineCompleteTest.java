package dev.authmd.core.internal.claim;

import static dev.authmd.core.internal.claim.ClaimFixtures.ATTEMPT_HASH;
import static dev.authmd.core.internal.claim.ClaimFixtures.CLAIM_END;
import static dev.authmd.core.internal.claim.ClaimFixtures.EMAIL;
import static dev.authmd.core.internal.claim.ClaimFixtures.MACHINE;
import static dev.authmd.core.internal.claim.ClaimFixtures.OTP_HASH;
import static dev.authmd.core.internal.claim.ClaimFixtures.OTP_HASH_2;
import static dev.authmd.core.internal.claim.ClaimFixtures.T0;
import static dev.authmd.core.internal.claim.ClaimFixtures.WRONG_HASH;
import static dev.authmd.core.internal.claim.ClaimFixtures.assertRejected;
import static dev.authmd.core.internal.claim.ClaimFixtures.assertTransition;
import static dev.authmd.core.internal.claim.ClaimFixtures.claimOf;
import static dev.authmd.core.internal.claim.ClaimFixtures.emailVerification;
import static dev.authmd.core.internal.claim.ClaimFixtures.pending;
import static dev.authmd.core.internal.claim.ClaimFixtures.persisted;
import static dev.authmd.core.internal.claim.ClaimFixtures.withOtp;
import static dev.authmd.core.internal.claim.ClaimFixtures.withStatus;
import static dev.authmd.core.internal.claim.ClaimFixtures.withTotalFailures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.store.ClaimAttempt;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClaimStateMachineCompleteTest {

    private static final Instant LATER = T0.plusSeconds(60);
    private static final Instant OTP_END = T0.plus(Duration.ofMinutes(10));

    @Test
    void completeWhenRightCodeThenClaimedByUserAndClaimConfirmed() {
        Registration current = withOtp();
        ClaimResult.Transition t = assertTransition(
                MACHINE.complete(current, LATER, OTP_HASH, "user-1"), current, AuditEventType.CLAIM_CONFIRMED);
        assertThat(t.next().status()).isEqualTo(RegistrationStatus.CLAIMED);
        assertThat(t.next().userId()).contains("user-1");
        assertThat(t.next().expiresAt()).isEmpty();
        ClaimAttempt attempt = t.attempt().orElseThrow();
        assertThat(attempt.hasOtp()).isFalse();
        assertThat(attempt.otpExpiresAt()).isNull();
        assertThat(attempt.tokenHash()).isEqualTo(ATTEMPT_HASH);
        assertThat(claimOf(t.next()).claimTokenHash())
                .isEqualTo(claimOf(current).claimTokenHash());
        assertThat(t.events().get(0).details())
                .containsExactly(entry("registration_id", "reg_anon"), entry("claimed_by_user_id", "user-1"));
    }

    @Test
    void completeWhenEmailVerificationRegistrationThenClaimed() {
        Registration current = persisted(MACHINE.mintOtp(emailVerification(), ATTEMPT_HASH, LATER, OTP_HASH));
        ClaimResult.Transition t = assertTransition(
                MACHINE.complete(current, LATER, OTP_HASH, "user-9"), current, AuditEventType.CLAIM_CONFIRMED);
        assertThat(t.next().status()).isEqualTo(RegistrationStatus.CLAIMED);
        assertThat(t.next().email()).contains(EMAIL);
    }

    @Test
    void completeWhenAlreadyClaimedThenPreviouslyClaimed() {
        Registration claimed = persisted(MACHINE.complete(withOtp(), LATER, OTP_HASH, "user-1"));
        assertRejected(MACHINE.complete(claimed, LATER, OTP_HASH, "user-1"), ProtocolError.PREVIOUSLY_CLAIMED, claimed);
    }

    @Test
    void completeWhenRevokedThenInvalidClaimToken() {
        Registration current = withStatus(withOtp(), RegistrationStatus.REVOKED);
        assertRejected(MACHINE.complete(current, LATER, OTP_HASH, "u"), ProtocolError.INVALID_CLAIM_TOKEN, current);
    }

    @Test
    void completeWhenNoClaimStateThenInvalidClaimToken() {
        Registration current = withOtp().next().claim(null).build();
        assertRejected(MACHINE.complete(current, LATER, OTP_HASH, "u"), ProtocolError.INVALID_CLAIM_TOKEN, current);
    }

    @Test
    void completeWhenExpiredStatusThenClaimExpired() {
        Registration current = withStatus(withOtp(), RegistrationStatus.EXPIRED);
        assertRejected(MACHINE.complete(current, LATER, OTP_HASH, "u"), ProtocolError.CLAIM_EXPIRED, current);
    }

    @Test
    void completeWhenExactlyAtWindowEndThenClaimExpired() {
        Registration current = persisted(MACHINE.mintOtp(
                persisted(MACHINE.startClaim(
                        ClaimFixtures.anonymous(), EMAIL, CLAIM_END.minusSeconds(10), "cla_1", ATTEMPT_HASH)),
                ATTEMPT_HASH,
                CLAIM_END.minusSeconds(5),
                OTP_HASH));
        assertRejected(MACHINE.complete(current, CLAIM_END, OTP_HASH, "u"), ProtocolError.CLAIM_EXPIRED, current);
        assertTransition(
                MACHINE.complete(current, CLAIM_END.minusNanos(1), OTP_HASH, "u"),
                current,
                AuditEventType.CLAIM_CONFIRMED);
    }

    @Test
    void completeWhenNoAttemptThenOtpNotGenerated() {
        Registration current = ClaimFixtures.anonymous();
        assertRejected(MACHINE.complete(current, LATER, OTP_HASH, "u"), ProtocolError.OTP_NOT_GENERATED, current);
    }

    @Test
    void completeWhenAttemptHasNoOtpThenOtpNotGenerated() {
        Registration current = pending();
        assertRejected(MACHINE.complete(current, LATER, OTP_HASH, "u"), ProtocolError.OTP_NOT_GENERATED, current);
    }

    @Test
    void completeWhenExactlyAtOtpEndThenOtpExpired() {
        Registration current = withOtp();
        assertRejected(MACHINE.complete(current, OTP_END, OTP_HASH, "u"), ProtocolError.OTP_EXPIRED, current);
        assertTransition(
                MACHINE.complete(current, OTP_END.minusNanos(1), OTP_HASH, "u"),
                current,
                AuditEventType.CLAIM_CONFIRMED);
    }

    @Test
    void completeWhenWrongCodeThenOtpInvalidWithFailureRecordAndClaimFailed() {
        Registration current = withOtp();
        ClaimResult result = MACHINE.complete(current, LATER, WRONG_HASH, "u");
        assertRejected(result, ProtocolError.OTP_INVALID, current);
        Registration counted = persisted(result);
        assertThat(counted.version()).isEqualTo(current.version() + 1);
        assertThat(counted.status()).isEqualTo(RegistrationStatus.PENDING_CLAIM);
        assertThat(counted.userId()).isEmpty();
        assertThat(claimOf(counted).totalFailures()).isEqualTo(1);
        assertThat(claimOf(counted).attempt().otpFailures()).isEqualTo(1);
        assertThat(claimOf(counted).attempt().otpHash()).isEqualTo(OTP_HASH);
    }

    @Test
    void completeWhenFiveWrongCodesThenRightCodeRefusedWithTooManyAttempts() {
        Registration current = withOtp();
        for (int i = 0; i < 5; i++) {
            ClaimResult result = MACHINE.complete(current, LATER, WRONG_HASH, "u");
            assertRejected(result, ProtocolError.OTP_INVALID, current);
            current = persisted(result);
        }
        assertRejected(MACHINE.complete(current, LATER, OTP_HASH, "u"), ProtocolError.TOO_MANY_ATTEMPTS, current);
        assertRejected(MACHINE.complete(current, LATER, WRONG_HASH, "u"), ProtocolError.TOO_MANY_ATTEMPTS, current);
        assertThat(claimOf(current).totalFailures()).isEqualTo(5);
    }

    @Test
    void completeWhenFourWrongCodesThenRightCodeStillWins() {
        Registration current = withOtp();
        for (int i = 0; i < 4; i++) {
            current = persisted(MACHINE.complete(current, LATER, WRONG_HASH, "u"));
        }
        assertTransition(MACHINE.complete(current, LATER, OTP_HASH, "u"), current, AuditEventType.CLAIM_CONFIRMED);
    }

    @Test
    void completeWhenNewOtpMintedAfterLockThenPerCodeBudgetRestored() {
        Registration current = withOtp();
        for (int i = 0; i < 5; i++) {
            current = persisted(MACHINE.complete(current, LATER, WRONG_HASH, "u"));
        }
        current = persisted(MACHINE.mintOtp(current, ATTEMPT_HASH, LATER, OTP_HASH_2));
        assertRejected(MACHINE.complete(current, LATER, OTP_HASH, "u"), ProtocolError.OTP_INVALID, current);
        assertTransition(MACHINE.complete(current, LATER, OTP_HASH_2, "u"), current, AuditEventType.CLAIM_CONFIRMED);
    }

    @Test
    void completeWhenTwentyFailuresAcrossOtpsThenRegistrationLockedForCompleteAndMint() {
        Registration current = pending();
        for (int round = 0; round < 4; round++) {
            current = persisted(MACHINE.mintOtp(current, ATTEMPT_HASH, LATER, OTP_HASH));
            for (int i = 0; i < 5; i++) {
                ClaimResult result = MACHINE.complete(current, LATER, WRONG_HASH, "u");
                assertRejected(result, ProtocolError.OTP_INVALID, current);
                current = persisted(result);
            }
        }
        assertThat(claimOf(current).totalFailures()).isEqualTo(20);
        assertRejected(MACHINE.complete(current, LATER, OTP_HASH, "u"), ProtocolError.TOO_MANY_ATTEMPTS, current);
        assertRejected(
                MACHINE.mintOtp(current, ATTEMPT_HASH, LATER, OTP_HASH_2), ProtocolError.TOO_MANY_ATTEMPTS, current);
    }

    @Test
    void completeWhenRegistrationCapReachedMidOtpThenLockedBeforePerCodeLimit() {
        Registration current =
                persisted(MACHINE.mintOtp(withTotalFailures(pending(), 19), ATTEMPT_HASH, LATER, OTP_HASH));
        ClaimResult wrong = MACHINE.complete(current, LATER, WRONG_HASH, "u");
        assertRejected(wrong, ProtocolError.OTP_INVALID, current);
        current = persisted(wrong);
        assertThat(claimOf(current).attempt().otpFailures()).isEqualTo(1);
        assertRejected(MACHINE.complete(current, LATER, OTP_HASH, "u"), ProtocolError.TOO_MANY_ATTEMPTS, current);
    }

    @Test
    void completeWhenBudgetsSpentAndOtpExpiredThenTooManyAttemptsWinsOverExpiry() {
        Registration current = withOtp();
        for (int i = 0; i < 5; i++) {
            current = persisted(MACHINE.complete(current, LATER, WRONG_HASH, "u"));
        }
        assertRejected(MACHINE.complete(current, OTP_END, OTP_HASH, "u"), ProtocolError.TOO_MANY_ATTEMPTS, current);
    }

    @Test
    void verifyOtpWhenRightCodeThenVerifiedWithoutChange() {
        Registration current = withOtp();
        ClaimResult result = MACHINE.verifyOtp(current, LATER, OTP_HASH);
        assertThat(result).isEqualTo(new ClaimResult.Verified(claimOf(current).attempt()));
        assertThat(result.toPersist()).isEmpty();
        assertThat(result.events()).isEmpty();
    }

    @Test
    void verifyOtpWhenWrongCodeThenSameFailureRecordAsComplete() {
        Registration current = withOtp();
        assertThat(MACHINE.verifyOtp(current, LATER, WRONG_HASH))
                .isEqualTo(MACHINE.complete(current, LATER, WRONG_HASH, "u"));
    }

    @Test
    void completeWhenCalledThenInputUnchanged() {
        Registration current = withOtp();
        MACHINE.complete(current, LATER, WRONG_HASH, "u");
        MACHINE.complete(current, LATER, OTP_HASH, "u");
        assertThat(current).isEqualTo(withOtp());
        assertThat(claimOf(current).totalFailures()).isZero();
    }

    @Test
    void completeWhenUserIdBlankThenClearError() {
        assertThatThrownBy(() -> MACHINE.complete(withOtp(), LATER, OTP_HASH, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("userId cannot be blank");
        assertThatThrownBy(() -> MACHINE.complete(withOtp(), LATER, null, "u"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("otpCandidateHash cannot be null");
    }
}
