package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.AS_ISSUER;
import static dev.authmd.core.service.ServiceFixture.NOW;
import static dev.authmd.core.service.ServiceFixture.POST_CLAIM;
import static dev.authmd.core.service.ServiceFixture.PROVIDER;
import static dev.authmd.core.service.ServiceFixture.RESOURCE;
import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.assertFailure;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.trust.ProviderPolicy;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Delegation;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/protocol.md#v01-3a: the direct ID-JAG path, user matching, JIT and the step-up guard. */
class IdJagRegistrationTest {

    private final ServiceFixture f = ServiceFixture.create();

    // --- direct ---------------------------------------------------------------------------------

    @Test
    void registerWhenIdJagForNewUserThenProvisionedDelegationRecordedAndAccessTokenIssued() {
        String jag = f.idJag()
                .name("Ada")
                .agentPlatform("claude")
                .agentContextId("ctx-9")
                .mint();

        RegistrationResult result = ok(f.registerIdJag(jag, null));

        assertThat(result.type()).isEqualTo(RegistrationType.AGENT_PROVIDER);
        assertThat(result.claimHandle()).isEmpty();
        assertThat(result.postClaimScopes()).isEmpty();
        IssuedCredential credential = result.issuedCredential().orElseThrow();
        assertThat(credential.type()).isEqualTo(CredentialType.ACCESS_TOKEN);
        assertThat(credential.secret()).startsWith("at_");
        assertThat(credential.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(credential.scopes()).isEqualTo(POST_CLAIM);
        assertThat(f.accounts.provisioned).singleElement().satisfies(p -> {
            assertThat(p.email()).isEqualTo("ada@example.com");
            assertThat(p.name()).isEqualTo("Ada");
            assertThat(p.issuer()).isEqualTo(PROVIDER);
            assertThat(p.subject()).isEqualTo("user-1");
        });
        assertThat(f.delegations.peek(TENANT, PROVIDER, "user-1"))
                .get()
                .extracting(Delegation::userId)
                .isEqualTo("jit-1");
        Registration stored = f.stored(result.registrationId());
        assertThat(stored.status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(stored.userId()).contains("jit-1");
        assertThat(stored.issuer()).contains(PROVIDER);
        assertThat(stored.subject()).contains("user-1");
        assertThat(stored.expiresAt()).isEmpty();
        assertThat(stored.claim()).isEmpty();
        AgentPrincipal agent = f.authenticate(credential.secret(), "api.read", "api.write")
                .principal()
                .orElseThrow();
        assertThat(agent.user()).contains("jit-1");
        assertThat(agent.expiresAt()).isEqualTo(credential.expiresAt());
        assertThat(f.audit.events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AuditEventType.REGISTRATION_CREATED);
            assertThat(e.details()).containsExactlyEntriesOf(new java.util.LinkedHashMap<>(Map.of()) {
                {
                    put("registration_id", result.registrationId());
                    put("registration_type", "agent-provider");
                    put("iss", PROVIDER);
                    put("sub", "user-1");
                    put("agent_platform", "claude");
                    put("agent_context_id", "ctx-9");
                }
            });
        });
        assertThat(f.mailer.count()).isZero();
        assertThat(f.fetcher.total()).isZero();
    }

