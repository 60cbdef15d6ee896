package dev.authmd.examples.demo;

import com.sun.net.httpserver.HttpServer;
import dev.authmd.core.assertion.KeyLocation;
import dev.authmd.core.assertion.TrustList;
import dev.authmd.core.assertion.TrustedProvider;
import dev.authmd.core.audit.AuditEventJson;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.fetch.AddressGuard;
import dev.authmd.core.fetch.GuardedHttpFetcher;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.ratelimit.ClientAddressResolver;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.RequestContext;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The demo service: the whole auth.md protocol on the JDK's built-in HTTP server with the
 * embedded defaults (in-memory stores, a logging mailer, a built-in agent provider), plus a
 * sample protected API. Run it with the README's command and follow the printed walkthrough.
 */
public final class DemoServer implements AutoCloseable {

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService sweeper;
    private final DemoOptions options;
    private final URI baseUrl;

    private DemoServer(HttpServer server, ExecutorService workers, ScheduledExecutorService sweeper,
                       DemoOptions options, URI baseUrl) {
        this.server = server;
        this.workers = workers;
        this.sweeper = sweeper;
        this.options = options;
        this.baseUrl = baseUrl;
    }

    /**
     * @param args command-line flags; see {@code --help}
     * @throws IOException when the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(DemoOptions.USAGE);
            return;
        }
        DemoServer demo = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "authmd-demo-shutdown"));
        demo.printWalkthrough(System.out);
    }

    /**
     * Starts the demo.
     *
     * @param options the settings
     * @return the running demo
     * @throws IOException when the port cannot be bound
     */
    static DemoServer start(DemoOptions options) throws IOException {
        return start(options, Clock.systemUTC(), config -> { });
    }

