package dev.authmd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.spi.store.AccessToken;
import dev.authmd.spi.store.AccessTokenStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AccessTokenStore} must show: a token per {@code (tenant, hash)}, first insert wins, stored
 * exactly as given (scopes, resource, assertion); revocation is one-way and decided once; revoking a registration's
 * tokens, or only those of one assertion, touches nothing else; the sweep removes exactly the expired tokens; bad
 * arguments are refused with nothing changed; and under races each token is revoked exactly once.
 *
 * <p>Extend it once per implementation; JUnit runs every test against a fresh store. Every instant is an offset from
 * {@link #baseTime()}. Each concurrency test runs {@value #ROUNDS} rounds of {@value #THREADS} threads released by one
 * start gate.
 */
public abstract class AccessTokenStoreContract {

    /** Rounds each concurrency test runs. */
    protected static final int ROUNDS = 100;
    /** Threads racing in each round. */
    protected static final int THREADS = 32;

    private static final String TENANT = "t1";
    private static final String RESOURCE = "https://api.example.com/v1";

    private AccessTokenStore store;

    /** {@return a new, empty store; called before every test} */
    protected abstract AccessTokenStore createStore();

    /**
     * Releases what {@link #createStore()} made; called after every test. Does nothing by default.
     *
     * @param store the store the test used
     */
    protected void disposeStore(AccessTokenStore store) {}

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

    private AccessToken token(String tenantId, String label, String registrationId, String jti, long expiresIn) {
        return new AccessToken(
                tenantId,
                StoreFixtures.hash(label),
                registrationId,
                "user_1",
                List.of("docs.read", "docs.write"),
                RESOURCE,
                jti,
                at(0),
                at(expiresIn),
                null);
    }

    @Test
    void insertWhenNewThenTrueAndFoundExactlyAsStored() {
        AccessToken token = token(TENANT, "at1", "reg_1", "j1", 3600);
        AccessToken anonymous = new AccessToken(
                TENANT, StoreFixtures.hash("at2"), "reg_2", null, List.of(), RESOURCE, "j2", at(0), at(60), null);

        assertThat(store.insert(token)).isTrue();
        assertThat(store.insert(anonymous)).isTrue();

        assertThat(store.findByHash(TENANT, token.tokenHash())).contains(token);
        assertThat(store.findByHash(TENANT, anonymous.tokenHash())).contains(anonymous);
    }

    @Test
    void insertWhenHashTakenThenFalseAndTheFirstStays() {
        AccessToken token = token(TENANT, "at1", "reg_1", "j1", 3600);
        store.insert(token);

        assertThat(store.insert(token(TENANT, "at1", "reg_2", "j9", 60))).isFalse();

        assertThat(store.findByHash(TENANT, token.tokenHash())).contains(token);
    }

    @Test
    void insertWhenSameHashInAnotherTenantThenIndependent() {
        store.insert(token(TENANT, "at1", "reg_1", "j1", 3600));

        assertThat(store.insert(token("t2", "at1", "reg_9", "j1", 3600))).isTrue();
        assertThat(store.findByHash("t2", StoreFixtures.hash("at1"))
                        .orElseThrow()
                        .registrationId())
                .isEqualTo("reg_9");
    }

    @Test
    void insertWhenRevokedThenIllegalArgumentAndNothingStored() {
        AccessToken revoked = token(TENANT, "at1", "reg_1", "j1", 3600).revoked(at(1));

        assertThatIllegalArgumentException().isThrownBy(() -> store.insert(revoked));

        assertThat(store.findByHash(TENANT, revoked.tokenHash())).isEmpty();
    }

    @Test
    void revokeWhenUsableThenTrueOnceAndTheFirstInstantStays() {
        AccessToken token = token(TENANT, "at1", "reg_1", "j1", 3600);
        store.insert(token);

        assertThat(store.revoke(TENANT, token.tokenHash(), at(10))).isTrue();
        assertThat(store.revoke(TENANT, token.tokenHash(), at(20))).isFalse();

        AccessToken revoked = store.findByHash(TENANT, token.tokenHash()).orElseThrow();
        assertThat(revoked.revokedAt()).isEqualTo(at(10));
        assertThat(revoked.isUsableAt(at(11))).isFalse();
    }

    @Test
    void revokeWhenAbsentOrInAnotherTenantThenFalse() {
        store.insert(token(TENANT, "at1", "reg_1", "j1", 3600));

        assertThat(store.revoke(TENANT, StoreFixtures.hash("nope"), at(1))).isFalse();
        assertThat(store.revoke("t2", StoreFixtures.hash("at1"), at(1))).isFalse();
        assertThat(store.findByHash(TENANT, StoreFixtures.hash("at1"))
                        .orElseThrow()
                        .revokedAt())
                .isNull();
    }

    @Test
    void revokeAllWhenByRegistrationThenEveryUsableTokenOfItAndNothingElse() {
        store.insert(token(TENANT, "a1", "reg_a", "j1", 3600));
        store.insert(token(TENANT, "a2", "reg_a", "j2", 3600));
        store.insert(token(TENANT, "a3", "reg_a", "j2", 3600));
        store.revoke(TENANT, StoreFixtures.hash("a3"), at(5));
        store.insert(token(TENANT, "b1", "reg_b", "j1", 3600));
        store.insert(token("t2", "c1", "reg_a", "j1", 3600));

        assertThat(store.revokeAll(TENANT, "reg_a", null, at(10))).isEqualTo(2);

        assertThat(store.findByHash(TENANT, StoreFixtures.hash("a1"))
                        .orElseThrow()
                        .revokedAt())
                .isEqualTo(at(10));
        assertThat(store.findByHash(TENANT, StoreFixtures.hash("a3"))
                        .orElseThrow()
                        .revokedAt())
                .isEqualTo(at(5));
        assertThat(store.findByHash(TENANT, StoreFixtures.hash("b1"))
                        .orElseThrow()
                        .revokedAt())
                .isNull();
        assertThat(store.findByHash("t2", StoreFixtures.hash("c1"))
                        .orElseThrow()
                        .revokedAt())
                .isNull();
        assertThat(store.revokeAll(TENANT, "reg_a", null, at(20))).isZero();
    }

    @Test
    void revokeAllWhenByAssertionThenOnlyTheTokensOfThatAssertion() {
        store.insert(token(TENANT, "a1", "reg_a", "j1", 3600));
        store.insert(token(TENANT, "a2", "reg_a", "j1", 3600));
        store.insert(token(TENANT, "a3", "reg_a", "j2", 3600));

        assertThat(store.revokeAll(TENANT, "reg_a", "j1", at(10))).isEqualTo(2);

        assertThat(store.findByHash(TENANT, StoreFixtures.hash("a3"))
                        .orElseThrow()
                        .revokedAt())
                .isNull();
        assertThat(store.revokeAll(TENANT, "reg_a", "j1", at(20))).isZero();
        assertThat(store.revokeAll(TENANT, "reg_none", "j1", at(20))).isZero();
    }

    @Test
    void sweepWhenSomeExpiredAtOrBeforeNowThenRemovesOnlyThoseRevokedOrNotAndCountsThem() {
        store.insert(token(TENANT, "early", "reg_1", "j1", 10));
        store.insert(token(TENANT, "exact", "reg_1", "j1", 50));
        store.revoke(TENANT, StoreFixtures.hash("exact"), at(5));
        store.insert(token(TENANT, "late", "reg_1", "j1", 51));

        assertThat(store.sweep(at(50))).isEqualTo(2);

        assertThat(store.findByHash(TENANT, StoreFixtures.hash("early"))).isEmpty();
        assertThat(store.findByHash(TENANT, StoreFixtures.hash("exact"))).isEmpty();
        assertThat(store.findByHash(TENANT, StoreFixtures.hash("late"))).isPresent();
        assertThat(store.sweep(at(50))).isZero();
        assertThat(store.revokeAll(TENANT, "reg_1", null, at(50))).isEqualTo(1);
    }

    @Test
    void methodsWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.insert(null));
        assertThatNullPointerException().isThrownBy(() -> store.findByHash(null, "h"));
        assertThatNullPointerException().isThrownBy(() -> store.findByHash(TENANT, null));
        assertThatNullPointerException().isThrownBy(() -> store.revoke(TENANT, null, at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.revoke(TENANT, "h", null));
        assertThatNullPointerException().isThrownBy(() -> store.revokeAll(null, "r", null, at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.revokeAll(TENANT, null, null, at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.revokeAll(TENANT, "r", null, null));
        assertThatNullPointerException().isThrownBy(() -> store.sweep(null));
    }

    @Test
    void revokeWhenManyThreadsRevokeTheSameTokenThenExactlyOneWins() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                AccessToken token = token(TENANT, "race-" + round, "reg_" + round, "j", 3600);
                store.insert(token);

                List<Boolean> results = race.run(t -> () -> store.revoke(TENANT, token.tokenHash(), at(t)));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                assertThat(store.findByHash(TENANT, token.tokenHash())
                                .orElseThrow()
                                .revokedAt())
                        .isEqualTo(at(results.indexOf(true)));
            }
        }
    }

    @Test
    void revokeAllWhenRacingSingleRevocationsThenEachTokenRevokedExactlyOnce() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                String registration = "reg_r" + round;
                for (int i = 0; i < 4; i++) {
                    store.insert(token(TENANT, registration + "-" + i, registration, "j", 3600));
                }
                int r = round;

                List<Integer> results = race.run(t -> () -> t == 0
                        ? store.revokeAll(TENANT, registration, null, at(1))
                        : (store.revoke(TENANT, StoreFixtures.hash(registration + "-" + (t % 4)), at(2)) ? 1 : 0));

                assertThat(results.stream().mapToInt(Integer::intValue).sum())
                        .as("round %d", r)
                        .isEqualTo(4);
            }
        }
    }
}
