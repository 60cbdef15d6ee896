package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.POST_CLAIM;
import static dev.authmd.core.service.ServiceFixture.PRE_CLAIM;
import static dev.authmd.core.service.ServiceFixture.PROVIDER;
import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.store.Credential;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Delegation;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The races of issue 4, each over many rounds with all contenders released by one latch: claim completion exactly once,
 * attempt budgets never overshot, claim start against completion, and logout against registration for the same
 * delegation.
 */
class RaceTest {

    private static final int ROUNDS = 120;
    private static final int GUESSERS = 12;

    private final ExecutorService pool = Executors.newFixedThreadPool(GUESSERS);
    private final ServiceFixture f = ServiceFixture.create();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void completeClaimWhenTwoRightCodesRaceThenExactlyOneSuccessAndOneCredential() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String email = "user" + round + "@example.com";
            f.accounts.add(TENANT, "u-" + round, email, null);
            RegistrationResult reg = f.verifiedEmail(email, CredentialType.API_KEY);
            String otp = f.mint(f.mailer.lastAttemptToken());
            String token = reg.claim().claimToken();

            List<Outcome<ClaimCompleted>> results =
                    together(() -> f.complete(token, otp), () -> f.complete(token, otp));

            assertThat(results).filteredOn(Outcome::isSuccess).hasSize(1);
            assertThat(results)
                    .filteredOn(o -> !o.isSuccess())
                    .singleElement()
                    .satisfies(o -> assertThat(o.failure().error()).isEqualTo(ProtocolError.PREVIOUSLY_CLAIMED));
            assertThat(f.format.forRegistration(reg.registrationId())).hasSize(1);
            assertThat(f.credentials.ofRegistration(TENANT, reg.registrationId()))
                    .hasSize(1);
            String secret = results.stream()
                    .filter(Outcome::isSuccess)
                    .findFirst()
                    .orElseThrow()
                    .value()
                    .credential()
                    .secret();
            assertThat(f.authenticate(secret, "api.write")
                            .principal()
                            .orElseThrow()
                            .user())
                    .contains("u-" + round);
            assertThat(f.audit.ofType(AuditEventType.CLAIM_CONFIRMED))
                    .filteredOn(e -> e.details().get("registration_id").equals(reg.registrationId()))
                    .hasSize(1);
        }
    }

    @Test
    void completeClaimWhenTwoRightCodesRaceOnAnonymousThenKeyUpgradedExactlyOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String email = "anon" + round + "@example.com";
            f.accounts.add(TENANT, "u-" + round, email, null);
            RegistrationResult reg = f.anonymous();
            String token = reg.claim().claimToken();
            String otp = f.startAndMint(token, email);

            List<Outcome<ClaimCompleted>> results =
                    together(() -> f.complete(token, otp), () -> f.complete(token, otp));

            assertThat(results).filteredOn(Outcome::isSuccess).hasSize(1);
            assertThat(f.credentials.ofRegistration(TENANT, reg.registrationId()))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.version()).isEqualTo(1);
                        assertThat(c.scopes()).isEqualTo(POST_CLAIM);
                    });
            assertThat(f.format.forRegistration(reg.registrationId())).hasSize(1);
        }
    }

    @Test
    void completeClaimWhenManyWrongCodesRaceThenExactlyTheCodeBudgetIsCounted() throws Exception {
        for (int round = 0; round < ROUNDS / 2; round++) {
            RegistrationResult reg = f.anonymous();
            String token = reg.claim().claimToken();
            String otp = f.startAndMint(token, "ada@example.com");
            List<Callable<Outcome<ClaimCompleted>>> guesses = new ArrayList<>();
            for (String guess : wrongCodes(otp, GUESSERS)) {
                guesses.add(() -> f.complete(token, guess));
            }

            List<Outcome<ClaimCompleted>> results = together(guesses);

            assertThat(results)
                    .extracting(o -> o.failure().error())
                    .containsOnly(ProtocolError.OTP_INVALID, ProtocolError.TOO_MANY_ATTEMPTS)
                    .filteredOn(e -> e == ProtocolError.OTP_INVALID)
                    .hasSize(5);
            Registration stored = f.stored(reg.registrationId());
            assertThat(stored.claim().orElseThrow().totalFailures()).isEqualTo(5);
            assertThat(stored.claim().orElseThrow().attempt().otpFailures()).isEqualTo(5);
            ServiceFixture.assertFailure(f.complete(token, otp), ProtocolError.TOO_MANY_ATTEMPTS);
        }
    }

    @Test
    void completeClaimWhenManyWrongCodesRaceThenRegistrationBudgetNeverExceeded() throws Exception {
        ServiceFixture g = ServiceFixture.builder()
                .config(b -> b.otpAttemptsPerCode(5).otpAttemptsPerRegistration(8))
                .build();
        for (int round = 0; round < ROUNDS / 2; round++) {
            String token = g.anonymous().claim().claimToken();
            String first = g.startAndMint(token, "ada@example.com");
            for (int i = 0; i < 5; i++) {
                ServiceFixture.assertFailure(g.complete(token, ServiceFixture.wrong(first)), ProtocolError.OTP_INVALID);
            }
            String otp = g.mint(g.mailer.lastAttemptToken());
            List<Callable<Outcome<ClaimCompleted>>> guesses = new ArrayList<>();
            for (String guess : wrongCodes(otp, GUESSERS)) {
                guesses.add(() -> g.complete(token, guess));
            }

            List<Outcome<ClaimCompleted>> results = together(guesses);

            // 5 spent on the first code, 3 left of the registration's 8
            assertThat(results)
                    .extracting(o -> o.failure().error())
                    .filteredOn(e -> e == ProtocolError.OTP_INVALID)
                    .hasSize(3);
            assertThat(results)
                    .extracting(o -> o.failure().error())
                    .filteredOn(e -> e == ProtocolError.TOO_MANY_ATTEMPTS)
                    .hasSize(GUESSERS - 3);
            ServiceFixture.assertFailure(g.complete(token, otp), ProtocolError.TOO_MANY_ATTEMPTS);
        }
    }

    @Test
    void startClaimWhenRacingCompleteThenOneConsistentWinner() throws Exception {
        int completed = 0;
        int restarted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            RegistrationResult reg = f.anonymous();
            String token = reg.claim().claimToken();
            String otp = f.startAndMint(token, "ada" + round + "@example.com");
            int mailsBefore = f.mailer.count();
            String bob = "bob" + round + "@example.com";

            List<Outcome<?>> results =
                    together(() -> f.complete(token, otp), () -> f.service.startClaim(f.ctx(), token, bob));

            Outcome<?> complete = results.get(0);
            Outcome<?> start = results.get(1);
            Registration stored = f.stored(reg.registrationId());
            Credential key =
                    f.credentials.ofRegistration(TENANT, reg.registrationId()).get(0);
            assertThat(complete.isSuccess())
                    .as("exactly one of complete and start wins")
                    .isNotEqualTo(start.isSuccess());
            if (complete.isSuccess()) {
                completed++;
                assertThat(start.failure().error()).isEqualTo(ProtocolError.CLAIMED_OR_IN_FLIGHT);
                assertThat(stored.status()).isEqualTo(RegistrationStatus.CLAIMED);
                assertThat(key.scopes()).isEqualTo(POST_CLAIM);
                assertThat(f.mailer.count()).isEqualTo(mailsBefore);
            } else {
                restarted++;
                assertThat(complete.failure().error()).isEqualTo(ProtocolError.OTP_NOT_GENERATED);
                assertThat(stored.status()).isEqualTo(RegistrationStatus.PENDING_CLAIM);
                assertThat(stored.claim().orElseThrow().attempt().email()).isEqualTo(bob);
                assertThat(key.scopes()).isEqualTo(PRE_CLAIM);
                assertThat(f.mailer.count()).isEqualTo(mailsBefore + 1);
            }
        }
        assertThat(completed + restarted).isEqualTo(ROUNDS);
    }

    @Test
    void registerWhenTwoFirstPresentationsOfOneDelegationRaceThenOneRegistrationBothCredentialsOnIt() throws Exception {
        int bothClean = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String subject = "twin-" + round;
            String email = "twin" + round + "@example.com";
            String a = f.idJag().subject(subject).email(email).mint();
            String b = f.idJag().subject(subject).email(email).mint();

            List<Outcome<RegistrationResult>> results =
                    together(() -> f.registerIdJag(a, null), () -> f.registerIdJag(b, null));

            // one may see the account the other just provisioned and be asked to confirm (a step-up): the clean
            // presentations are the ones that must land on one registration
            List<RegistrationResult> clean = results.stream()
                    .map(ServiceFixture::ok)
                    .filter(r -> r.claim() == null)
                    .toList();
            assertThat(clean).as("round %d: at least the first is clean", round).isNotEmpty();
            assertThat(clean)
                    .extracting(RegistrationResult::registrationId)
                    .as("round %d: one registration", round)
                    .containsOnly(clean.get(0).registrationId());
            assertThat(f.registrations.unfaulted().findByDelegation(TENANT, PROVIDER, subject))
                    .filteredOn(r -> r.status() == RegistrationStatus.ACTIVE)
                    .as("round %d: exactly one live registration", round)
                    .hasSize(1);
            clean.forEach(
                    r -> assertThat(f.authenticates(r.credential().secret())).isTrue());
            bothClean += clean.size() == 2 ? 1 : 0;
        }
        assertThat(bothClean)
                .as("rounds where both presentations raced to the same registration")
                .isPositive();
    }

    @Test
    void revokeWhenRacingRegistrationForSameDelegationThenNoActiveRegistrationOutlivesItsDelegation() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String subject = "racer-" + round;
            String email = "racer" + round + "@example.com";
            RegistrationResult first =
                    ok(f.registerIdJag(f.idJag().subject(subject).email(email).mint(), null));
            String jag = f.idJag().subject(subject).email(email).mint();
            String logout = f.logout(subject).mint();

            List<Outcome<?>> results =
                    together(() -> f.registerIdJag(jag, null), () -> f.service.revoke(f.ctx(), logout));

            assertThat(results.get(1).isSuccess()).isTrue();
            Outcome<?> registered = results.get(0);
            if (!registered.isSuccess()) {
                assertThat(registered.failure().error()).isEqualTo(ProtocolError.INVALID_REQUEST);
            }
            assertThat(f.stored(first.registrationId()).status()).isEqualTo(RegistrationStatus.REVOKED);
            assertThat(f.authenticates(first.credential().secret())).isFalse();
            Optional<Delegation> link = f.delegations.peek(TENANT, PROVIDER, subject);
            List<Registration> all = f.registrations.unfaulted().findByDelegation(TENANT, PROVIDER, subject);
            for (Registration r : all) {
                if (r.status() == RegistrationStatus.ACTIVE) {
                    assertThat(link).as("active %s has its delegation", r.id()).isPresent();
                }
            }
            for (Registration r : all) {
                for (RecordingCredentialFormat.Minted minted : f.format.forRegistration(r.id())) {
                    if (f.authenticates(minted.secret())) {
                        assertThat(r.status()).isEqualTo(RegistrationStatus.ACTIVE);
                        assertThat(link).isPresent();
                    }
                }
            }
        }
    }

    @Test
    void registerWhenTwoFirstRegistrationsOfOneNewUserRaceThenBothUseTheLinkedAccount() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String subject = "twin-" + round;
            String email = "twin" + round + "@example.com";
            String a = f.idJag().subject(subject).email(email).mint();
            String b = f.idJag().subject(subject).email(email).mint();

            List<Outcome<RegistrationResult>> results =
                    together(() -> f.registerIdJag(a, null), () -> f.registerIdJag(b, null));

            Delegation link = f.delegations.peek(TENANT, PROVIDER, subject).orElseThrow();
            for (Outcome<RegistrationResult> result : results) {
                RegistrationResult reg = ok(result);
                if (reg.type() == dev.authmd.spi.store.RegistrationType.AGENT_PROVIDER) {
                    assertThat(f.stored(reg.registrationId()).userId()).contains(link.userId());
                    assertThat(f.authenticate(reg.credential().secret())
                                    .principal()
                                    .orElseThrow()
                                    .user())
                            .contains(link.userId());
                }
            }
        }
    }

    // --- plumbing -------------------------------------------------------------------------------

    private <T> List<T> together(Callable<? extends T> first, Callable<? extends T> second) throws Exception {
        List<Callable<? extends T>> tasks = new ArrayList<>();
        tasks.add(first);
        tasks.add(second);
        return together(tasks);
    }

    private <T> List<T> together(List<? extends Callable<? extends T>> tasks) throws Exception {
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<? extends T>> futures = new ArrayList<>();
        for (Callable<? extends T> task : tasks) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return task.call();
            }));
        }
        ready.await();
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<? extends T> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    private static List<String> wrongCodes(String right, int count) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; codes.size() < count; i++) {
            String code = String.format("%06d", i * 7919 % 1_000_000);
            if (!code.equals(right)) {
                codes.add(code);
            }
        }
        return codes;
    }
}
