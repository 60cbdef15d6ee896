package dev.authmd.benchmarks;

import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ID-JAG registration (PROTOCOL.md §3a) through {@code AgentAuthService.register} with warm keys
 * (inline JWKS) and the real in-memory replay cache: every operation presents a token with a
 * fresh {@code jti} and a new user ({@code sub}), who is provisioned, delegated and given an API
 * key. Tokens cannot be reused, so they are minted ahead, {@value #BATCH} per thread before each
 * iteration (outside the measurement), and each iteration is one timed batch of {@value #BATCH}
 * registrations per thread ({@code SingleShotTime}): the score is the time of the batch, divide
 * by {@value #BATCH} for one registration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, batchSize = IdJagRegistrationBenchmark.BATCH)
@Measurement(iterations = 10, batchSize = IdJagRegistrationBenchmark.BATCH)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class IdJagRegistrationBenchmark {

    /** Registrations per thread in one timed batch. */
    public static final int BATCH = 1000;

    /** The provider's signing algorithm. */
    @Param({"ES256", "RS256"})
    public String alg;

    private AgentAuthService service;
    private RegisterRequest[] pool;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private int users;

    /** One service for the whole run; fails unless an ID-JAG registration succeeds. */
    @Setup(Level.Trial)
    public void setUpService() {
        service = BenchFixtures.service();
        register(new RegisterRequest.IdJag(BenchFixtures.idJag(alg, "warm-up", Instant.now()), null));
    }

    /**
     * Mints the tokens of the coming batch, fresh {@code jti} and {@code sub} each.
     *
     * @param params gives the thread count
     */
    @Setup(Level.Iteration)
    public void mintPool(BenchmarkParams params) {
        mintPool(params.getThreads());
    }

    void mintPool(int threads) {
        int size = BATCH * threads;
        Instant iat = Instant.now();
        pool = new RegisterRequest[size];
        for (int i = 0; i < size; i++) {
            pool[i] = new RegisterRequest.IdJag(BenchFixtures.idJag(alg, "user-" + users++, iat), null);
        }
        next.set(0);
    }

    /** @return the outcome (consumed by JMH) */
    @Benchmark
    public Outcome<RegistrationResult> register() {
        Outcome<RegistrationResult> outcome = service.register(BenchFixtures.CTX, pool[next.getAndIncrement()]);
        if (!outcome.isSuccess()) {
            failures.incrementAndGet();
        }
        return outcome;
    }

    /** Fails the run when any measured registration was refused: it would have timed the wrong path. */
    @TearDown(Level.Iteration)
    public void checkNoFailure() {
        BenchFixtures.requireNoFailure(failures);
    }

    private void register(RegisterRequest request) {
        Outcome<RegistrationResult> outcome = service.register(BenchFixtures.CTX, request);
        if (!outcome.isSuccess()) {
            throw new IllegalStateException("ID-JAG registration failed: " + outcome.failure().error().code());
        }
    }
}
