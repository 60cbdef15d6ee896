package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.NOW;
import static dev.authmd.core.service.ServiceFixture.POST_CLAIM;
import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.assertFailure;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.secret.SecretHasher;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.mail.ClaimMail;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/protocol.md#v01-3b and its claim. */
class VerifiedEmailRegistrationTest {

    private final ServiceFixture f = ServiceFixture.create();

    @Test
    void registerWhenVerifiedEmailThenNoCredentialAndClaimEmailSentToNormalisedAddress() {
        RegistrationResult result = f.verifiedEmail("  Ada.Lovelace@Example.COM ", null);

        assertThat(result.type()).isEqualTo(RegistrationType.EMAIL_VERIFICATION);
        assertThat(result.issuedCredential()).isEmpty();
        assertThat(result.claim().claimUrl()).isEqualTo(f.config.claimUri());
        assertThat(result.claim().claimToken()).startsWith("clm_");
        assertThat(result.claim().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(result.postClaimScopes()).isEqualTo(POST_CLAIM);
        ClaimMail mail = f.mailer.last();
        assertThat(f.mailer.count()).isEqualTo(1);
        assertThat(mail.to()).isEqualTo("Ada.Lovelace@example.com");
        assertThat(mail.registrationId()).isEqualTo(result.registrationId());
        assertThat(mail.claimLink()).startsWith(f.config.claimViewUri() + "?token=cvt_");
        assertThat(mail.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(f.credentials.all()).isEmpty();
        assertThat(f.format.minted).isEmpty();
        Registration stored = f.stored(result.registrationId());
        assertThat(stored.status()).isEqualTo(RegistrationStatus.PENDING_CLAIM);
        assertThat(stored.email()).contains("Ada.Lovelace@example.com");
        assertThat(stored.requestedCredentialType()).contains(CredentialType.ACCESS_TOKEN);
        assertThat(stored.claim().orElseThrow().attempt().tokenHash())
                .isEqualTo(SecretHasher.hash(f.mailer.lastAttemptToken()));
        assertThat(f.audit.types())
                .containsExactly(AuditEventType.REGISTRATION_CREATED, AuditEventType.CLAIM_REQUESTED);
        assertThat(f.audit.ofType(AuditEventType.CLAIM_REQUESTED).get(0).details())
                .containsEntry("email", "Ada.Lovelace@example.com");
    }

    @Test
    void completeClaimWhenVerifiedEmailThenRequestedAccessTokenIssued() {
        RegistrationResult result = f.verifiedEmail("ada@example.com", null);
        String otp = f.mint(f.mailer.lastAttemptToken());

        ClaimCompleted completed = ok(f.complete(result.claim().claimToken(), otp));

        IssuedCredential credential = completed.issuedCredential().orElseThrow();
        assertThat(credential.type()).isEqualTo(CredentialType.ACCESS_TOKEN);
        assertThat(credential.secret()).startsWith("at_");
        assertThat(credential.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(credential.scopes()).isEqualTo(POST_CLAIM);
        AgentPrincipal agent =
                f.authenticate(credential.secret(), "api.write").principal().orElseThrow();
        assertThat(agent.registrationType()).isEqualTo(RegistrationType.EMAIL_VERIFICATION);
        assertThat(agent.user()).contains("jit-1");
        assertThat(f.credentials.all()).hasSize(1);
        assertThat(f.stored(result.registrationId()).status()).isEqualTo(RegistrationStatus.CLAIMED);
    }

    @Test
    void completeClaimWhenApiKeyRequestedThenApiKeyWithoutExpiry() {
        f.accounts.add(TENANT, "u-ada", "ada@example.com", null);
        RegistrationResult result = f.verifiedEmail("ada@example.com", CredentialType.API_KEY);
        String otp = f.mint(f.mailer.lastAttemptToken());

        IssuedCredential credential =
                ok(f.complete(result.claim().claimToken(), otp)).credential();

        assertThat(credential.type()).isEqualTo(CredentialType.API_KEY);
        assertThat(credential.secret()).startsWith("sk_");
        assertThat(credential.expiresAt()).isNull();
        assertThat(f.authenticate(credential.secret()).principal().orElseThrow().user())
                .contains("u-ada");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  ",
                "ada",
                "ada@",
                "@example.com",
                "ada@@example.com",
                "ada@example",
                "a da@example.com",
                "ada@exa_mple.com",
                "ada@example.com\r\nBcc: x@evil.example",
                "\"ada\"@example.com",
                "ada@[127.0.0.1]",
                "Ada <ada@example.com>"
            })
    void registerWhenEmailInvalidThenInvalidRequestAndNothingStoredOrSent(String email) {
        assertFailure(
                f.service.register(f.ctx(), new RegisterRequest.VerifiedEmail(email, null)),
                ProtocolError.INVALID_REQUEST);
        assertThat(f.storedRegistrations()).isEmpty();
        assertThat(f.mailer.count()).isZero();
        assertThat(f.audit.events).isEmpty();
    }

    @Test
    void registerWhenVerifiedEmailDisabledThenVerifiedEmailNotEnabled() {
        ServiceFixture off = ServiceFixture.builder()
                .config(b -> b.verifiedEmailEnabled(false))
                .build();

        assertFailure(
                off.service.register(off.ctx(), new RegisterRequest.VerifiedEmail("ada@example.com", null)),
                ProtocolError.VERIFIED_EMAIL_NOT_ENABLED);
        assertThat(off.storedRegistrations()).isEmpty();
        assertThat(off.mailer.count()).isZero();
    }

    @Test
    void registerWhenCredentialTypeNotOfferedThenUnsupportedCredentialType() {
        ServiceFixture keysOnly = ServiceFixture.builder()
                .config(b -> b.identityCredentialTypes(List.of(CredentialType.API_KEY)))
                .build();

        assertFailure(
                keysOnly.service.register(
                        keysOnly.ctx(),
                        new RegisterRequest.VerifiedEmail("ada@example.com", CredentialType.ACCESS_TOKEN)),
                ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE);
        assertThat(keysOnly.storedRegistrations()).isEmpty();
        assertThat(keysOnly.mailer.count()).isZero();
    }

    @Test
    void startClaimWhenEmailVerificationRegistrationThenClaimedOrInFlight() {
        RegistrationResult result = f.verifiedEmail("ada@example.com", null);

        assertFailure(
                f.service.startClaim(f.ctx(), result.claim().claimToken(), "ada@example.com"),
                ProtocolError.CLAIMED_OR_IN_FLIGHT);
        assertThat(f.mailer.count()).isEqualTo(1);
    }

    @Test
    void authenticateWhenEmailVerificationNotClaimedThenNoCredentialExists() {
        RegistrationResult result = f.verifiedEmail("ada@example.com", null);

        assertThat(f.format.forRegistration(result.registrationId())).isEmpty();
        assertThat(f.authenticate(result.claim().claimToken()).principal()).isEmpty();
    }
}
