package dev.authmd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.spi.store.AttemptDecision;
import dev.authmd.spi.store.ClaimAttempt;
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationStore;
import dev.authmd.spi.store.RegistrationType;
import dev.authmd.spi.store.StoreException;
import dev.authmd.spi.store.WireProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RegistrationStore} must show: put-if-absent insert, compare-and-set update, keyed lookups
 * by id, claim token hash and <em>current</em> attempt token hash, ordered lookups by delegation and user, the expiry
 * query, tenant isolation, null handling, and exactly one winner under concurrent inserts and updates.
 *
 * <p>Extend it once per implementation; JUnit runs every test against a fresh store:
 *
 * <pre>{@code
 * class JdbcRegistrationStoreTest extends RegistrationStoreContract {
 *     protected RegistrationStore createStore() {
 *         return new JdbcRegistrationStore(freshSchema());
 *     }
 * }
 * }</pre>
 *
 * <p>Time never comes from a clock: every instant is an explicit offset from {@link #baseTime()}. Each concurrency test
 * runs {@value #ROUNDS} rounds of {@value #THREADS} threads released by one start gate.
 */
public abstract class RegistrationStoreContract {

    /** Rounds each concurrency test runs. */
    protected static final int ROUNDS = 100;
    /** Threads racing in each round. */
    protected static final int THREADS = 16;

    private static final String TENANT = "tenant-a";
    private static final String OTHER_TENANT = "tenant-b";
    private static final String ISSUER = StoreFixtures.ISSUER;
    private static final long DAY = 24 * 3600;

    private RegistrationStore store;

    /** {@return a new, empty store; called before every test} */
    protected abstract RegistrationStore createStore();

    /**
     * Releases what {@link #createStore()} made; called after every test. Does nothing by default.
     *
     * @param store the store the test used
     */
    protected void disposeStore(RegistrationStore store) {}

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

    private Registration.Builder reg(String tenant, String id) {
        return StoreFixtures.registration(tenant, id, baseTime());
    }

    private Registration stored(String tenant, String id) {
        Registration r = reg(tenant, id).build();
        assertThat(store.insert(r)).isTrue();
        return r;
    }

    private static ClaimState withAttempt(Registration r, String attemptId) {
        return r.claim().orElseThrow().withAttempt(StoreFixtures.attempt(attemptId));
    }

    private static List<String> ids(List<Registration> registrations) {
        List<String> ids = new ArrayList<>();
        registrations.forEach(r -> ids.add(r.id()));
        return ids;
    }

    // ---------------------------------------------------------------- insert and findById

    @Test
    void insertWhenIdIsNewThenTrueAndFindByIdReturnsIt() {
        Registration r = reg(TENANT, "reg-1").email("user@example.com").build();

        assertThat(store.insert(r)).isTrue();

        assertThat(store.findById(TENANT, "reg-1")).contains(r);
    }

    @Test
    void insertWhenProfileIsCurrentThenFindByIdReturnsItAndUpdateKeepsIt() {
        Registration r = reg(TENANT, "reg-1").profile(WireProfile.CURRENT).build();
        assertThat(store.insert(r)).isTrue();
        assertThat(store.findById(TENANT, "reg-1")).contains(r);

        Registration next =
                r.next().status(RegistrationStatus.REVOKED).endedAt(at(5)).build();
        assertThat(store.update(0, next)).isTrue();

        assertThat(store.findById(TENANT, "reg-1").orElseThrow().profile()).isEqualTo(WireProfile.CURRENT);
        assertThat(reg(TENANT, "reg-2").build().profile()).isEqualTo(WireProfile.V0_1);
    }

    @Test
    void updateWhenAttemptConfirmedThenDeniedThenEachDecisionRoundTrips() {
        Registration r = reg(TENANT, "reg-1")
                .profile(WireProfile.CURRENT)
                .claim(withAttempt(reg(TENANT, "reg-1").build(), "cla-1"))
                .build();
        assertThat(store.insert(r)).isTrue();
        assertThat(store.findById(TENANT, "reg-1")
                        .orElseThrow()
                        .claim()
                        .orElseThrow()
                        .attempt())
                .satisfies(a -> assertThat(a.decision()).isEqualTo(AttemptDecision.OPEN));

        ClaimState claim = r.claim().orElseThrow();
        ClaimAttempt confirmed = java.util.Objects.requireNonNull(claim.attempt())
                .confirmedBy("user-7", StoreFixtures.hash("code"), at(3600));
        Registration next = r.next().claim(claim.withAttempt(confirmed)).build();
        assertThat(store.update(0, next)).isTrue();
        assertThat(store.findById(TENANT, "reg-1")).contains(next);
        assertThat(store.findById(TENANT, "reg-1")
                        .orElseThrow()
                        .claim()
                        .orElseThrow()
                        .attempt())
                .satisfies(a -> {
                    assertThat(a.decision()).isEqualTo(AttemptDecision.CONFIRMED);
                    assertThat(a.confirmedUserId()).isEqualTo("user-7");
                });

        Registration denied = next.next()
                .claim(claim.withAttempt(
                        java.util.Objects.requireNonNull(claim.attempt()).denied()))
                .build();
        assertThat(store.update(1, denied)).isTrue();
        assertThat(store.findById(TENANT, "reg-1")).contains(denied);
    }

    @Test
    void insertWhenIdIsTakenThenFalseAndStoredRecordUnchanged() {
        Registration first = stored(TENANT, "reg-1");
        Registration second = reg(TENANT, "reg-1")
                .email("other@example.com")
                .claim(new ClaimState(StoreFixtures.hash("other"), at(DAY), null, 0))
                .build();

        assertThat(store.insert(second)).isFalse();

        assertThat(store.findById(TENANT, "reg-1")).contains(first);
        assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.hash("other")))
                .isEmpty();
    }

    @Test
    void insertWhenSameIdInOtherTenantThenTrueAndBothKept() {
        Registration a = stored(TENANT, "reg-1");
        Registration b = reg(OTHER_TENANT, "reg-1").email("b@example.com").build();

        assertThat(store.insert(b)).isTrue();

        assertThat(store.findById(TENANT, "reg-1")).contains(a);
        assertThat(store.findById(OTHER_TENANT, "reg-1")).contains(b);
    }

    @Test
    void insertWhenVersionIsNotZeroThenIllegalArgumentAndNothingStored() {
        Registration r = reg(TENANT, "reg-1").version(1).build();

        assertThatIllegalArgumentException().isThrownBy(() -> store.insert(r));

        assertThat(store.findById(TENANT, "reg-1")).isEmpty();
    }

    @Test
    void insertWhenClaimTokenHashBelongsToAnotherRegistrationThenStoreExceptionAndNothingStored() {
        Registration first = stored(TENANT, "reg-1");
        Registration clash =
                reg(TENANT, "reg-2").claim(first.claim().orElseThrow()).build();

        assertThatThrownBy(() -> store.insert(clash)).isInstanceOf(StoreException.class);

        assertThat(store.findById(TENANT, "reg-2")).isEmpty();
        assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.claimTokenHash("reg-1")))
                .contains(first);
    }

    @Test
    void insertWhenClaimTokenHashExistsInOtherTenantThenTrue() {
        stored(TENANT, "reg-1");
        Registration b = reg(OTHER_TENANT, "reg-2")
                .claim(new ClaimState(StoreFixtures.claimTokenHash("reg-1"), at(DAY), null, 0))
                .build();

        assertThat(store.insert(b)).isTrue();

        assertThat(store.findByClaimTokenHash(OTHER_TENANT, StoreFixtures.claimTokenHash("reg-1")))
                .contains(b);
    }

    @Test
    void insertWhenNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.insert(null));
    }

    @Test
    void findByIdWhenUnknownThenEmpty() {
        stored(TENANT, "reg-1");

        assertThat(store.findById(TENANT, "reg-2")).isEmpty();
    }

    @Test
    void findByIdWhenOnlyInOtherTenantThenEmpty() {
        stored(TENANT, "reg-1");

        assertThat(store.findById(OTHER_TENANT, "reg-1")).isEmpty();
    }

    @Test
    void findByIdWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.findById(null, "reg-1"));
        assertThatNullPointerException().isThrownBy(() -> store.findById(TENANT, null));
    }

    // ---------------------------------------------------------------- claim token hash

    @Test
    void findByClaimTokenHashWhenKnownThenRegistration() {
        Registration r = stored(TENANT, "reg-1");

        assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.claimTokenHash("reg-1")))
                .contains(r);
    }

    @Test
    void findByClaimTokenHashWhenUnknownThenEmpty() {
        stored(TENANT, "reg-1");

        assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.claimTokenHash("reg-2")))
                .isEmpty();
    }

    @Test
    void findByClaimTokenHashWhenOnlyInOtherTenantThenEmpty() {
        stored(TENANT, "reg-1");

        assertThat(store.findByClaimTokenHash(OTHER_TENANT, StoreFixtures.claimTokenHash("reg-1")))
                .isEmpty();
    }

    @Test
    void findByClaimTokenHashWhenUpdatedThenReturnsLatestVersion() {
        Registration r = stored(TENANT, "reg-1");
        Registration next = r.next().status(RegistrationStatus.PENDING_CLAIM).build();
        assertThat(store.update(0, next)).isTrue();

        assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.claimTokenHash("reg-1")))
                .contains(next);
    }

    @Test
    void findByClaimTokenHashWhenClaimStateRemovedThenEmpty() {
        Registration r = stored(TENANT, "reg-1");
        assertThat(store.update(
                        0,
                        r.next()
                                .claim(null)
                                .status(RegistrationStatus.REVOKED)
                                .endedAt(at(5))
                                .build()))
                .isTrue();

        assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.claimTokenHash("reg-1")))
                .isEmpty();
    }

    @Test
    void findByClaimTokenHashWhenClaimTokenReplacedThenOnlyNewHashFound() {
        Registration r = stored(TENANT, "reg-1");
        Registration next = r.next()
                .claim(new ClaimState(StoreFixtures.hash("new"), at(DAY), null, 0))
                .build();
        assertThat(store.update(0, next)).isTrue();

        assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.claimTokenHash("reg-1")))
                .isEmpty();
        assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.hash("new")))
                .contains(next);
    }

    @Test
    void findByClaimTokenHashWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.findByClaimTokenHash(null, "h"));
        assertThatNullPointerException().isThrownBy(() -> store.findByClaimTokenHash(TENANT, null));
    }

    // ---------------------------------------------------------------- attempt token hash

    @Test
    void findByAttemptTokenHashWhenCurrentAttemptThenRegistration() {
        Registration r = stored(TENANT, "reg-1");
        Registration pending = r.next()
                .status(RegistrationStatus.PENDING_CLAIM)
                .claim(withAttempt(r, "cla-1"))
                .build();
        assertThat(store.update(0, pending)).isTrue();

        assertThat(store.findByAttemptTokenHash(TENANT, StoreFixtures.attemptTokenHash("cla-1")))
                .contains(pending);
    }

    @Test
    void findByAttemptTokenHashWhenInsertedWithAttemptThenRegistration() {
        Registration r = reg(TENANT, "reg-1")
                .type(RegistrationType.EMAIL_VERIFICATION)
                .status(RegistrationStatus.PENDING_CLAIM)
                .build();
        Registration withAttempt = reg(TENANT, "reg-1")
                .type(RegistrationType.EMAIL_VERIFICATION)
                .status(RegistrationStatus.PENDING_CLAIM)
                .claim(withAttempt(r, "cla-1"))
                .build();

        assertThat(store.insert(withAttempt)).isTrue();

        assertThat(store.findByAttemptTokenHash(TENANT, StoreFixtures.attemptTokenHash("cla-1")))
                .contains(withAttempt);
    }

    @Test
    void findByAttemptTokenHashWhenAttemptReplacedThenOldHashNotFoundAndNewHashFound() {
        Registration r = stored(TENANT, "reg-1");
        Registration first = r.next()
                .status(RegistrationStatus.PENDING_CLAIM)
                .claim(withAttempt(r, "cla-1"))
                .build();
        assertThat(store.update(0, first)).isTrue();
        Registration second = first.next().claim(withAttempt(first, "cla-2")).build();

        assertThat(store.update(1, second)).isTrue();

        assertThat(store.findByAttemptTokenHash(TENANT, StoreFixtures.attemptTokenHash("cla-1")))
                .isEmpty();
        assertThat(store.findByAttemptTokenHash(TENANT, StoreFixtures.attemptTokenHash("cla-2")))
                .contains(second);
    }

    @Test
    void findByAttemptTokenHashWhenAttemptClearedThenEmpty() {
        Registration r = stored(TENANT, "reg-1");
        Registration pending = r.next()
                .status(RegistrationStatus.PENDING_CLAIM)
                .claim(withAttempt(r, "cla-1"))
                .build();
        assertThat(store.update(0, pending)).isTrue();
        Registration cleared = pending.next()
                .claim(pending.claim().orElseThrow().withAttempt(null))
                .build();

        assertThat(store.update(1, cleared)).isTrue();

        assertThat(store.findByAttemptTokenHash(TENANT, StoreFixtures.attemptTokenHash("cla-1")))
                .isEmpty();
        assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.claimTokenHash("reg-1")))
                .contains(cleared);
    }

    @Test
    void findByAttemptTokenHashWhenClaimStateRemovedThenNothingFound() {
        Registration r = stored(TENANT, "reg-1");
        Registration pending = r.next()
                .status(RegistrationStatus.PENDING_CLAIM)
                .claim(withAttempt(r, "cla-1"))
                .build();
        assertThat(store.update(0, pending)).isTrue();
        Registration claimed = pending.next()
                .status(RegistrationStatus.CLAIMED)
                .userId("u1")
                .claim(null)
                .build();

        assertThat(store.update(1, claimed)).isTrue();

        assertThat(store.findByAttemptTokenHash(TENANT, StoreFixtures.attemptTokenHash("cla-1")))
                .isEmpty();
        assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.claimTokenHash("reg-1")))
                .isEmpty();
        assertThat(store.findById(TENANT, "reg-1")).contains(claimed);
    }

    @Test
    void findByAttemptTokenHashWhenOnlyInOtherTenantThenEmpty() {
        Registration r = stored(TENANT, "reg-1");
        assertThat(store.update(0, r.next().claim(withAttempt(r, "cla-1")).build()))
                .isTrue();

        assertThat(store.findByAttemptTokenHash(OTHER_TENANT, StoreFixtures.attemptTokenHash("cla-1")))
                .isEmpty();
    }

    @Test
    void findByAttemptTokenHashWhenClaimTokenHashGivenThenEmpty() {
        stored(TENANT, "reg-1");

        assertThat(store.findByAttemptTokenHash(TENANT, StoreFixtures.claimTokenHash("reg-1")))
                .isEmpty();
    }

    @Test
    void findByAttemptTokenHashWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.findByAttemptTokenHash(null, "h"));
        assertThatNullPointerException().isThrownBy(() -> store.findByAttemptTokenHash(TENANT, null));
    }

    // ---------------------------------------------------------------- update

    @Test
    void updateWhenExpectedVersionMatchesThenTrueAndNextStored() {
        Registration r = stored(TENANT, "reg-1");
        Registration next =
                r.next().status(RegistrationStatus.CLAIMED).userId("u1").build();

        assertThat(store.update(0, next)).isTrue();

        assertThat(store.findById(TENANT, "reg-1")).contains(next);
        assertThat(next.version()).isEqualTo(1);
    }

    @Test
    void updateWhenChainedThenEachVersionWins() {
        Registration current = stored(TENANT, "reg-1");
        for (int i = 0; i < 5; i++) {
            Registration next = current.next().email("v" + i + "@example.com").build();
            assertThat(store.update(current.version(), next)).isTrue();
            current = next;
        }

        assertThat(store.findById(TENANT, "reg-1")).contains(current);
        assertThat(current.version()).isEqualTo(5);
    }

    @Test
    void updateWhenExpectedVersionIsStaleThenFalseAndNothingChanged() {
        Registration r = stored(TENANT, "reg-1");
        Registration winner = r.next()
                .status(RegistrationStatus.PENDING_CLAIM)
                .claim(withAttempt(r, "cla-1"))
                .build();
        assertThat(store.update(0, winner)).isTrue();
        Registration loser = r.next()
                .status(RegistrationStatus.CLAIMED)
                .userId("u1")
                .claim(withAttempt(r, "cla-2"))
                .build();

        assertThat(store.update(0, loser)).isFalse();

        assertThat(store.findById(TENANT, "reg-1")).contains(winner);
        assertThat(store.findByAttemptTokenHash(TENANT, StoreFixtures.attemptTokenHash("cla-2")))
                .isEmpty();
        assertThat(store.findByUser(TENANT, "u1")).isEmpty();
    }

    @Test
    void updateWhenExpectedVersionIsAheadThenFalseAndNothingChanged() {
        Registration r = stored(TENANT, "reg-1");
        Registration ahead = r.next().version(6).email("x@example.com").build();

        assertThat(store.update(5, ahead)).isFalse();

        assertThat(store.findById(TENANT, "reg-1")).contains(r);
    }

    @Test
    void updateWhenNextVersionIsNotExpectedPlusOneThenIllegalArgumentAndNothingChanged() {
        Registration r = stored(TENANT, "reg-1");
        Registration skipping = r.next().version(2).email("x@example.com").build();
        Registration same = r.next().version(0).email("x@example.com").build();

        assertThatIllegalArgumentException().isThrownBy(() -> store.update(0, skipping));
        assertThatIllegalArgumentException().isThrownBy(() -> store.update(0, same));

        assertThat(store.findById(TENANT, "reg-1")).contains(r);
    }

    @Test
    void updateWhenRecordMissingThenFalseAndNothingStored() {
        Registration ghost = reg(TENANT, "reg-1").version(1).build();

        assertThat(store.update(0, ghost)).isFalse();

        assertThat(store.findById(TENANT, "reg-1")).isEmpty();
        assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.claimTokenHash("reg-1")))
                .isEmpty();
    }

    @Test
    void updateWhenRecordOnlyInOtherTenantThenFalseAndItIsUnchanged() {
        Registration a = stored(TENANT, "reg-1");
        Registration inB = reg(OTHER_TENANT, "reg-1")
                .version(1)
                .status(RegistrationStatus.CLAIMED)
                .build();

        assertThat(store.update(0, inB)).isFalse();

        assertThat(store.findById(TENANT, "reg-1")).contains(a);
        assertThat(store.findById(OTHER_TENANT, "reg-1")).isEmpty();
    }

    @Test
    void updateWhenAttemptTokenHashBelongsToAnotherRegistrationThenStoreExceptionAndNothingChanged() {
        Registration one = stored(TENANT, "reg-1");
        Registration onePending = one.next().claim(withAttempt(one, "cla-1")).build();
        assertThat(store.update(0, onePending)).isTrue();
        Registration two = stored(TENANT, "reg-2");
        Registration clash = two.next()
                .claim(withAttempt(two, "cla-1"))
                .email("x@example.com")
                .build();

        assertThatThrownBy(() -> store.update(0, clash)).isInstanceOf(StoreException.class);

        assertThat(store.findById(TENANT, "reg-2")).contains(two);
        assertThat(store.findByAttemptTokenHash(TENANT, StoreFixtures.attemptTokenHash("cla-1")))
                .contains(onePending);
    }

    @Test
    void updateWhenClaimTokenHashBelongsToAnotherRegistrationThenStoreExceptionAndNothingChanged() {
        Registration one = stored(TENANT, "reg-1");
        Registration two = stored(TENANT, "reg-2");
        Registration clash = two.next().claim(one.claim().orElseThrow()).build();

        assertThatThrownBy(() -> store.update(0, clash)).isInstanceOf(StoreException.class);

        assertThat(store.findById(TENANT, "reg-2")).contains(two);
        assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.claimTokenHash("reg-1")))
                .contains(one);
        assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.claimTokenHash("reg-2")))
                .contains(two);
    }

    @Test
    void updateWhenNextNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.update(0, null));
    }

    // ---------------------------------------------------------------- findByDelegation

    @Test
    void findByDelegationWhenSeveralThenOldestFirstByCreatedAtThenId() {
        store.insert(reg(TENANT, "reg-c")
                .createdAt(at(10))
                .delegation(ISSUER, "sub-1")
                .build());
        store.insert(reg(TENANT, "reg-b")
                .createdAt(at(20))
                .delegation(ISSUER, "sub-1")
                .build());
        store.insert(reg(TENANT, "reg-a")
                .createdAt(at(20))
                .delegation(ISSUER, "sub-1")
                .build());
        store.insert(reg(TENANT, "reg-d")
                .createdAt(at(5))
                .delegation(ISSUER, "sub-1")
                .build());

        assertThat(ids(store.findByDelegation(TENANT, ISSUER, "sub-1")))
                .containsExactly("reg-d", "reg-c", "reg-a", "reg-b");
    }

    @Test
    void findByDelegationWhenAnyStatusThenIncluded() {
        Registration active = reg(TENANT, "reg-1")
                .type(RegistrationType.AGENT_PROVIDER)
                .status(RegistrationStatus.ACTIVE)
                .claim(null)
                .delegation(ISSUER, "sub-1")
                .build();
        store.insert(active);
        Registration revoked =
                active.next().status(RegistrationStatus.REVOKED).endedAt(at(5)).build();
        assertThat(store.update(0, revoked)).isTrue();
        Registration stepUp = reg(TENANT, "reg-2")
                .createdAt(at(1))
                .type(RegistrationType.ID_JAG_STEP_UP)
                .delegation(ISSUER, "sub-1")
                .build();
        store.insert(stepUp);

        assertThat(store.findByDelegation(TENANT, ISSUER, "sub-1")).containsExactly(revoked, stepUp);
    }

    @Test
    void findByDelegationWhenOtherSubjectIssuerOrTenantThenExcluded() {
        Registration mine = reg(TENANT, "reg-1").delegation(ISSUER, "sub-1").build();
        store.insert(mine);
        store.insert(reg(TENANT, "reg-2").delegation(ISSUER, "sub-2").build());
        store.insert(reg(TENANT, "reg-3")
                .delegation("https://other.example", "sub-1")
                .build());
        store.insert(reg(TENANT, "reg-4").delegation(ISSUER, "sub-10").build());
        store.insert(reg(TENANT, "reg-5").build());
        store.insert(reg(OTHER_TENANT, "reg-6").delegation(ISSUER, "sub-1").build());

        assertThat(store.findByDelegation(TENANT, ISSUER, "sub-1")).containsExactly(mine);
        assertThat(ids(store.findByDelegation(OTHER_TENANT, ISSUER, "sub-1"))).containsExactly("reg-6");
        assertThat(store.findByDelegation(TENANT, ISSUER, "sub-3")).isEmpty();
    }

    @Test
    void findByDelegationWhenUpdatedThenReturnsLatestVersionOnce() {
        Registration r = reg(TENANT, "reg-1").delegation(ISSUER, "sub-1").build();
        store.insert(r);
        Registration next =
                r.next().status(RegistrationStatus.CLAIMED).userId("u1").build();
        assertThat(store.update(0, next)).isTrue();

        assertThat(store.findByDelegation(TENANT, ISSUER, "sub-1")).containsExactly(next);
    }

    @Test
    void findByDelegationWhenResultChangedByCallerThenStoreUnaffected() {
        store.insert(reg(TENANT, "reg-1").delegation(ISSUER, "sub-1").build());

        List<Registration> result = store.findByDelegation(TENANT, ISSUER, "sub-1");
        tryToClear(result);

        assertThat(ids(store.findByDelegation(TENANT, ISSUER, "sub-1"))).containsExactly("reg-1");
    }

    @Test
    void findByDelegationWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.findByDelegation(null, ISSUER, "s"));
        assertThatNullPointerException().isThrownBy(() -> store.findByDelegation(TENANT, null, "s"));
        assertThatNullPointerException().isThrownBy(() -> store.findByDelegation(TENANT, ISSUER, null));
    }

    // ---------------------------------------------------------------- findByTenant

    @Test
    void findByTenantWhenPagedThenEveryRegistrationOnceInIdOrder() {
        for (String id : List.of("reg-d", "reg-b", "reg-e", "reg-a", "reg-c")) {
            stored(TENANT, id);
        }
        stored(OTHER_TENANT, "reg-0");

        List<Registration> first = store.findByTenant(TENANT, null, 2);
        List<Registration> second = store.findByTenant(TENANT, "reg-b", 2);
        List<Registration> last = store.findByTenant(TENANT, "reg-d", 2);

        assertThat(ids(first)).containsExactly("reg-a", "reg-b");
        assertThat(ids(second)).containsExactly("reg-c", "reg-d");
        assertThat(ids(last)).containsExactly("reg-e");
        assertThat(store.findByTenant(TENANT, "reg-e", 2)).isEmpty();
        assertThat(store.findByTenant("tenant-none", null, 2)).isEmpty();
    }

    @Test
    void findByTenantWhenUpdatedThenLatestVersionOnce() {
        Registration r = stored(TENANT, "reg-1");
        assertThat(store.update(
                        0,
                        r.next()
                                .status(RegistrationStatus.REVOKED)
                                .endedAt(at(5))
                                .build()))
                .isTrue();

        List<Registration> found = store.findByTenant(TENANT, null, 10);

        assertThat(found).hasSize(1);
        assertThat(found.get(0).status()).isEqualTo(RegistrationStatus.REVOKED);
    }

    @Test
    void findByTenantWhenLimitBelowOneOrTenantNullThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> store.findByTenant(TENANT, null, 0));
        assertThatNullPointerException().isThrownBy(() -> store.findByTenant(null, null, 1));
    }

    // ---------------------------------------------------------------- findByUser

    @Test
    void findByUserWhenSeveralThenOldestFirstByCreatedAtThenId() {
        store.insert(reg(TENANT, "reg-b").createdAt(at(30)).userId("u1").build());
        store.insert(reg(TENANT, "reg-a").createdAt(at(30)).userId("u1").build());
        store.insert(reg(TENANT, "reg-c").createdAt(at(10)).userId("u1").build());

        assertThat(ids(store.findByUser(TENANT, "u1"))).containsExactly("reg-c", "reg-a", "reg-b");
    }

    @Test
    void findByUserWhenClaimSetsOwnerThenFoundUnderThatUser() {
        Registration r = stored(TENANT, "reg-1");
        assertThat(store.findByUser(TENANT, "u1")).isEmpty();
        Registration claimed = r.next()
                .status(RegistrationStatus.CLAIMED)
                .userId("u1")
                .claim(null)
                .build();

        assertThat(store.update(0, claimed)).isTrue();

        assertThat(store.findByUser(TENANT, "u1")).containsExactly(claimed);
    }

    @Test
    void findByUserWhenOwnerChangesThenOnlyUnderNewOwner() {
        Registration r = reg(TENANT, "reg-1").userId("u1").build();
        store.insert(r);
        Registration moved = r.next().userId("u2").build();

        assertThat(store.update(0, moved)).isTrue();

        assertThat(store.findByUser(TENANT, "u1")).isEmpty();
        assertThat(store.findByUser(TENANT, "u2")).containsExactly(moved);
    }

    @Test
    void findByUserWhenOtherUserOrTenantThenExcluded() {
        Registration mine = reg(TENANT, "reg-1").userId("u1").build();
        store.insert(mine);
        store.insert(reg(TENANT, "reg-2").userId("u10").build());
        store.insert(reg(TENANT, "reg-3").userId("u").build());
        store.insert(reg(OTHER_TENANT, "reg-4").userId("u1").build());

        assertThat(store.findByUser(TENANT, "u1")).containsExactly(mine);
        assertThat(ids(store.findByUser(OTHER_TENANT, "u1"))).containsExactly("reg-4");
        assertThat(store.findByUser(TENANT, "u2")).isEmpty();
    }

    @Test
    void findByUserWhenResultChangedByCallerThenStoreUnaffected() {
        store.insert(reg(TENANT, "reg-1").userId("u1").build());

        tryToClear(store.findByUser(TENANT, "u1"));

        assertThat(ids(store.findByUser(TENANT, "u1"))).containsExactly("reg-1");
    }

    @Test
    void findByUserWhenArgumentNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.findByUser(null, "u1"));
        assertThatNullPointerException().isThrownBy(() -> store.findByUser(TENANT, null));
    }

    // ---------------------------------------------------------------- findDueForExpiry

    @Test
    void findDueForExpiryWhenClaimableAndExpiresAtOrBeforeNowThenReturned() {
        Registration past = reg(TENANT, "reg-past").expiresAt(at(50)).build();
        Registration exact = reg(TENANT, "reg-exact")
                .status(RegistrationStatus.PENDING_CLAIM)
                .expiresAt(at(100))
                .build();
        Registration future = reg(TENANT, "reg-future").expiresAt(at(101)).build();
        Registration never = reg(TENANT, "reg-never").expiresAt(null).build();
        List.of(past, exact, future, never)
                .forEach(r -> assertThat(store.insert(r)).isTrue());

        assertThat(store.findDueForExpiry(at(100), 10)).containsExactlyInAnyOrder(past, exact);
    }

    @Test
    void findDueForExpiryWhenStatusNotClaimableThenExcluded() {
        int i = 0;
        for (RegistrationStatus status : RegistrationStatus.values()) {
            store.insert(reg(TENANT, "reg-" + status.wireName())
                    .createdAt(at(i++))
                    .status(status)
                    .endedAt(status.isTerminal() ? at(5) : null)
                    .expiresAt(at(10))
                    .build());
        }

        assertThat(store.findDueForExpiry(at(100), 10))
                .extracting(Registration::status)
                .containsExactlyInAnyOrder(RegistrationStatus.UNCLAIMED, RegistrationStatus.PENDING_CLAIM);
    }

    @Test
    void findDueForExpiryWhenSeveralTenantsThenSpansThem() {
        Registration a = reg(TENANT, "reg-1").expiresAt(at(10)).build();
        Registration b = reg(OTHER_TENANT, "reg-1").expiresAt(at(20)).build();
        store.insert(a);
        store.insert(b);

        assertThat(store.findDueForExpiry(at(30), 10)).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void findDueForExpiryWhenMoreDueThanLimitThenReturnsLimitDistinctDueOnes() {
        for (int i = 0; i < 5; i++) {
            store.insert(reg(TENANT, "reg-" + i).expiresAt(at(i)).build());
        }
        store.insert(reg(TENANT, "reg-late").expiresAt(at(1000)).build());

        List<Registration> due = store.findDueForExpiry(at(10), 2);

        assertThat(due).hasSize(2).doesNotHaveDuplicates().allMatch(r -> r.isDueForExpiry(at(10)));
        assertThat(store.findDueForExpiry(at(10), 1)).hasSize(1);
        assertThat(store.findDueForExpiry(at(10), 100)).hasSize(5);
    }

    @Test
    void findDueForExpiryWhenExpiredByUpdateThenNoLongerReturned() {
        Registration r = reg(TENANT, "reg-1").expiresAt(at(10)).build();
        store.insert(r);
        Registration other = reg(TENANT, "reg-2").expiresAt(at(10)).build();
        store.insert(other);

        assertThat(store.update(
                        0,
                        r.next()
                                .status(RegistrationStatus.EXPIRED)
                                .endedAt(at(5))
                                .build()))
                .isTrue();

        assertThat(store.findDueForExpiry(at(20), 10)).containsExactly(other);
    }

    @Test
    void findDueForExpiryWhenExpiryMovedByUpdateThenFollowsIt() {
        Registration r = reg(TENANT, "reg-1").expiresAt(at(10)).build();
        store.insert(r);
        Registration extended = r.next().expiresAt(at(100)).build();

        assertThat(store.update(0, extended)).isTrue();

        assertThat(store.findDueForExpiry(at(20), 10)).isEmpty();
        assertThat(store.findDueForExpiry(at(100), 10)).containsExactly(extended);
    }

    @Test
    void findDueForExpiryWhenNothingDueThenEmpty() {
        store.insert(reg(TENANT, "reg-1").expiresAt(at(10)).build());

        assertThat(store.findDueForExpiry(at(9), 10)).isEmpty();
    }

    @Test
    void findDueForExpiryWhenResultChangedByCallerThenStoreUnaffected() {
        store.insert(reg(TENANT, "reg-1").expiresAt(at(10)).build());

        tryToClear(store.findDueForExpiry(at(10), 10));

        assertThat(ids(store.findDueForExpiry(at(10), 10))).containsExactly("reg-1");
    }

    @Test
    void findDueForExpiryWhenLimitBelowOneThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> store.findDueForExpiry(at(0), 0));
        assertThatIllegalArgumentException().isThrownBy(() -> store.findDueForExpiry(at(0), -1));
    }

    @Test
    void findDueForExpiryWhenNowNullThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> store.findDueForExpiry(null, 10));
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void insertWhenManyThreadsInsertSameIdThenExactlyOneWins() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                String id = "reg-" + round;
                List<Registration> candidates = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    candidates.add(
                            reg(TENANT, id).email("t" + t + "@example.com").build());
                }

                List<Boolean> results = race.run(t -> () -> store.insert(candidates.get(t)));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                Registration winner = candidates.get(results.indexOf(true));
                assertThat(store.findById(TENANT, id)).contains(winner);
                assertThat(store.findByClaimTokenHash(TENANT, StoreFixtures.claimTokenHash(id)))
                        .contains(winner);
            }
        }
    }

    @Test
    void updateWhenManyThreadsUpdateFromSameVersionThenExactlyOneWinsAndIsStored() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                String id = "reg-" + round;
                Registration current = stored(TENANT, id);
                List<Registration> candidates = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    candidates.add(current.next()
                            .status(RegistrationStatus.PENDING_CLAIM)
                            .userId("u-" + round + "-" + t)
                            .claim(withAttempt(current, "cla-" + round + "-" + t))
                            .build());
                }

                List<Boolean> results = race.run(t -> () -> store.update(0, candidates.get(t)));

                assertThat(results).as("round %d", round).containsOnlyOnce(true);
                int w = results.indexOf(true);
                Registration winner = candidates.get(w);
                assertThat(store.findById(TENANT, id)).contains(winner);
                for (int t = 0; t < THREADS; t++) {
                    Optional<Registration> byAttempt = store.findByAttemptTokenHash(
                            TENANT, StoreFixtures.attemptTokenHash("cla-" + round + "-" + t));
                    assertThat(byAttempt)
                            .as("attempt of thread %d", t)
                            .isEqualTo(t == w ? Optional.of(winner) : Optional.empty());
                    assertThat(store.findByUser(TENANT, "u-" + round + "-" + t))
                            .as("user of thread %d", t)
                            .isEqualTo(t == w ? List.of(winner) : List.of());
                }
            }
        }
    }

    @Test
    void findByAttemptTokenHashWhenAttemptsReplacedConcurrentlyThenOnlyEverReturnsTheHoldingState() throws Exception {
        int readers = 3;
        int steps = 20;
        try (Race race = new Race(readers + 1)) {
            for (int round = 0; round < ROUNDS; round++) {
                Registration start = stored(TENANT, "reg-" + round);
                List<String> attemptIds = new ArrayList<>();
                for (int i = 0; i < steps; i++) {
                    attemptIds.add("cla-" + round + "-" + i);
                }

                List<Boolean> consistent = race.run(t -> () -> {
                    if (t == 0) {
                        Registration current = start;
                        for (String attemptId : attemptIds) {
                            Registration next = current.next()
                                    .claim(withAttempt(current, attemptId))
                                    .build();
                            if (!store.update(current.version(), next)) {
                                return false;
                            }
                            current = next;
                        }
                        return true;
                    }
                    for (int i = 0; i < steps * 5; i++) {
                        String hash = StoreFixtures.attemptTokenHash(attemptIds.get((i * 7 + t) % steps));
                        Optional<Registration> found = store.findByAttemptTokenHash(TENANT, hash);
                        if (found.isPresent() && !hash.equals(currentAttemptHash(found.get()))) {
                            return false;
                        }
                    }
                    return true;
                });

                assertThat(consistent).as("round %d", round).containsOnly(true);
                for (int i = 0; i < steps; i++) {
                    String hash = StoreFixtures.attemptTokenHash(attemptIds.get(i));
                    assertThat(store.findByAttemptTokenHash(TENANT, hash).isPresent())
                            .as("attempt %d", i)
                            .isEqualTo(i == steps - 1);
                }
            }
        }
    }

    // ---------------------------------------------------------------- retention: findEndedBefore and delete

    private Registration ended(String tenant, String id, RegistrationStatus status, long endedAt) {
        Registration r = stored(tenant, id);
        Registration next = r.next().status(status).endedAt(at(endedAt)).build();
        assertThat(store.update(0, next)).isTrue();
        return next;
    }

    @Test
    void findEndedBeforeWhenEndedAtOrBeforeThenReturnedEarliestEndFirst() {
        Registration late = ended(TENANT, "reg-a", RegistrationStatus.REVOKED, 30);
        Registration early = ended(TENANT, "reg-b", RegistrationStatus.EXPIRED, 10);
        Registration exact = ended(TENANT, "reg-c", RegistrationStatus.REVOKED, 20);
        stored(TENANT, "reg-live");

        assertThat(store.findEndedBefore(TENANT, at(20), 10)).containsExactly(early, exact);
        assertThat(store.findEndedBefore(TENANT, at(100), 10)).containsExactly(early, exact, late);
        assertThat(store.findEndedBefore(TENANT, at(9), 10)).isEmpty();
    }

    @Test
    void findEndedBeforeWhenLimitThenAtMostLimitEarliestFirst() {
        for (int i = 0; i < 5; i++) {
            ended(TENANT, "reg-" + i, RegistrationStatus.REVOKED, 10 + i);
        }

        assertThat(ids(store.findEndedBefore(TENANT, at(100), 2))).containsExactly("reg-0", "reg-1");
    }

    @Test
    void findEndedBeforeWhenOtherTenantThenExcluded() {
        ended(OTHER_TENANT, "reg-1", RegistrationStatus.REVOKED, 10);

        assertThat(store.findEndedBefore(TENANT, at(100), 10)).isEmpty();
        assertThat(store.findEndedBefore("tenant-none", at(100), 10)).isEmpty();
        assertThat(store.findEndedBefore(OTHER_TENANT, at(100), 10)).hasSize(1);
    }

    @Test
    void findEndedBeforeWhenExpiredThenRevokedThenKeepsFirstEndOnce() {
        Registration expired = ended(TENANT, "reg-1", RegistrationStatus.EXPIRED, 10);
        Registration revoked = expired.next().status(RegistrationStatus.REVOKED).build();
        assertThat(store.update(expired.version(), revoked)).isTrue();

        assertThat(store.findEndedBefore(TENANT, at(10), 10)).containsExactly(revoked);
        assertThat(revoked.endedAt()).contains(at(10));
    }

    @Test
    void findEndedBeforeWhenEndMovedByUpdateThenFollowsIt() {
        Registration r = ended(TENANT, "reg-1", RegistrationStatus.REVOKED, 10);
        Registration moved = r.next().endedAt(at(50)).build();
        assertThat(store.update(r.version(), moved)).isTrue();

        assertThat(store.findEndedBefore(TENANT, at(20), 10)).isEmpty();
        assertThat(store.findEndedBefore(TENANT, at(50), 10)).containsExactly(moved);
    }

    @Test
    void findEndedBeforeWhenArgumentsInvalidThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> store.findEndedBefore(TENANT, at(1), 0));
        assertThatNullPointerException().isThrownBy(() -> store.findEndedBefore(null, at(1), 1));
        assertThatNullPointerException().isThrownBy(() -> store.findEndedBefore(TENANT, null, 1));
    }

    @Test
    void findEndedBeforeWhenResultChangedByCallerThenStoreUnaffected() {
        ended(TENANT, "reg-1", RegistrationStatus.REVOKED, 10);

        tryToClear(store.findEndedBefore(TENANT, at(100), 10));

        assertThat(store.findEndedBefore(TENANT, at(100), 10)).hasSize(1);
    }

    @Test
    void deleteWhenTerminalAndVersionMatchesThenGoneFromEveryLookup() {
        Registration r = reg(TENANT, "reg-1")
                .type(RegistrationType.AGENT_PROVIDER)
                .status(RegistrationStatus.ACTIVE)
                .userId("user-1")
                .delegation(ISSUER, "sub-1")
                .build();
        assertThat(store.insert(r)).isTrue();
        String claimHash = r.claim().map(ClaimState::claimTokenHash).orElse(null);
        Registration revoked =
                r.next().status(RegistrationStatus.REVOKED).endedAt(at(10)).build();
        assertThat(store.update(0, revoked)).isTrue();

        assertThat(store.delete(TENANT, "reg-1", revoked.version())).isTrue();

        assertThat(store.findById(TENANT, "reg-1")).isEmpty();
        assertThat(store.findByUser(TENANT, "user-1")).isEmpty();
        assertThat(store.findByDelegation(TENANT, ISSUER, "sub-1")).isEmpty();
        assertThat(store.findByTenant(TENANT, null, 10)).isEmpty();
        assertThat(store.findEndedBefore(TENANT, at(100), 10)).isEmpty();
        if (claimHash != null) {
            assertThat(store.findByClaimTokenHash(TENANT, claimHash)).isEmpty();
        }
        assertThat(store.delete(TENANT, "reg-1", revoked.version())).isFalse();
    }

    @Test
    void deleteWhenAttemptHeldThenItsHashIsFreeForAnother() {
        Registration r = stored(TENANT, "reg-1");
        Registration pending = r.next().claim(withAttempt(r, "cla-1")).build();
        assertThat(store.update(0, pending)).isTrue();
        Registration expired = pending.next()
                .status(RegistrationStatus.EXPIRED)
                .endedAt(at(10))
                .build();
        assertThat(store.update(1, expired)).isTrue();
        String attemptHash = StoreFixtures.attemptTokenHash("cla-1");

        assertThat(store.delete(TENANT, "reg-1", expired.version())).isTrue();

        assertThat(store.findByAttemptTokenHash(TENANT, attemptHash)).isEmpty();
    }

    @Test
    void deleteWhenNotTerminalThenFalseAndKept() {
        Registration r = stored(TENANT, "reg-1");

        assertThat(store.delete(TENANT, "reg-1", 0)).isFalse();

        assertThat(store.findById(TENANT, "reg-1")).contains(r);
    }

    @Test
    void deleteWhenVersionStaleThenFalseAndKept() {
        Registration revoked = ended(TENANT, "reg-1", RegistrationStatus.REVOKED, 10);

        assertThat(store.delete(TENANT, "reg-1", 0)).isFalse();
        assertThat(store.delete(TENANT, "reg-1", revoked.version() + 1)).isFalse();

        assertThat(store.findById(TENANT, "reg-1")).contains(revoked);
        assertThat(store.findEndedBefore(TENANT, at(100), 10)).containsExactly(revoked);
    }

    @Test
    void deleteWhenUnknownOrOtherTenantThenFalse() {
        Registration revoked = ended(TENANT, "reg-1", RegistrationStatus.REVOKED, 10);

        assertThat(store.delete(TENANT, "reg-none", 1)).isFalse();
        assertThat(store.delete(OTHER_TENANT, "reg-1", revoked.version())).isFalse();
        assertThat(store.findById(TENANT, "reg-1")).contains(revoked);
    }

    @Test
    void deleteWhenArgumentsNullThenRefused() {
        assertThatNullPointerException().isThrownBy(() -> store.delete(null, "reg-1", 0));
        assertThatNullPointerException().isThrownBy(() -> store.delete(TENANT, null, 0));
    }

    @Test
    void deleteWhenRacingDeletesAndUpdateThenExactlyOneWins() throws Exception {
        try (Race race = new Race(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                Registration revoked = ended(TENANT, "reg-" + round, RegistrationStatus.REVOKED, 10);
                long version = revoked.version();

                List<Boolean> won = race.run(t -> () -> t % 2 == 0
                        ? store.delete(TENANT, revoked.id(), version)
                        : store.update(version, revoked.next().endedAt(at(20)).build()));

                assertThat(won).as("round %d", round).containsOnlyOnce(true);
                boolean deleted = store.findById(TENANT, revoked.id()).isEmpty();
                assertThat(deleted).isEqualTo(won.indexOf(true) % 2 == 0);
                assertThat(store.findEndedBefore(TENANT, at(100), ROUNDS + 1).stream()
                                .filter(r -> r.id().equals(revoked.id())))
                        .hasSize(deleted ? 0 : 1);
            }
        }
    }

    private static String currentAttemptHash(Registration r) {
        return r.claim().map(ClaimState::attempt).map(ClaimAttempt::tokenHash).orElse(null);
    }

    private static void tryToClear(List<Registration> result) {
        try {
            result.clear();
        } catch (UnsupportedOperationException expected) {
            // unmodifiable is fine too
        }
    }
}
