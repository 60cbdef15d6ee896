package dev.authmd.core.internal.claim;

import static dev.authmd.core.internal.claim.ClaimFixtures.ATTEMPT_HASH;
import static dev.authmd.core.internal.claim.ClaimFixtures.ATTEMPT_HASH_2;
import static dev.authmd.core.internal.claim.ClaimFixtures.CLAIM_END;
import static dev.authmd.core.internal.claim.ClaimFixtures.MACHINE;
import static dev.authmd.core.internal.claim.ClaimFixtures.OTHER_EMAIL;
import static dev.authmd.core.internal.claim.ClaimFixtures.OTP_HASH;
import static dev.authmd.core.internal.claim.ClaimFixtures.OTP_HASH_2;
import static dev.authmd.core.internal.claim.ClaimFixtures.T0;
import static dev.authmd.core.internal.claim.ClaimFixtures.WRONG_HASH;
import static dev.authmd.core.internal.claim.ClaimFixtures.anonymous;
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

class ClaimStateMachineMintOtpTest {

    private static final Instant LINK_END = T0.plus(Duration.ofHours(1));
    private static final Instant LATER = T0.plusSeconds(60);

    @Test
    void mintOtpWhenPendingThenOtpWithTtlAndOtpGenerated() {
        Registration current = pending();
        ClaimResult.Transition t = assertTransition(
                MACHINE.mintOtp(current, ATTEMPT_HASH, LATER, OTP_HASH), current, AuditEventType.OTP_GENERATED);
        ClaimAttempt attempt = t.attempt().orElseThrow();
        assertThat(attempt.otpHash()).isEqualTo(OTP_HASH);
        assertThat(attempt.otpExpiresAt()).isEqualTo(LATER.plus(Duration.ofMinutes(10)));
        assertThat(attempt.otpFailures()).isZero();
        assertThat(attempt.expiresAt()).isEqualTo(LINK_END);
        assertThat(t.next().status()).isEqualTo(RegistrationStatus.PENDING_CLAIM);
        assertThat(t.events().get(0).details()).containsExactly(entry("registration_id", "reg_anon"));
    }

    @Test
    void mintOtpWhenEmailVerificationRegistrationThenWorksOnFirstAttempt() {
        Registration current = emailVerification();
        ClaimResult.Transition t = assertTransition(
                MACHINE.mintOtp(current, ATTEMPT_HASH, LATER, OTP_HASH), current, AuditEventType.OTP_GENERATED);
        assertThat(t.attempt().orElseThrow().hasOtp()).isTrue();
    }

    @Test
    void mintOtpWhenCloseToLinkEndThenOtpDiesWithTheLink() {
        Registration current = pending();
        Instant now = LINK_END.minusSeconds(30);
        ClaimResult.Transition t = assertTransition(
                MACHINE.mintOtp(current, ATTEMPT_HASH, now, OTP_HASH), current, AuditEventType.OTP_GENERATED);
        assertThat(t.attempt().orElseThrow().otpExpiresAt()).isEqualTo(LINK_END);
    }

    @Test
    void mintOtpWhenOtpExistsThenReplacedAndFailureCountReset() {
        Registration current = persisted(MACHINE.complete(withOtp(), LATER, WRONG_HASH, "user-1"));
        assertThat(claimOf(current).attempt().otpFailures()).isEqualTo(1);
        ClaimResult.Transition t = assertTransition(
                MACHINE.mintOtp(current, ATTEMPT_HASH, LATER, OTP_HASH_2), current, AuditEventType.OTP_GENERATED);
        assertThat(t.attempt().orElseThrow().otpHash()).isEqualTo(OTP_HASH_2);
        assertThat(t.attempt().orElseThrow().otpFailures()).isZero();
        assertThat(claimOf(t.next()).totalFailures()).isEqualTo(1);
        // the previous code is dead
        assertRejected(MACHINE.complete(t.next(), LATER, OTP_HASH, "user-1"), ProtocolError.OTP_INVALID, t.next());
    }

    @Test
    void mintOtpWhenRevokedThenClaimSuperseded() {
        Registration current = withStatus(pending(), RegistrationStatus.REVOKED);
        assertRejected(
                MACHINE.mintOtp(current, ATTEMPT_HASH, LATER, OTP_HASH), ProtocolError.CLAIM_SUPERSEDED, current);
    }

