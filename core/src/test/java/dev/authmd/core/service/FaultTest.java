package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.POST_CLAIM;
import static dev.authmd.core.service.ServiceFixture.PRE_CLAIM;
import static dev.authmd.core.service.ServiceFixture.PROVIDER;
import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.assertFailure;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.mail.MailDeliveryException;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Faults of issue 4: the mail sender throws, a store throws mid-operation (every store call of every use case, before
 * it reaches the store and after it did its write), the audit sink throws.
 */
class FaultTest {

    // --- the mailer ----------------------------------------------------------------------------

    @Test
    void registerWhenMailerFailsThenServerErrorNothingStoredAndRegisteringAgainWorks() {
        ServiceFixture f = ServiceFixture.create();
        f.mailer.failNext(1, () -> new MailDeliveryException("smtp refused ada@example.com", null));

        Outcome<RegistrationResult> failed;
        try (LogCapture log = LogCapture.start()) {
            failed = f.service.register(f.ctx(), new RegisterRequest.VerifiedEmail("ada@example.com", null));
            assertThat(log.text()).contains("could not be sent").doesNotContain("ada@example.com");
        }

        assertFailure(failed, ProtocolError.SERVER_ERROR);
        assertThat(failed.failure().message())
                .contains("email could not be sent")
                .contains("nothing was stored");
        assertThat(f.storedRegistrations()).isEmpty();
        assertThat(f.credentials.all()).isEmpty();
        assertThat(f.audit.events).isEmpty();
        RegistrationResult retried = f.verifiedEmail("ada@example.com", null);
        assertThat(f.mailer.count()).isEqualTo(1);
        ok(f.complete(retried.claim().claimToken(), f.mint(f.mailer.lastAttemptToken())));
    }

    @Test
    void registerWhenMailerThrowsAnyRuntimeExceptionThenSameCleanFailure() {
        ServiceFixture f = ServiceFixture.create();
        f.mailer.failNext(1, () -> new IllegalStateException("connection pool exhausted"));

        assertFailure(
                f.service.register(f.ctx(), new RegisterRequest.VerifiedEmail("ada@example.com", null)),
                ProtocolError.SERVER_ERROR);
        assertThat(f.storedRegistrations()).isEmpty();
    }

    @Test
    void registerWhenStepUpMailFailsThenNothingStoredAndNoLink() {
        ServiceFixture f = ServiceFixture.create();
        f.accounts.add(TENANT, "u-ada", "ada@example.com", null);
        f.mailer.failNext(1, () -> new MailDeliveryException("down", null));

        assertFailure(f.registerIdJag(f.idJag().mint(), null), ProtocolError.SERVER_ERROR);

        assertThat(f.storedRegistrations()).isEmpty();
        assertThat(f.delegations.peek(TENANT, PROVIDER, "user-1")).isEmpty();
        assertThat(ok(f.registerIdJag(f.idJag().mint(), null)).type()).isEqualTo(RegistrationType.ID_JAG_STEP_UP);
        assertThat(f.mailer.count()).isEqualTo(1);
    }

    @Test
    void startClaimWhenMailerFailsThenClaimAsBeforeAndRetrySends() {
        ServiceFixture f = ServiceFixture.create();
        RegistrationResult anon = f.anonymous();
        String token = anon.claim().claimToken();
        f.mailer.failNext(1, () -> new MailDeliveryException("down", null));

        Outcome<ClaimStarted> failed = f.service.startClaim(f.ctx(), token, "ada@example.com");

        assertFailure(failed, ProtocolError.SERVER_ERROR);
        assertThat(failed.failure().message()).contains("claim is as it was before");
        Registration stored = f.stored(anon.registrationId());
        assertThat(stored.status()).isEqualTo(RegistrationStatus.UNCLAIMED);
        assertThat(stored.claim().orElseThrow().attempt()).isNull();
        assertThat(f.audit.ofType(AuditEventType.CLAIM_REQUESTED)).isEmpty();
        // the same address again: a new attempt is sent, not "reused" silently
        ok(f.service.startClaim(f.ctx(), token, "ada@example.com"));
        assertThat(f.mailer.count()).isEqualTo(1);
        ok(f.complete(token, f.mint(f.mailer.lastAttemptToken())));
    }

