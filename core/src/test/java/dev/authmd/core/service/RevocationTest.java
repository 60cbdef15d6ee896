package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.AS_ISSUER;
import static dev.authmd.core.service.ServiceFixture.AS_ISSUER_B;
import static dev.authmd.core.service.ServiceFixture.NOW;
import static dev.authmd.core.service.ServiceFixture.PROVIDER;
import static dev.authmd.core.service.ServiceFixture.RESOURCE;
import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.TENANT_B;
import static dev.authmd.core.service.ServiceFixture.assertFailure;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.core.provider.LogoutTokenMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/protocol.md#v01-6 and the operator calls. */
class RevocationTest {

    private final ServiceFixture f = ServiceFixture.create();

    @Test
    void revokeWhenLogoutTokenThenWholeDelegationTornDownRegardlessOfAudience() {
        // user-1: a step-up claimed through email, then presentations with either audience (credentials on the
        // same registration: one per (tenant, iss, sub))
        f.accounts.add(TENANT, "u-ada", "ada@example.com", null);
        RegistrationResult stepUp = ok(f.registerIdJag(f.idJag().mint(), null));
        String stepUpCredential = ok(f.complete(stepUp.claim().claimToken(), f.mint(f.mailer.lastAttemptToken())))
                .credential()
                .secret();
        RegistrationResult viaResource =
                ok(f.registerIdJag(f.idJag().audience(RESOURCE).mint(), null));
        RegistrationResult viaIssuer = ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY));
        assertThat(List.of(viaResource.registrationId(), viaIssuer.registrationId()))
                .containsOnly(stepUp.registrationId());
        // user-2 is someone else
        RegistrationResult other = ok(f.registerIdJag(
                f.idJag().subject("user-2").email("bob@example.com").mint(), null));
        f.audit.clear();

        int revoked = ok(f.service.revoke(f.ctx(), f.logout("user-1").mint()));

        assertThat(revoked).isEqualTo(1);
        for (String id : List.of(stepUp.registrationId())) {
            assertThat(f.stored(id).status()).isEqualTo(RegistrationStatus.REVOKED);
            assertThat(f.credentials.ofRegistration(TENANT, id))
                    .allSatisfy(c -> assertThat(c.revokedAt()).isNotNull());
        }
        assertThat(f.authenticates(stepUpCredential)).isFalse();
        assertThat(f.authenticates(viaResource.credential().secret())).isFalse();
        assertThat(f.authenticates(viaIssuer.credential().secret())).isFalse();
        assertThat(f.authenticates(other.credential().secret())).isTrue();
        assertThat(f.delegations.peek(TENANT, PROVIDER, "user-1")).isEmpty();
        assertThat(f.delegations.peek(TENANT, PROVIDER, "user-2")).isPresent();
        assertThat(f.audit.ofType(AuditEventType.REGISTRATION_REVOKED))
                .hasSize(1)
                .allSatisfy(e ->
                        assertThat(e.details()).containsEntry("iss", PROVIDER).containsEntry("sub", "user-1"));
    }

    @Test
    void revokeWhenLogoutAddressedToResourceThenAccepted() {
        RegistrationResult reg = ok(f.registerIdJag(f.idJag().mint(), null));

        assertThat(ok(f.service.revoke(
                        f.ctx(), f.logout("user-1").audience(RESOURCE).mint())))
                .isEqualTo(1);
        assertThat(f.authenticates(reg.credential().secret())).isFalse();
    }

    @Test
    void revokeWhenPendingStepUpThenClaimHandleDies() {
        f.accounts.add(TENANT, "u-ada", "ada@example.com", null);
        RegistrationResult stepUp = ok(f.registerIdJag(f.idJag().mint(), null));
        String link = f.mailer.lastAttemptToken();
        String otp = f.mint(link);

        ok(f.service.revoke(f.ctx(), f.logout("user-1").mint()));

        assertFailure(f.complete(stepUp.claim().claimToken(), otp), ProtocolError.INVALID_CLAIM_TOKEN);
        assertFailure(f.service.mintChallenge(f.ctx(), link), ProtocolError.CLAIM_SUPERSEDED);
        assertThat(f.format.forRegistration(stepUp.registrationId())).isEmpty();
    }

    @Test
    void revokeWhenNothingMatchesThenSuccessWithoutChanges() {
        RegistrationResult reg = ok(f.registerIdJag(f.idJag().mint(), null));

        assertThat(ok(f.service.revoke(f.ctx(), f.logout("nobody").mint()))).isZero();
        assertThat(f.authenticates(reg.credential().secret())).isTrue();
    }

    @Test
    void revokeWhenLogoutTokenInvalidThenExactErrorAndNothingRevoked() {
        RegistrationResult reg = ok(f.registerIdJag(f.idJag().mint(), null));
        ProviderKeys stranger = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
        String replayed = f.logout("nobody").mint();
        ok(f.service.revoke(f.ctx(), replayed));
        f.audit.clear();

        assertFailure(
                f.service.revoke(
                        f.ctx(), f.logout("user-1").type("oauth-id-jag+jwt").mint()),
                ProtocolError.INVALID_REQUEST);
        assertFailure(
                f.service.revoke(
                        f.ctx(),
                        f.logout("user-1").issuer("https://unknown.example").mint()),
                ProtocolError.INVALID_ISSUER);
        assertFailure(
                f.service.revoke(
                        f.ctx(),
                        LogoutTokenMinter.builder(stranger)
                                .issuer(PROVIDER)
                                .subject("user-1")
                                .audience(AS_ISSUER)
                                .issuedAt(NOW)
                                .mint()),
                ProtocolError.INVALID_SIGNATURE);
        assertFailure(
                f.service.revoke(
                        f.ctx(),
                        f.logout("user-1").audience("https://elsewhere.example").mint()),
                ProtocolError.INVALID_AUDIENCE);
        assertFailure(
                f.service.revoke(f.ctx(), f.logout("user-1").claim("nonce", "n").mint()),
                ProtocolError.INVALID_REQUEST);
        assertFailure(f.service.revoke(f.ctx(), replayed), ProtocolError.REPLAY_DETECTED);
        assertFailure(f.service.revoke(f.ctx(), f.idJag().mint()), ProtocolError.INVALID_REQUEST);
        assertFailure(f.service.revoke(f.ctx(), "garbage"), ProtocolError.INVALID_REQUEST);

        assertThat(f.authenticates(reg.credential().secret())).isTrue();
        assertThat(f.stored(reg.registrationId()).status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(f.delegations.peek(TENANT, PROVIDER, "user-1")).isPresent();
        assertThat(f.audit.types()).hasSize(8).containsOnly(AuditEventType.ASSERTION_REJECTED);
    }

    @Test
    void revokeWhenLogoutInOtherTenantThenThisTenantUntouched() {
        RegistrationResult inA = ok(f.registerIdJag(f.idJag().mint(), null));

        assertThat(ok(f.service.revoke(
                        f.ctxB(), f.logout("user-1").audience(AS_ISSUER_B).mint())))
                .isZero();
        assertFailure(f.service.revoke(f.ctxB(), f.logout("user-1").mint()), ProtocolError.INVALID_AUDIENCE);

        assertThat(f.authenticates(inA.credential().secret())).isTrue();
        assertThat(f.delegations.peek(TENANT, PROVIDER, "user-1")).isPresent();
    }

    @Test
    void registerWhenAfterLogoutThenExistingAccountGoesThroughStepUpAgain() {
        ok(f.registerIdJag(f.idJag().mint(), null));
        ok(f.service.revoke(f.ctx(), f.logout("user-1").mint()));

        RegistrationResult again = ok(f.registerIdJag(f.idJag().mint(), null));

        // the JIT-created account now exists and the link is gone: prove the mailbox again
        assertThat(again.type()).isEqualTo(RegistrationType.ID_JAG_STEP_UP);
    }

    // --- operator calls -------------------------------------------------------------------------

    @Test
    void revokeRegistrationWhenCalledThenCredentialsDeadAndIdempotent() {
        RegistrationResult reg = f.anonymous();

        assertThat(f.service.revokeRegistration(TENANT, reg.registrationId())).isTrue();
        assertThat(f.service.revokeRegistration(TENANT, reg.registrationId())).isFalse();
        assertThat(f.service.revokeRegistration(TENANT, "reg_unknown")).isFalse();
        assertThat(f.service.revokeRegistration(TENANT_B, reg.registrationId())).isFalse();

        assertThat(f.authenticates(reg.credential().secret())).isFalse();
        assertFailure(
                f.service.startClaim(f.ctx(), reg.claim().claimToken(), "ada@example.com"),
                ProtocolError.INVALID_CLAIM_TOKEN);
        assertThat(f.audit.ofType(AuditEventType.REGISTRATION_REVOKED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("registration_id", reg.registrationId()));
    }

    @Test
    void revokeUserWhenCalledThenAllTheirRegistrationsAndLinksGo() {
        RegistrationResult a = ok(f.registerIdJag(f.idJag().mint(), null));
        RegistrationResult b = ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY));
        RegistrationResult anon = f.anonymous();
        ok(f.complete(anon.claim().claimToken(), f.startAndMint(anon.claim().claimToken(), "ada@example.com")));
        RegistrationResult stranger = ok(f.registerIdJag(
                f.idJag().subject("user-2").email("bob@example.com").mint(), null));

        // a and b are one registration (one per delegation), the claimed anonymous one the other
        assertThat(b.registrationId()).isEqualTo(a.registrationId());
        assertThat(f.service.revokeUser(TENANT, "jit-1")).isEqualTo(2);

        assertThat(f.authenticates(a.credential().secret())).isFalse();
        assertThat(f.authenticates(b.credential().secret())).isFalse();
        assertThat(f.authenticates(anon.credential().secret())).isFalse();
        assertThat(f.authenticates(stranger.credential().secret())).isTrue();
        assertThat(f.delegations.peek(TENANT, PROVIDER, "user-1")).isEmpty();
        assertThat(f.service.revokeUser(TENANT, "jit-1")).isZero();
    }

    @Test
    void revokeTenantWhenCalledThenEveryRegistrationOfThatTenantOnly() {
        RegistrationResult anon = f.anonymous();
        RegistrationResult email = f.verifiedEmail("carol@example.com", null);
        RegistrationResult jag = ok(f.registerIdJag(f.idJag().mint(), null));
        RegistrationResult inB = ok(f.service.register(f.ctxB(), new RegisterRequest.Anonymous(null)));

        assertThat(f.service.revokeTenant(TENANT)).isEqualTo(3);

        assertThat(f.storedRegistrations()).extracting(Registration::status).containsOnly(RegistrationStatus.REVOKED);
        assertThat(f.authenticates(anon.credential().secret())).isFalse();
        assertThat(f.authenticates(jag.credential().secret())).isFalse();
        assertThat(f.delegations.peek(TENANT, PROVIDER, "user-1")).isEmpty();
        assertFailure(f.complete(email.claim().claimToken(), "123456"), ProtocolError.INVALID_CLAIM_TOKEN);
        assertThat(f.service
                        .authenticate(f.ctxB(), "Bearer " + inB.credential().secret(), java.util.Set.of())
                        .principal())
                .isPresent();
        assertThat(f.service.revokeTenant(TENANT)).isZero();
    }

    @Test
    void revokeTenantWhenMoreThanOnePageThenAllRevoked() {
        for (int i = 0; i < 1_203; i++) {
            f.anonymous();
        }

        assertThat(f.service.revokeTenant(TENANT)).isEqualTo(1_203);
        assertThat(f.storedRegistrations()).extracting(Registration::status).containsOnly(RegistrationStatus.REVOKED);
    }

    @Test
    void listRegistrationsWhenUserHasSomeThenOldestFirstAnyStatus() {
        RegistrationResult first = ok(f.registerIdJag(f.idJag().mint(), null));
        f.service.revokeRegistration(TENANT, first.registrationId());
        f.clock.advance(Duration.ofMinutes(1));
        RegistrationResult second = ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY));
        ok(f.registerIdJag(f.idJag().subject("user-2").email("bob@example.com").mint(), null));

        List<Registration> listed = f.service.listRegistrations(TENANT, "jit-1");

        assertThat(listed)
                .extracting(Registration::id)
                .containsExactly(first.registrationId(), second.registrationId());
        assertThat(listed)
                .extracting(Registration::status)
                .containsExactly(RegistrationStatus.REVOKED, RegistrationStatus.ACTIVE);
        assertThat(f.service.listRegistrations(TENANT_B, "jit-1")).isEmpty();
        assertThat(f.service.listRegistrations(TENANT, "nobody")).isEmpty();
    }

    @Test
    void operatorCallsWhenNullArgumentsThenNullPointerWithName() {
        assertThatNullPointerException()
                .isThrownBy(() -> f.service.revokeRegistration(null, "reg_x"))
                .withMessage("tenantId cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> f.service.revokeUser(TENANT, null))
                .withMessage("userId cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> f.service.listRegistrations(TENANT, null))
                .withMessage("userId cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> f.service.revokeTenant(null))
                .withMessage("tenantId cannot be null");
    }
}
