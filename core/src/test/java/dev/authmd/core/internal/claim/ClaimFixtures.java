package dev.authmd.core.internal.claim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Fixtures for the claim state machine tests: default config, registrations at known instants. */
final class ClaimFixtures {

    static final Instant T0 = Instant.parse("2026-05-04T12:00:00Z");
    static final Instant CLAIM_END = T0.plus(Duration.ofHours(24));
    static final String EMAIL = "alice@example.com";
    static final String OTHER_EMAIL = "bob@example.com";
    static final String CLAIM_HASH = "claim-hash";
    static final String ATTEMPT_HASH = "attempt-hash-1";
    static final String ATTEMPT_HASH_2 = "attempt-hash-2";
    static final String OTP_HASH = "otp-hash-1";
    static final String OTP_HASH_2 = "otp-hash-2";
    static final String WRONG_HASH = "wrong-otp-hash";
    static final ClaimStateMachine MACHINE = new ClaimStateMachine(config().build());

    private ClaimFixtures() {}

    static AgentAuthConfig.Builder config() {
        return AgentAuthConfig.builder(URI.create("https://api.example.com"));
    }

    /** An unclaimed anonymous registration created at T0, window closing at T0 + 24 h. */
    static Registration anonymous() {
        return Registration.builder("t1", "reg_anon")
                .type(RegistrationType.ANONYMOUS)
                .status(RegistrationStatus.UNCLAIMED)
                .createdAt(T0)
                .expiresAt(CLAIM_END)
                .postClaimScopes(List.of("api.read", "api.write"))
                .claim(MACHINE.createClaim(CLAIM_HASH, T0))
                .build();
    }

    /** An email-verification registration created at T0 with its first attempt (link to T0 + 1 h). */
    static Registration emailVerification() {
        return Registration.builder("t1", "reg_ev")
                .type(RegistrationType.EMAIL_VERIFICATION)
                .status(RegistrationStatus.PENDING_CLAIM)
                .createdAt(T0)
                .expiresAt(CLAIM_END)
                .email(EMAIL)
                .requestedCredentialType(CredentialType.ACCESS_TOKEN)
                .claim(MACHINE.firstAttempt(CLAIM_HASH, EMAIL, T0, "cla_1", ATTEMPT_HASH))
                .build();
    }

    /** The anonymous registration after a claim was started at T0 to {@link #EMAIL}. */
    static Registration pending() {
        return persisted(MACHINE.startClaim(anonymous(), EMAIL, T0, "cla_1", ATTEMPT_HASH));
    }

    /** {@link #pending()} with an OTP minted at T0 (dies at T0 + 10 min). */
    static Registration withOtp() {
        return persisted(MACHINE.mintOtp(pending(), ATTEMPT_HASH, T0, OTP_HASH));
    }

    static Registration withStatus(Registration registration, RegistrationStatus status) {
        return registration
                .next()
                .status(status)
                .endedAt(status.isTerminal() ? registration.endedAt().orElse(T0) : null)
                .build();
    }

    static Registration withTotalFailures(Registration registration, int failures) {
        ClaimState claim = registration.claim().orElseThrow();
        return registration
                .next()
                .claim(new ClaimState(claim.claimTokenHash(), claim.claimTokenExpiresAt(), claim.attempt(), failures))
                .build();
    }

    /** Asserts the result is a transition or counted failure one version on, and returns it. */
    static Registration persisted(ClaimResult result) {
        Registration next = result.toPersist().orElseThrow(() -> new AssertionError("nothing to persist: " + result));
        return next;
    }

    static void assertRejected(ClaimResult result, ProtocolError error, Registration current) {
        assertThat(result).isInstanceOf(ClaimResult.Rejected.class);
        ClaimResult.Rejected rejected = (ClaimResult.Rejected) result;
        assertThat(rejected.error()).isEqualTo(error);
        if (error != ProtocolError.OTP_INVALID) {
            assertThat(rejected.toPersist()).isEmpty();
        }
        assertThat(rejected.events()).singleElement().satisfies(draft -> {
            assertThat(draft.type()).isEqualTo(AuditEventType.CLAIM_FAILED);
            assertThat(draft.details())
                    .containsEntry("registration_id", current.id())
                    .containsEntry("error", error.code());
        });
    }

    static ClaimResult.Transition assertTransition(ClaimResult result, Registration current, AuditEventType event) {
        assertThat(result).isInstanceOf(ClaimResult.Transition.class);
        ClaimResult.Transition transition = (ClaimResult.Transition) result;
        assertThat(transition.next().version()).isEqualTo(current.version() + 1);
        assertThat(transition.expectedVersion()).isEqualTo(current.version());
        assertThat(transition.next().id()).isEqualTo(current.id());
        assertThat(transition.next().tenantId()).isEqualTo(current.tenantId());
        assertThat(transition.events()).singleElement().satisfies(draft -> {
            assertThat(draft.type()).isEqualTo(event);
            assertThat(draft.details()).containsEntry("registration_id", current.id());
        });
        return transition;
    }

    static ClaimState claimOf(Registration registration) {
        return registration.claim().orElseThrow();
    }
}
