package dev.authmd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.spi.store.Credential;
import dev.authmd.spi.store.CredentialStore;
import dev.authmd.spi.store.CredentialType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CredentialStore} must show: put-if-absent insert on the secret hash and on the id, lookup
 * by hash (revoked and expired credentials included), lookup by registration oldest first, compare-and-set update,
 * revocation of a whole registration, tenant isolation, null handling, and exactly one winner under concurrent inserts
 * and updates.
 *
 * <p>Extend it once per implementation; JUnit runs every test against a fresh store:
 *
 * <pre>{@code
 * class JdbcCredentialStoreTest extends CredentialStoreContract {
 *     protected CredentialStore createStore() {
 *         return new JdbcCredentialStore(freshSchema());
 *     }
 * }
 * }</pre>
 *
 * <p>Time never comes from a clock: every instant is an explicit offset from {@link #baseTime()}. Each concurrency test
 * runs {@value #ROUNDS} rounds of {@value #THREADS} threads released by one start gate.
 */
public abstract class CredentialStoreContract {

    /** Rounds each concurrency test runs. */
    protected static final int ROUNDS = 100;
    /** Threads racing in each round. */
    protected static final int THREADS = 16;

    private static final String TENANT = "tenant-a";
    private static final String OTHER_TENANT = "tenant-b";

    private CredentialStore store;

    /** {@return a new, empty store; called before every test} */
    protected abstract CredentialStore createStore();

    /**
     * Releases what {@link #createStore()} made; called after every test. Does nothing by default.
     *
     * @param store the store the test used
     */
    protected void disposeStore(CredentialStore store) {}

    /** {@return the instant every instant in these tests is an offset from; {@link StoreFixtures#T0} by default} */
    protected Instant baseTime() {
        return StoreFixtures.T0;
    }

    @BeforeEach
    void createFreshStore() {
        store = createStore();
    }

    @AfterEach
    void disposeFreshStore() {
        disposeStore(store);
    }

    private Instant at(long seconds) {
        return baseTime().plusSeconds(seconds);
    }

    private StoreFixtures.CredentialBuilder cred(String tenant, String id, String registrationId) {
        return StoreFixtures.credential(tenant, id, registrationId, baseTime());
    }

    private Credential stored(String tenant, String id, String registrationId) {
        Credential c = cred(tenant, id, registrationId).build();
        assertThat(store.insert(c)).isTrue();
        return c;
    }

    private static List<String> ids(List<Credential> credentials) {
        List<String> ids = new ArrayList<>();
        credentials.forEach(c -> ids.add(c.id()));
        return ids;
    }

    // ---------------------------------------------------------------- insert and findByHash

    @Test
    void insertWhenNewThenTrueAndFindByHashReturnsIt() {
        Credential c = cred(TENANT, "cred-1", "reg-1")
                .type(CredentialType.ACCESS_TOKEN)
                .expiresAt(at(3600))
                .userId("u1")
                .scopes(List.of("api.read", "api.write"))
                .build();

        assertThat(store.insert(c)).isTrue();

        assertThat(store.findByHash(TENANT, StoreFixtures.secretHash("cred-1"))).contains(c);
    }

    @Test
    void insertWhenSecretHashTakenThenFalseAndStoredCredentialUnchanged() {
        Credential first = stored(TENANT, "cred-1", "reg-1");
        Credential sameHash =
                cred(TENANT, "cred-2", "reg-2").secretHash(first.secretHash()).build();

        assertThat(store.insert(sameHash)).isFalse();

        assertThat(store.findByHash(TENANT, first.secretHash())).contains(first);
        assertThat(store.findByRegistration(TENANT, "reg-2")).isEmpty();
    }

    @Test
    void insertWhenIdTakenThenFalseAndNewHashNotFound() {
        Credential first = stored(TENANT, "cred-1", "reg-1");
        Credential sameId = cred(TENANT, "cred-1", "reg-1")
                .secretHash(StoreFixtures.hash("other"))
                .build();

        assertThat(store.insert(sameId)).isFalse();

        assertThat(store.findByHash(TENANT, StoreFixtures.hash("other"))).isEmpty();
        assertThat(store.findByRegistration(TENANT, "reg-1")).containsExactly(first);
    }

    @Test
    void insertWhenSameIdAndHashInOtherTenantThenTrueAndBothKept() {
        Credential a = stored(TENANT, "cred-1", "reg-1");
        Credential b = cred(OTHER_TENANT, "cred-1", "reg-1").userId("u-b").build();

        assertThat(store.insert(b)).isTrue();

        assertThat(store.findByHash(TENANT, a.secretHash())).contains(a);
        assertThat(store.findByHash(OTHER_TENANT, b.secretHash())).contains(b);
    }

    @Test
    void insertWhenVersionNotZeroThenIllegalArgumentAndNothingStored() {
        Credential c = cred(TENANT, "cred-1", "reg-1").version(1).build();

        assertThatIllegalArgumentException().isThrownBy(() -> store.insert(c));

        assertThat(store.findByHash(TENANT, c.secretHash())).isEmpty();
    }

    @Test
    void insertWhenNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.insert(null));
    }

    @Test
    void findByHashWhenUnknownThenEmpty() {
        stored(TENANT, "cred-1", "reg-1");

        assertThat(store.findByHash(TENANT, StoreFixtures.secretHash("cred-2"))).isEmpty();
    }

    @Test
    void findByHashWhenOnlyInOtherTenantThenEmpty() {
        Credential c = stored(TENANT, "cred-1", "reg-1");

        assertThat(store.findByHash(OTHER_TENANT, c.secretHash())).isEmpty();
    }

    @Test
    void findByHashWhenRevokedOrExpiredThenStillReturned() {
        Credential revoked = cred(TENANT, "cred-1", "reg-1").revokedAt(at(10)).build();
        Credential expired = cred(TENANT, "cred-2", "reg-1")
                .type(CredentialType.ACCESS_TOKEN)
                .expiresAt(at(1))
                .build();
        store.insert(revoked);
        store.insert(expired);

        assertThat(store.findByHash(TENANT, revoked.secretHash())).contains(revoked);
        assertThat(store.findByHash(TENANT, expired.secretHash())).contains(expired);
    }

    // ---------------------------------------------------------------- sweep

    @Test
    void sweepWhenSomeExpiredAtOrBeforeNowThenRemovesOnlyThoseRevokedOrNotAndKeysStay() {
        Credential early = cred(TENANT, "cred-early", "reg-1")
                .type(CredentialType.ACCESS_TOKEN)
                .expiresAt(at(10))
                .build();
        Credential exact = cred(TENANT, "cred-exact", "reg-1")
                .type(CredentialType.ACCESS_TOKEN)
                .expiresAt(at(50))
                .build();
        Credential late = cred(TENANT, "cred-late", "reg-1")
                .type(CredentialType.ACCESS_TOKEN)
                .expiresAt(at(51))
                .build();
        Credential key = cred(TENANT, "cred-key", "reg-1").revokedAt(at(5)).build();
        Credential otherTenant = cred("t2", "cred-other", "reg-1")
                .type(CredentialType.ACCESS_TOKEN)
                .expiresAt(at(20))
                .build();
        for (Credential c : List.of(early, exact, late, key, otherTenant)) {
            assertThat(store.insert(c)).isTrue();
        }
        assertThat(store.update(exact.version(), exact.revoked(at(5)))).isTrue();

        assertThat(store.sweep(at(50))).isEqualTo(3);

        assertThat(store.findByHash(TENANT, early.secretHash())).isEmpty();
        assertThat(store.findByHash(TENANT, exact.secretHash())).isEmpty();
        assertThat(store.findByHash("t2", otherTenant.secretHash())).isEmpty();
        assertThat(store.findByHash(TENANT, late.secretHash())).contains(late);
        assertThat(store.findByHash(TENANT, key.secretHash()))
                .as("keys never expire")
                .contains(key);
        assertThat(ids(store.findByRegistration(TENANT, "reg-1"))).containsExactlyInAnyOrder("cred-late", "cred-key");
        assertThat(store.sweep(at(50))).isZero();
        assertThat(store.insert(cred(TENANT, "cred-early", "reg-2").build()))
                .as("a swept credential's id and hash are free again")
                .isTrue();
    }

    @Test
    void deleteByRegistrationWhenCalledThenEveryCredentialOfItGoneAndOthersKept() {
        Credential key = stored(TENANT, "cred-key", "reg-1");
        Credential token = cred(TENANT, "cred-token", "reg-1")
                .type(CredentialType.ACCESS_TOKEN)
                .expiresAt(at(50))
                .build();
        assertThat(store.insert(token)).isTrue();
        assertThat(store.revokeByRegistration(TENANT, "reg-1", at(5))).isEqualTo(2);
        Credential sibling = stored(TENANT, "cred-sibling", "reg-2");
        Credential otherTenant = stored("t2", "cred-other", "reg-1");

        assertThat(store.deleteByRegistration(TENANT, "reg-1")).isEqualTo(2);

        assertThat(store.findByHash(TENANT, key.secretHash())).isEmpty();
        assertThat(store.findByHash(TENANT, token.secretHash())).isEmpty();
        assertThat(store.findByRegistration(TENANT, "reg-1")).isEmpty();
        assertThat(store.findByHash(TENANT, sibling.secretHash())).contains(sibling);
        assertThat(store.findByHash("t2", otherTenant.secretHash())).contains(otherTenant);
        assertThat(store.sweep(at(100)))
                .as("the deleted token left no expiry entry")
                .isZero();
        assertThat(store.deleteByRegistration(TENANT, "reg-1")).isZero();
        assertThat(store.insert(cred(TENANT, "cred-key", "reg-3").build()))
                .as("a deleted credential's id and hash are free again")
                .isTrue();
    }

    @Test
    void deleteByRegistrationWhenUnknownThenZero() {
        stored(TENANT, "cred-1", "reg-1");

        assertThat(store.deleteByRegistration(TENANT, "reg-none")).isZero();
        assertThat(store.deleteByRegistration("tenant-none", "reg-1")).isZero();
        assertThat(store.findByRegistration(TENANT, "reg-1")).hasSize(1);
    }

    @Test
    void deleteByRegistrationWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.deleteByRegistration(null, "reg-1"));
        assertThatNullPointerException().isThrownBy(() -> store.deleteByRegistration(TENANT, null));
    }

    @Test
    void sweepWhenNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.sweep(null));
    }

    @Test
    void findByHashWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.findByHash(null, "h"));
        assertThatNullPointerException().isThrownBy(() -> store.findByHash(TENANT, null));
    }

    // ---------------------------------------------------------------- findByRegistration

    @Test
    void findByRegistrationWhenSeveralThenOldestFirstByIssuedAtThenId() {
        store.insert(cred(TENANT, "cred-b", "reg-1").issuedAt(at(20)).build());
        store.insert(cred(TENANT, "cred-a", "reg-1").issuedAt(at(20)).build());
        store.insert(cred(TENANT, "cred-c", "reg-1").issuedAt(at(10)).build());

        assertThat(ids(store.findByRegistration(TENANT, "reg-1"))).containsExactly("cred-c", "cred-a", "cred-b");
    }

    @Test
    void findByRegistrationWhenOtherRegistrationOrTenantThenExcluded() {
        Credential mine = stored(TENANT, "cred-1", "reg-1");
        stored(TENANT, "cred-2", "reg-10");
        stored(TENANT, "cred-3", "reg-");
        stored(OTHER_TENANT, "cred-4", "reg-1");

        assertThat(store.findByRegistration(TENANT, "reg-1")).containsExactly(mine);
        assertThat(ids(store.findByRegistration(OTHER_TENANT, "reg-1"))).containsExactly("cred-4");
        assertThat(store.findByRegistration(TENANT, "reg-2")).isEmpty();
    }

    @Test
    void findByRegistrationWhenUpdatedThenLatestVersionOnce() {
        Credential c = stored(TENANT, "cred-1", "reg-1");
        Credential upgraded = c.withOwnerAndScopes("u1", List.of("api.read", "api.write"));
        assertThat(store.update(0, upgraded)).isTrue();

        assertThat(store.findByRegistration(TENANT, "reg-1")).containsExactly(upgraded);
    }

    @Test
    void findByRegistrationWhenResultChangedByCallerThenStoreUnaffected() {
        stored(TENANT, "cred-1", "reg-1");

        List<Credential> result = store.findByRegistration(TENANT, "reg-1");
        try {
            result.clear();
        } catch (UnsupportedOperationException expected) {
            // unmodifiable is fine too
        }

        assertThat(ids(store.findByRegistration(TENANT, "reg-1"))).containsExactly("cred-1");
    }

    @Test
    void findByRegistrationWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.findByRegistration(null, "reg-1"));
        assertThatNullPointerException().isThrownBy(() -> store.findByRegistration(TENANT, null));
    }

    // ---------------------------------------------------------------- update

    @Test
    void updateWhenExpectedVersionMatchesThenTrueAndStored() {
        Credential c = stored(TENANT, "cred-1", "reg-1");
        Credential upgraded = c.withOwnerAndScopes("u1", List.of("api.read", "api.write"));

        assertThat(store.update(0, upgraded)).isTrue();

        assertThat(store.findByHash(TENANT, c.secretHash())).contains(upgraded);
    }

    @Test
    void updateWhenExpectedVersionStaleThenFalseAndNothingChanged() {
        Credential c = stored(TENANT, "cred-1", "reg-1");
        Credential upgraded = c.withOwnerAndScopes("u1", List.of("api.write"));
        assertThat(store.update(0, upgraded)).isTrue();

        assertThat(store.update(0, c.revoked(at(5)))).isFalse();

        assertThat(store.findByHash(TENANT, c.secretHash())).contains(upgraded);
    }

    @Test
    void updateWhenNextVersionIsNotExpectedPlusOneThenIllegalArgumentAndNothingChanged() {
        Credential c = stored(TENANT, "cred-1", "reg-1");
        Credential skipping =
                cred(TENANT, "cred-1", "reg-1").version(2).userId("u1").build();
        Credential same =
                cred(TENANT, "cred-1", "reg-1").version(0).userId("u1").build();

        assertThatIllegalArgumentException().isThrownBy(() -> store.update(0, skipping));
        assertThatIllegalArgumentException().isThrownBy(() -> store.update(0, same));

        assertThat(store.findByHash(TENANT, c.secretHash())).contains(c);
    }

    @Test
    void updateWhenMissingThenFalseAndNothingStored() {
        Credential ghost = cred(TENANT, "cred-1", "reg-1").version(1).build();

        assertThat(store.update(0, ghost)).isFalse();

        assertThat(store.findByHash(TENANT, ghost.secretHash())).isEmpty();
        assertThat(store.findByRegistration(TENANT, "reg-1")).isEmpty();
    }

    @Test
    void updateWhenOnlyInOtherTenantThenFalseAndItIsUnchanged() {
        Credential a = stored(TENANT, "cred-1", "reg-1");
        Credential inB =
                cred(OTHER_TENANT, "cred-1", "reg-1").version(1).userId("u1").build();

        assertThat(store.update(0, inB)).isFalse();

        assertThat(store.findByHash(TENANT, a.secretHash())).contains(a);
        assertThat(store.findByHash(OTHER_TENANT, a.secretHash())).isEmpty();
    }

    @Test
    void updateWhenSecretHashDiffersFromStoredThenFalseAndNothingChanged() {
        Credential c = stored(TENANT, "cred-1", "reg-1");
        Credential rehashed = cred(TENANT, "cred-1", "reg-1")
                .secretHash(StoreFixtures.hash("other"))
                .version(1)
                .build();

        assertThat(store.update(0, rehashed)).isFalse();

        assertThat(store.findByHash(TENANT, StoreFixtures.hash("other"))).isEmpty();
        assertThat(store.findByHash(TENANT, c.secretHash())).contains(c);
    }

    @Test
    void updateWhenIdDiffersFromStoredThenFalseAndNothingChanged() {
        Credential c = stored(TENANT, "cred-1", "reg-1");
        Credential renamed = cred(TENANT, "cred-9", "reg-1")
                .secretHash(c.secretHash())
                .version(1)
                .build();

        assertThat(store.update(0, renamed)).isFalse();

        assertThat(store.findByHash(TENANT, c.secretHash())).contains(c);
    }

    @Test
    void updateWhenRegistrationDiffersFromStoredThenFalseAndNothingChanged() {
        Credential c = stored(TENANT, "cred-1", "reg-1");
        Credential moved = cred(TENANT, "cred-1", "reg-2").version(1).build();

        assertThat(store.update(0, moved)).isFalse();

        assertThat(store.findByHash(TENANT, c.secretHash())).contains(c);
        assertThat(store.findByRegistration(TENANT, "reg-2")).isEmpty();
        assertThat(store.findByRegistration(TENANT, "reg-1")).containsExactly(c);
    }

    @Test
    void updateWhenNextNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.update(0, null));
    }

    // ---------------------------------------------------------------- revokeByRegistration

    @Test
    void revokeByRegistrationWhenUnrevokedCredentialsThenRevokesEachAndReturnsCount() {
        Credential one = stored(TENANT, "cred-1", "reg-1");
        Credential two = cred(TENANT, "cred-2", "reg-1")
                .issuedAt(at(1))
                .type(CredentialType.ACCESS_TOKEN)
                .expiresAt(at(3600))
                .build();
        store.insert(two);

        assertThat(store.revokeByRegistration(TENANT, "reg-1", at(100))).isEqualTo(2);

        assertThat(store.findByHash(TENANT, one.secretHash())).contains(one.revoked(at(100)));
        assertThat(store.findByHash(TENANT, two.secretHash())).contains(two.revoked(at(100)));
        assertThat(store.findByRegistration(TENANT, "reg-1")).allSatisfy(c -> {
            assertThat(c.revokedAt()).isEqualTo(at(100));
            assertThat(c.version()).isEqualTo(1);
            assertThat(c.isUsableAt(at(100))).isFalse();
        });
    }

    @Test
    void revokeByRegistrationWhenSomeAlreadyRevokedThenOnlyOthersCountedAndChanged() {
        Credential old = cred(TENANT, "cred-1", "reg-1").revokedAt(at(5)).build();
        store.insert(old);
        Credential live = cred(TENANT, "cred-2", "reg-1").issuedAt(at(1)).build();
        store.insert(live);

        assertThat(store.revokeByRegistration(TENANT, "reg-1", at(100))).isEqualTo(1);

        assertThat(store.findByHash(TENANT, old.secretHash())).contains(old);
        assertThat(store.findByHash(TENANT, live.secretHash())).contains(live.revoked(at(100)));
    }

    @Test
    void revokeByRegistrationWhenCalledTwiceThenSecondCountsNothing() {
        stored(TENANT, "cred-1", "reg-1");
        assertThat(store.revokeByRegistration(TENANT, "reg-1", at(100))).isEqualTo(1);

        assertThat(store.revokeByRegistration(TENANT, "reg-1", at(200))).isZero();

        assertThat(store.findByHash(TENANT, StoreFixtures.secretHash("cred-1"))
                        .orElseThrow()
                        .revokedAt())
                .isEqualTo(at(100));
    }

    @Test
    void revokeByRegistrationWhenOtherRegistrationOrTenantThenUntouched() {
        stored(TENANT, "cred-1", "reg-1");
        Credential otherReg = stored(TENANT, "cred-2", "reg-2");
        Credential otherTenant = stored(OTHER_TENANT, "cred-3", "reg-1");

        assertThat(store.revokeByRegistration(TENANT, "reg-1", at(100))).isEqualTo(1);

        assertThat(store.findByHash(TENANT, otherReg.secretHash())).contains(otherReg);
        assertThat(store.findByHash(OTHER_TENANT, otherTenant.secretHash())).contains(otherTenant);
    }

    @Test
    void revokeByRegistrationWhenNoCredentialsThenZero() {
        assertThat(store.revokeByRegistration(TENANT, "reg-1", at(100))).isZero();
    }

    @Test
    void updateWhenVersionReadBeforeRevocationThenFalse() {
        Credential c = stored(TENANT, "cred-1", "reg-1");
        store.revokeByRegistration(TENANT, "reg-1", at(100));

        assertThat(store.update(0, c.withOwnerAndScopes("u1", List.of("api.write"))))
                .isFalse();

        assertThat(store.findByHash(TENANT, c.secretHash())).contains(c.revoked(at(100)));
    }

    @Test
    void revokeByRegistrationWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.revokeByRegistration(null, "reg-1", at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.revokeByRegistration(TENANT, null, at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.revokeByRegistration(TENANT, "reg-1", null));
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void insertWhenManyThreadsInsertSameHashThenExactlyOneWins() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                String hash = StoreFixtures.hash("shared-" + round);
                String registrationId = "reg-" + round;
                List<Credential> candidates = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    candidates.add(cred(TENANT, "cred-" + round + "-" + t, registrationId)
                            .secretHash(hash)
                            .build());
                }

                List<Boolean> results = race.run(t -> () -> store.insert(candidates.get(t)));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                Credential winner = candidates.get(results.indexOf(true));
                assertThat(store.findByHash(TENANT, hash)).contains(winner);
                assertThat(store.findByRegistration(TENANT, registrationId)).containsExactly(winner);
            }
        }
    }

    @Test
    void insertWhenManyThreadsInsertSameIdThenExactlyOneWinsAndOnlyItsHashIsFound() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                String id = "cred-" + round;
                List<Credential> candidates = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    candidates.add(cred(TENANT, id, "reg-" + round)
                            .secretHash(StoreFixtures.hash(id + "-" + t))
                            .build());
                }

                List<Boolean> results = race.run(t -> () -> store.insert(candidates.get(t)));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                int w = results.indexOf(true);
                for (int t = 0; t < THREADS; t++) {
                    assertThat(store.findByHash(TENANT, candidates.get(t).secretHash())
                                    .isPresent())
                            .as("hash of thread %d", t)
                            .isEqualTo(t == w);
                }
                assertThat(store.findByRegistration(TENANT, "reg-" + round)).containsExactly(candidates.get(w));
            }
        }
    }

    @Test
    void updateWhenManyThreadsUpdateFromSameVersionThenExactlyOneWinsAndIsStored() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                Credential current = stored(TENANT, "cred-" + round, "reg-" + round);
                List<Credential> candidates = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    candidates.add(current.withOwnerAndScopes("u" + t, List.of("scope-" + t)));
                }

                List<Boolean> results = race.run(t -> () -> store.update(0, candidates.get(t)));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                Credential winner = candidates.get(results.indexOf(true));
                assertThat(store.findByHash(TENANT, current.secretHash())).contains(winner);
            }
        }
    }
}
