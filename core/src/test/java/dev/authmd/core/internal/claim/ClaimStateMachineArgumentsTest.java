package dev.authmd.core.internal.claim;

import static dev.authmd.core.internal.claim.ClaimFixtures.ATTEMPT_HASH;
import static dev.authmd.core.internal.claim.ClaimFixtures.CLAIM_HASH;
import static dev.authmd.core.internal.claim.ClaimFixtures.EMAIL;
import static dev.authmd.core.internal.claim.ClaimFixtures.MACHINE;
import static dev.authmd.core.internal.claim.ClaimFixtures.OTP_HASH;
import static dev.authmd.core.internal.claim.ClaimFixtures.T0;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every hash, id and address the state machine keeps must be text: a blank one is a caller's bug, named. */
class ClaimStateMachineArgumentsTest {

    @Test
    void createClaimWhenTheTokenHashIsBlankThenRefusedNamingIt() {
        assertThatThrownBy(() -> MACHINE.createClaim(" ", T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("claimTokenHash cannot be blank");
    }

    @Test
    void firstAttemptWhenAnyArgumentIsBlankThenRefusedNamingIt() {
        assertThatThrownBy(() -> MACHINE.firstAttempt(CLAIM_HASH, " ", T0, "cla_1", ATTEMPT_HASH))
                .hasMessage("normalisedEmail cannot be blank");
        assertThatThrownBy(() -> MACHINE.firstAttempt(CLAIM_HASH, EMAIL, T0, "", ATTEMPT_HASH))
                .hasMessage("attemptId cannot be blank");
        assertThatThrownBy(() -> MACHINE.firstAttempt(CLAIM_HASH, EMAIL, T0, "cla_1", "\t"))
                .hasMessage("attemptTokenHash cannot be blank");
    }

    @Test
    void startClaimWhenAnyArgumentIsBlankThenRefusedNamingIt() {
        assertThatThrownBy(() -> MACHINE.startClaim(ClaimFixtures.anonymous(), " ", T0, "cla_1", ATTEMPT_HASH))
                .hasMessage("normalisedEmail cannot be blank");
        assertThatThrownBy(() -> MACHINE.startClaim(ClaimFixtures.anonymous(), EMAIL, T0, " ", ATTEMPT_HASH))
                .hasMessage("newAttemptId cannot be blank");
        assertThatThrownBy(() -> MACHINE.startClaim(ClaimFixtures.anonymous(), EMAIL, T0, "cla_1", ""))
                .hasMessage("newAttemptTokenHash cannot be blank");
    }

    @Test
    void mintOtpWhenThePresentedTokenHashIsBlankThenRefusedNamingIt() {
        assertThatThrownBy(() -> MACHINE.mintOtp(ClaimFixtures.pending(), " ", T0, OTP_HASH))
                .hasMessage("presentedAttemptTokenHash cannot be blank");
    }
}
