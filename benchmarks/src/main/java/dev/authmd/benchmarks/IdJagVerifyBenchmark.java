package dev.authmd.benchmarks;

import dev.authmd.core.assertion.AssertionResult;
import dev.authmd.core.assertion.IdJagVerifier;
import dev.authmd.core.assertion.VerifiedIdJag;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * Full ID-JAG verification (docs/protocol.md#v01-3a, every step) of one valid token with warm keys: the provider's JWKS
 * is inline in the trust list, so the first call already has its key and later calls reuse the cached JWS verifier. The
 * replay cache accepts everything ({@link BenchFixtures.AcceptingReplayCache}) because the same token is presented each
 * time; the clock is fixed one second after the token's {@code iat}. Compare with {@link SignatureBenchmark}: the same
 * signature checked by raw JCA.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class IdJagVerifyBenchmark {

    /** The token's algorithm. */
    @Param({"ES256", "RS256"})
    public String alg;

    private final AtomicLong failures = new AtomicLong();
    private IdJagVerifier verifier;
    private String token;

    /** Mints the token and builds the verifier; fails unless the token verifies. */
    @Setup(Level.Trial)
    public void setUp() {
        Instant iat = Instant.parse("2026-05-04T12:00:00Z");
        token = BenchFixtures.idJag(alg, "user-1", iat);
        verifier = IdJagVerifier.builder(
                        BenchFixtures.CONFIG, BenchFixtures.Keys.TRUST_LIST, new BenchFixtures.AcceptingReplayCache())
                .clock(Clock.fixed(iat.plusSeconds(1), ZoneOffset.UTC))
                .build();
        AssertionResult<VerifiedIdJag> first = verifier.verify(token);
        if (!first.isValid()) {
            throw new IllegalStateException("benchmark token does not verify: "
                    + first.rejection().error().code());
        }
    }

    /** @return the verified assertion (consumed by JMH) */
    @Benchmark
    public AssertionResult<VerifiedIdJag> verify() {
        AssertionResult<VerifiedIdJag> result = verifier.verify(token);
        if (!result.isValid()) {
            failures.incrementAndGet();
        }
        return result;
    }

    /** Fails the run when any measured verification was refused: it would have timed the wrong path. */
    @TearDown(Level.Iteration)
    public void checkNoFailure() {
        BenchFixtures.requireNoFailure(failures);
    }
}
