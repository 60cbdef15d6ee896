package dev.authmd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.spi.store.AssertionState;
import dev.authmd.spi.store.IssuedAssertion;
import dev.authmd.spi.store.IssuedAssertionStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link IssuedAssertionStore} must show: a record per {@code (tenant, jti)}, first insert wins;
 * retiring is one-way (active → superseded or revoked) and decided once; retiring by registration touches only that
 * registration's active records in that tenant; the sweep removes exactly the expired records; null and out-of-range
 * arguments are refused with nothing changed; and among many threads retiring or inserting the same record, exactly one
 * wins.
 *
 * <p>Extend it once per implementation; JUnit runs every test against a fresh store. Time never comes from a clock:
 * every instant is an offset from {@link #baseTime()}. Each concurrency test runs {@value #ROUNDS} rounds of
 * {@value #THREADS} threads released by one start gate.
 */
public abstract class IssuedAssertionStoreContract {

    /** Rounds each concurrency test runs. */
    protected static final int ROUNDS = 100;
    /** Threads racing in each round. */
    protected static final int THREADS = 32;

    private static final String TENANT = "t1";

    private IssuedAssertionStore store;

    /** {@return a new, empty store; called before every test} */
    protected abstract IssuedAssertionStore createStore();

    /**
     * Releases what {@link #createStore()} made; called after every test. Does nothing by default.
     *
     * @param store the store the test used
     */
    protected void disposeStore(IssuedAssertionStore store) {}

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

    private IssuedAssertion record(String tenantId, String jti, String registrationId, long expiresIn) {
        return IssuedAssertion.active(tenantId, jti, registrationId, at(0), at(expiresIn));
    }

    @Test
    void insertWhenNewThenTrueAndFoundAsStored() {
        IssuedAssertion record = record(TENANT, "j1", "reg_1", 3600);

        assertThat(store.insert(record)).isTrue();

        assertThat(store.find(TENANT, "j1")).contains(record);
    }

    @Test
    void insertWhenJtiAlreadyRecordedThenFalseAndTheFirstStays() {
        IssuedAssertion first = record(TENANT, "j1", "reg_1", 3600);
        store.insert(first);

        assertThat(store.insert(record(TENANT, "j1", "reg_2", 60))).isFalse();

        assertThat(store.find(TENANT, "j1")).contains(first);
    }

    @Test
    void insertWhenSameJtiInAnotherTenantThenIndependent() {
        store.insert(record(TENANT, "j1", "reg_1", 3600));

        assertThat(store.insert(record("t2", "j1", "reg_9", 3600))).isTrue();
        assertThat(store.find("t2", "j1")).map(IssuedAssertion::registrationId).contains("reg_9");
        assertThat(store.find(TENANT, "j1"))
                .map(IssuedAssertion::registrationId)
                .contains("reg_1");
    }

    @Test
    void insertWhenNotActiveThenIllegalArgumentAndNothingStored() {
        IssuedAssertion revoked =
                new IssuedAssertion(TENANT, "j1", "reg_1", at(0), at(60), AssertionState.REVOKED, at(1));

        assertThatIllegalArgumentException().isThrownBy(() -> store.insert(revoked));

        assertThat(store.find(TENANT, "j1")).isEmpty();
    }

    @Test
    void findWhenAbsentThenEmpty() {
        assertThat(store.find(TENANT, "nope")).isEmpty();
    }

    @Test
    void retireWhenActiveThenTrueAndStateAndInstantRecorded() {
        store.insert(record(TENANT, "j1", "reg_1", 3600));

        assertThat(store.retire(TENANT, "j1", AssertionState.REVOKED, at(30))).isTrue();

        IssuedAssertion retired = store.find(TENANT, "j1").orElseThrow();
        assertThat(retired.state()).isEqualTo(AssertionState.REVOKED);
        assertThat(retired.retiredAt()).isEqualTo(at(30));
        assertThat(retired.isExchangeableAt(at(31))).isFalse();
    }

    @Test
    void retireWhenAlreadyRetiredThenFalseAndTheFirstRetirementStays() {
        store.insert(record(TENANT, "j1", "reg_1", 3600));
        store.retire(TENANT, "j1", AssertionState.SUPERSEDED, at(10));

        assertThat(store.retire(TENANT, "j1", AssertionState.REVOKED, at(20))).isFalse();

        IssuedAssertion stays = store.find(TENANT, "j1").orElseThrow();
        assertThat(stays.state()).isEqualTo(AssertionState.SUPERSEDED);
        assertThat(stays.retiredAt()).isEqualTo(at(10));
    }

    @Test
    void retireWhenAbsentOrInAnotherTenantThenFalse() {
        store.insert(record(TENANT, "j1", "reg_1", 3600));

        assertThat(store.retire(TENANT, "nope", AssertionState.REVOKED, at(1))).isFalse();
        assertThat(store.retire("t2", "j1", AssertionState.REVOKED, at(1))).isFalse();
        assertThat(store.find(TENANT, "j1").orElseThrow().state()).isEqualTo(AssertionState.ACTIVE);
    }

    @Test
    void retireWhenNextIsActiveThenIllegalArgumentAndNothingChanged() {
        store.insert(record(TENANT, "j1", "reg_1", 3600));

        assertThatIllegalArgumentException().isThrownBy(() -> store.retire(TENANT, "j1", AssertionState.ACTIVE, at(1)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store.retireByRegistration(TENANT, "reg_1", AssertionState.ACTIVE, at(1)));

        assertThat(store.find(TENANT, "j1").orElseThrow().state()).isEqualTo(AssertionState.ACTIVE);
    }

    @Test
    void retireByRegistrationWhenSomeActiveThenOnlyThoseOfThatRegistrationAndTenantRetired() {
        store.insert(record(TENANT, "a1", "reg_a", 3600));
        store.insert(record(TENANT, "a2", "reg_a", 3600));
        store.insert(record(TENANT, "a3", "reg_a", 3600));
        store.retire(TENANT, "a3", AssertionState.REVOKED, at(5));
        store.insert(record(TENANT, "b1", "reg_b", 3600));
        store.insert(record("t2", "c1", "reg_a", 3600));

        assertThat(store.retireByRegistration(TENANT, "reg_a", AssertionState.SUPERSEDED, at(10)))
                .isEqualTo(2);

        assertThat(store.find(TENANT, "a1").orElseThrow().state()).isEqualTo(AssertionState.SUPERSEDED);
        assertThat(store.find(TENANT, "a2").orElseThrow().retiredAt()).isEqualTo(at(10));
        assertThat(store.find(TENANT, "a3").orElseThrow().state()).isEqualTo(AssertionState.REVOKED);
        assertThat(store.find(TENANT, "b1").orElseThrow().state()).isEqualTo(AssertionState.ACTIVE);
        assertThat(store.find("t2", "c1").orElseThrow().state()).isEqualTo(AssertionState.ACTIVE);
        assertThat(store.retireByRegistration(TENANT, "reg_a", AssertionState.REVOKED, at(20)))
                .isZero();
    }

    @Test
    void retireByRegistrationWhenNoneThenZero() {
        assertThat(store.retireByRegistration(TENANT, "reg_none", AssertionState.REVOKED, at(0)))
                .isZero();
    }

    @Test
    void sweepWhenSomeExpiredAtOrBeforeNowThenRemovesOnlyThoseInAnyStateAndCountsThem() {
        store.insert(record(TENANT, "early", "reg_1", 10));
        store.insert(record(TENANT, "exact", "reg_1", 50));
        store.retire(TENANT, "exact", AssertionState.REVOKED, at(5));
        store.insert(record(TENANT, "late", "reg_1", 51));

        assertThat(store.sweep(at(50))).isEqualTo(2);

        assertThat(store.find(TENANT, "early")).isEmpty();
        assertThat(store.find(TENANT, "exact")).isEmpty();
        assertThat(store.find(TENANT, "late")).isPresent();
        assertThat(store.sweep(at(50))).isZero();
        assertThat(store.retireByRegistration(TENANT, "reg_1", AssertionState.REVOKED, at(50)))
                .isEqualTo(1);
    }

    @Test
    void sweepWhenARecordWasSweptThenItsJtiMayBeRecordedAgain() {
        store.insert(record(TENANT, "j1", "reg_1", 10));
        store.sweep(at(10));

        assertThat(store.insert(record(TENANT, "j1", "reg_2", 100))).isTrue();
    }

    @Test
    void methodsWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.insert(null));
        assertThatNullPointerException().isThrownBy(() -> store.find(null, "j1"));
        assertThatNullPointerException().isThrownBy(() -> store.find(TENANT, null));
        assertThatNullPointerException().isThrownBy(() -> store.retire(null, "j1", AssertionState.REVOKED, at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.retire(TENANT, null, AssertionState.REVOKED, at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.retire(TENANT, "j1", null, at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.retire(TENANT, "j1", AssertionState.REVOKED, null));
        assertThatNullPointerException()
                .isThrownBy(() -> store.retireByRegistration(TENANT, null, AssertionState.REVOKED, at(0)));
        assertThatNullPointerException().isThrownBy(() -> store.sweep(null));
    }

    @Test
    void retireWhenManyThreadsRetireTheSameRecordThenExactlyOneWins() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                String jti = "race-" + round;
                store.insert(record(TENANT, jti, "reg_" + round, 3600));

                List<Boolean> results = race.run(t -> () -> store.retire(
                        TENANT, jti, t % 2 == 0 ? AssertionState.REVOKED : AssertionState.SUPERSEDED, at(t)));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                int winner = results.indexOf(true);
                IssuedAssertion retired = store.find(TENANT, jti).orElseThrow();
                assertThat(retired.retiredAt()).isEqualTo(at(winner));
                assertThat(retired.state())
                        .isEqualTo(winner % 2 == 0 ? AssertionState.REVOKED : AssertionState.SUPERSEDED);
            }
        }
    }

    @Test
    void insertWhenManyThreadsInsertTheSameJtiThenExactlyOneWins() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                String jti = "ins-" + round;

                List<Boolean> results = race.run(t -> () -> store.insert(record(TENANT, jti, "reg_" + t, 3600)));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                assertThat(store.find(TENANT, jti).orElseThrow().registrationId())
                        .isEqualTo("reg_" + results.indexOf(true));
            }
        }
    }

    @Test
    void retireByRegistrationWhenRacingSingleRetirementsThenEachRecordRetiredExactlyOnce() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                String registration = "reg_r" + round;
                for (int i = 0; i < 4; i++) {
                    store.insert(record(TENANT, registration + "-" + i, registration, 3600));
                }
                int r = round;

                List<Integer> results = race.run(t -> () -> t == 0
                        ? store.retireByRegistration(TENANT, registration, AssertionState.REVOKED, at(1))
                        : (store.retire(TENANT, registration + "-" + (t % 4), AssertionState.SUPERSEDED, at(2))
                                ? 1
                                : 0));

                assertThat(results.stream().mapToInt(Integer::intValue).sum())
                        .as("round %d", r)
                        .isEqualTo(4);
                assertThat(store.retireByRegistration(TENANT, registration, AssertionState.REVOKED, at(3)))
                        .isZero();
            }
        }
    }
}
