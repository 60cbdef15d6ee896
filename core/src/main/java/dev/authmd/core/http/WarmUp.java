package dev.authmd.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.OtpHasher;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.signing.InMemorySigningKeySource;
import dev.authmd.core.store.memory.InMemoryAccessTokenStore;
import dev.authmd.core.store.memory.InMemoryAccountResolver;
import dev.authmd.core.store.memory.InMemoryCredentialStore;
import dev.authmd.core.store.memory.InMemoryDelegationStore;
import dev.authmd.core.store.memory.InMemoryIssuedAssertionStore;
import dev.authmd.core.store.memory.InMemoryRateLimitStore;
import dev.authmd.core.store.memory.InMemoryRefreshTokenStore;
import dev.authmd.core.store.memory.InMemoryRegistrationStore;
import dev.authmd.core.store.memory.InMemoryReplayCache;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.account.SessionResolver;
import dev.authmd.spi.account.SignedInUser;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a freshly started JVM up to speed before (or while) the first agents arrive. A service reaches its steady
 * throughput only once the JIT has compiled the hot paths (JSON, JWS parsing, the ES256 verifier's glue, the use
 * cases); without help that takes tens of thousands of requests. The warm-up runs those paths for a bounded time on a
 * <em>throwaway</em> service of its own — in-memory stores, an ephemeral provider key, rate limits off, nothing logged
 * or audited — through {@link AgentAuthEndpoints#handle}: discovery, anonymous and ID-JAG registration in both
 * profiles, the token exchange and {@code authenticate}. The JIT's work is per method, not per instance, so the real
 * service starts fast; the real service's stores, audit log and limits are never touched.
 *
 * <pre>{@code
 * AgentAuthEndpoints endpoints = AgentAuthEndpoints.builder(service).build();
 * WarmUp.start(Duration.ofSeconds(5));          // on a background thread; or WarmUp.run(...) before listening
 * }</pre>
 *
 * <p>It competes for CPU with real requests while it runs; {@link #run} before the server starts listening avoids that
 * at the price of a later start. {@code docs/benchmarks.md} reports what it buys.
 */
public final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCE = "https://warm-up.authmd.invalid";
    private static final String PROVIDER = "https://provider.warm-up.authmd.invalid";
    private static final String ID_JAG_BODY =
            "{\"type\":\"identity_assertion\",\"assertion_type\":\"urn:ietf:params:oauth:token-type:id-jag\","
                    + "\"assertion\":\"%s\"}";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Duration MAX_BUDGET = Duration.ofMinutes(5);

    /**
     * What a warm-up did.
     *
     * @param rounds rounds of every path completed
     * @param took how long it ran
     */
    public record Report(int rounds, Duration took) {}

    private final AgentAuthConfig config;
    private final AgentAuthService service;
    private final AgentAuthEndpoints endpoints;
    private final ProviderKeys keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);

    private WarmUp() {
        this.config = AgentAuthConfig.builder(URI.create(RESOURCE)).build();
        TrustList trust = TrustList.builder()
                .add(TrustedProvider.builder(PROVIDER)
                        .displayName("warm-up")
                        .keyLocation(KeyLocation.inline(keys.jwksJson()))
                        .algorithms(List.of("ES256"))
                        .build())
                .build();
        this.service = AgentAuthService.builder()
                .config(config, trust)
                .registrationStore(new InMemoryRegistrationStore())
                .credentialStore(new InMemoryCredentialStore())
                .delegationStore(new InMemoryDelegationStore())
                .replayCache(new InMemoryReplayCache())
                .rateLimitStore(new InMemoryRateLimitStore())
                .issuedAssertionStore(new InMemoryIssuedAssertionStore())
                .accessTokenStore(new InMemoryAccessTokenStore())
                .refreshTokenStore(new InMemoryRefreshTokenStore())
                .signingKeySource(new InMemorySigningKeySource(Clock.systemUTC()))
                .sessionResolver(NO_SESSION)
                .accountResolver(new InMemoryAccountResolver())
                .claimMailer(mail -> {})
                .auditSink(event -> {})
                .otpHasher(OtpHasher.random())
                .rateLimitPolicy(RateLimitPolicy.none())
                .build();
        this.endpoints = AgentAuthEndpoints.builder(service).build();
    }

    /**
     * Warms up on the calling thread.
     *
     * @param budget how long to run, at most 5 minutes; zero does nothing
     * @return what was done
     * @throws IllegalArgumentException when the budget is negative or longer than 5 minutes
     */
    public static Report run(Duration budget) {
        checkBudget(budget);
        if (budget.isZero()) {
            return new Report(0, Duration.ZERO);
        }
        return new WarmUp().loop(budget);
    }

    /**
     * Warms up on a daemon thread named {@code authmd-warm-up}; the JVM may exit while it runs.
     *
     * @param budget how long to run, at most 5 minutes
     * @return completes with what was done (or exceptionally, when a path failed: logged at WARN, nothing else changes)
     * @throws IllegalArgumentException when the budget is negative or longer than 5 minutes
     */
    public static CompletableFuture<Report> start(Duration budget) {
        checkBudget(budget);
        CompletableFuture<Report> done = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        Report report = run(budget);
                        LOG.info(
                                "warm-up done: {} rounds in {} ms",
                                report.rounds(),
                                report.took().toMillis());
                        done.complete(report);
                    } catch (RuntimeException | Error e) {
                        LOG.warn("warm-up stopped: {}", e.getClass().getName());
                        done.completeExceptionally(e);
                    }
                },
                "authmd-warm-up");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private static void checkBudget(Duration budget) {
        Objects.requireNonNull(budget, "budget cannot be null");
        if (budget.isNegative() || budget.compareTo(MAX_BUDGET) > 0) {
            throw new IllegalArgumentException("budget must be between 0 and 5 minutes");
        }
    }

    private Report loop(Duration budget) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int rounds = 0;
        while (System.nanoTime() < deadline) {
            round(rounds);
            rounds++;
        }
        return new Report(rounds, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Every path once; a path that does not answer as it should stops the warm-up (it would warm the wrong code). */
    private void round(int round) {
        expect(get(config.protectedResourceMetadataUri()), 200);
        expect(post(config.registerUri(), "{\"type\":\"anonymous\"}"), 200, 201);
        // a new user each round: first presentations (JIT account, delegation, registration) are what a fresh
        // service mostly sees; the second presentation in the current profile takes the repeat path
        String subject = "warm-" + round;
        JsonNode registered = expect(post(config.registerUri(), ID_JAG_BODY.formatted(idJag(subject))), 200, 201);
        authenticate(registered.path("credential").asText());
        expect(post(config.identityEndpoint(), "{\"type\":\"anonymous\"}"), 200, 201);
        JsonNode identity = expect(post(config.identityEndpoint(), ID_JAG_BODY.formatted(idJag(subject))), 200, 201);
        String assertion = identity.path("identity").path("assertion").asText();
        HttpResponse exchanged = endpoints.handle(
                HttpRequest.builder("POST", config.tokenEndpoint().getPath())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body("grant_type=" + URLEncoder.encode(JWT_BEARER, StandardCharsets.UTF_8) + "&assertion="
                                + URLEncoder.encode(assertion, StandardCharsets.UTF_8))
                        .remoteAddress("192.0.2.1")
                        .build());
        authenticate(expect(exchanged, 200).path("access_token").asText());
    }

    private void authenticate(String token) {
        if (!service.authenticate(RequestContext.defaultTenant("192.0.2.1"), "Bearer " + token, Set.of())
                .principal()
                .isPresent()) {
            throw new IllegalStateException("warm-up: a credential it was just issued did not authenticate");
        }
    }

    private String idJag(String subject) {
        return IdJagMinter.builder(keys)
                .issuer(PROVIDER)
                .subject(subject)
                .audience(RESOURCE)
                .email(subject + "@warm-up.authmd.invalid")
                .emailVerified(true)
                .authTime(Instant.now().minusSeconds(1))
                .jti(UUID.randomUUID().toString())
                .mint();
    }

    private HttpResponse get(URI uri) {
        return endpoints.handle(HttpRequest.builder("GET", uri.getPath())
                .remoteAddress("192.0.2.1")
                .build());
    }

    private HttpResponse post(URI uri, String json) {
        return endpoints.handle(HttpRequest.builder("POST", uri.getPath())
                .header("Content-Type", "application/json")
                .body(json)
                .remoteAddress("192.0.2.1")
                .build());
    }

    private static JsonNode expect(HttpResponse response, int... statuses) {
        for (int status : statuses) {
            if (response.status() == status) {
                try {
                    return JSON.readTree(response.body());
                } catch (IOException e) {
                    throw new IllegalStateException("warm-up: unreadable answer", e);
                }
            }
        }
        throw new IllegalStateException("warm-up: unexpected status " + response.status());
    }

    private static final SessionResolver NO_SESSION = new SessionResolver() {
        @Override
        public Optional<SignedInUser> signedIn(HttpRequest request) {
            return Optional.empty();
        }

        @Override
        public URI loginUri(HttpRequest request, URI returnTo) {
            return URI.create(RESOURCE + "/login");
        }
    };
}
