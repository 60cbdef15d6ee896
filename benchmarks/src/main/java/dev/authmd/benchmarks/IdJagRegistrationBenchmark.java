package dev.authmd.benchmarks;

import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * ID-JAG registration (docs/protocol.md#v01-3a) through {@code AgentAuthService.register} with warm keys (inline JWKS)
 * and the real in-memory replay cache: every operation presents a token with a fresh {@code jti} and a new user
 * ({@code sub}), who is provisioned, delegated and given an API key.
 *
 * <p>Tokens cannot be reused, so every one the run needs is minted before it starts (they live the service's maximum of
 * 10 minutes, which bounds the run), and each iteration is one timed batch of {@value #BATCH} registrations per thread
 * ({@code SingleShotTime}): the score is the time of a batch; divide by {@value #BATCH} for one registration. Twenty
 * warm-up batches let the JIT compile the path (BouncyCastle's EC arithmetic included). The CPU-time profiler works
 * here too (per call): nothing heavy happens between batches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 20, batchSize = IdJagRegistrationBenchmark.BATCH)
@Measurement(iterations = 10, batchSize = IdJagRegistrationBenchmark.BATCH)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class IdJagRegistrationBenchmark {

    /** Registrations per thread in one timed batch. */
    public static final int BATCH = 500;

    /** The provider's signing algorithm. */
    @Param({"ES256", "RS256"})
    public String alg;

    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private AgentAuthService service;
    private RegisterRequest[] pool;

    /**
     * One service for the whole run, and every token the run will present.
     *
     * @param params gives the thread and iteration counts
     */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        setUp(BATCH
                * params.getThreads()
                * (params.getWarmup().getCount() + params.getMeasurement().getCount()));
    }

    /** @param tokens how many registrations the run makes; fails unless one registers */
    void setUp(int tokens) {
        service = BenchFixtures.service();
        Outcome<RegistrationResult> first = service.register(
                BenchFixtures.CTX, new RegisterRequest.IdJag(BenchFixtures.idJag(alg, "warm-up", Instant.now()), null));
        if (!first.isSuccess()) {
            throw new IllegalStateException(
                    "ID-JAG registration failed: " + first.failure().error().code());
        }
        Instant iat = Instant.now();
        pool = new RegisterRequest[tokens];
        for (int i = 0; i < tokens; i++) {
            pool[i] = new RegisterRequest.IdJag(BenchFixtures.idJag(alg, "user-" + i, iat), null);
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
}