    @Test
    void mintOtpWhenClaimedThenClaimCompleted() {
        Registration current = persisted(MACHINE.complete(withOtp(), LATER, OTP_HASH, "user-1"));
        assertRejected(
                MACHINE.mintOtp(current, ATTEMPT_HASH, LATER, OTP_HASH_2), ProtocolError.CLAIM_COMPLETED, current);
    }

    @Test
    void mintOtpWhenLinkWasSupersededByNewAttemptThenClaimSuperseded() {
        Registration current = persisted(MACHINE.startClaim(pending(), OTHER_EMAIL, LATER, "cla_2", ATTEMPT_HASH_2));
        assertRejected(
                MACHINE.mintOtp(current, ATTEMPT_HASH, LATER, OTP_HASH), ProtocolError.CLAIM_SUPERSEDED, current);
        assertTransition(
                MACHINE.mintOtp(current, ATTEMPT_HASH_2, LATER, OTP_HASH), current, AuditEventType.OTP_GENERATED);
    }

    @Test
    void mintOtpWhenNoClaimStateThenClaimSuperseded() {
        Registration current = withStatus(anonymous(), RegistrationStatus.ACTIVE)
                .next()
                .claim(null)
                .build();
        assertRejected(
                MACHINE.mintOtp(current, ATTEMPT_HASH, LATER, OTP_HASH), ProtocolError.CLAIM_SUPERSEDED, current);
    }

    @Test
    void mintOtpWhenNoAttemptThenClaimExpired() {
        Registration current = anonymous();
        assertRejected(MACHINE.mintOtp(current, ATTEMPT_HASH, LATER, OTP_HASH), ProtocolError.CLAIM_EXPIRED, current);
    }

    @Test
    void mintOtpWhenExpiredStatusThenClaimExpired() {
        Registration current = withStatus(pending(), RegistrationStatus.EXPIRED);
        assertRejected(MACHINE.mintOtp(current, ATTEMPT_HASH, LATER, OTP_HASH), ProtocolError.CLAIM_EXPIRED, current);
    }

    @Test
    void mintOtpWhenExactlyAtLinkEndThenClaimExpired() {
        Registration current = pending();
        assertRejected(
                MACHINE.mintOtp(current, ATTEMPT_HASH, LINK_END, OTP_HASH), ProtocolError.CLAIM_EXPIRED, current);
        assertTransition(
                MACHINE.mintOtp(current, ATTEMPT_HASH, LINK_END.minusNanos(1), OTP_HASH),
                current,
                AuditEventType.OTP_GENERATED);
    }

    @Test
    void mintOtpWhenExactlyAtWindowEndThenClaimExpired() {
        Registration started = persisted(
                MACHINE.startClaim(anonymous(), "x@example.com", CLAIM_END.minusSeconds(5), "cla_9", ATTEMPT_HASH_2));
        assertRejected(
                MACHINE.mintOtp(started, ATTEMPT_HASH_2, CLAIM_END, OTP_HASH), ProtocolError.CLAIM_EXPIRED, started);
    }

    @Test
    void mintOtpWhenRegistrationBudgetSpentThenTooManyAttempts() {
        Registration spent = withTotalFailures(pending(), 20);
        assertRejected(MACHINE.mintOtp(spent, ATTEMPT_HASH, LATER, OTP_HASH), ProtocolError.TOO_MANY_ATTEMPTS, spent);
        Registration almost = withTotalFailures(pending(), 19);
        assertTransition(MACHINE.mintOtp(almost, ATTEMPT_HASH, LATER, OTP_HASH), almost, AuditEventType.OTP_GENERATED);
    }

    @Test
    void mintOtpWhenCalledThenInputUnchanged() {
        Registration current = pending();
        MACHINE.mintOtp(current, ATTEMPT_HASH, LATER, OTP_HASH);
        assertThat(current).isEqualTo(pending());
        assertThat(claimOf(current).attempt().hasOtp()).isFalse();
    }

    @Test
    void mintOtpWhenOtpHashBlankThenClearError() {
        assertThatThrownBy(() -> MACHINE.mintOtp(pending(), ATTEMPT_HASH, LATER, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("otpHash cannot be blank");
    }
}
