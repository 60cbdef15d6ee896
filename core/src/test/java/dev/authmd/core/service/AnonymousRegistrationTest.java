package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.IP;
import static dev.authmd.core.service.ServiceFixture.NOW;
import static dev.authmd.core.service.ServiceFixture.POST_CLAIM;
import static dev.authmd.core.service.ServiceFixture.PRE_CLAIM;
import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.assertFailure;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.secret.SecretHasher;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.store.Credential;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/protocol.md#v01-3c and the anonymous side of §4. */
class AnonymousRegistrationTest {

    private final ServiceFixture f = ServiceFixture.create();

    @Test
    void registerWhenAnonymousThenApiKeyWithPreClaimScopesAndClaimHandle() {
        RegistrationResult result = f.anonymous();

        assertThat(result.registrationId()).startsWith("reg_");
        assertThat(result.type()).isEqualTo(RegistrationType.ANONYMOUS);
        IssuedCredential credential = result.issuedCredential().orElseThrow();
        assertThat(credential.type()).isEqualTo(CredentialType.API_KEY);
        assertThat(credential.secret()).startsWith("sk_").hasSizeGreaterThanOrEqualTo(3 + 22);
        assertThat(credential.expiresAt()).isNull();
        assertThat(credential.scopes()).isEqualTo(PRE_CLAIM);
        ClaimHandle claim = result.claimHandle().orElseThrow();
        assertThat(claim.claimUrl()).isEqualTo(f.config.claimUri());
        assertThat(claim.claimToken()).startsWith("clm_");
        assertThat(claim.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(result.postClaimScopes()).isEqualTo(POST_CLAIM);
    }

    @Test
    void registerWhenAnonymousThenOnlyHashesAreStored() {
        RegistrationResult result = f.anonymous();

        Registration stored = f.stored(result.registrationId());
        assertThat(stored.status()).isEqualTo(RegistrationStatus.UNCLAIMED);
        assertThat(stored.type()).isEqualTo(RegistrationType.ANONYMOUS);
        assertThat(stored.userId()).isEmpty();
        assertThat(stored.expiresAt()).contains(NOW.plus(Duration.ofHours(24)));
        assertThat(stored.claim().orElseThrow().claimTokenHash())
                .isEqualTo(SecretHasher.hash(result.claim().claimToken()))
                .isNotEqualTo(result.claim().claimToken());
        assertThat(stored.claim().orElseThrow().attempt()).isNull();
        List<Credential> credentials = f.credentials.all();
        assertThat(credentials).singleElement().satisfies(c -> {
            assertThat(c.secretHash())
                    .isEqualTo(SecretHasher.hash(result.credential().secret()));
            assertThat(c.registrationId()).isEqualTo(result.registrationId());
            assertThat(c.userId()).isNull();
            assertThat(c.scopes()).isEqualTo(PRE_CLAIM);
        });
        assertThat(f.mailer.count()).isZero();
    }

    @Test
    void registerWhenAnonymousThenRegistrationCreatedIsAudited() {
        RegistrationResult result = f.anonymous();

        assertThat(f.audit.events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEventType.REGISTRATION_CREATED);
            assertThat(event.tenantId()).isEqualTo(TENANT);
            assertThat(event.clientIp()).isEqualTo(IP);
            assertThat(event.occurredAt()).isEqualTo(NOW);
            assertThat(event.details())
                    .isEqualTo(Map.of("registration_id", result.registrationId(), "registration_type", "anonymous"));
        });
    }

    @Test
    void registerWhenAnonymousThenKeyAuthenticatesWithPreClaimScopesOnly() {
        RegistrationResult result = f.anonymous();
        String key = result.credential().secret();

        AgentPrincipal agent = f.authenticate(key, "api.read").principal().orElseThrow();
        assertThat(agent.registrationId()).isEqualTo(result.registrationId());
        assertThat(agent.user()).isEmpty();
        assertThat(agent.scopes()).isEqualTo(PRE_CLAIM);
        AuthenticationResult denied = f.authenticate(key, "api.write");
        assertThat(denied).isInstanceOfSatisfying(AuthenticationResult.Denied.class, d -> {
            assertThat(d.status()).isEqualTo(403);
            assertThat(d.error()).isEqualTo(ProtocolError.INSUFFICIENT_SCOPE);
        });
    }

    @Test
    void registerWhenAnonymousDisabledThenAnonymousNotEnabledAndNothingStored() {
        ServiceFixture off =
                ServiceFixture.builder().config(b -> b.anonymousEnabled(false)).build();

        assertFailure(
                off.service.register(off.ctx(), new RegisterRequest.Anonymous(null)),
                ProtocolError.ANONYMOUS_NOT_ENABLED);
        assertThat(off.storedRegistrations()).isEmpty();
        assertThat(off.credentials.all()).isEmpty();
        assertThat(off.format.minted).isEmpty();
    }

    @Test
    void registerWhenAnonymousAsksForAccessTokenThenUnsupportedCredentialTypeAndNothingStored() {
        assertFailure(
                f.service.register(f.ctx(), new RegisterRequest.Anonymous(CredentialType.ACCESS_TOKEN)),
                ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE);
        assertThat(f.storedRegistrations()).isEmpty();
        assertThat(f.credentials.all()).isEmpty();
        assertThat(f.audit.events).isEmpty();
    }

    @Test
    void registerWhenTenantUnknownThenNotFound() {
        assertFailure(
                f.service.register(new RequestContext("nobody", IP), new RegisterRequest.Anonymous(null)),
                ProtocolError.NOT_FOUND);
        assertThat(f.credentials.all()).isEmpty();
    }

    @Test
    void completeClaimWhenAnonymousThenSameKeyUpgradedInPlace() {
        RegistrationResult result = f.anonymous();
        String key = result.credential().secret();
        f.accounts.add(TENANT, "u-ada", "ada@example.com", null);
        String otp = f.startAndMint(result.claim().claimToken(), "ada@example.com");

        ClaimCompleted completed = ok(f.complete(result.claim().claimToken(), otp));

        assertThat(completed.registrationId()).isEqualTo(result.registrationId());
        assertThat(completed.issuedCredential()).isEmpty();
        AgentPrincipal agent =
                f.authenticate(key, "api.read", "api.write").principal().orElseThrow();
        assertThat(agent.scopes()).isEqualTo(POST_CLAIM);
        assertThat(agent.user()).contains("u-ada");
        Registration stored = f.stored(result.registrationId());
        assertThat(stored.status()).isEqualTo(RegistrationStatus.CLAIMED);
        assertThat(stored.userId()).contains("u-ada");
        assertThat(stored.expiresAt()).isEmpty();
        assertThat(f.credentials.all())
                .singleElement()
                .satisfies(c -> assertThat(c.secretHash()).isEqualTo(SecretHasher.hash(key)));
        assertThat(f.accounts.provisioned).isEmpty();
        assertThat(f.audit.types())
                .containsExactly(
                        AuditEventType.REGISTRATION_CREATED,
                        AuditEventType.CLAIM_REQUESTED,
                        AuditEventType.OTP_GENERATED,
                        AuditEventType.CLAIM_CONFIRMED);
        AuditEvent confirmed = f.audit.ofType(AuditEventType.CLAIM_CONFIRMED).get(0);
        assertThat(confirmed.details())
                .isEqualTo(Map.of("registration_id", result.registrationId(), "claimed_by_user_id", "u-ada"));
    }

    @Test
    void completeClaimWhenRotationEnabledThenNewKeyAndOldKeyStops() {
        ServiceFixture rotating = ServiceFixture.builder().rotate(true).build();
        RegistrationResult result = rotating.anonymous();
        String oldKey = result.credential().secret();
        String otp = rotating.startAndMint(result.claim().claimToken(), "ada@example.com");

        ClaimCompleted completed = ok(rotating.complete(result.claim().claimToken(), otp));

        IssuedCredential fresh = completed.issuedCredential().orElseThrow();
        assertThat(fresh.type()).isEqualTo(CredentialType.API_KEY);
        assertThat(fresh.secret()).startsWith("sk_").isNotEqualTo(oldKey);
        assertThat(fresh.scopes()).isEqualTo(POST_CLAIM);
        assertThat(fresh.expiresAt()).isNull();
        assertThat(rotating.authenticates(oldKey)).isFalse();
        assertThat(rotating.authenticate(fresh.secret(), "api.write").principal())
                .isPresent();
        assertThat(rotating.credentials.all())
                .hasSize(2)
                .filteredOn(c -> c.revokedAt() == null)
                .hasSize(1);
    }

    @Test
    void completeClaimWhenNoAccountForEmailThenUserProvisionedFromProvenEmail() {
        RegistrationResult result = f.anonymous();
        String otp = f.startAndMint(result.claim().claimToken(), "new@example.com");

        ok(f.complete(result.claim().claimToken(), otp));

        assertThat(f.accounts.provisioned).singleElement().satisfies(p -> {
            assertThat(p.email()).isEqualTo("new@example.com");
            assertThat(p.issuer()).isNull();
        });
        assertThat(f.stored(result.registrationId()).userId()).contains("jit-1");
    }

    @Test
    void completeClaimWhenHostDoesNotProvisionThenInvalidRequestAndClaimStaysOpen() {
        f.accounts.jit = false;
        RegistrationResult result = f.anonymous();
        String otp = f.startAndMint(result.claim().claimToken(), "new@example.com");

        assertFailure(f.complete(result.claim().claimToken(), otp), ProtocolError.INVALID_REQUEST);

        Registration stored = f.stored(result.registrationId());
        assertThat(stored.status()).isEqualTo(RegistrationStatus.PENDING_CLAIM);
        assertThat(f.authenticate(result.credential().secret())
                        .principal()
                        .orElseThrow()
                        .scopes())
                .isEqualTo(PRE_CLAIM);
        // once the host has the account, the same code finishes the claim
        f.accounts.add(TENANT, "u-new", "new@example.com", null);
        ok(f.complete(result.claim().claimToken(), otp));
        assertThat(f.stored(result.registrationId()).userId()).contains("u-new");
    }
}
