package dev.authmd.examples.demo;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.fetch.AddressGuard;
import dev.authmd.core.fetch.GuardedHttpFetcher;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.ratelimit.ClientAddressResolver;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.Housekeeping;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.store.WireProfile;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The demo's wiring, independent of any HTTP server: configuration, trust list (the built-in demo provider plus
 * {@code --trust} entries), the registration service on the embedded in-memory defaults, the framework-neutral
 * endpoints, the demo provider's routes, the sample API and a background housekeeping run every minute
 * ({@link AgentAuthService#runHousekeeping}): unclaimed registrations expire, expired tokens go, ended registrations
 * are purged after their retention. The JDK demo, the Jetty example and any other adapter example mount the same
 * service, so one end-to-end suite covers them all. Development only: it prints claim links and trusts a provider whose
 * key it holds.
 *
 * <p>Thread-safe once created. {@link #close()} stops the housekeeping.
 */
public final class DemoService implements AutoCloseable {

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

    private final DemoOptions options;
    private final URI baseUrl;
    private final AgentAuthConfig config;
    private final AgentAuthService service;
    private final AgentAuthEndpoints endpoints;
    private final DemoHost host;
    private final DemoApi api;
    private final ScheduledExecutorService sweeper;

    private DemoService(
            DemoOptions options, URI baseUrl, Clock clock, Consumer<AgentAuthConfig.Builder> configOverrides) {
        this.options = options;
        this.baseUrl = baseUrl;
        AgentAuthConfig.Builder configBuilder = AgentAuthConfig.builder(baseUrl)
                .resourceName("authmd demo API")
                .scopesSupported(List.of("api.read", "api.write"))
                .anonymousScopes(List.of("api.read"))
                .developmentHosts(LOCAL_HOSTS);
        List<WireProfile> profiles = List.copyOf(options.profiles());
        configBuilder.profiles(
                profiles.get(0), profiles.subList(1, profiles.size()).toArray(WireProfile[]::new));
        configOverrides.accept(configBuilder);
        this.config = configBuilder.build();
        AgentAuthEndpoints[] handler = new AgentAuthEndpoints[1];
        this.host = DemoHost.create(options, config, request -> handler[0].handle(request), clock);

        List<TrustedProvider> providers = new ArrayList<>();
        if (options.demoProvider()) {
            providers.add(host.providerTrustEntry());
        }
        AddressGuard.Builder guard = AddressGuard.builder();
        for (Map.Entry<String, URI> trusted : options.trusted().entrySet()) {
            URI jwks = trusted.getValue();
            if ("http".equalsIgnoreCase(jwks.getScheme())
                    && jwks.getHost() != null
                    && LOCAL_HOSTS.contains(jwks.getHost().toLowerCase(Locale.ROOT))) {
                // a provider running beside the demo: exactly its origin, nowhere else
                guard.allowOrigin(originOf(jwks));
                guard.allowOrigin(originOf(URI.create(trusted.getKey())));
            }
            providers.add(TrustedProvider.builder(trusted.getKey())
                    .displayName(trusted.getKey())
                    .keyLocation(KeyLocation.pinned(jwks))
                    .acceptCimdClientIds(true)
                    .build());
        }

        this.service = AgentAuthService.builder()
                .config(config, TrustList.of(providers))
                .accountResolver(host.accounts())
                .claimMailer(host.mailer())
                // development only: the current profile's claim page needs a login, and the demo has none of its own
                .sessionResolver(host.signIn())
                .auditSink(host.auditSink())
                .httpFetcher(GuardedHttpFetcher.create(guard.build()))
                .rateLimitPolicy(options.rateLimits() ? RateLimitPolicy.defaults() : RateLimitPolicy.none())
                .clock(clock)
                .build();
        this.endpoints = AgentAuthEndpoints.builder(service)
                .clientAddressResolver(ClientAddressResolver.peerOnly())
                .build();
        handler[0] = endpoints;
        this.api = new DemoApi(service);

        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "authmd-demo-housekeeping");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
        host.announce();
    }

    /**
     * Wires the demo and starts its housekeeping.
     *
     * @param options the settings (port and help are the caller's business)
     * @param baseUrl the public URL, with the real port once the server has bound it
     * @param clock the clock for the service and the demo provider; tests pass an adjustable one
     * @return the running demo service
     */
    public static DemoService create(DemoOptions options, URI baseUrl, Clock clock) {
        Objects.requireNonNull(options, "options cannot be null");
        Objects.requireNonNull(baseUrl, "baseUrl cannot be null");
        return create(options, baseUrl, clock, config -> {});
    }

    /**
     * Wires the demo with configuration overrides (tests: short lifetimes, hostile names).
     *
     * @param options the settings
     * @param baseUrl the public URL
     * @param clock the clock
     * @param configOverrides applied last to the configuration builder
     * @return the running demo service
     */
    public static DemoService create(
            DemoOptions options, URI baseUrl, Clock clock, Consumer<AgentAuthConfig.Builder> configOverrides) {
        Objects.requireNonNull(options, "options cannot be null");
        Objects.requireNonNull(baseUrl, "baseUrl cannot be null");
        Objects.requireNonNull(clock, "clock cannot be null");
        Objects.requireNonNull(configOverrides, "configOverrides cannot be null");
        return new DemoService(options, baseUrl, clock, configOverrides);
    }

    /** @return the public base URL */
    public URI baseUrl() {
        return baseUrl;
    }

    /** @return the service configuration */
    public AgentAuthConfig config() {
        return config;
    }

    /** @return the registration service, for the host's own routes ({@code authenticate}) */
    public AgentAuthService service() {
        return service;
    }

    /** @return the protocol endpoints, to mount in front of everything else */
    public AgentAuthEndpoints endpoints() {
        return endpoints;
    }

    /**
     * The demo's own routes that are not the protocol and not the sample API: the demo provider under
     * {@code /demo/provider/}, the development sign-in under {@code /dev/sign-in} and a plain-text greeting at
     * {@code /}.
     *
     * @param request any request
     * @return the answer, or empty when the path is not one of them
     */
    public Optional<HttpResponse> handleDemoRoutes(HttpRequest request) {
        return host.handleRoutes(request);
    }

    /**
     * Everything, framework-neutral: protocol endpoints, demo routes, the sample API, and the library's JSON
     * {@code 404} for anything else.
     *
     * @param request any request
     * @return the answer
     */
    public HttpResponse handle(HttpRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        if (endpoints.matches(request)) {
            return endpoints.handle(request);
        }
        Optional<HttpResponse> demo = handleDemoRoutes(request);
        if (demo.isPresent()) {
            return demo.get();
        }
        return api.handle(
                        request,
                        RequestContext.defaultTenant(request.remoteAddress().orElse(null)))
                .orElseGet(() -> endpoints.handle(request));
    }

    /**
     * Expires unclaimed registrations that are due, removes expired tokens and purges registrations past their
     * retention; the background sweep calls it every minute.
     */
    void sweep() {
        try {
            Housekeeping done = service.runHousekeeping(1000);
            if (done.expired() > 0 || done.purged() > 0) {
                System.out.printf(
                        "[housekeeping] expired %d unclaimed registrations, purged %d ended ones%n",
                        done.expired(), done.purged());
            }
        } catch (RuntimeException e) {
            System.err.println("[housekeeping] failed: " + e.getClass().getName());
        }
    }

    /**
     * Prints the URLs to try and a copy-paste {@code curl} walkthrough of every flow, the claim step included.
     *
     * @param out where to print
     * @param server what the demo runs on, for the first line (the run-command check looks for it)
     */
    public void printWalkthrough(PrintStream out, String server) {
        host.printWalkthrough(out, server);
    }

    private static URI originOf(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    }

    /** Stops the housekeeping. */
    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
