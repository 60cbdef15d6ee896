package dev.authmd.benchmarks;

import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Anonymous registration in-process (docs/protocol.md#v01-3c) through {@code AgentAuthService.register}: ids, claim
 * token and API key from the CSPRNG, two SHA-256 hashes, a credential and a registration written to the in-memory
 * stores, the audit event built (and dropped by a no-op sink). Rate limits are off ({@code RateLimitPolicy.none()}). A
 * fresh service per iteration keeps the stores from growing across the whole run. Run with {@code -t 1} and {@code -t
 * 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class AnonymousRegistrationBenchmark {

    private static final RegisterRequest ANONYMOUS = new RegisterRequest.Anonymous(null);

    private final AtomicLong failures = new AtomicLong();
    private AgentAuthService service;

    /** A new service with empty stores; fails unless a registration succeeds. */
    @Setup(Level.Iteration)
    public void setUp() {
        service = BenchFixtures.service();
        BenchFixtures.registerAnonymous(service);
    }

    /** @return the outcome (consumed by JMH) */
    @Benchmark
    public Outcome<RegistrationResult> register() {
        Outcome<RegistrationResult> outcome = service.register(BenchFixtures.CTX, ANONYMOUS);
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