    @Test
    void startClaimWhenMailerThrowsUnexpectedExceptionThenRetryStillSends() {
        ServiceFixture f = ServiceFixture.create();
        String token = f.anonymous().claim().claimToken();
        f.mailer.failNext(1, () -> new IllegalStateException("template engine crashed"));

        assertFailure(f.service.startClaim(f.ctx(), token, "ada@example.com"), ProtocolError.SERVER_ERROR);
        ok(f.service.startClaim(f.ctx(), token, "ada@example.com"));

        assertThat(f.mailer.count()).isEqualTo(1);
    }

    @Test
    void startClaimWhenMailToNewAddressFailsThenPreviousAttemptRestoredAndItsLinkStillWorks() {
        ServiceFixture f = ServiceFixture.create();
        RegistrationResult anon = f.anonymous();
        String token = anon.claim().claimToken();
        ClaimStarted first = ok(f.service.startClaim(f.ctx(), token, "ada@example.com"));
        String adaLink = f.mailer.lastAttemptToken();
        f.mailer.failNext(1, () -> new MailDeliveryException("down", null));

        assertFailure(f.service.startClaim(f.ctx(), token, "bob@example.com"), ProtocolError.SERVER_ERROR);

        assertThat(f.stored(anon.registrationId())
                        .claim()
                        .orElseThrow()
                        .attempt()
                        .id())
                .isEqualTo(first.claimAttemptId());
        assertThat(ok(f.service.viewClaim(f.ctx(), adaLink)).state()).isEqualTo(ClaimView.State.READY);
        ok(f.service.startClaim(f.ctx(), token, "bob@example.com"));
        assertThat(f.mailer.last().to()).isEqualTo("bob@example.com");
    }

