package dev.authmd.core.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.protocol.error.ProtocolError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** docs/protocol.md#v01-3a-step-9: one jti presented by many threads at once is accepted exactly once. */
class IdJagReplayConcurrencyTest {

    private static final int THREADS = 32;
    private static final int ROUNDS = 100;

    @Test
    void verifyWhenThirtyTwoThreadsPresentOneAssertionThenExactlyOneAcceptedEveryRound() throws Exception {
        Fixtures world = new Fixtures();
        IdJagVerifier verifier = world.idJagVerifier();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String token = Fixtures.idJagFromP().jti("round-" + round).mint();
                CountDownLatch ready = new CountDownLatch(THREADS);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<AssertionResult<VerifiedIdJag>>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    results.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        return verifier.verify(token);
                    }));
                }
                assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
                go.countDown();
                int accepted = 0;
                int replays = 0;
                for (Future<AssertionResult<VerifiedIdJag>> f : results) {
                    AssertionResult<VerifiedIdJag> r = f.get(30, TimeUnit.SECONDS);
                    if (r.isValid()) {
                        accepted++;
                    } else if (r.rejection().error() == ProtocolError.REPLAY_DETECTED) {
                        replays++;
                    }
                }
                assertThat(accepted).as("accepted in round %d", round).isEqualTo(1);
                assertThat(replays).as("replays in round %d", round).isEqualTo(THREADS - 1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(world.fetcher.count(Fixtures.P_JWKS))
                .as("keys fetched once for all rounds")
                .isEqualTo(1);
    }
}
