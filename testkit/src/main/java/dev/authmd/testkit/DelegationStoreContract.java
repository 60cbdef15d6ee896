package dev.authmd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.spi.store.Delegation;
import dev.authmd.spi.store.DelegationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DelegationStore} must show: put-if-absent insert on {@code (tenant, iss, sub)}, find,
 * delete, lookup by user oldest first, tenant isolation, null handling, and exactly one winner when many threads link
 * the same pair.
 *
 * <p>Extend it once per implementation; JUnit runs every test against a fresh store:
 *
 * <pre>{@code
 * class JdbcDelegationStoreTest extends DelegationStoreContract {
 *     protected DelegationStore createStore() {
 *         return new JdbcDelegationStore(freshSchema());
 *     }
 * }
 * }</pre>
 *
 * <p>Time never comes from a clock: every instant is an explicit offset from {@link #baseTime()}. The concurrency test
 * runs {@value #ROUNDS} rounds of {@value #THREADS} threads released by one start gate.
 */
public abstract class DelegationStoreContract {

    /** Rounds each concurrency test runs. */
    protected static final int ROUNDS = 100;
    /** Threads racing in each round. */
    protected static final int THREADS = 16;

    private static final String TENANT = "tenant-a";
    private static final String OTHER_TENANT = "tenant-b";
    private static final String ISSUER = StoreFixtures.ISSUER;
    private static final String OTHER_ISSUER = "https://other-provider.example";

    private DelegationStore store;

    /** {@return a new, empty store; called before every test} */
    protected abstract DelegationStore createStore();

    /**
     * Releases what {@link #createStore()} made; called after every test. Does nothing by default.
     *
     * @param store the store the test used
     */
    protected void disposeStore(DelegationStore store) {}

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

    private Delegation link(String tenant, String issuer, String subject, String userId, long second) {
        return StoreFixtures.delegation(tenant, issuer, subject, userId, at(second));
    }

    private static List<String> subjects(List<Delegation> delegations) {
        List<String> subjects = new ArrayList<>();
        delegations.forEach(d -> subjects.add(d.issuer() + "|" + d.subject()));
        return subjects;
    }

    @Test
    void insertWhenNewThenTrueAndFindReturnsIt() {
        Delegation d = link(TENANT, ISSUER, "sub-1", "u1", 0);

        assertThat(store.insert(d)).isTrue();

        assertThat(store.find(TENANT, ISSUER, "sub-1")).contains(d);
    }

    @Test
    void insertWhenPairAlreadyLinkedThenFalseAndOriginalKept() {
        Delegation first = link(TENANT, ISSUER, "sub-1", "u1", 0);
        store.insert(first);

        assertThat(store.insert(link(TENANT, ISSUER, "sub-1", "u2", 5))).isFalse();

        assertThat(store.find(TENANT, ISSUER, "sub-1")).contains(first);
        assertThat(store.findByUser(TENANT, "u2")).isEmpty();
    }

    @Test
    void insertWhenSameSubjectOtherIssuerOrTenantThenIndependent() {
        Delegation a = link(TENANT, ISSUER, "sub-1", "u1", 0);
        Delegation otherIssuer = link(TENANT, OTHER_ISSUER, "sub-1", "u2", 0);
        Delegation otherTenant = link(OTHER_TENANT, ISSUER, "sub-1", "u3", 0);

        assertThat(store.insert(a)).isTrue();
        assertThat(store.insert(otherIssuer)).isTrue();
        assertThat(store.insert(otherTenant)).isTrue();

        assertThat(store.find(TENANT, ISSUER, "sub-1")).contains(a);
        assertThat(store.find(TENANT, OTHER_ISSUER, "sub-1")).contains(otherIssuer);
        assertThat(store.find(OTHER_TENANT, ISSUER, "sub-1")).contains(otherTenant);
    }

    @Test
    void insertWhenNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.insert(null));
    }

    @Test
    void findWhenUnknownThenEmpty() {
        store.insert(link(TENANT, ISSUER, "sub-1", "u1", 0));

        assertThat(store.find(TENANT, ISSUER, "sub-2")).isEmpty();
        assertThat(store.find(TENANT, OTHER_ISSUER, "sub-1")).isEmpty();
    }

    @Test
    void findWhenOnlyInOtherTenantThenEmpty() {
        store.insert(link(TENANT, ISSUER, "sub-1", "u1", 0));

        assertThat(store.find(OTHER_TENANT, ISSUER, "sub-1")).isEmpty();
    }

    @Test
    void findWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.find(null, ISSUER, "s"));
        assertThatNullPointerException().isThrownBy(() -> store.find(TENANT, null, "s"));
        assertThatNullPointerException().isThrownBy(() -> store.find(TENANT, ISSUER, null));
    }

    @Test
    void deleteWhenLinkedThenTrueAndGoneEverywhere() {
        store.insert(link(TENANT, ISSUER, "sub-1", "u1", 0));

        assertThat(store.delete(TENANT, ISSUER, "sub-1")).isTrue();

        assertThat(store.find(TENANT, ISSUER, "sub-1")).isEmpty();
        assertThat(store.findByUser(TENANT, "u1")).isEmpty();
    }

    @Test
    void deleteWhenAlreadyDeletedThenFalse() {
        store.insert(link(TENANT, ISSUER, "sub-1", "u1", 0));
        store.delete(TENANT, ISSUER, "sub-1");

        assertThat(store.delete(TENANT, ISSUER, "sub-1")).isFalse();
    }

    @Test
    void deleteWhenOnlyInOtherTenantThenFalseAndItIsKept() {
        Delegation d = link(TENANT, ISSUER, "sub-1", "u1", 0);
        store.insert(d);

        assertThat(store.delete(OTHER_TENANT, ISSUER, "sub-1")).isFalse();

        assertThat(store.find(TENANT, ISSUER, "sub-1")).contains(d);
    }

    @Test
    void insertWhenDeletedBeforeThenTrueWithNewValues() {
        store.insert(link(TENANT, ISSUER, "sub-1", "u1", 0));
        store.delete(TENANT, ISSUER, "sub-1");
        Delegation relinked = link(TENANT, ISSUER, "sub-1", "u2", 50);

        assertThat(store.insert(relinked)).isTrue();

        assertThat(store.find(TENANT, ISSUER, "sub-1")).contains(relinked);
        assertThat(store.findByUser(TENANT, "u1")).isEmpty();
        assertThat(store.findByUser(TENANT, "u2")).containsExactly(relinked);
    }

    @Test
    void deleteWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.delete(null, ISSUER, "s"));
        assertThatNullPointerException().isThrownBy(() -> store.delete(TENANT, null, "s"));
        assertThatNullPointerException().isThrownBy(() -> store.delete(TENANT, ISSUER, null));
    }

    @Test
    void findByUserWhenSeveralThenOldestFirstByCreatedAtThenIssuerThenSubject() {
        store.insert(link(TENANT, OTHER_ISSUER, "sub-a", "u1", 20));
        store.insert(link(TENANT, ISSUER, "sub-b", "u1", 20));
        store.insert(link(TENANT, ISSUER, "sub-a", "u1", 20));
        store.insert(link(TENANT, ISSUER, "sub-z", "u1", 10));

        // "https://other-provider…" sorts before "https://provider…"
        assertThat(subjects(store.findByUser(TENANT, "u1")))
                .containsExactly(ISSUER + "|sub-z", OTHER_ISSUER + "|sub-a", ISSUER + "|sub-a", ISSUER + "|sub-b");
    }

    @Test
    void findByUserWhenOtherUserOrTenantThenExcluded() {
        Delegation mine = link(TENANT, ISSUER, "sub-1", "u1", 0);
        store.insert(mine);
        store.insert(link(TENANT, ISSUER, "sub-2", "u10", 0));
        store.insert(link(TENANT, ISSUER, "sub-3", "u", 0));
        store.insert(link(OTHER_TENANT, ISSUER, "sub-1", "u1", 0));

        assertThat(store.findByUser(TENANT, "u1")).containsExactly(mine);
        assertThat(store.findByUser(OTHER_TENANT, "u1")).hasSize(1);
        assertThat(store.findByUser(TENANT, "u2")).isEmpty();
    }

    @Test
    void findByUserWhenResultChangedByCallerThenStoreUnaffected() {
        store.insert(link(TENANT, ISSUER, "sub-1", "u1", 0));

        List<Delegation> result = store.findByUser(TENANT, "u1");
        try {
            result.clear();
        } catch (UnsupportedOperationException expected) {
            // unmodifiable is fine too
        }

        assertThat(store.findByUser(TENANT, "u1")).hasSize(1);
    }

    @Test
    void findByUserWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.findByUser(null, "u1"));
        assertThatNullPointerException().isThrownBy(() -> store.findByUser(TENANT, null));
    }

    @Test
    void insertWhenManyThreadsLinkSamePairThenExactlyOneWins() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                String subject = "sub-" + round;
                List<Delegation> candidates = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    candidates.add(link(TENANT, ISSUER, subject, "u-" + round + "-" + t, 0));
                }

                List<Boolean> results = race.run(t -> () -> store.insert(candidates.get(t)));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                int w = results.indexOf(true);
                assertThat(store.find(TENANT, ISSUER, subject)).contains(candidates.get(w));
                for (int t = 0; t < THREADS; t++) {
                    assertThat(store.findByUser(TENANT, "u-" + round + "-" + t))
                            .as("user of thread %d", t)
                            .isEqualTo(t == w ? List.of(candidates.get(w)) : List.of());
                }
            }
        }
    }
}
