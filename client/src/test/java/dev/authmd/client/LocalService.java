package dev.authmd.client;

import dev.authmd.adapters.jdkhttp.AgentAuthHttpServer;
import dev.authmd.adapters.jdkhttp.JdkHttp;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.store.memory.InMemoryAccountResolver;
import dev.authmd.core.trust.TrustList;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.store.WireProfile;
import dev.authmd.testkit.host.TestClock;
import dev.authmd.testkit.host.TestInbox;
import dev.authmd.testkit.host.TestProvider;
import dev.authmd.testkit.host.TestSignIn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Our own service over real HTTP for the client's tests: the JDK server adapter, the core service on in-memory stores,
 * a test provider it trusts (keys inline), a test inbox, a test sign-in with Carol, and a sample API ({@code GET
 * /api/me} needs {@code api.read}) that counts the calls it answered.
 */
final class LocalService implements AutoCloseable {

    static final String CAROL = "carol@example.com";
    static final String CAROL_ID = "user-carol";

    final TestClock clock = TestClock.now();
    final TestProvider provider = TestProvider.create("https://agents.test.example", clock);
    final TestInbox inbox = new TestInbox();
    final TestSignIn signIn = new TestSignIn().addUser(CAROL_ID, CAROL);
    final AtomicInteger apiCalls = new AtomicInteger();
    /** The service's users; JIT for anyone new. */
    final InMemoryAccountResolver accounts = new InMemoryAccountResolver();
    /** What the service did, counted: exchanges, refreshes, registrations. */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final AtomicReference<AgentAuthService> service = new AtomicReference<>();
    private final AtomicReference<AgentAuthEndpoints> endpoints = new AtomicReference<>();
    private final AgentAuthHttpServer server;
    private final URI baseUrl;

    LocalService(WireProfile first, WireProfile... more) {
        this(config -> config.profiles(first, more));
    }

    LocalService(Consumer<AgentAuthConfig.Builder> overrides) {
        AtomicReference<URI> base = new AtomicReference<>();
        try {
            this.server = AgentAuthHttpServer.builder(address -> {
                        URI url = URI.create("http://localhost:" + address.getPort());
                        base.set(url);
                        AgentAuthConfig.Builder config = AgentAuthConfig.builder(url)
                                .resourceName("Local test API")
                                .scopesSupported(List.of("api.read", "api.write"))
                                .anonymousScopes(List.of("api.read"))
                                .developmentHosts(Set.of("localhost"));
                        overrides.accept(config);
                        AgentAuthService built = AgentAuthService.builder()
                                .config(config.build(), TrustList.of(List.of(provider.trusted())))
                                .claimMailer(inbox)
                                .accountResolver(accounts)
                                .sessionResolver(signIn)
                                .rateLimitPolicy(RateLimitPolicy.none())
                                .meterRegistry(meters)
                                .clock(clock)
                                .build();
                        service.set(built);
                        AgentAuthEndpoints handler =
                                AgentAuthEndpoints.builder(built).build();
                        endpoints.set(handler);
                        return handler;
                    })
                    .port(0)
                    .context(
                            "/api/",
                            JdkHttp.handler(
                                    request -> {
                                        AuthenticationResult result = service.get()
                                                .authenticate(
                                                        RequestContext.defaultTenant("127.0.0.1"),
                                                        request.header("Authorization")
                                                                .orElse(null),
                                                        Set.of("api.read"));
                                        if (result instanceof AuthenticationResult.Denied denied) {
                                            return denied.toHttpResponse();
                                        }
                                        apiCalls.incrementAndGet();
                                        return HttpResponse.builder(200)
                                                .body(
                                                        "{\"registration_id\":\""
                                                                + result.principal()
                                                                        .orElseThrow()
                                                                        .registrationId()
                                                                + "\"}",
                                                        "application/json")
                                                .build();
                                    },
                                    64 * 1024))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.baseUrl = base.get();
    }

    URI baseUrl() {
        return baseUrl;
    }

    URI api() {
        return baseUrl.resolve("/api/me");
    }

    AgentAuthService service() {
        return service.get();
    }

    AgentAuthEndpoints endpoints() {
        return endpoints.get();
    }

    /** The agent provider: a fresh ID-JAG for Carol each call, for whatever audience the client asks. */
    AssertionSource carolsProvider() {
        return request ->
                provider.idJag(request.audience(), "carol-at-provider", CAROL).mint();
    }

    /** A claim prompt that confirms on the page as Carol, and reads emailed codes from the inbox. */
    ClaimPrompt carolConfirms() {
        return new ClaimPrompt() {
            @Override
            public java.util.Optional<String> codeFromEmail(EmailStep step) {
                return java.util.Optional.of(inbox.otp(service(), RequestContext.defaultTenant("127.0.0.1"), CAROL));
            }

            @Override
            public java.util.Optional<String> codeFromPage(PageStep step) {
                return java.util.Optional.of(signIn.confirm(endpoints(), step.verificationUri(), CAROL_ID));
            }
        };
    }

    /** Makes Carol an existing account of the service, so an ID-JAG for her is a step-up. */
    void carolHasAnAccount() {
        accounts.add(
                dev.authmd.core.service.RequestContext.DEFAULT_TENANT,
                new dev.authmd.spi.account.UserAccount(CAROL_ID, CAROL, null));
    }

    AuthMdClient.Builder client() {
        return AuthMdClient.builder().allowHttpFor("localhost").clock(clock).pacer(duration -> {});
    }

    /**
     * {@return how often a counter counted, over all its tags that match}
     *
     * @param name the meter
     * @param tags pairs of tag name and value
     */
    double count(String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    void advance(Duration by) {
        clock.advance(by);
    }

    @Override
    public void close() {
        server.close();
        provider.close();
    }
}
