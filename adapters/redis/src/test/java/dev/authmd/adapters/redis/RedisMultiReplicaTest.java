package dev.authmd.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.store.memory.InMemoryAccountResolver;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.ReplayKey;
import dev.authmd.spi.store.StoreException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two service replicas, each with its own Redis connection (and its own in-memory registrations), sharing one real
 * redis-server for the replay cache and the rate limits: what a multi-replica deployment relies on.
 */
@ExtendWith(LocalRedis.class)
class RedisMultiReplicaTest {

    private static final String PROVIDER = "https://provider.example";
    private static final String AUDIENCE = "https://api.example.com";
    private static final int ROUNDS = 50;
    private static final int THREADS = 8;

    private final ProviderKeys keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
    private final String prefix = "{replicas-" + UUID.randomUUID() + "}:";
    private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    private AgentAuthService a;
    private AgentAuthService b;

    @BeforeEach
    void replicas() {
        a = replica(RateLimitPolicy.defaults());
        b = replica(RateLimitPolicy.defaults());
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        connections.forEach(StatefulRedisConnection::close);
    }

    private AgentAuthService replica(RateLimitPolicy limits) {
        StatefulRedisConnection<String, String> connection = LocalRedis.connect();
        connections.add(connection);
        AgentAuthConfig config =
                AgentAuthConfig.builder(URI.create(AUDIENCE + "/v1")).build();
        TrustList trust = TrustList.builder()
                .add(TrustedProvider.builder(PROVIDER)
                        .displayName("Provider")
                        .keyLocation(KeyLocation.inline(keys.jwksJson()))
                        .algorithms(List.of("ES256"))
                        .build())
                .build();
        return AgentAuthService.builder()
                .config(config, trust)
                .replayCache(new RedisReplayCache(connection, prefix))
                .rateLimitStore(new RedisRateLimitStore(connection, prefix))
                .rateLimitPolicy(limits)
                .accountResolver(new InMemoryAccountResolver())
                .claimMailer(mail -> {})
                .auditSink(event -> {})
                .build();
    }

    private String idJag() {
        return IdJagMinter.builder(keys)
                .issuer(PROVIDER)
                .subject("sub-" + UUID.randomUUID())
                .audience(AUDIENCE)
                .email(UUID.randomUUID() + "@example.com")
                .emailVerified(true)
                .jti(UUID.randomUUID().toString())
                .mint();
    }

    @Test
    void registerWhenOneIdJagPresentedToBothReplicasAtOnceThenAcceptedExactlyOnce() throws Exception {
        RequestContext ctx = RequestContext.defaultTenant(null);
        for (int round = 0; round < ROUNDS; round++) {
            String token = idJag();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome<RegistrationResult>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                AgentAuthService replica = t % 2 == 0 ? a : b;
                Callable<Outcome<RegistrationResult>> call = () -> {
                    start.await();
                    return replica.register(ctx, new RegisterRequest.IdJag(token, CredentialType.ACCESS_TOKEN));
                };
                futures.add(threads.submit(call));
            }
            start.countDown();
            List<Outcome<RegistrationResult>> outcomes = new ArrayList<>();
            for (Future<Outcome<RegistrationResult>> f : futures) {
                outcomes.add(f.get());
            }

            assertThat(outcomes)
                    .as("round %d", round)
                    .filteredOn(Outcome::isSuccess)
                    .hasSize(1);
            assertThat(outcomes)
                    .filteredOn(o -> !o.isSuccess())
                    .allSatisfy(o -> assertThat(o.failure().error()).isEqualTo(ProtocolError.REPLAY_DETECTED));
        }
    }

    @Test
    void registerWhenOneClientAlternatesReplicasThenPerIpLimitCountsBothTogether() {
        RequestContext client = RequestContext.defaultTenant("203.0.113.7");
        int cap = RateLimitPolicy.defaults()
                .find(RateLimitPolicy.ANONYMOUS)
                .orElseThrow()
                .perIp();

        for (int i = 0; i < cap; i++) {
            assertThat((i % 2 == 0 ? a : b)
                            .register(client, new RegisterRequest.Anonymous(null))
                            .isSuccess())
                    .as("request %d", i)
                    .isTrue();
        }

        assertThat(a.register(client, new RegisterRequest.Anonymous(null))
                        .failure()
                        .error())
                .isEqualTo(ProtocolError.RATE_LIMITED);
        assertThat(b.register(client, new RegisterRequest.Anonymous(null))
                        .failure()
                        .error())
                .isEqualTo(ProtocolError.RATE_LIMITED);
        assertThat(a.register(RequestContext.defaultTenant("203.0.113.8"), new RegisterRequest.Anonymous(null))
                        .isSuccess())
                .isTrue();
    }

    @Test
    void markUsedWhenServerForgotTheScriptsThenLoadsThemAgain() {
        RedisReplayCache cache = new RedisReplayCache(connections.get(0), prefix);
        Instant now = Instant.now();
        assertThat(cache.markUsed(new ReplayKey("id-jag", PROVIDER, "j-1"), now, now.plusSeconds(60)))
                .isTrue();

        connections.get(0).sync().scriptFlush();

        assertThat(cache.markUsed(new ReplayKey("id-jag", PROVIDER, "j-1"), now, now.plusSeconds(60)))
                .isFalse();
        assertThat(cache.markUsed(new ReplayKey("id-jag", PROVIDER, "j-2"), now, now.plusSeconds(60)))
                .isTrue();
    }

    @Test
    void markUsedWhenRedisDoesNotAnswerThenStoreExceptionAndTheServiceRefusesTheAssertion() {
        RedisClient slow = RedisClient.create(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(LocalRedis.port())
                .withTimeout(Duration.ofMillis(200))
                .build());
        try (StatefulRedisConnection<String, String> connection = slow.connect()) {
            RedisReplayCache cache = new RedisReplayCache(connection, prefix);
            Instant now = Instant.now();
            connections.get(0).sync().clientPause(1_500);

            assertThatThrownBy(() -> cache.markUsed(new ReplayKey("id-jag", PROVIDER, "j-9"), now, now.plusSeconds(60)))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("mark a replay entry failed on Redis (RedisCommandTimeoutException)");
        } finally {
            slow.shutdown();
        }
    }

    @Test
    void constructorWhenPrefixMalformedThenRefusedWithWhatToFix() {
        assertThatThrownBy(() -> new RedisReplayCache(connections.get(0), "bad prefix"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key prefix must be 1 to 64 characters of letters, digits and {}:_.-");
        assertThatThrownBy(() -> new RedisRateLimitStore(connections.get(0), ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedisRateLimitStore(connections.get(0), "x".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedisReplayCache(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("connection cannot be null");
    }
}