    /**
     * Starts the demo with a given clock and configuration overrides: the seam the browser tests
     * use to show an expired link and a hostile resource name. Not for production use.
     *
     * @param options the settings
     * @param clock the service's clock
     * @param configOverrides applied to the demo's configuration builder last, before it is built
     * @return the running demo
     * @throws IOException when the port cannot be bound
     */
    static DemoServer start(DemoOptions options, Clock clock, Consumer<AgentAuthConfig.Builder> configOverrides)
            throws IOException {
        Objects.requireNonNull(clock, "clock cannot be null");
        Objects.requireNonNull(configOverrides, "configOverrides cannot be null");
        HttpServer server = HttpServer.create(new InetSocketAddress(options.port()), 128);
        int port = server.getAddress().getPort();
        URI baseUrl = options.baseUrl().getPort() == 0
                ? URI.create(options.baseUrl().toString().replace(":0", ":" + port)) : options.baseUrl();

        AgentAuthConfig.Builder configBuilder = AgentAuthConfig.builder(baseUrl)
                .resourceName("authmd demo API")
                .scopesSupported(List.of("api.read", "api.write"))
                .anonymousScopes(List.of("api.read"))
                .developmentHosts(LOCAL_HOSTS);
        configOverrides.accept(configBuilder);
        AgentAuthConfig config = configBuilder.build();
        AgentAuthEndpoints[] endpoints = new AgentAuthEndpoints[1];
        DemoProvider provider = new DemoProvider(baseUrl, config.issuer().toString(),
                config.revocationUri().getRawPath(), request -> endpoints[0].handle(request));

        List<TrustedProvider> providers = new ArrayList<>();
        providers.add(provider.trustEntry());
        AddressGuard.Builder guard = AddressGuard.builder();
        for (Map.Entry<String, URI> trusted : options.trusted().entrySet()) {
            URI jwks = trusted.getValue();
            if ("http".equalsIgnoreCase(jwks.getScheme()) && jwks.getHost() != null
                    && LOCAL_HOSTS.contains(jwks.getHost().toLowerCase(Locale.ROOT))) {
                // a provider running beside the demo: exactly its origin, nowhere else
                guard.allowOrigin(URI.create(jwks.getScheme() + "://" + jwks.getHost()
                        + (jwks.getPort() < 0 ? "" : ":" + jwks.getPort())));
                guard.allowOrigin(originOf(URI.create(trusted.getKey())));
            }
            providers.add(TrustedProvider.builder(trusted.getKey())
                    .displayName(trusted.getKey())
                    .keyLocation(KeyLocation.pinned(jwks))
                    .acceptCimdClientIds(true)
                    .build());
        }

        RateLimitPolicy limits = options.rateLimits() ? RateLimitPolicy.defaults() : RateLimitPolicy.none();
        AgentAuthService service = AgentAuthService.builder()
                .config(config, TrustList.of(providers))
                .accountResolver(new DemoAccounts())
                .claimMailer(new DemoMailer(options.mailDir()))
                .auditSink(event -> System.out.println("[audit] " + AuditEventJson.write(event)))
                .httpFetcher(GuardedHttpFetcher.create(guard.build()))
                .rateLimitPolicy(limits)
                .clock(clock)
                .build();
        endpoints[0] = AgentAuthEndpoints.builder(service)
                .clientAddressResolver(ClientAddressResolver.peerOnly())
                .build();
        DemoApi api = new DemoApi(service);
        AgentAuthEndpoints handler = endpoints[0];

        server.createContext("/", new JdkHttpAdapter(request -> route(request, handler, provider, api),
                config.maxRequestBodyBytes()));
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 4));
        server.setExecutor(workers);
        server.start();

        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "authmd-demo-expiry");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                int expired = service.expireDue(1000);
                if (expired > 0) {
                    System.out.printf("[expiry] expired %d unclaimed registrations%n", expired);
                }
            } catch (RuntimeException e) {
                System.err.println("[expiry] sweep failed: " + e.getClass().getName());
            }
        }, 1, 1, TimeUnit.MINUTES);
        if (!options.rateLimits()) {
            System.err.println("*** RATE LIMITS ARE OFF (--rate-limits off). Use this only for load tests. ***");
        }
        return new DemoServer(server, workers, sweeper, options, baseUrl);
    }

    private static HttpResponse route(HttpRequest request, AgentAuthEndpoints endpoints, DemoProvider provider,
                                      DemoApi api) {
        if (endpoints.matches(request)) {
            return endpoints.handle(request);
        }
        Optional<HttpResponse> demo = provider.handle(request);
        if (demo.isPresent()) {
            return demo.get();
        }
        Optional<HttpResponse> apiResponse = api.handle(request,
                RequestContext.defaultTenant(request.remoteAddress().orElse(null)));
        if (apiResponse.isPresent()) {
            return apiResponse.get();
        }
        if (request.path().equals("/") && (request.method().equals("GET") || request.method().equals("HEAD"))) {
            return HttpResponse.builder(200).body("authmd-java demo service. Agents start at /auth.md\n",
                    "text/plain; charset=utf-8").build();
        }
        return endpoints.handle(request);
    }

    private static URI originOf(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    }

    /** @return the port the server listens on */
    int port() {
        return server.getAddress().getPort();
    }

    /** @return the public base URL */
    URI baseUrl() {
        return baseUrl;
    }

    void printWalkthrough(PrintStream out) {
        String b = baseUrl.toString();
        out.println("""

                authmd-java demo service is running on %1$s
                  discovery   %1$s/.well-known/oauth-protected-resource
                              %1$s/.well-known/oauth-authorization-server
                  agent docs  %1$s/auth.md
                  sample API  %1$s/api/me  (api.read)   %1$s/api/notes  (POST, api.write)
                  demo agent provider (trusted): %1$s/demo/provider/jwks.json
                  claim emails and audit events are printed below%2$s

                Try it (copy-paste):

                  # 0. an agent without a credential gets a 401 pointing at discovery
                  curl -si %1$s/api/me

                  # 1. anonymous: an api.read key at once, and a claim token for a human
                  curl -s -X POST %1$s/agent/auth -H 'Content-Type: application/json' -d '{"type":"anonymous"}'
                  curl -s %1$s/api/me -H "Authorization: Bearer <credential>"
                  #    claim it: the link is printed below as [mail]; open it, press "Show my code"
                  curl -s -X POST %1$s/agent/auth/claim -H 'Content-Type: application/json' \\
                       -d '{"claim_token":"<claim_token>","email":"carol@example.com"}'
                  curl -s -X POST %1$s/agent/auth/claim/complete -H 'Content-Type: application/json' \\
                       -d '{"claim_token":"<claim_token>","otp":"<6 digits from the page>"}'
                  #    the same key now also has api.write
                  curl -s -X POST %1$s/api/notes -H "Authorization: Bearer <credential>"

                  # 2. ID-JAG from the demo provider: a new user gets an access token at once
                  curl -s -X POST %1$s/demo/provider/id-jag -H 'Content-Type: application/json' -d '{"email":"alice@example.com"}'
                  curl -s -X POST %1$s/agent/auth -H 'Content-Type: application/json' \\
                       -d '{"type":"identity_assertion","assertion_type":"urn:ietf:params:oauth:token-type:id-jag","assertion":"<assertion>"}'
                  #    bob@example.com already has an account: the same call answers id-jag-step-up and
                  #    emails bob a claim link; finish with /agent/auth/claim/complete as above

                  # 3. verified email: no credential until the human confirms
                  curl -s -X POST %1$s/agent/auth -H 'Content-Type: application/json' \\
                       -d '{"type":"identity_assertion","assertion_type":"verified_email","assertion":"dave@example.com"}'

                  # 4. revocation: the provider sends a logout token; alice's access token stops working
                  curl -s -X POST %1$s/demo/provider/logout -H 'Content-Type: application/json' -d '{"email":"alice@example.com"}'
                """.formatted(b, options.mailDir() == null ? "" : " and written to " + options.mailDir()));
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        sweeper.shutdownNow();
    }
}
