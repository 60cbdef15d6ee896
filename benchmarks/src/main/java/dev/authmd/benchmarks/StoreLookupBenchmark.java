package dev.authmd.benchmarks;

import dev.authmd.core.secret.SecretHasher;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.RegistrationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.store.memory.InMemoryCredentialStore;
import dev.authmd.core.store.memory.InMemoryRegistrationStore;
import dev.authmd.spi.store.Registration;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Hot-path lookups with {@code registrations} anonymous registrations preloaded through the service (each with its API
 * key):
 *
 * <ul>
 *   <li>{@link #authenticate} — {@code AgentAuthService.authenticate} of a valid {@code Authorization: Bearer sk_…}
 *       (parse, SHA-256, credential by hash, registration by id, scope check, principal);
 *   <li>{@link #claimLookup} — {@code InMemoryRegistrationStore.findByClaimTokenHash} of a stored claim token's hash
 *       (the hash is computed ahead: this is the store alone).
 * </ul>
 *
 * {@code keys}: {@code hot} cycles through 1,024 randomly chosen registrations, whose entries stay in the CPU caches —
 * this isolates the algorithmic cost; {@code uniform} cycles through every registration in random order, so each lookup
 * also pays the cache misses of a heap of that size — the worst case of a large, evenly used population.
 *
 * <p>The heap is fixed and pre-touched ({@code -XX:+AlwaysPreTouch}): without it G1 grows eden into never-touched
 * memory after the 10⁶ load and the page faults (not the stores) tripled the measured cost in some iterations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class StoreLookupBenchmark {

    private static final int HOT_KEYS = 1024;
    private static final String TENANT = RequestContext.DEFAULT_TENANT;

    /** Registrations stored before measuring. */
    @Param({"10000", "1000000"})
    public int registrations;

    /** Which registrations are looked up: {@code hot} or {@code uniform}. */
    @Param({"hot", "uniform"})
    public String keys;

    private final AtomicLong failures = new AtomicLong();
    private InMemoryRegistrationStore registrationStore;
    private AgentAuthService service;
    private String[] authorizations;
    private String[] claimTokenHashes;

    /** Where one thread is in the key arrays. */
    @State(Scope.Thread)
    public static class Cursor {
        int index;
    }

    /** Stores the registrations and picks the keys; fails unless both lookups find them. */
    @Setup(Level.Trial)
    public void setUp() {
        registrationStore = new InMemoryRegistrationStore();
        service = BenchFixtures.service(registrationStore, new InMemoryCredentialStore(), Clock.systemUTC());
        String[] allAuthorizations = new String[registrations];
        String[] allClaimTokenHashes = new String[registrations];
        for (int i = 0; i < registrations; i++) {
            RegistrationResult result = BenchFixtures.registerAnonymous(service);
            allAuthorizations[i] = "Bearer " + result.credential().secret();
            allClaimTokenHashes[i] = SecretHasher.hash(result.claim().claimToken());
        }
        int size = keys.equals("hot") ? Math.min(HOT_KEYS, registrations) : registrations;
        int[] order = shuffledIndexes(registrations, 42);
        authorizations = new String[size];
        claimTokenHashes = new String[size];
        for (int i = 0; i < size; i++) {
            // fresh copies, allocated in lookup order: reading the key itself is not a cache miss
            authorizations[i] = new String(allAuthorizations[order[i]].toCharArray());
            claimTokenHashes[i] = new String(allClaimTokenHashes[order[i]].toCharArray());
        }
        for (int i = 0; i < size; i++) {
            if (!(authenticate(i) instanceof AuthenticationResult.Authenticated)
                    || claimLookup(i).isEmpty()) {
                throw new IllegalStateException("a preloaded registration was not found");
            }
        }
        System.gc();
    }

    /**
     * @param cursor this thread's position
     * @return the result (consumed by JMH)
     */
    @Benchmark
    public AuthenticationResult authenticate(Cursor cursor) {
        AuthenticationResult result = authenticate(next(cursor, authorizations.length));
        if (!(result instanceof AuthenticationResult.Authenticated)) {
            failures.incrementAndGet();
        }
        return result;
    }

    /**
     * @param cursor this thread's position
     * @return the registration (consumed by JMH)
     */
    @Benchmark
    public Optional<Registration> claimLookup(Cursor cursor) {
        Optional<Registration> found = claimLookup(next(cursor, claimTokenHashes.length));
        if (found.isEmpty()) {
            failures.incrementAndGet();
        }
        return found;
    }

    /** Fails the run when any measured lookup missed: it would have timed the wrong path. */
    @TearDown(Level.Iteration)
    public void checkNoFailure() {
        BenchFixtures.requireNoFailure(failures);
    }

    private AuthenticationResult authenticate(int i) {
        return service.authenticate(BenchFixtures.CTX, authorizations[i], Set.of());
    }

    private Optional<Registration> claimLookup(int i) {
        return registrationStore.findByClaimTokenHash(TENANT, claimTokenHashes[i]);
    }

    private static int next(Cursor cursor, int length) {
        int i = cursor.index;
        cursor.index = i + 1 == length ? 0 : i + 1;
        return i;
    }

    static int[] shuffledIndexes(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
