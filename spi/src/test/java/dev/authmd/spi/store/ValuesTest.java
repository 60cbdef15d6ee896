package dev.authmd.spi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private static final Instant T0 = Instant.parse("2026-05-04T12:00:00Z");

    @Test
    void nextWhenBuiltThenVersionIncrementedAndValuesKept() {
        Registration first = Registration.builder("t1", "reg_1")
                .type(RegistrationType.ANONYMOUS)
                .createdAt(T0)
                .expiresAt(T0.plusSeconds(60))
                .postClaimScopes(List.of("api.read"))
                .build();

        Registration second =
                first.next().status(RegistrationStatus.PENDING_CLAIM).build();

        assertThat(second.version()).isEqualTo(1);
        assertThat(second.id()).isEqualTo("reg_1");
        assertThat(second.postClaimScopes()).containsExactly("api.read");
        assertThat(first.status()).isEqualTo(RegistrationStatus.UNCLAIMED);
    }

    @Test
    void profileWhenNotSetThenV01AndNextKeepsTheProfileAndEqualityCountsIt() {
        Registration.Builder builder = Registration.builder("t1", "reg_1")
                .type(RegistrationType.ANONYMOUS)
                .createdAt(T0);
        Registration v01 = builder.build();
        Registration current = builder.profile(WireProfile.CURRENT).build();

        assertThat(v01.profile()).isEqualTo(WireProfile.V0_1);
        assertThat(current.next().build().profile()).isEqualTo(WireProfile.CURRENT);
        assertThat(current).isNotEqualTo(v01);
        assertThat(current.toString()).contains("profile=current");
        assertThatThrownBy(() -> builder.profile(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("profile cannot be null");
    }

    @Test
    void claimAttemptWhenConfirmedOrDeniedThenDecisionUserAndCodeFollow() {
        ClaimAttempt open = new ClaimAttempt("att-1", "h1", "ada@example.com", T0.plusSeconds(600), null, null, 0);
        assertThat(open.decision()).isEqualTo(AttemptDecision.OPEN);
        assertThat(open.confirmedUserId()).isNull();

        ClaimAttempt confirmed = open.confirmedBy("u-1", "code-hash", T0.plusSeconds(600));
        assertThat(confirmed.decision()).isEqualTo(AttemptDecision.CONFIRMED);
        assertThat(confirmed.confirmedUserId()).isEqualTo("u-1");
        assertThat(confirmed.hasOtp()).isTrue();
        assertThat(confirmed.withOtpFailure().decision()).isEqualTo(AttemptDecision.CONFIRMED);
        assertThat(confirmed.withOtp("next", T0.plusSeconds(900)).confirmedUserId())
                .isEqualTo("u-1");
        assertThat(confirmed.toString()).contains("decision=confirmed").doesNotContain("code-hash");

        ClaimAttempt denied = confirmed.withOtpFailure().denied();
        assertThat(denied.decision()).isEqualTo(AttemptDecision.DENIED);
        assertThat(denied.hasOtp()).isFalse();
        assertThat(denied.otpFailures()).isEqualTo(1);

        assertThatThrownBy(() ->
                        new ClaimAttempt("a", "h", "e@example.com", T0, null, null, 0, AttemptDecision.CONFIRMED, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confirmedUserId is set exactly when the attempt is confirmed");
        assertThatThrownBy(() ->
                        new ClaimAttempt("a", "h", "e@example.com", T0, null, null, 0, AttemptDecision.OPEN, "u-1"))
                .isInstanceOf(IllegalArgumentException.class);
        for (AttemptDecision decision : AttemptDecision.values()) {
            assertThat(AttemptDecision.fromStoredName(decision.storedName())).contains(decision);
        }
        assertThat(AttemptDecision.fromStoredName("approved")).isEmpty();
    }

    @Test
    void fromStoredNameWhenKnownThenProfileElseEmpty() {
        for (WireProfile profile : WireProfile.values()) {
            assertThat(WireProfile.fromStoredName(profile.storedName())).contains(profile);
        }
        assertThat(WireProfile.fromStoredName("v0.7")).isEmpty();
        assertThat(WireProfile.fromStoredName("V0.1")).isEmpty();
    }

    @Test
    void isDueForExpiryWhenAtExpiryInstantThenTrue() {
        Registration registration = Registration.builder("t1", "reg_1")
                .type(RegistrationType.ANONYMOUS)
                .createdAt(T0)
                .expiresAt(T0.plusSeconds(60))
                .build();

        assertThat(registration.isDueForExpiry(T0.plusSeconds(59))).isFalse();
        assertThat(registration.isDueForExpiry(T0.plusSeconds(60))).isTrue();
        assertThat(registration
                        .next()
                        .status(RegistrationStatus.CLAIMED)
                        .build()
                        .isDueForExpiry(T0.plusSeconds(61)))
                .isFalse();
    }

    @Test
    void buildWhenEndedAtDisagreesWithTerminalStatusThenRefused() {
        Registration.Builder live = Registration.builder("t1", "reg_1")
                .type(RegistrationType.ANONYMOUS)
                .createdAt(T0);
        assertThatThrownBy(() -> live.status(RegistrationStatus.REVOKED).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endedAt must be set exactly when the status is terminal (expired or revoked); status is"
                        + " revoked");
        assertThatThrownBy(
                        () -> live.status(RegistrationStatus.ACTIVE).endedAt(T0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("status is active");

        Registration expired =
                live.status(RegistrationStatus.EXPIRED).endedAt(T0).build();
        Registration revoked = expired.next().status(RegistrationStatus.REVOKED).build();

        assertThat(revoked.endedAt()).as("next() keeps the end").contains(T0);
        assertThat(revoked)
                .isNotEqualTo(revoked.next()
                        .version(revoked.version())
                        .endedAt(T0.plusSeconds(1))
                        .build());
    }

    @Test
    void buildWhenHalfADelegationThenRefused() {
        assertThatThrownBy(() -> Registration.builder("t1", "reg_1")
                        .type(RegistrationType.AGENT_PROVIDER)
                        .createdAt(T0)
                        .delegation("https://issuer", null)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issuer and subject");
        assertThatThrownBy(() -> Registration.builder("t1", " ")
                        .type(RegistrationType.ANONYMOUS)
                        .createdAt(T0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id cannot be blank");
    }

    @Test
    void credentialWhenRevokedOrExpiredThenNotUsable() {
        Credential key = new Credential(
                "t1",
                "cred_1",
                "hash",
                CredentialType.ACCESS_TOKEN,
                "reg_1",
                null,
                List.of("api.read"),
                T0,
                T0.plusSeconds(3600),
                null,
                0);

        assertThat(key.isUsableAt(T0)).isTrue();
        assertThat(key.isUsableAt(T0.plusSeconds(3600))).isFalse();
        assertThat(key.revoked(T0).isUsableAt(T0)).isFalse();
        assertThat(key.revoked(T0).version()).isEqualTo(1);
        assertThat(key.toString()).doesNotContain("hash");
    }

    @Test
    void claimAttemptWhenOtpHalfSetThenRefused() {
        assertThatThrownBy(() -> new ClaimAttempt("cla_1", "h", "a@b.c", T0, "otp", null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        ClaimAttempt attempt = new ClaimAttempt("cla_1", "h", "a@b.c", T0, null, null, 0)
                .withOtp("otp", T0)
                .withOtpFailure();
        assertThat(attempt.otpFailures()).isEqualTo(1);
        assertThat(attempt.withOtp("otp2", T0).otpFailures()).isZero();
        assertThat(attempt.toString()).doesNotContain("otp2").doesNotContain("a@b.c");
    }

    @Test
    void credentialTypeFromWireNameWhenUnknownOrWrongCaseThenEmpty() {
        assertThat(CredentialType.fromWireName("api_key")).contains(CredentialType.API_KEY);
        assertThat(CredentialType.fromWireName("API_KEY")).isEmpty();
        assertThat(CredentialType.fromWireName(null)).isEmpty();
    }
}
