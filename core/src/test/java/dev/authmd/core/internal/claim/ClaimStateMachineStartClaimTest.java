package dev.authmd.core.internal.claim;

import static dev.authmd.core.internal.claim.ClaimFixtures.ATTEMPT_HASH;
import static dev.authmd.core.internal.claim.ClaimFixtures.ATTEMPT_HASH_2;
import static dev.authmd.core.internal.claim.ClaimFixtures.CLAIM_END;
import static dev.authmd.core.internal.claim.ClaimFixtures.CLAIM_HASH;
import static dev.authmd.core.internal.claim.ClaimFixtures.EMAIL;
import static dev.authmd.core.internal.claim.ClaimFixtures.MACHINE;
import static dev.authmd.core.internal.claim.ClaimFixtures.OTHER_EMAIL;
import static dev.authmd.core.internal.claim.ClaimFixtures.T0;
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
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClaimStateMachineStartClaimTest {

    private static final Instant LATER = T0.plusSeconds(60);

    @Test
    void createClaimWhenCalledThenWindowIsClaimTtlAndNoAttempt() {
        ClaimState claim = MACHINE.createClaim(CLAIM_HASH, T0);
        assertThat(claim).isEqualTo(new ClaimState(CLAIM_HASH, T0.plus(Duration.ofHours(24)), null, 0));
    }

    @Test
    void firstAttemptWhenCalledThenAttemptLinkIsClaimLinkTtlWithoutOtp() {
        ClaimState claim = MACHINE.firstAttempt(CLAIM_HASH, EMAIL, T0, "cla_1", ATTEMPT_HASH);
        assertThat(claim.claimTokenExpiresAt()).isEqualTo(CLAIM_END);
        assertThat(claim.totalFailures()).isZero();
        assertThat(claim.attempt())
                .isEqualTo(new ClaimAttempt("cla_1", ATTEMPT_HASH, EMAIL, T0.plus(Duration.ofHours(1)), null, null, 0));
    }

    @Test
    void firstAttemptWhenClaimTtlShorterThanLinkTtlThenLinkEndsWithWindow() {
        ClaimStateMachine shortWindow = new ClaimStateMachine(
                ClaimFixtures.config().claimTtl(Duration.ofMinutes(30)).build());
        ClaimState claim = shortWindow.firstAttempt(CLAIM_HASH, EMAIL, T0, "cla_1", ATTEMPT_HASH);
        assertThat(claim.attempt().expiresAt())
                .isEqualTo(T0.plus(Duration.ofMinutes(30)))
                .isEqualTo(claim.claimTokenExpiresAt());
    }

    @Test
    void startClaimWhenUnclaimedAnonymousThenPendingWithNewAttemptAndClaimRequested() {
        Registration current = anonymous();
        ClaimResult.Transition t = assertTransition(
                MACHINE.startClaim(current, EMAIL, LATER, "cla_1", ATTEMPT_HASH),
                current,
                AuditEventType.CLAIM_REQUESTED);
        assertThat(t.next().status()).isEqualTo(RegistrationStatus.PENDING_CLAIM);
        assertThat(t.attempt())
                .contains(
                        new ClaimAttempt("cla_1", ATTEMPT_HASH, EMAIL, LATER.plus(Duration.ofHours(1)), null, null, 0));
        assertThat(claimOf(t.next()).claimTokenHash()).isEqualTo(CLAIM_HASH);
        assertThat(claimOf(t.next()).claimTokenExpiresAt()).isEqualTo(CLAIM_END);
        assertThat(t.events().get(0).details())
                .containsExactly(entry("registration_id", "reg_anon"), entry("email", EMAIL));
        // everything else carried over
        assertThat(t.next()
                        .next()
                        .version(current.version())
                        .status(current.status())
                        .claim(current.claim().orElseThrow())
                        .build())
                .isEqualTo(current);
    }

    @Test
    void startClaimWhenRevokedThenInvalidClaimToken() {
        Registration current = withStatus(anonymous(), RegistrationStatus.REVOKED);
        assertRejected(
                MACHINE.startClaim(current, EMAIL, LATER, "cla_1", ATTEMPT_HASH),
                ProtocolError.INVALID_CLAIM_TOKEN,
                current);
    }

    @Test
    void startClaimWhenNoClaimStateThenInvalidClaimToken() {
        Registration current = anonymous().next().claim(null).build();
        assertRejected(
                MACHINE.startClaim(current, EMAIL, LATER, "cla_1", ATTEMPT_HASH),
                ProtocolError.INVALID_CLAIM_TOKEN,
                current);
    }

    @Test
    void startClaimWhenEmailVerificationThenClaimedOrInFlight() {
        Registration current = emailVerification();
        assertRejected(
                MACHINE.startClaim(current, EMAIL, LATER, "cla_2", ATTEMPT_HASH_2),
                ProtocolError.CLAIMED_OR_IN_FLIGHT,
                current);
    }

    @Test
    void startClaimWhenStepUpThenClaimedOrInFlight() {
        Registration current =
                emailVerification().next().type(RegistrationType.ID_JAG_STEP_UP).build();
        assertRejected(
                MACHINE.startClaim(current, EMAIL, LATER, "cla_2", ATTEMPT_HASH_2),
                ProtocolError.CLAIMED_OR_IN_FLIGHT,
                current);
    }

    @Test
    void startClaimWhenClaimedThenClaimedOrInFlight() {
        Registration current = persisted(MACHINE.complete(withOtp(), LATER, ClaimFixtures.OTP_HASH, "user-1"));
        assertRejected(
                MACHINE.startClaim(current, EMAIL, LATER, "cla_2", ATTEMPT_HASH_2),
                ProtocolError.CLAIMED_OR_IN_FLIGHT,
                current);
    }

    @Test
    void startClaimWhenActiveThenClaimedOrInFlight() {
        Registration current = withStatus(anonymous(), RegistrationStatus.ACTIVE);
        assertRejected(
                MACHINE.startClaim(current, EMAIL, LATER, "cla_1", ATTEMPT_HASH),
                ProtocolError.CLAIMED_OR_IN_FLIGHT,
                current);
    }

    @Test
    void startClaimWhenRevokedEmailVerificationThenInvalidClaimTokenFirst() {
        Registration current = withStatus(emailVerification(), RegistrationStatus.REVOKED);
        assertRejected(
                MACHINE.startClaim(current, EMAIL, LATER, "cla_1", ATTEMPT_HASH),
                ProtocolError.INVALID_CLAIM_TOKEN,
                current);
    }

    @Test
    void startClaimWhenExpiredStatusThenClaimExpired() {
        Registration current = withStatus(anonymous(), RegistrationStatus.EXPIRED);
        assertRejected(
                MACHINE.startClaim(current, EMAIL, LATER, "cla_1", ATTEMPT_HASH), ProtocolError.CLAIM_EXPIRED, current);
    }

    @Test
    void startClaimWhenExactlyAtWindowEndThenClaimExpired() {
        Registration current = anonymous();
        assertRejected(
                MACHINE.startClaim(current, EMAIL, CLAIM_END, "cla_1", ATTEMPT_HASH),
                ProtocolError.CLAIM_EXPIRED,
                current);
    }

    @Test
    void startClaimWhenJustBeforeWindowEndThenLinkCappedAtWindowEnd() {
        Registration current = anonymous();
        Instant now = CLAIM_END.minusNanos(1);
        ClaimResult.Transition t = assertTransition(
                MACHINE.startClaim(current, EMAIL, now, "cla_1", ATTEMPT_HASH),
                current,
                AuditEventType.CLAIM_REQUESTED);
        assertThat(t.attempt().orElseThrow().expiresAt()).isEqualTo(CLAIM_END);
    }

    @Test
    void startClaimWhenSameEmailAndLinkStillValidThenReusedWithoutChange() {
        Registration current = pending();
        ClaimAttempt attempt = claimOf(current).attempt();
        ClaimResult result =
                MACHINE.startClaim(current, EMAIL, attempt.expiresAt().minusNanos(1), "cla_2", ATTEMPT_HASH_2);
        assertThat(result).isEqualTo(new ClaimResult.Reused(attempt));
        assertThat(result.toPersist()).isEmpty();
        assertThat(result.events()).isEmpty();
    }

    @Test
    void startClaimWhenSameEmailAtLinkExpiryThenNewAttempt() {
        Registration current = pending();
        Instant linkEnd = claimOf(current).attempt().expiresAt();
        ClaimResult.Transition t = assertTransition(
                MACHINE.startClaim(current, EMAIL, linkEnd, "cla_2", ATTEMPT_HASH_2),
                current,
                AuditEventType.CLAIM_REQUESTED);
        assertThat(t.attempt().orElseThrow().id()).isEqualTo("cla_2");
        assertThat(t.attempt().orElseThrow().tokenHash()).isEqualTo(ATTEMPT_HASH_2);
    }

    @Test
    void startClaimWhenOtherEmailThenNewAttemptReplacesOldOneAndKillsItsOtp() {
        Registration current = withOtp();
        ClaimResult.Transition t = assertTransition(
                MACHINE.startClaim(current, OTHER_EMAIL, LATER, "cla_2", ATTEMPT_HASH_2),
                current,
                AuditEventType.CLAIM_REQUESTED);
        assertThat(t.attempt())
                .contains(new ClaimAttempt(
                        "cla_2", ATTEMPT_HASH_2, OTHER_EMAIL, LATER.plus(Duration.ofHours(1)), null, null, 0));
        assertThat(t.events().get(0).details()).containsEntry("email", OTHER_EMAIL);
        assertThat(t.next().status()).isEqualTo(RegistrationStatus.PENDING_CLAIM);
    }

    @Test
    void startClaimWhenRegistrationHasFailuresThenNewAttemptKeepsThem() {
        Registration current = withTotalFailures(pending(), 7);
        ClaimResult.Transition t = assertTransition(
                MACHINE.startClaim(current, OTHER_EMAIL, LATER, "cla_2", ATTEMPT_HASH_2),
                current,
                AuditEventType.CLAIM_REQUESTED);
        assertThat(claimOf(t.next()).totalFailures()).isEqualTo(7);
        assertThat(t.attempt().orElseThrow().otpFailures()).isZero();
    }

    @Test
    void startClaimWhenCalledThenInputUnchanged() {
        Registration current = withOtp();
        Registration snapshot = withOtp();
        MACHINE.startClaim(current, OTHER_EMAIL, LATER, "cla_2", ATTEMPT_HASH_2);
        assertThat(current).isEqualTo(snapshot);
        assertThat(current.version()).isEqualTo(snapshot.version());
    }

    @Test
    void startClaimWhenBlankEmailOrNullIdsThenClearError() {
        assertThatThrownBy(() -> MACHINE.startClaim(anonymous(), " ", LATER, "cla_1", ATTEMPT_HASH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("normalisedEmail cannot be blank");
        assertThatThrownBy(() -> MACHINE.startClaim(anonymous(), EMAIL, LATER, null, ATTEMPT_HASH))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("newAttemptId cannot be null");
        assertThatThrownBy(() -> MACHINE.startClaim(null, EMAIL, LATER, "cla_1", ATTEMPT_HASH))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("current cannot be null");
    }
}
