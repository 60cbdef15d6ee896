package dev.authmd.core.internal.claim;

import static dev.authmd.core.internal.claim.ClaimFixtures.CLAIM_END;
import static dev.authmd.core.internal.claim.ClaimFixtures.MACHINE;
import static dev.authmd.core.internal.claim.ClaimFixtures.OTP_HASH;
import static dev.authmd.core.internal.claim.ClaimFixtures.T0;
import static dev.authmd.core.internal.claim.ClaimFixtures.anonymous;
import static dev.authmd.core.internal.claim.ClaimFixtures.assertTransition;
import static dev.authmd.core.internal.claim.ClaimFixtures.persisted;
import static dev.authmd.core.internal.claim.ClaimFixtures.withOtp;
import static dev.authmd.core.internal.claim.ClaimFixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import org.junit.jupiter.api.Test;

class ClaimStateMachineLifecycleTest {

    @Test
    void expireWhenBeforeTtlThenUnchanged() {
        ClaimResult result = MACHINE.expire(anonymous(), CLAIM_END.minusNanos(1));
        assertThat(result).isEqualTo(new ClaimResult.Unchanged());
        assertThat(result.toPersist()).isEmpty();
        assertThat(result.events()).isEmpty();
    }

    @Test
    void expireWhenExactlyAtTtlThenExpiredAndRegistrationExpired() {
        Registration current = anonymous();
        ClaimResult.Transition t =
                assertTransition(MACHINE.expire(current, CLAIM_END), current, AuditEventType.REGISTRATION_EXPIRED);
        assertThat(t.next().status()).isEqualTo(RegistrationStatus.EXPIRED);
        assertThat(t.events().get(0).details()).containsExactly(entry("registration_id", "reg_anon"));
    }

    @Test
    void expireWhenPendingPastTtlThenExpired() {
        Registration current = withOtp();
        assertThat(((ClaimResult.Transition) MACHINE.expire(current, CLAIM_END.plusSeconds(1)))
                        .next()
                        .status())
                .isEqualTo(RegistrationStatus.EXPIRED);
    }

    @Test
    void expireWhenClaimedOrTerminalOrWithoutTtlThenUnchanged() {
        Registration claimed = persisted(MACHINE.complete(withOtp(), T0.plusSeconds(1), OTP_HASH, "u"));
        assertThat(MACHINE.expire(claimed, CLAIM_END.plusSeconds(1))).isInstanceOf(ClaimResult.Unchanged.class);
        assertThat(MACHINE.expire(withStatus(anonymous(), RegistrationStatus.EXPIRED), CLAIM_END))
                .isInstanceOf(ClaimResult.Unchanged.class);
        assertThat(MACHINE.expire(withStatus(anonymous(), RegistrationStatus.REVOKED), CLAIM_END))
                .isInstanceOf(ClaimResult.Unchanged.class);
        assertThat(MACHINE.expire(anonymous().next().expiresAt(null).build(), CLAIM_END.plusSeconds(1)))
                .isInstanceOf(ClaimResult.Unchanged.class);
    }

    @Test
    void revokeWhenLogoutTokenThenRevokedWithIssAndSub() {
        Registration current = Registration.builder("t1", "reg_jag")
                .type(RegistrationType.AGENT_PROVIDER)
                .status(RegistrationStatus.ACTIVE)
                .createdAt(T0)
                .delegation("https://idp.example", "u-1")
                .build();
        ClaimResult.Transition t = assertTransition(
                MACHINE.revoke(current, T0, "https://idp.example", "u-1"),
                current,
                AuditEventType.REGISTRATION_REVOKED);
        assertThat(t.next().status()).isEqualTo(RegistrationStatus.REVOKED);
        assertThat(t.events().get(0).details())
                .containsExactly(
                        entry("registration_id", "reg_jag"), entry("iss", "https://idp.example"), entry("sub", "u-1"));
    }

    @Test
    void revokeWhenOperatorThenRevokedWithoutIssAndSub() {
        Registration current = withOtp();
        ClaimResult.Transition t =
                assertTransition(MACHINE.revoke(current, T0, null, null), current, AuditEventType.REGISTRATION_REVOKED);
        assertThat(t.next().status()).isEqualTo(RegistrationStatus.REVOKED);
        assertThat(t.events().get(0).details()).containsExactly(entry("registration_id", "reg_anon"));
    }

    @Test
    void revokeWhenClaimedOrExpiredThenRevoked() {
        Registration claimed = persisted(MACHINE.complete(withOtp(), T0.plusSeconds(1), OTP_HASH, "u"));
        assertTransition(MACHINE.revoke(claimed, T0, null, null), claimed, AuditEventType.REGISTRATION_REVOKED);
        Registration expired = withStatus(anonymous(), RegistrationStatus.EXPIRED);
        assertTransition(MACHINE.revoke(expired, T0, null, null), expired, AuditEventType.REGISTRATION_REVOKED);
    }

    @Test
    void revokeWhenAlreadyRevokedThenUnchanged() {
        assertThat(MACHINE.revoke(withStatus(anonymous(), RegistrationStatus.REVOKED), T0, null, null))
                .isEqualTo(new ClaimResult.Unchanged());
    }

    @Test
    void revokeWhenOnlyIssGivenThenClearError() {
        assertThatThrownBy(() -> MACHINE.revoke(anonymous(), T0, "https://idp.example", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("iss and sub must be both set or both null");
    }

    @Test
    void constructorWhenConfigNullThenClearError() {
        assertThatThrownBy(() -> new ClaimStateMachine(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("config cannot be null");
    }

    @Test
    void configuredBudgetsWhenSmallerThenApplied() {
        ClaimStateMachine strict = new ClaimStateMachine(ClaimFixtures.config()
                .otpAttemptsPerCode(2)
                .otpAttemptsPerRegistration(3)
                .build());
        Registration current =
                persisted(strict.mintOtp(ClaimFixtures.pending(), ClaimFixtures.ATTEMPT_HASH, T0, OTP_HASH));
        current = persisted(strict.complete(current, T0, "bad", "u"));
        current = persisted(strict.complete(current, T0, "bad", "u"));
        assertThat(((ClaimResult.Rejected) strict.complete(current, T0, OTP_HASH, "u"))
                        .error()
                        .code())
                .isEqualTo("too_many_attempts");
        current = persisted(strict.mintOtp(current, ClaimFixtures.ATTEMPT_HASH, T0, OTP_HASH));
        current = persisted(strict.complete(current, T0, "bad", "u"));
        assertThat(((ClaimResult.Rejected) strict.mintOtp(current, ClaimFixtures.ATTEMPT_HASH, T0, OTP_HASH))
                        .error()
                        .code())
                .isEqualTo("too_many_attempts");
    }
}
