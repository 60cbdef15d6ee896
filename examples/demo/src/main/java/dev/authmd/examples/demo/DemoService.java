package dev.authmd.examples.demo;

import dev.authmd.core.audit.AuditEventJson;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.fetch.AddressGuard;
import dev.authmd.core.fetch.GuardedHttpFetcher;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.http.DevelopmentSignIn;
import dev.authmd.core.http.WarmUp;
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
    private final DemoProvider provider;
    private final DevelopmentSignIn signIn;
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
        this.provider = new DemoProvider(
                baseUrl,
                config.issuer().toString(),
                config.revocationUri().getRawPath(),
                config.eventsEndpoint().getRawPath(),
                request -> handler[0].handle(request),
                clock);

        List<TrustedProvider> providers = new ArrayList<>();
        providers.add(provider.trustEntry());
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

        DemoMailer mailer = new DemoMailer(options.mailDir(), config.claimChallengeUri());
        // development only: the current profile's claim page needs a login, and the demo has none of its own
        DemoAccounts accounts = new DemoAccounts();
        this.signIn = DevelopmentSignIn.create(baseUrl, mailer, clock, accounts);
        this.service = AgentAuthService.builder()
                .config(config, TrustList.of(providers))
                .accountResolver(accounts)
                .claimMailer(mailer)
                .sessionResolver(signIn)
                .auditSink(event -> System.out.println("[audit] " + AuditEventJson.write(event)))
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
        if (!options.warmUp().isZero()) {
            WarmUp.start(options.warmUp())
                    .thenAccept(report -> System.out.printf(
                            "[warm-up] %d rounds in %d ms%n",
                            report.rounds(), report.took().toMillis()));
        }
        if (!options.rateLimits()) {
            System.err.println("*** RATE LIMITS ARE OFF (--rate-limits off). Use this only for load tests. ***");
        }
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
        Objects.requireNonNull(request, "request cannot be null");
        Optional<HttpResponse> demo = provider.handle(request);
        if (demo.isPresent()) {
            return demo;
        }
        Optional<HttpResponse> signInPage = signIn.handle(request);
        if (signInPage.isPresent()) {
            return signInPage;
        }
        if (request.path().equals("/")
                && (request.method().equals("GET") || request.method().equals("HEAD"))) {
            return Optional.of(HttpResponse.builder(200)
                    .body("authmd-java demo service. Agents start at /auth.md\n", "text/plain; charset=utf-8")
                    .build());
        }
        return Optional.empty();
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
        String b = baseUrl.toString();
        StringBuilder text = new StringBuilder(
                HEADER.formatted(b, options.mailDir() == null ? "" : " and written to " + options.mailDir(), server));
        if (config.serves(WireProfile.V0_1)) {
            text.append(
                    V01_STEPS.formatted(b, config.claimUri(), config.claimChallengeUri(), config.claimCompleteUri()));
        }
        if (config.serves(WireProfile.CURRENT)) {
            text.append(CURRENT_STEPS.formatted(
                    b, config.identityEndpoint(), config.tokenEndpoint(), config.tokenRevocationEndpoint()));
        }
        out.println(text);
    }

    private static final String HEADER = """

                authmd-java demo service on %3$s is running on %1$s
                  discovery   %1$s/.well-known/oauth-protected-resource
                              %1$s/.well-known/oauth-authorization-server
                  agent docs  %1$s/auth.md
                  sample API  %1$s/api/me  (api.read)   %1$s/api/notes  (POST, api.write)
                  demo agent provider (trusted): %1$s/demo/provider/jwks.json
                  claim emails and audit events are printed below%2$s

                Try it (copy-paste):

                  # 0. an agent without a credential gets a 401 pointing at discovery
                  curl -si %1$s/api/me
                """;

    private static final String V01_STEPS = """

                  # 1. anonymous: an api.read key at once, and a claim token for a human
                  curl -s -X POST %1$s/agent/auth -H 'Content-Type: application/json' -d '{"type":"anonymous"}'
                  curl -s %1$s/api/me -H "Authorization: Bearer <credential>"
                  #    a human claims it: the agent asks for a claim email to the human's address
                  curl -s -X POST %2$s -H 'Content-Type: application/json' \\
                       -d '{"claim_token":"<claim_token>","email":"carol@example.com"}'
                  #    the email is printed below as [mail]: open its link and press "Show my code", or send
                  #    the request printed under it, which is what that button sends; it answers the code:
                  curl -s -X POST %3$s -H 'Content-Type: application/json' \\
                       -d '{"claim_attempt_token":"<token= value of the link>"}'
                  #    the human gives the code to the agent, which completes the claim
                  curl -s -X POST %4$s -H 'Content-Type: application/json' \\
                       -d '{"claim_token":"<claim_token>","otp":"<challenge>"}'
                  #    the same key now also has api.write
                  curl -s -X POST %1$s/api/notes -H "Authorization: Bearer <credential>"

                  # 2. ID-JAG from the demo provider: a new user gets an access token at once
                  curl -s -X POST %1$s/demo/provider/id-jag -H 'Content-Type: application/json' -d '{"email":"alice@example.com"}'
                  curl -s -X POST %1$s/agent/auth -H 'Content-Type: application/json' \\
                       -d '{"type":"identity_assertion","assertion_type":"urn:ietf:params:oauth:token-type:id-jag","assertion":"<assertion>"}'
                  #    bob@example.com already has an account: the same call answers id-jag-step-up and the
                  #    service emails bob at once ([mail] below); show the code and complete as in 1, with the
                  #    claim_token of the step-up answer: the completion answers bob's access token

                  # 3. verified email: no credential until the human confirms
                  curl -s -X POST %1$s/agent/auth -H 'Content-Type: application/json' \\
                       -d '{"type":"identity_assertion","assertion_type":"verified_email","assertion":"dave@example.com"}'
                  #    the service has already emailed dave ([mail] below; asking again answers 409
                  #    claimed_or_in_flight): show the code and complete as in 1, with this answer's
                  #    claim_token; the completion answers the credential

                  # 4. revocation: the provider sends a logout token; alice's access token stops working
                  curl -s -X POST %1$s/demo/provider/logout -H 'Content-Type: application/json' -d '{"email":"alice@example.com"}'
                  curl -s %1$s/api/me -H "Authorization: Bearer <alice's access token>"
                """;

    private static final String CURRENT_STEPS = """

                  # 5. the current profile: an identity assertion, exchanged for a one-hour access token
                  curl -s -X POST %2$s -H 'Content-Type: application/json' -d '{"type":"anonymous"}'
                  curl -s -X POST %3$s -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer \\
                       -d assertion=<identity.assertion>
                  curl -s %1$s/api/me -H "Authorization: Bearer <access_token>"
                  #    the agent gives the token up (RFC 7009); the answer is an empty 200
                  curl -s -X POST %4$s -d token=<access_token>
                  #    an ID-JAG for a new user: the same registration id each time, a fresh assertion
                  curl -s -X POST %1$s/demo/provider/id-jag -H 'Content-Type: application/json' -d '{"email":"erin@example.com"}'
                  curl -s -X POST %2$s -H 'Content-Type: application/json' \\
                       -d '{"type":"identity_assertion","assertion_type":"urn:ietf:params:oauth:token-type:id-jag","assertion":"<assertion>"}'
                  #    her provider revokes with a security event; her tokens stop working
                  curl -s -X POST %1$s/demo/provider/security-event -H 'Content-Type: application/json' -d '{"email":"erin@example.com"}'

                  # 6. service_auth: the user confirms by signing in to the service (here the DEVELOPMENT sign-in)
                  curl -s -X POST %2$s -H 'Content-Type: application/json' -d '{"type":"service_auth","login_hint":"frank@example.com"}'
                  #    open claim.attempt.verification_uri in a browser, sign in as frank@example.com (the sign-in
                  #    link is printed below as [mail]), confirm, and read the code; the agent then completes:
                  curl -s -X POST %2$s/claim/complete -H 'Content-Type: application/json' \
                       -d '{"claim_token":"<claim.token>","user_code":"<code>"}'
                  #    the answer carries the post-claim assertion and a refresh token
                """;

    private static URI originOf(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    }

    /** Stops the housekeeping. */
    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
