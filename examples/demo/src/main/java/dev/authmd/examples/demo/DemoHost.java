package dev.authmd.examples.demo;

import dev.authmd.core.audit.AuditEventJson;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.http.DevelopmentSignIn;
import dev.authmd.core.http.WarmUp;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.audit.AuditSink;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.mail.ClaimMailer;
import dev.authmd.spi.store.WireProfile;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The host side of the demo — everything a service around the library supplies, and nothing of the library itself: its
 * users ({@code bob@example.com} exists, everyone else is provisioned on first sight), its mail (printed, and written
 * to {@code --mail-dir}), a development sign-in for the current profile's claim page, an audit sink that prints, and
 * the built-in demo agent provider with its routes. {@link DemoService} wires these into a service by hand; the Spring
 * Boot example hands them to the starter as beans. Development only.
 *
 * <p>Thread-safe.
 */
public final class DemoHost {

    private final DemoOptions options;
    private final AgentAuthConfig config;
    private final DemoProvider provider;
    private final DemoMailer mailer;
    private final DemoAccounts accounts = new DemoAccounts();
    private final DevelopmentSignIn signIn;

    private DemoHost(
            DemoOptions options, AgentAuthConfig config, Function<HttpRequest, HttpResponse> endpoints, Clock clock) {
        this.options = options;
        this.config = config;
        URI baseUrl = config.resource();
        this.provider = new DemoProvider(
                baseUrl,
                config.issuer().toString(),
                config.revocationUri().getRawPath(),
                config.eventsEndpoint().getRawPath(),
                endpoints,
                clock);
        this.mailer = new DemoMailer(options.mailDir(), config.claimChallengeUri());
        this.signIn = DevelopmentSignIn.create(baseUrl, mailer, clock, accounts);
    }

    /**
     * Creates the host side for a service configuration.
     *
     * @param options the demo's settings (its mail directory, rate limits and warm-up)
     * @param config the service's configuration: the public URL, the issuer and the endpoints the demo provider posts
     *     logout tokens and security events to
     * @param endpoints the service's endpoints, called in-process when the demo provider delivers a logout token or a
     *     security event; looked up per call, so it may be wired after this object exists
     * @param clock the clock the demo provider mints with
     * @return the host side
     */
    public static DemoHost create(
            DemoOptions options, AgentAuthConfig config, Function<HttpRequest, HttpResponse> endpoints, Clock clock) {
        return new DemoHost(
                Objects.requireNonNull(options, "options cannot be null"),
                Objects.requireNonNull(config, "config cannot be null"),
                Objects.requireNonNull(endpoints, "endpoints cannot be null"),
                Objects.requireNonNull(clock, "clock cannot be null"));
    }

    /** {@return the demo's users: {@code bob@example.com} exists, anyone else is provisioned when first seen} */
    public AccountResolver accounts() {
        return accounts;
    }

    /** {@return the mailer: prints every claim email and sign-in link, and writes it to {@code --mail-dir}} */
    public ClaimMailer mailer() {
        return mailer;
    }

    /** {@return the development sign-in at {@code /dev/sign-in}, the current profile's claim page's login} */
    public DevelopmentSignIn signIn() {
        return signIn;
    }

    /** {@return an audit sink that prints each event as one JSON line} */
    public AuditSink auditSink() {
        return event -> System.out.println("[audit] " + AuditEventJson.write(event));
    }

    /** {@return the demo provider's issuer: the public URL followed by {@code /demo/provider}} */
    public String providerIssuer() {
        return provider.issuer();
    }

    /** {@return the demo provider's trust entry, its keys inline} */
    public TrustedProvider providerTrustEntry() {
        return provider.trustEntry();
    }

    /**
     * The demo's own routes that are not the protocol and not the sample API: the demo provider under
     * {@code /demo/provider/}, the development sign-in under {@code /dev/sign-in} and a plain-text greeting at
     * {@code /}.
     *
     * @param request any request
     * @return the answer, or empty when the path is not one of them
     */
    public Optional<HttpResponse> handleRoutes(HttpRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        Optional<HttpResponse> demo = options.demoProvider() ? provider.handle(request) : Optional.empty();
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

    /** Warns when rate limits are off and starts the {@code --warm-up} run, if one was asked for. */
    public void announce() {
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
     * Prints the URLs to try and a copy-paste {@code curl} walkthrough of every flow, the claim step included.
     *
     * @param out where to print
     * @param server what the demo runs on, for the first line (the run-command check looks for it)
     */
    public void printWalkthrough(PrintStream out, String server) {
        String b = config.resource().toString();
        StringBuilder text = new StringBuilder(HEADER.formatted(
                b,
                options.mailDir() == null ? "" : " and written to " + options.mailDir(),
                server,
                listening(),
                options.demoProvider()
                        ? "on (trusted): " + b + "/demo/provider/jwks.json; its token mint and logout"
                                + " endpoints are open to anyone who reaches the port (--demo-provider off)"
                        : "off (--demo-provider off): the ID-JAG and revocation steps below need a provider"
                                + " of your own (--trust)"));
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

    private String listening() {
        String bind = options.bind();
        boolean loopback = bind.equals("127.0.0.1") || bind.equals("localhost") || bind.equals("::1");
        return bind + " (" + (loopback ? "this machine only; --bind 0.0.0.0 for every interface" : "--bind") + ")";
    }

    private static final String HEADER = """

                authmd-java demo service on %3$s is running on %1$s
                  discovery   %1$s/.well-known/oauth-protected-resource
                              %1$s/.well-known/oauth-authorization-server
                  agent docs  %1$s/auth.md
                  sample API  %1$s/api/me  (api.read)   %1$s/api/notes  (POST, api.write)
                  listening   %4$s
                  demo agent provider %5$s
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
}
