package dev.authmd.benchmarks;

import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.CurrentOutcome;
import dev.authmd.core.service.IdentityRequest;
import dev.authmd.core.service.IdentityResult;
import dev.authmd.core.service.TokenGrant;
import dev.authmd.core.service.TokenRequest;
import java.util.Set;
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
 * The current profile in-process (docs/protocol.md, current profile §3–§5) with in-memory stores and rate limits off:
 * an anonymous identity (registration, an ES256 assertion signed and recorded), the RFC 7523 exchange of one assertion
 * (signature and claims checked, its record and registration read, an access token stored and the record re-checked),
 * and {@code authenticate} of the resulting access token. A fresh service per iteration keeps the stores from growing
 * across the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class CurrentProfileBenchmark {

    private static final IdentityRequest ANONYMOUS = new IdentityRequest.Anonymous();

    private final AtomicLong failures = new AtomicLong();
    private AgentAuthService service;
    private TokenRequest exchange;
    private String bearer;

    /** A new service, one anonymous identity and one access token; fails unless each step succeeds. */
    @Setup(Level.Iteration)
    public void setUp() {
        service = BenchFixtures.service();
        CurrentOutcome<IdentityResult> identity = service.identity(BenchFixtures.CTX, ANONYMOUS);
        if (!identity.isSuccess()) {
            throw new IllegalStateException("anonymous identity failed: " + identity.failure());
        }
        exchange =
                new TokenRequest(identity.value().identityBlock().orElseThrow().assertion(), null, null);
        CurrentOutcome<TokenGrant> grant = service.exchangeToken(BenchFixtures.CTX, exchange);
        if (!grant.isSuccess()) {
            throw new IllegalStateException("exchange failed: " + grant.failure());
        }
        bearer = "Bearer " + grant.value().accessToken();
    }

    /** @return the outcome (consumed by JMH) */
    @Benchmark
    public CurrentOutcome<IdentityResult> anonymousIdentity() {
        return count(service.identity(BenchFixtures.CTX, ANONYMOUS));
    }

    /** @return the outcome (consumed by JMH) */
    @Benchmark
    public CurrentOutcome<TokenGrant> exchange() {
        return count(service.exchangeToken(BenchFixtures.CTX, exchange));
    }

    /** @return the result (consumed by JMH) */
    @Benchmark
    public AuthenticationResult authenticate() {
        AuthenticationResult result = service.authenticate(BenchFixtures.CTX, bearer, Set.of());
        if (!(result instanceof AuthenticationResult.Authenticated)) {
            failures.incrementAndGet();
        }
        return result;
    }

    private <T> CurrentOutcome<T> count(CurrentOutcome<T> outcome) {
        if (!outcome.isSuccess()) {
            failures.incrementAndGet();
        }
        return outcome;
    }

    /** Fails the run when any measured call was refused: it would have timed the wrong path. */
    @TearDown(Level.Iteration)
    public void checkNoFailure() {
        BenchFixtures.requireNoFailure(failures);
    }
}
