package dev.authmd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.spi.store.RefreshToken;
import dev.authmd.spi.store.RefreshTokenState;
import dev.authmd.spi.store.RefreshTokenStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RefreshTokenStore} must show: a token per {@code (tenant, hash)}, first insert wins; a
 * rotation spends the active token and stores its successor in one step, once; a spent or revoked token never rotates
 * again; revoking a registration revokes every token of its families; the sweep removes exactly the expired tokens; bad
 * arguments are refused with nothing changed; and under races exactly one rotation wins and no active token outlives a
 * revocation.
 *
 * <p>Extend it once per implementation; JUnit runs every test against a fresh store. Every instant is an offset from
 * {@link #baseTime()}. Each concurrency test runs {@value #ROUNDS} rounds of {@value #THREADS} threads released by one
 * start gate.
 */
public abstract class RefreshTokenStoreContract {

    /** Rounds each concurrency test runs. */
    protected static final int ROUNDS = 100;
    /** Threads racing in each round. */
    protected static final int THREADS = 32;

    private static final String TENANT = "t1";

    private RefreshTokenStore store;

    /** {@return a new, empty store; called before every test} */
    protected abstract RefreshTokenStore createStore();

    /**
     * Releases what {@link #createStore()} made; called after every test. Does nothing by default.
     *
     * @param store the store the test used
     */
    protected void disposeStore(RefreshTokenStore store) {}

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

    private RefreshToken first(String tenantId, String hash, String registrationId, long expiresIn) {
        return RefreshToken.active(tenantId, hash, "fam-" + registrationId, registrationId, 0, at(0), at(expiresIn));
    }

    private RefreshToken next(RefreshToken spent, String hash, long issuedAt) {
        return RefreshToken.active(
                spent.tenantId(),
                hash,
                spent.familyId(),
                spent.registrationId(),
                spent.generation() + 1,
                at(issuedAt),
                at(issuedAt + 3600));
    }

    @Test
    void insertWhenNewThenTrueAndFoundAsStored() {
        RefreshToken token = first(TENANT, StoreFixtures.hash("rt1"), "reg_1", 3600);

        assertThat(store.insert(token)).isTrue();

        assertThat(store.findByHash(TENANT, token.tokenHash())).contains(token);
    }

    @Test
    void insertWhenHashTakenThenFalseAndTheFirstStays() {
        RefreshToken token = first(TENANT, StoreFixtures.hash("rt1"), "reg_1", 3600);
        store.insert(token);

        assertThat(store.insert(first(TENANT, token.tokenHash(), "reg_2", 60))).isFalse();

        assertThat(store.findByHash(TENANT, token.tokenHash())).contains(token);
    }

    @Test
    void insertWhenSameHashInAnotherTenantThenIndependent() {
        store.insert(first(TENANT, StoreFixtures.hash("rt1"), "reg_1", 3600));

        assertThat(store.insert(first("t2", StoreFixtures.hash("rt1"), "reg_9", 3600)))
                .isTrue();
        assertThat(store.findByHash("t2", StoreFixtures.hash("rt1"))
                        .orElseThrow()
                        .registrationId())
                .isEqualTo("reg_9");
    }

    @Test
    void insertWhenNotActiveThenIllegalArgumentAndNothingStored() {
        RefreshToken revoked = new RefreshToken(
                TENANT,
                StoreFixtures.hash("rt1"),
                "f",
                "reg_1",
                0,
                at(0),
                at(60),
                RefreshTokenState.REVOKED,
                null,
                null);

        assertThatIllegalArgumentException().isThrownBy(() -> store.insert(revoked));

        assertThat(store.findByHash(TENANT, revoked.tokenHash())).isEmpty();
    }

    @Test
    void rotateWhenActiveThenSpentPointsAtTheSuccessorWhichIsActive() {
        RefreshToken token = first(TENANT, StoreFixtures.hash("rt1"), "reg_1", 3600);
        store.insert(token);
        RefreshToken successor = next(token, StoreFixtures.hash("rt2"), 100);

        assertThat(store.rotate(TENANT, token.tokenHash(), successor, at(100))).isTrue();

        RefreshToken spent = store.findByHash(TENANT, token.tokenHash()).orElseThrow();
        assertThat(spent.state()).isEqualTo(RefreshTokenState.SPENT);
        assertThat(spent.spentAt()).isEqualTo(at(100));
        assertThat(spent.successorHash()).isEqualTo(successor.tokenHash());
        assertThat(store.findByHash(TENANT, successor.tokenHash())).contains(successor);
    }

    @Test
    void rotateWhenAlreadySpentThenFalseAndNoSecondSuccessor() {
        RefreshToken token = first(TENANT, StoreFixtures.hash("rt1"), "reg_1", 3600);
        store.insert(token);
        store.rotate(TENANT, token.tokenHash(), next(token, StoreFixtures.hash("rt2"), 100), at(100));

        assertThat(store.rotate(TENANT, token.tokenHash(), next(token, StoreFixtures.hash("rt3"), 200), at(200)))
                .isFalse();

        assertThat(store.findByHash(TENANT, StoreFixtures.hash("rt3"))).isEmpty();
        assertThat(store.findByHash(TENANT, token.tokenHash()).orElseThrow().successorHash())
                .isEqualTo(StoreFixtures.hash("rt2"));
    }

    @Test
    void rotateWhenAbsentOrInAnotherTenantThenFalse() {
        RefreshToken token = first(TENANT, StoreFixtures.hash("rt1"), "reg_1", 3600);
        store.insert(token);

        assertThat(store.rotate(TENANT, StoreFixtures.hash("nope"), next(token, StoreFixtures.hash("rt2"), 1), at(1)))
                .isFalse();
        RefreshToken otherTenant =
                RefreshToken.active("t2", StoreFixtures.hash("rt2"), token.familyId(), "reg_1", 1, at(1), at(3601));
        assertThat(store.rotate("t2", token.tokenHash(), otherTenant, at(1))).isFalse();
        assertThat(store.findByHash(TENANT, token.tokenHash()).orElseThrow().state())
                .isEqualTo(RefreshTokenState.ACTIVE);
    }

    @Test
    void rotateWhenTheSuccessorDoesNotContinueTheFamilyThenIllegalArgumentAndNothingChanged() {
        RefreshToken token = first(TENANT, StoreFixtures.hash("rt1"), "reg_1", 3600);
        store.insert(token);
        String hash = StoreFixtures.hash("rt2");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> store.rotate(
                        TENANT,
                        token.tokenHash(),
                        RefreshToken.active(TENANT, hash, "other-family", "reg_1", 1, at(1), at(3601)),
                        at(1)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store.rotate(
                        TENANT,
                        token.tokenHash(),
                        RefreshToken.active(TENANT, hash, token.familyId(), "reg_1", 5, at(1), at(3601)),
                        at(1)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store.rotate(
                        TENANT,
                        token.tokenHash(),
                        new RefreshToken(
                                TENANT,
                                hash,
                                token.familyId(),
                                "reg_1",
                                1,
                                at(1),
                                at(3601),
                                RefreshTokenState.REVOKED,
                                null,
                                null),
                        at(1)));

        assertThat(store.findByHash(TENANT, hash)).isEmpty();
        assertThat(store.findByHash(TENANT, token.tokenHash()).orElseThrow().state())
                .isEqualTo(RefreshTokenState.ACTIVE);
    }

    @Test
    void rotateWhenTheSuccessorHashIsTakenThenFalseAndTheTokenStaysActive() {
        RefreshToken token = first(TENANT, StoreFixtures.hash("rt1"), "reg_1", 3600);
        store.insert(token);
        store.insert(first(TENANT, StoreFixtures.hash("taken"), "reg_2", 3600));

        assertThat(store.rotate(TENANT, token.tokenHash(), next(token, StoreFixtures.hash("taken"), 1), at(1)))
                .isFalse();

        assertThat(store.findByHash(TENANT, token.tokenHash()).orElseThrow().state())
                .isEqualTo(RefreshTokenState.ACTIVE);
        assertThat(store.findByHash(TENANT, StoreFixtures.hash("taken"))
                        .orElseThrow()
                        .registrationId())
                .isEqualTo("reg_2");
    }

    @Test
    void revokeByRegistrationWhenTokensActiveAndSpentThenAllOfThatRegistrationRevokedOnly() {
        RefreshToken token = first(TENANT, StoreFixtures.hash("rt1"), "reg_1", 3600);
        store.insert(token);
        store.rotate(TENANT, token.tokenHash(), next(token, StoreFixtures.hash("rt2"), 10), at(10));
        store.insert(first(TENANT, StoreFixtures.hash("other"), "reg_2", 3600));
        store.insert(first("t2", StoreFixtures.hash("rt9"), "reg_1", 3600));

        assertThat(store.revokeByRegistration(TENANT, "reg_1", at(20))).isEqualTo(2);

        assertThat(store.findByHash(TENANT, StoreFixtures.hash("rt1"))
                        .orElseThrow()
                        .state())
                .isEqualTo(RefreshTokenState.REVOKED);
        assertThat(store.findByHash(TENANT, StoreFixtures.hash("rt2"))
                        .orElseThrow()
                        .state())
                .isEqualTo(RefreshTokenState.REVOKED);
        assertThat(store.findByHash(TENANT, StoreFixtures.hash("other"))
                        .orElseThrow()
                        .state())
                .isEqualTo(RefreshTokenState.ACTIVE);
        assertThat(store.findByHash("t2", StoreFixtures.hash("rt9"))
                        .orElseThrow()
                        .state())
                .isEqualTo(RefreshTokenState.ACTIVE);
        assertThat(store.revokeByRegistration(TENANT, "reg_1", at(30))).isZero();
        assertThat(store.rotate(TENANT, StoreFixtures.hash("rt2"), next(token, StoreFixtures.hash("rt3"), 40), at(40)))
                .isFalse();
    }

    @Test
    void sweepWhenSomeExpiredAtOrBeforeNowThenRemovesOnlyThoseInAnyStateAndCountsThem() {
        store.insert(first(TENANT, StoreFixtures.hash("early"), "reg_1", 10));
        store.insert(first(TENANT, StoreFixtures.hash("exact"), "reg_2", 50));
        store.revokeByRegistration(TENANT, "reg_2", at(5));
        store.insert(first(TENANT, StoreFixtures.hash("late"), "reg_3", 51));

        assertThat(store.sweep(at(50))).isEqualTo(2);

        assertThat(store.findByHash(TENANT, StoreFixtures.hash("early"))).isEmpty();
        assertThat(store.findByHash(TENANT, StoreFixtures.hash("exact"))).isEmpty();
        assertThat(store.findByHash(TENANT, StoreFixtures.hash("late"))).isPresent();
        assertThat(store.sweep(at(50))).isZero();
    }

    @Test
    void methodsWhenArgumentNullThenNullPointer() {
        RefreshToken token = first(TENANT, StoreFixtures.hash("rt1"), "reg_1", 3600);
        assertThatNullPointerException().isThrownBy(() -> store.insert(null));
        assertThatNullPointerException().isThrownBy(() -> store.findByHash(null, "h"));
        assertThatNullPointerException().isThrownBy(() -> store.findByHash(TENANT, null));
        assertThatNullPointerException().isThrownBy(() -> store.rotate(null, "h", token, at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.rotate(TENANT, null, token, at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.rotate(TENANT, "h", null, at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.rotate(TENANT, "h", token, null));
        assertThatNullPointerException().isThrownBy(() -> store.revokeByRegistration(TENANT, null, at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.sweep(null));
    }

    @Test
    void rotateWhenManyThreadsSpendTheSameTokenThenExactlyOneSuccessor() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                RefreshToken token = first(TENANT, StoreFixtures.hash("race-" + round), "reg_" + round, 3600);
                store.insert(token);

                List<Boolean> results = race.run(t -> () -> store.rotate(
                        TENANT, token.tokenHash(), next(token, StoreFixtures.hash("succ-" + t), 1), at(1)));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                int winner = results.indexOf(true);
                assertThat(store.findByHash(TENANT, token.tokenHash())
                                .orElseThrow()
                                .successorHash())
                        .isEqualTo(StoreFixtures.hash("succ-" + winner));
                for (int t = 0; t < THREADS; t++) {
                    assertThat(store.findByHash(TENANT, StoreFixtures.hash("succ-" + t))
                                    .isPresent())
                            .as("round %d, successor of thread %d stored", round, t)
                            .isEqualTo(t == winner);
                }
                store.revokeByRegistration(TENANT, "reg_" + round, at(2));
                store.sweep(at(4000));
            }
        }
    }

    @Test
    void rotateWhenRacingARevocationThenNoActiveTokenSurvivesIt() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                String registration = "reg_rv" + round;
                RefreshToken token = first(TENANT, StoreFixtures.hash("rv-" + round), registration, 3600);
                store.insert(token);
                int r = round;

                race.run(t -> () -> t == 0
                        ? store.revokeByRegistration(TENANT, registration, at(1)) > 0
                        : store.rotate(
                                TENANT,
                                token.tokenHash(),
                                next(token, StoreFixtures.hash("rv-" + r + "-" + t), 1),
                                at(1)));

                for (int t = 1; t < THREADS; t++) {
                    store.findByHash(TENANT, StoreFixtures.hash("rv-" + r + "-" + t))
                            .ifPresent(successor -> assertThat(successor.state())
                                    .as("round %d: a successor outlived the revocation", r)
                                    .isEqualTo(RefreshTokenState.REVOKED));
                }
                assertThat(store.findByHash(TENANT, token.tokenHash())
                                .orElseThrow()
                                .state())
                        .isEqualTo(RefreshTokenState.REVOKED);
            }
        }
    }
}
