package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.AS_ISSUER_B;
import static dev.authmd.core.service.ServiceFixture.PROVIDER;
import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.TENANT_B;
import static dev.authmd.core.service.ServiceFixture.assertFailure;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.store.Delegation;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/protocol.md#v01-7: nothing crosses tenants. */
class TenantIsolationTest {

    private final ServiceFixture f = ServiceFixture.create();

    @Test
    void authenticateWhenCredentialOfOtherTenantThenInvalidToken() {
        String key = f.anonymous().credential().secret();

        AuthenticationResult result = f.service.authenticate(f.ctxB(), "Bearer " + key, Set.of());

        assertThat(result)
                .isInstanceOfSatisfying(
                        AuthenticationResult.Denied.class,
                        d -> assertThat(d.error()).isEqualTo(ProtocolError.INVALID_TOKEN));
        assertThat(f.authenticates(key)).isTrue();
    }

    @Test
    void claimWhenTokensOfOtherTenantThenUnknownThere() {
        RegistrationResult anon = f.anonymous();
        String claimToken = anon.claim().claimToken();
        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        String link = f.mailer.lastAttemptToken();
        String otp = f.mint(link);

        assertFailure(f.service.startClaim(f.ctxB(), claimToken, "eve@example.com"), ProtocolError.INVALID_CLAIM_TOKEN);
        assertThat(ok(f.service.viewClaim(f.ctxB(), link)).state()).isEqualTo(ClaimView.State.SUPERSEDED);
        assertFailure(f.service.mintChallenge(f.ctxB(), link), ProtocolError.CLAIM_SUPERSEDED);
        assertFailure(f.service.completeClaim(f.ctxB(), claimToken, otp), ProtocolError.INVALID_CLAIM_TOKEN);

        assertThat(f.mailer.count()).isEqualTo(1);
        ok(f.complete(claimToken, otp));
    }

    @Test
    void registerWhenAssertionAddressedToOtherTenantThenInvalidAudience() {
        assertFailure(
                f.service.register(f.ctxB(), new RegisterRequest.IdJag(f.idJag().mint(), null)),
                ProtocolError.INVALID_AUDIENCE);
        assertThat(f.storedRegistrations(TENANT_B)).isEmpty();
    }

    @Test
    void registerWhenSameProviderUserInBothTenantsThenSeparateAccountsAndDelegations() {
        ok(f.registerIdJag(f.idJag().mint(), null));
        RegistrationResult inB = ok(f.service.register(
                f.ctxB(),
                new RegisterRequest.IdJag(f.idJag().audience(AS_ISSUER_B).mint(), null)));

        assertThat(f.accounts.provisioned).extracting(p -> p.tenantId()).containsExactly(TENANT, TENANT_B);
        assertThat(f.delegations.peek(TENANT, PROVIDER, "user-1"))
                .get()
                .extracting(Delegation::userId)
                .isEqualTo("jit-1");
        assertThat(f.delegations.peek(TENANT_B, PROVIDER, "user-1"))
                .get()
                .extracting(Delegation::userId)
                .isEqualTo("jit-2");
        assertThat(f.service
                        .authenticate(f.ctxB(), "Bearer " + inB.credential().secret(), Set.of())
                        .principal()
                        .orElseThrow()
                        .tenantId())
                .isEqualTo(TENANT_B);
        assertThat(f.service.listRegistrations(TENANT, "jit-2")).isEmpty();
    }

    @Test
    void registerWhenStepUpAccountExistsOnlyInOtherTenantThenNoStepUpHere() {
        f.accounts.add(TENANT_B, "u-b", "ada@example.com", null);

        RegistrationResult result = ok(f.registerIdJag(f.idJag().mint(), null));

        assertThat(result.type()).isEqualTo(dev.authmd.spi.store.RegistrationType.AGENT_PROVIDER);
        assertThat(f.stored(result.registrationId()).userId()).contains("jit-1");
    }

    @Test
    void operatorCallsWhenOtherTenantThenNothingHappens() {
        RegistrationResult anon = f.anonymous();

        assertThat(f.service.revokeRegistration(TENANT_B, anon.registrationId()))
                .isFalse();
        assertThat(f.service.revokeTenant(TENANT_B)).isZero();
        assertThat(f.authenticates(anon.credential().secret())).isTrue();
        assertThat(f.service.tenantIds()).containsExactlyInAnyOrder(TENANT, TENANT_B);
        assertThat(f.service.config(TENANT_B)).contains(f.configB);
        assertThat(f.service.config("nobody")).isEmpty();
    }
}
