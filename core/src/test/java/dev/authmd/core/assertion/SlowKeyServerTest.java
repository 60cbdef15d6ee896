package dev.authmd.core.assertion;

import static dev.authmd.core.assertion.Fixtures.AS_ISSUER;
import static dev.authmd.core.assertion.Fixtures.NOW;
import static dev.authmd.core.assertion.Fixtures.P;
import static dev.authmd.core.assertion.Fixtures.P_JWKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.authmd.core.fetch.FetchSettings;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.spi.http.FetchRequest;
import dev.authmd.spi.http.FetchResponse;
import dev.authmd.spi.http.HttpFetcher;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Security finding 4: a slow provider JWKS made every request with an unknown kid wait for it (ten tokens, five seconds
 * each, all workers busy). Now only the request that started the refetch waits for the provider; others wait at most
 * {@code unknownKidWait}, and requests with a known kid or of another issuer never wait at all.
 */
class SlowKeyServerTest {

    private static final ProviderKeys ROTATED = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);

    /** P's JWKS: the first download answers at once; the second blocks until released, then serves the rotated key. */
    private static final class SlowAfterRotation implements HttpFetcher {
        final AtomicInteger downloads = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public FetchResponse fetch(FetchRequest request) throws IOException {
            if (!request.uri().toString().equals(P_JWKS)) {
                throw new IOException("not served here: " + request.uri());
            }
            String body = Fixtures.P_KEYS.jwksJson();
            if (downloads.incrementAndGet() > 1) {
                entered.countDown();
                try {
                    release.await(90, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                body = ROTATED.jwksJson();
            }
            return new FetchResponse(
                    200,
                    java.util.Map.of("Content-Type", java.util.List.of("application/json")),
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static IdJagMinter rotatedToken() {
        return IdJagMinter.builder(ROTATED)
                .issuer(P)
                .subject("user-1")
                .audience(AS_ISSUER)
                .email("ada@example.com")
                .emailVerified(true)
                .issuedAt(NOW)
                .jti(UUID.randomUUID().toString());
    }

    @Test
    void verifyWhenTheKeyServerIsSlowThenOnlyTheRefetchingRequestWaitsForIt() throws Exception {
        Fixtures world = new Fixtures();
        SlowAfterRotation fetcher = new SlowAfterRotation();
        ProviderKeySource keys = ProviderKeySource.create(
                world.trustList,
                fetcher,
                // a provider allowed a minute to answer: a request that waited for it would wait that long
                FetchSettings.builder()
                        .readTimeout(Duration.ofSeconds(60))
                        .unknownKidWait(Duration.ofMillis(50))
                        .build());
        IdJagVerifier verifier = IdJagVerifier.builder(Fixtures.CONFIG, world.trustList, world.replay)
                .keySource(keys)
                .clock(world.clock)
                .build();
        assertThat(verifier.verify(Fixtures.idJagFromP().mint()).isValid()).isTrue();

        // the provider rotated; the first token with the new kid starts the (slow) refetch
        CompletableFuture<AssertionResult<VerifiedIdJag>> refetching = CompletableFuture.supplyAsync(
                () -> verifier.verify(rotatedToken().mint()));
        assertThat(fetcher.entered.await(30, TimeUnit.SECONDS)).isTrue();

        // meanwhile: a known kid, another issuer, and a second unknown kid are answered without the provider
        // (each under a liveness bound far above the 50 ms wait and far below the provider's minute)
        Duration bound = Duration.ofSeconds(20);
        assertThat(assertTimeoutPreemptively(
                                bound,
                                () -> verifier.verify(Fixtures.idJagFromP().mint()))
                        .isValid())
                .isTrue();
        assertThat(assertTimeoutPreemptively(
                                bound,
                                () -> verifier.verify(Fixtures.idJagFromR().mint()))
                        .isValid())
                .isTrue();
        AssertionResult<VerifiedIdJag> impatient = assertTimeoutPreemptively(
                bound, () -> verifier.verify(rotatedToken().mint()));
        assertThat(impatient.isValid()).isFalse();
        assertThat(refetching).isNotDone();

        fetcher.release.countDown();
        assertThat(refetching.get(30, TimeUnit.SECONDS).isValid()).isTrue();
        assertThat(fetcher.downloads).hasValue(2);
        // the new key is cached now: the next token with it needs no download
        assertThat(verifier.verify(rotatedToken().mint()).isValid()).isTrue();
        assertThat(fetcher.downloads).hasValue(2);
    }
}