    @Test
    void registerWhenApiKeyRequestedThenApiKeyWithNullExpiry() {
        IssuedCredential credential =
                ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY)).credential();

        assertThat(credential.type()).isEqualTo(CredentialType.API_KEY);
        assertThat(credential.secret()).startsWith("sk_");
        assertThat(credential.expiresAt()).isNull();
    }

    @Test
    void registerWhenAudienceIsTheResourceThenAccepted() {
        ok(f.registerIdJag(f.idJag().audience(RESOURCE).mint(), null));
    }

    @Test
    void registerWhenDelegationExistsThenReusedWithoutStepUpOrProvisioning() {
        RegistrationResult first = ok(f.registerIdJag(f.idJag().mint(), null));
        Delegation link = f.delegations.peek(TENANT, PROVIDER, "user-1").orElseThrow();
        f.clock.advance(Duration.ofMinutes(30));

        RegistrationResult second = ok(f.registerIdJag(f.idJag().mint(), null));

        assertThat(second.type()).isEqualTo(RegistrationType.AGENT_PROVIDER);
        assertThat(second.registrationId())
                .as("one registration per (tenant, iss, sub): a fresh credential on the same one")
                .isEqualTo(first.registrationId());
        assertThat(f.authenticates(first.credential().secret())).isTrue();
        assertThat(f.authenticates(second.credential().secret())).isTrue();
        assertThat(f.storedRegistrations()).hasSize(1);
        assertThat(f.stored(second.registrationId()).userId()).contains("jit-1");
        assertThat(f.delegations.peek(TENANT, PROVIDER, "user-1")).contains(link);
        assertThat(f.accounts.provisioned).hasSize(1);
        assertThat(f.mailer.count()).isZero();
    }

    @Test
    void registerWhenApiKeysAskedAgainAndAgainThenTheTenNewestLiveAndTheOldestRevokedWithAudit() {
        List<String> keys = new java.util.ArrayList<>();
        String registrationId = null;
        for (int i = 0; i < 13; i++) {
            f.clock.advance(Duration.ofSeconds(1));
            RegistrationResult result = ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY));
            registrationId = registrationId == null ? result.registrationId() : registrationId;
            assertThat(result.registrationId()).isEqualTo(registrationId);
            keys.add(result.credential().secret());
        }

        for (int i = 0; i < 3; i++) {
            assertThat(f.authenticates(keys.get(i)))
                    .as("key %d, among the oldest", i)
                    .isFalse();
        }
        for (int i = 3; i < 13; i++) {
            assertThat(f.authenticates(keys.get(i)))
                    .as("key %d, among the ten newest", i)
                    .isTrue();
        }
        assertThat(f.audit.ofType(AuditEventType.CREDENTIAL_REVOKED))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.details()).containsEntry("reason", "api_key_cap"));
        assertThat(f.audit.ofType(AuditEventType.CREDENTIAL_ISSUED)).hasSize(12);
    }

    @Test
    void sweepExpiredTokensWhenAccessTokensOfOneRegistrationExpiredThenTheirRecordsGoAndKeysStay() {
        RegistrationResult token = ok(f.registerIdJag(f.idJag().mint(), CredentialType.ACCESS_TOKEN));
        RegistrationResult key = ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY));
        f.clock.advance(Duration.ofHours(2));
        RegistrationResult fresh = ok(f.registerIdJag(f.idJag().mint(), CredentialType.ACCESS_TOKEN));

        int swept = f.service.sweepExpiredTokens();

        assertThat(swept).isEqualTo(1);
        assertThat(f.credentials.ofRegistration(TENANT, token.registrationId()))
                .extracting(c -> c.type())
                .containsExactly(CredentialType.API_KEY, CredentialType.ACCESS_TOKEN);
        assertThat(f.authenticates(key.credential().secret())).isTrue();
        assertThat(f.authenticates(fresh.credential().secret())).isTrue();
        assertThat(f.authenticates(token.credential().secret())).isFalse();
        assertThat(f.service.sweepExpiredTokens()).isZero();
    }

    @Test
    void registerWhenTheRegistrationWasRevokedThenTheNextPresentationStartsANewOne() {
        RegistrationResult first = ok(f.registerIdJag(f.idJag().mint(), null));
        f.service.revokeRegistration(TENANT, first.registrationId());

        RegistrationResult next = ok(f.registerIdJag(f.idJag().mint(), null));

        assertThat(next.registrationId()).isNotEqualTo(first.registrationId());
        assertThat(f.stored(next.registrationId()).status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(f.authenticates(first.credential().secret())).isFalse();
        assertThat(f.authenticates(next.credential().secret())).isTrue();
    }

    @Test
    void registerWhenExistingAccountAndStepUpDisabledThenDirectCredentialForThatAccount() {
        ServiceFixture direct = ServiceFixture.builder().stepUp(false).build();
        direct.accounts.add(TENANT, "u-ada", "ada@example.com", null);

        RegistrationResult result = ok(direct.registerIdJag(direct.idJag().mint(), null));

        assertThat(result.type()).isEqualTo(RegistrationType.AGENT_PROVIDER);
        assertThat(direct.stored(result.registrationId()).userId()).contains("u-ada");
        assertThat(direct.delegations.peek(TENANT, PROVIDER, "user-1"))
                .get()
                .extracting(Delegation::userId)
                .isEqualTo("u-ada");
        assertThat(direct.mailer.count()).isZero();
    }

    @Test
    void registerWhenProviderDisallowsJitThenInvalidRequestAndNothingStored() {
        ServiceFixture noJit = ServiceFixture.builder()
                .policy(ProviderPolicy.builder().allowJitProvisioning(false).build())
                .build();

        assertFailure(noJit.registerIdJag(noJit.idJag().mint(), null), ProtocolError.INVALID_REQUEST);

        assertNothingStored(noJit);
        assertThat(noJit.accounts.provisioned).isEmpty();
    }

    @Test
    void registerWhenHostDoesNotProvisionThenInvalidRequestAndNothingStored() {
        f.accounts.jit = false;

        assertFailure(f.registerIdJag(f.idJag().mint(), null), ProtocolError.INVALID_REQUEST);

        assertNothingStored(f);
    }

    @Test
    void registerWhenProviderHasScopeCeilingThenScopesCapped() {
        ServiceFixture capped = ServiceFixture.builder()
                .policy(ProviderPolicy.builder()
                        .scopeCeiling(List.of("api.read"))
                        .build())
                .build();

        IssuedCredential credential =
                ok(capped.registerIdJag(capped.idJag().mint(), null)).credential();

        assertThat(credential.scopes()).containsExactly("api.read");
        assertThat(capped.authenticate(credential.secret(), "api.write").principal())
                .isEmpty();
    }

    @Test
    void registerWhenAssertionNarrowsScopeThenOnlyThoseScopes() {
        IssuedCredential credential = ok(f.registerIdJag(
                        f.idJag().scope("api.write other.scope").mint(), null))
                .credential();

        assertThat(credential.scopes()).containsExactly("api.write");
    }

    @Test
    void registerWhenNoScopeCanBeGrantedThenInvalidRequestAndNothingStored() {
        ServiceFixture capped = ServiceFixture.builder()
                .policy(ProviderPolicy.builder()
                        .scopeCeiling(List.of("billing.admin"))
                        .build())
                .build();

        assertFailure(capped.registerIdJag(capped.idJag().mint(), null), ProtocolError.INVALID_REQUEST);
        assertNothingStored(capped);
    }

    @Test
    void registerWhenProviderForbidsCredentialTypeThenUnsupportedCredentialType() {
        ServiceFixture keysOnly = ServiceFixture.builder()
                .policy(ProviderPolicy.builder()
                        .credentialTypes(Set.of(CredentialType.API_KEY))
                        .build())
                .build();

        assertFailure(
                keysOnly.registerIdJag(keysOnly.idJag().mint(), CredentialType.ACCESS_TOKEN),
                ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE);
        assertNothingStored(keysOnly);
        ok(keysOnly.registerIdJag(keysOnly.idJag().mint(), CredentialType.API_KEY));
    }

    @Test
    void registerWhenIdJagDisabledThenInvalidIssuer() {
        ServiceFixture off =
                ServiceFixture.builder().config(b -> b.idJagEnabled(false)).build();

        assertFailure(off.registerIdJag(off.idJag().mint(), null), ProtocolError.INVALID_ISSUER);
        assertNothingStored(off);
    }

    @Test
    void registerWhenAssertionInvalidThenExactErrorAuditedAndNothingStored() {
        ProviderKeys stranger = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
        assertFailure(
                f.registerIdJag(f.idJag().audience("https://elsewhere.example").mint(), null),
                ProtocolError.INVALID_AUDIENCE);
        assertFailure(
                f.registerIdJag(f.idJag().issuer("https://unknown.example").mint(), null),
                ProtocolError.INVALID_ISSUER);
        assertFailure(
                f.registerIdJag(
                        IdJagMinter.builder(stranger)
                                .issuer(PROVIDER)
                                .subject("user-1")
                                .audience(AS_ISSUER)
                                .email("ada@example.com")
                                .emailVerified(true)
                                .issuedAt(NOW)
                                .mint(),
                        null),
                ProtocolError.INVALID_SIGNATURE);
        assertFailure(
                f.registerIdJag(
                        f.idJag().issuedAt(NOW.minus(Duration.ofMinutes(20))).mint(), null),
                ProtocolError.EXPIRED);
        assertFailure(f.registerIdJag(f.idJag().type("logout+jwt").mint(), null), ProtocolError.INVALID_REQUEST);
        assertFailure(
                f.registerIdJag(f.idJag().emailVerified(false).mint(), null), ProtocolError.MISSING_VERIFIED_EMAIL);
        assertFailure(f.registerIdJag("not a jwt", null), ProtocolError.INVALID_REQUEST);

        assertNothingStored(f);
        assertThat(f.audit.types()).hasSize(7).containsOnly(AuditEventType.ASSERTION_REJECTED);
        assertThat(f.audit.events.get(0).details()).containsEntry("error", "invalid_audience");
    }

    @Test
    void registerWhenSameAssertionTwiceThenReplayDetected() {
        String jag = f.idJag().mint();
        ok(f.registerIdJag(jag, null));

        assertFailure(f.registerIdJag(jag, null), ProtocolError.REPLAY_DETECTED);
        assertThat(f.storedRegistrations()).hasSize(1);
        assertThat(f.credentials.all()).hasSize(1);
    }

    @Test
    void registerWhenPolicyRelaxesVerificationAndNothingVerifiedThenMissingVerifiedEmail() {
        ServiceFixture relaxed = ServiceFixture.builder()
                .policy(ProviderPolicy.builder()
                        .requireVerifiedEmailOrPhone(false)
                        .build())
                .build();

        assertFailure(
                relaxed.registerIdJag(relaxed.idJag().emailVerified(false).mint(), null),
                ProtocolError.MISSING_VERIFIED_EMAIL);
        assertNothingStored(relaxed);
        assertThat(relaxed.accounts.provisioned).isEmpty();
    }

    @Test
    void registerWhenOnlyPhoneVerifiedAndNoAccountThenProvisionedByPhone() {
        RegistrationResult result = ok(f.registerIdJag(
                f.idJag()
                        .emailVerified(false)
                        .phoneNumber("+15551230000")
                        .phoneNumberVerified(true)
                        .mint(),
                null));

        assertThat(f.accounts.provisioned).singleElement().satisfies(p -> {
            assertThat(p.email()).isNull();
            assertThat(p.phoneNumber()).isEqualTo("+15551230000");
        });
        assertThat(f.stored(result.registrationId()).email()).isEmpty();
    }

    // --- step-up --------------------------------------------------------------------------------

    @Test
    void registerWhenExistingAccountMatchedByEmailThenStepUpClaimInsteadOfCredential() {
        f.accounts.add(TENANT, "u-ada", "ada@example.com", null);

        RegistrationResult result = ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY));

        assertThat(result.type()).isEqualTo(RegistrationType.ID_JAG_STEP_UP);
        assertThat(result.issuedCredential()).isEmpty();
        assertThat(result.claim().claimToken()).startsWith("clm_");
        assertThat(result.claim().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(result.postClaimScopes()).isEqualTo(POST_CLAIM);
        assertThat(f.mailer.last().to()).isEqualTo("ada@example.com");
        assertThat(f.credentials.all()).isEmpty();
        assertThat(f.format.minted).isEmpty();
        assertThat(f.delegations.peek(TENANT, PROVIDER, "user-1")).isEmpty();
        Registration stored = f.stored(result.registrationId());
        assertThat(stored.status()).isEqualTo(RegistrationStatus.PENDING_CLAIM);
        assertThat(stored.userId()).contains("u-ada");
        assertThat(f.audit.types())
                .containsExactly(AuditEventType.REGISTRATION_CREATED, AuditEventType.CLAIM_REQUESTED);
        assertThat(f.audit.events.get(0).details())
                .containsEntry("registration_type", "id-jag-step-up")
                .containsEntry("iss", PROVIDER)
                .containsEntry("sub", "user-1");
    }

    @Test
    void completeClaimWhenStepUpThenCredentialIssuedAndDelegationLinked() {
        f.accounts.add(TENANT, "u-ada", "ada@example.com", null);
        RegistrationResult result = ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY));
        String otp = f.mint(f.mailer.lastAttemptToken());

        IssuedCredential credential =
                ok(f.complete(result.claim().claimToken(), otp)).credential();

        assertThat(credential.type()).isEqualTo(CredentialType.API_KEY);
        assertThat(credential.scopes()).isEqualTo(POST_CLAIM);
        assertThat(f.authenticate(credential.secret(), "api.write")
                        .principal()
                        .orElseThrow()
                        .user())
                .contains("u-ada");
        assertThat(f.delegations.peek(TENANT, PROVIDER, "user-1"))
                .get()
                .extracting(Delegation::userId)
                .isEqualTo("u-ada");
        assertThat(f.stored(result.registrationId()).status()).isEqualTo(RegistrationStatus.CLAIMED);
        assertThat(f.credentials.all()).hasSize(1);
        // the link is made: the next assertion for this user gets its credential at once
        RegistrationResult next = ok(f.registerIdJag(f.idJag().mint(), null));
        assertThat(next.type()).isEqualTo(RegistrationType.AGENT_PROVIDER);
        assertThat(f.mailer.count()).isEqualTo(1);
    }

    @Test
    void registerWhenExistingAccountMatchedByPhoneThenClaimGoesToTheAccountsOwnEmail() {
        f.accounts.add(TENANT, "u-bob", "bob@example.com", "+15551234567");

        RegistrationResult result = ok(f.registerIdJag(
                f.idJag()
                        .email("other@example.org")
                        .phoneNumber("+15551234567")
                        .phoneNumberVerified(true)
                        .mint(),
                null));

        assertThat(result.type()).isEqualTo(RegistrationType.ID_JAG_STEP_UP);
        assertThat(f.mailer.count()).isEqualTo(1);
        assertThat(f.mailer.last().to()).isEqualTo("bob@example.com");
        assertThat(f.stored(result.registrationId()).userId()).contains("u-bob");
        assertThat(f.credentials.all()).isEmpty();
    }

    @Test
    void registerWhenOnlyPhoneMatchesAnAccountWithoutEmailThenMissingVerifiedEmail() {
        f.accounts.add(TENANT, "u-carol", null, "+15550000001");

        assertFailure(
                f.registerIdJag(
                        f.idJag()
                                .withoutClaim("email")
                                .emailVerified(false)
                                .phoneNumber("+15550000001")
                                .phoneNumberVerified(true)
                                .mint(),
                        null),
                ProtocolError.MISSING_VERIFIED_EMAIL);

        assertNothingStored(f);
        assertThat(f.mailer.count()).isZero();
    }

    @Test
    void registerWhenSsoManagedDomainThenStepUpEvenWithoutAccount() {
        f.accounts.ssoDomain(TENANT, "corp.example");

        RegistrationResult result =
                ok(f.registerIdJag(f.idJag().email("ada@Corp.Example").mint(), null));

        assertThat(result.type()).isEqualTo(RegistrationType.ID_JAG_STEP_UP);
        assertThat(f.mailer.last().to()).isEqualTo("ada@corp.example");
        assertThat(f.accounts.provisioned).isEmpty();
        String otp = f.mint(f.mailer.lastAttemptToken());
        IssuedCredential credential =
                ok(f.complete(result.claim().claimToken(), otp)).credential();
        assertThat(f.accounts.provisioned)
                .singleElement()
                .satisfies(p -> assertThat(p.email()).isEqualTo("ada@corp.example"));
        assertThat(f.authenticate(credential.secret()).principal().orElseThrow().user())
                .contains("jit-1");
        assertThat(f.delegations.peek(TENANT, PROVIDER, "user-1")).isPresent();
    }

    @Test
    void registerWhenSsoManagedDomainAndProviderDisallowsJitThenInvalidRequest() {
        ServiceFixture noJit = ServiceFixture.builder()
                .policy(ProviderPolicy.builder().allowJitProvisioning(false).build())
                .build();
        noJit.accounts.ssoDomain(TENANT, "corp.example");

        assertFailure(
                noJit.registerIdJag(noJit.idJag().email("ada@corp.example").mint(), null),
                ProtocolError.INVALID_REQUEST);
        assertNothingStored(noJit);
        assertThat(noJit.mailer.count()).isZero();
    }

    @Test
    void registerWhenStepUpPendingThenNoCredentialAuthenticatesUntilClaimed() {
        f.accounts.add(TENANT, "u-ada", "ada@example.com", null);
        RegistrationResult result = ok(f.registerIdJag(f.idJag().mint(), null));

        assertThat(f.authenticates(result.claim().claimToken())).isFalse();
        assertThat(f.format.forRegistration(result.registrationId())).isEmpty();
    }

    private static void assertNothingStored(ServiceFixture fixture) {
        assertThat(fixture.storedRegistrations()).isEmpty();
        assertThat(fixture.credentials.all()).isEmpty();
        assertThat(fixture.format.minted).isEmpty();
        assertThat(fixture.delegations.peek(TENANT, PROVIDER, "user-1")).isEmpty();
    }
}