    @Test
    void revokeWhenTeardownFailsAfterTheDelegationIsGoneThenServerErrorButNoCredentialOfItWorks() {
        ServiceFixture f = ServiceFixture.create();
        RegistrationResult a = ok(f.registerIdJag(f.idJag().mint(), null));
        RegistrationResult b = ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY));
        f.faults.failOn("registrations.findByDelegation", 1, FaultPlan.When.BEFORE);

        String log;
        try (LogCapture capture = LogCapture.start()) {
            assertFailure(f.service.revoke(f.ctx(), f.logout("user-1").mint()), ProtocolError.SERVER_ERROR);
            log = capture.text();
        }

        assertThat(f.stored(a.registrationId()).status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(f.authenticates(a.credential().secret())).isFalse();
        assertThat(f.authenticates(b.credential().secret())).isFalse();
        assertThat(log).contains("use case failed").doesNotContain("injected fault");
        f.faults.clear();
        // a and b are one registration (one per delegation)
        assertThat(b.registrationId()).isEqualTo(a.registrationId());
        assertThat(ok(f.service.revoke(f.ctx(), f.logout("user-1").mint()))).isEqualTo(1);
    }

    // --- the audit sink -------------------------------------------------------------------------

    @Test
    void useCasesWhenAuditSinkThrowsThenResultsUnaffectedAndFailureLogged() {
        ServiceFixture f = ServiceFixture.create();
        f.audit.failing = true;

        String log;
        try (LogCapture capture = LogCapture.start()) {
            RegistrationResult anon = f.anonymous();
            String otp = f.startAndMint(anon.claim().claimToken(), "ada@example.com");
            ok(f.complete(anon.claim().claimToken(), otp));
            assertThat(f.authenticate(anon.credential().secret(), "api.write").principal())
                    .isPresent();
            ok(f.registerIdJag(f.idJag().email("bob@example.com").mint(), null));
            assertFailure(f.registerIdJag("junk", null), ProtocolError.INVALID_REQUEST);
            log = capture.text();
        }

        assertThat(f.audit.events).hasSize(6);
        assertThat(log)
                .contains("Audit sink failed to record a registration.created event")
                .contains("claim.confirmed")
                .doesNotContain("audit backend unavailable");
    }

    // --- stores: every call of every use case ---------------------------------------------------

    /** A use case prepared on a fresh fixture: the call under test, and how an agent retries it. */
    private record Prepared(
            Supplier<Outcome<?>> action,
            Supplier<Outcome<?>> retry,
            String registrationId,
            Consumer<ServiceFixture> afterRetry) {}

    private record Scenario(
            String name, Supplier<ServiceFixture> fixture, Function<ServiceFixture, Prepared> prepare) {}

    private static List<Scenario> scenarios() {
        Supplier<ServiceFixture> plain = ServiceFixture::create;
        Supplier<ServiceFixture> rotating =
                () -> ServiceFixture.builder().rotate(true).build();
        return List.of(
                new Scenario("anonymous registration", plain, f -> {
                    Supplier<Outcome<?>> register =
                            () -> f.service.register(f.ctx(), new RegisterRequest.Anonymous(null));
                    return new Prepared(register, register, null, null);
                }),
                new Scenario("verified-email registration", plain, f -> {
                    Supplier<Outcome<?>> register = () ->
                            f.service.register(f.ctx(), new RegisterRequest.VerifiedEmail("ada@example.com", null));
                    return new Prepared(register, register, null, null);
                }),
                new Scenario("ID-JAG registration of a new user", plain, f -> {
                    Supplier<Outcome<?>> register =
                            () -> f.registerIdJag(f.idJag().mint(), null);
                    return new Prepared(register, register, null, null);
                }),
                new Scenario("ID-JAG registration of a linked user", plain, f -> {
                    ok(f.registerIdJag(f.idJag().mint(), null));
                    Supplier<Outcome<?>> register =
                            () -> f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY);
                    return new Prepared(register, register, null, null);
                }),
                new Scenario("ID-JAG step-up registration", plain, f -> {
                    f.accounts.add(TENANT, "u-ada", "ada@example.com", null);
                    Supplier<Outcome<?>> register =
                            () -> f.registerIdJag(f.idJag().mint(), null);
                    return new Prepared(register, register, null, null);
                }),
                new Scenario("claim start", plain, f -> {
                    RegistrationResult anon = f.anonymous();
                    Supplier<Outcome<?>> start =
                            () -> f.service.startClaim(f.ctx(), anon.claim().claimToken(), "ada@example.com");
                    return new Prepared(start, start, anon.registrationId(), null);
                }),
                new Scenario("claim restart to a new address", plain, f -> {
                    RegistrationResult anon = f.anonymous();
                    ok(f.service.startClaim(f.ctx(), anon.claim().claimToken(), "ada@example.com"));
                    Supplier<Outcome<?>> start =
                            () -> f.service.startClaim(f.ctx(), anon.claim().claimToken(), "bob@example.com");
                    return new Prepared(start, start, anon.registrationId(), null);
                }),
                new Scenario("code minting", plain, f -> {
                    RegistrationResult anon = f.anonymous();
                    ok(f.service.startClaim(f.ctx(), anon.claim().claimToken(), "ada@example.com"));
                    String link = f.mailer.lastAttemptToken();
                    Supplier<Outcome<?>> mint = () -> f.service.mintChallenge(f.ctx(), link);
                    return new Prepared(mint, mint, anon.registrationId(), null);
                }),
                new Scenario("anonymous claim completion (in place)", plain, f -> {
                    RegistrationResult anon = f.anonymous();
                    String otp = f.startAndMint(anon.claim().claimToken(), "ada@example.com");
                    Supplier<Outcome<?>> complete =
                            () -> f.complete(anon.claim().claimToken(), otp);
                    return new Prepared(
                            complete,
                            complete,
                            anon.registrationId(),
                            g -> assertThat(g.authenticate(anon.credential().secret(), "api.write")
                                            .principal())
                                    .isPresent());
                }),
                new Scenario("anonymous claim completion (rotation)", rotating, f -> {
                    RegistrationResult anon = f.anonymous();
                    String otp = f.startAndMint(anon.claim().claimToken(), "ada@example.com");
                    Supplier<Outcome<?>> complete =
                            () -> f.complete(anon.claim().claimToken(), otp);
                    return new Prepared(
                            complete,
                            complete,
                            anon.registrationId(),
                            g -> assertThat(g.authenticates(anon.credential().secret()))
                                    .isFalse());
                }),
                new Scenario("email-verification claim completion", plain, f -> {
                    RegistrationResult reg = f.verifiedEmail("ada@example.com", null);
                    String otp = f.mint(f.mailer.lastAttemptToken());
                    Supplier<Outcome<?>> complete = () -> f.complete(reg.claim().claimToken(), otp);
                    return new Prepared(complete, complete, reg.registrationId(), null);
                }),
                new Scenario("step-up claim completion", plain, f -> {
                    f.accounts.add(TENANT, "u-ada", "ada@example.com", null);
                    RegistrationResult reg = ok(f.registerIdJag(f.idJag().mint(), null));
                    String otp = f.mint(f.mailer.lastAttemptToken());
                    Supplier<Outcome<?>> complete = () -> f.complete(reg.claim().claimToken(), otp);
                    return new Prepared(
                            complete,
                            complete,
                            reg.registrationId(),
                            g -> assertThat(g.delegations.peek(TENANT, PROVIDER, "user-1"))
                                    .isPresent());
                }),
                new Scenario("logout token teardown", plain, f -> {
                    ok(f.registerIdJag(f.idJag().mint(), null));
                    ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY));
                    String logout = f.logout("user-1").mint();
                    // the spent jti cannot be replayed: the provider (or an operator) sends a new token
                    return new Prepared(
                            () -> f.service.revoke(f.ctx(), logout),
                            () -> f.service.revoke(f.ctx(), f.logout("user-1").mint()),
                            null,
                            g -> {
                                assertThat(g.storedRegistrations())
                                        .extracting(Registration::status)
                                        .containsOnly(RegistrationStatus.REVOKED);
                                assertThat(g.format.minted).noneMatch(m -> g.authenticates(m.secret()));
                            });
                }));
    }

    @TestFactory
    Stream<DynamicTest> useCaseWhenAStoreCallThrowsThenServerErrorNothingUsableLeftAndRetryWorks() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario scenario : scenarios()) {
            ServiceFixture probe = scenario.fixture().get();
            Prepared prepared = scenario.prepare().apply(probe);
            probe.faults.resetTrace();
            ok(prepared.action().get());
            for (FaultPlan.Call call : probe.faults.calls()) {
                for (FaultPlan.When when : FaultPlan.When.values()) {
                    if (when == FaultPlan.When.AFTER && isRead(call.op())) {
                        continue;
                    }
                    String name = scenario.name() + ": " + call.op() + " #" + call.occurrence() + " fails "
                            + when.name().toLowerCase(java.util.Locale.ROOT);
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        try {
                            runWithFault(scenario, call, when);
                        } catch (AssertionError e) {
                            throw new AssertionError(name + ": " + e.getMessage(), e);
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    private static void runWithFault(Scenario scenario, FaultPlan.Call call, FaultPlan.When when) {
        ServiceFixture f = scenario.fixture().get();
        Prepared prepared = scenario.prepare().apply(f);
        int mintedBefore = f.format.minted.size();
        f.faults.failOn(call.op(), call.occurrence(), when);

        Outcome<?> outcome = prepared.action().get();

        assertThat(f.faults.fired()).as("the armed store call happened").isTrue();
        f.faults.clear();
        if (!outcome.isSuccess()) {
            assertThat(outcome.failure().error())
                    .as("error after a store fault")
                    .isEqualTo(ProtocolError.SERVER_ERROR);
            assertThat(outcome.failure().message()).isNotBlank();
            List<RecordingCredentialFormat.Minted> minted =
                    f.format.minted.subList(mintedBefore, f.format.minted.size());
            assertThat(minted).as("credentials minted by the failed call").noneMatch(m -> f.authenticates(m.secret()));
        }
        assertConsistent(f);

        if (!outcome.isSuccess()) {
            Outcome<?> retried = prepared.retry().get();
            assertThat(retried.isSuccess())
                    .as("retry after %s", outcome.failure().error().code())
                    .isTrue();
            assertConsistent(f);
        }
        if (prepared.afterRetry() != null) {
            prepared.afterRetry().accept(f);
        }
        if (prepared.registrationId() != null) {
            Registration reg = f.stored(prepared.registrationId());
            if (reg.status() == RegistrationStatus.CLAIMED) {
                assertThat(f.format.forRegistration(reg.id()))
                        .as("usable credentials of the claimed registration")
                        .filteredOn(m -> f.authenticates(m.secret()))
                        .hasSize(1);
            }
        }
    }

    /**
     * Whatever the store did: no credential is stored without its registration; every credential that authenticates
     * belongs to a stored registration that lends it authority with the right scopes (and, for ID-JAG registrations,
     * whose delegation still exists); a pending step-up has no delegation of its own.
     */
    private static void assertConsistent(ServiceFixture f) {
        List<String> registrationIds =
                f.storedRegistrations().stream().map(Registration::id).toList();
        assertThat(f.credentials.all())
                .as("stored credentials, each with its registration (even a revoked one)")
                .allSatisfy(credential -> assertThat(registrationIds).contains(credential.registrationId()));
        for (RecordingCredentialFormat.Minted minted : f.format.minted) {
            Optional<AgentPrincipal> principal = f.authenticate(minted.secret()).principal();
            if (principal.isEmpty()) {
                continue;
            }
            Registration reg = f.stored(principal.get().registrationId());
            assertThat(reg.id()).isEqualTo(minted.registrationId());
            if (reg.status().isClaimable()) {
                assertThat(reg.type()).isEqualTo(RegistrationType.ANONYMOUS);
                assertThat(principal.get().scopes())
                        .as("unclaimed key keeps pre-claim scopes")
                        .isEqualTo(PRE_CLAIM);
                assertThat(principal.get().user()).isEmpty();
            } else {
                assertThat(reg.status()).isIn(RegistrationStatus.ACTIVE, RegistrationStatus.CLAIMED);
            }
            if (reg.status() == RegistrationStatus.CLAIMED && reg.type() == RegistrationType.ANONYMOUS) {
                assertThat(principal.get().scopes()).isEqualTo(POST_CLAIM);
            }
            if (reg.issuer().isPresent()) {
                assertThat(f.delegations.peek(TENANT, PROVIDER, reg.subject().orElseThrow()))
                        .as("credential of %s authenticates only with its delegation", reg.id())
                        .isPresent();
            }
        }
        for (Registration reg : f.storedRegistrations()) {
            boolean linked = f.delegations.peek(TENANT, PROVIDER, "user-1").isPresent();
            if (reg.type() == RegistrationType.ID_JAG_STEP_UP
                    && reg.status() == RegistrationStatus.PENDING_CLAIM
                    && f.storedRegistrations().stream()
                            .noneMatch(r -> r.type() == RegistrationType.AGENT_PROVIDER
                                    || r.status() == RegistrationStatus.CLAIMED)) {
                assertThat(linked)
                        .as("pending step-up %s is not linked", reg.id())
                        .isFalse();
            }
        }
    }

    private static boolean isRead(String op) {
        return op.contains(".find");
    }
}
