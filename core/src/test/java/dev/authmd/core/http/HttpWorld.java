package dev.authmd.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.LogoutTokenMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.provider.SecurityEventMinter;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.service.Tenant;
import dev.authmd.core.signing.InMemorySigningKeySource;
import dev.authmd.core.testsupport.MutableClock;
import dev.authmd.core.testsupport.StubFetcher;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.account.ProvisionRequest;
import dev.authmd.spi.account.SessionResolver;
import dev.authmd.spi.account.SignedInUser;
import dev.authmd.spi.account.UserAccount;
import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.keys.SigningKeySource;
import dev.authmd.spi.mail.ClaimMail;
import dev.authmd.spi.mail.MailDeliveryException;
import dev.authmd.spi.store.ClaimAttempt;
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.Registration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * One service wired as a host would wire it, for tests that drive {@link AgentAuthEndpoints} through
 * {@link HttpRequest} values: in-memory stores behind write counters, a recording mailer and audit sink, a test account
 * directory, a hand-moved clock, and a trust list holding one provider whose keys the provider kit minted (inline JWKS,
 * so nothing is fetched).
 */
final class HttpWorld {

    static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");
    static final String RESOURCE = "https://api.example.com";
    /** A display name that would run script if any page forgot to escape it. */
    static final String HOSTILE_NAME = "Acme <script>alert(1)</script> & \"Co\" 'x'";

    static final String PROVIDER = "https://provider.example";
    static final ProviderKeys PROVIDER_KEYS = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
    static final String CLIENT_IP = "203.0.113.7";
    /** One service key for every world: generated once, published and signing from long before {@link #NOW}. */
    static final SigningKeySource SIGNING_KEYS =
            new InMemorySigningKeySource(Clock.fixed(NOW.minusSeconds(86_400), ZoneOffset.UTC));

    static final String IDENTITY = "/agent/identity";
    static final String TOKEN = "/oauth2/token";
    static final String TOKEN_REVOKE = "/oauth2/revoke";
    static final String EVENTS = "/agent/event/notify";
    static final String JWKS = "/.well-known/jwks.json";

    static final String REGISTER = "/agent/auth";
    static final String CLAIM = "/agent/auth/claim";
    static final String VIEW = "/agent/auth/claim/view";
    static final String CHALLENGE = "/agent/auth/claim/attempt/challenge";
    static final String COMPLETE = "/agent/auth/claim/complete";
    static final String REVOKE = "/agent/auth/revoke";

    private static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock(NOW);
    final CountingStores stores = new CountingStores();
    final List<ClaimMail> mails = new CopyOnWriteArrayList<>();
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    final TestAccounts accounts = new TestAccounts();
    final StubFetcher fetcher = new StubFetcher();
    /** When set, the mailer fails as an unreachable mail system would. */
    volatile boolean mailDown;

    final AgentAuthConfig config;
    final AgentAuthService service;
    final AgentAuthEndpoints endpoints;

    private HttpWorld(AgentAuthConfig config, RateLimitPolicy limits, ClaimPageGuard guard) {
        this(config, limits, b -> b.claimPageGuard(guard), null);
    }

    private HttpWorld(
            AgentAuthConfig config,
            RateLimitPolicy limits,
            UnaryOperator<AgentAuthEndpoints.Builder> endpointOptions,
            SessionResolver sessionResolver) {
        this.config = config;
        AgentAuthService.Builder builder = AgentAuthService.builder();
        if (sessionResolver != null) {
            builder.sessionResolver(sessionResolver);
        }
        this.service = builder.tenant(new Tenant(RequestContext.DEFAULT_TENANT, config, trustList()))
                .registrationStore(stores.registrations)
                .credentialStore(stores.credentials)
                .delegationStore(stores.delegations)
                .replayCache(stores.replay)
                .rateLimitStore(stores.rateLimits)
                .issuedAssertionStore(stores.assertions)
                .accessTokenStore(stores.accessTokens)
                .refreshTokenStore(stores.refreshTokens)
                .signingKeySource(SIGNING_KEYS)
                .rateLimitPolicy(limits)
                .accountResolver(accounts)
                .claimMailer(mail -> {
                    if (mailDown) {
                        throw new MailDeliveryException("smtp down", null);
                    }
                    mails.add(mail);
                })
                .auditSink(events::add)
                .httpFetcher(fetcher)
                .clock(clock)
                .build();
        this.endpoints =
                endpointOptions.apply(AgentAuthEndpoints.builder(service)).build();
    }

    /** The host's login: where the claim page sends a visitor who is not signed in. */
    static final String LOGIN = "https://login.example.com/sign-in";

    /**
     * @param limits the rate limits
     * @return the standard world with the host's sign-in wired: a {@code session=<userId>} cookie names a user of
     *     {@link #signedIn}
     */
    static HttpWorld withSignIn(RateLimitPolicy limits) {
        return withSignIn(limits, UnaryOperator.identity());
    }

    /**
     * @param limits the rate limits
     * @param endpointOptions the host's endpoint options (guards, layout)
     * @return the world of {@link #withSignIn(RateLimitPolicy)} with those endpoint options
     */
    static HttpWorld withSignIn(RateLimitPolicy limits, UnaryOperator<AgentAuthEndpoints.Builder> endpointOptions) {
        Map<String, List<String>> users = new ConcurrentHashMap<>();
        HttpWorld world = new HttpWorld(baseConfig().build(), limits, endpointOptions, new SessionResolver() {
            @Override
            public Optional<SignedInUser> signedIn(HttpRequest request) {
                return request.header("Cookie")
                        .filter(c -> c.startsWith("session="))
                        .map(c -> c.substring("session=".length()))
                        .filter(users::containsKey)
                        .map(id -> new SignedInUser(id, users.get(id)));
            }

            @Override
            public URI loginUri(HttpRequest request, URI returnTo) {
                return URI.create(
                        LOGIN + "?return=" + java.net.URLEncoder.encode(returnTo.toString(), StandardCharsets.UTF_8));
            }
        });
        world.sessionUsers = users;
        return world;
    }

    /** The users the sign-in knows, for a world made by {@link #withSignIn}. */
    Map<String, List<String>> sessionUsers = new ConcurrentHashMap<>();

    /** @return the standard world: resource at the origin, hostile display name, default limits */
    static HttpWorld standard() {
        return with(UnaryOperator.identity());
    }

    /**
     * @param edit changes to the standard configuration
     * @return a world with that configuration
     */
    static HttpWorld with(UnaryOperator<AgentAuthConfig.Builder> edit) {
        return new HttpWorld(edit.apply(baseConfig()).build(), RateLimitPolicy.defaults(), ClaimPageGuard.ALLOW_ALL);
    }

    /** @return the standard world without rate limits, for tests that register many times from one address */
    static HttpWorld unlimited() {
        return new HttpWorld(baseConfig().build(), RateLimitPolicy.none(), ClaimPageGuard.ALLOW_ALL);
    }

    /**
     * @param guard the host's claim page policy
     * @return the standard world with that guard
     */
    static HttpWorld guarded(ClaimPageGuard guard) {
        return new HttpWorld(baseConfig().build(), RateLimitPolicy.defaults(), guard);
    }

    static AgentAuthConfig.Builder baseConfig() {
        return AgentAuthConfig.builder(URI.create(RESOURCE)).resourceName(HOSTILE_NAME);
    }

    static TrustList trustList() {
        return TrustList.builder()
                .add(TrustedProvider.builder(PROVIDER)
                        .displayName("Provider P")
                        .keyLocation(KeyLocation.inline(PROVIDER_KEYS.jwksJson()))
                        .build())
                .build();
    }

    // --- provider kit -------------------------------------------------------------------------

    /** @return an ID-JAG from the trusted provider for a new user, audience the issuer, issued now */
    IdJagMinter idJag() {
        return IdJagMinter.builder(PROVIDER_KEYS)
                .issuer(PROVIDER)
                .subject("user-1")
                .audience(RESOURCE)
                .email("new.user@example.com")
                .emailVerified(true)
                .issuedAt(clock.instant())
                .jti(UUID.randomUUID().toString());
    }

    /** @return a logout token from the trusted provider for {@code user-1}, issued now */
    LogoutTokenMinter logoutToken() {
        return LogoutTokenMinter.builder(PROVIDER_KEYS)
                .issuer(PROVIDER)
                .subject("user-1")
                .audience(RESOURCE)
                .issuedAt(clock.instant())
                .jti(UUID.randomUUID().toString());
    }

    /** @return a security event from the trusted provider revoking {@code user-1}'s delegation, issued now */
    SecurityEventMinter securityEvent() {
        return SecurityEventMinter.builder(PROVIDER_KEYS)
                .issuer(PROVIDER)
                .subject("user-1")
                .audience(RESOURCE)
                .issuedAt(clock.instant())
                .jti(UUID.randomUUID().toString());
    }

    // --- requests -----------------------------------------------------------------------------

    /** Posts a form; values are percent-encoded here. */
    HttpResponse postForm(String path, String... namesAndValues) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(java.net.URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(java.net.URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return post(path, "application/x-www-form-urlencoded", form.toString().getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse post(String path, String contentType, byte[] body) {
        HttpRequest.Builder request =
                HttpRequest.builder("POST", path).body(body).remoteAddress(CLIENT_IP);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return handle(request.build());
    }

    HttpResponse get(String path) {
        return send("GET", path, null);
    }

    HttpResponse send(String method, String path, String rawQuery) {
        return handle(HttpRequest.builder(method, path)
                .rawQuery(rawQuery)
                .remoteAddress(CLIENT_IP)
                .build());
    }

    HttpResponse handle(HttpRequest request) {
        HttpResponse response = endpoints.handle(request);
        assertThat(response).as("response").isNotNull();
        return response;
    }

    // --- responses ----------------------------------------------------------------------------

    static ObjectNode json(HttpResponse response) {
        assertThat(response.header("Content-Type")).as("Content-Type").contains("application/json");
        try {
            JsonNode node = JSON.readTree(response.body());
            assertThat(node).as("body is a JSON object").isInstanceOf(ObjectNode.class);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Asserts the §7 error shape: the status and code of {@code error}, JSON {@code {error, message}} and nothing else,
     * {@code Cache-Control: no-store}.
     */
    static ObjectNode assertError(HttpResponse response, ProtocolError error) {
        ObjectNode body = json(response);
        assertThat(body.path("error").asText()).as("error code").isEqualTo(error.code());
        assertThat(response.status()).as("status").isEqualTo(error.httpStatus());
        assertThat(fieldNames(body)).as("members").containsExactly("error", "message");
        assertThat(body.get("message").isTextual()).as("message is text").isTrue();
        assertThat(body.get("message").asText()).as("message").isNotBlank();
        assertThat(response.header("Cache-Control")).as("Cache-Control").contains("no-store");
        return body;
    }

    static String timestamp(Instant instant) {
        return AgentAuthEndpoints.timestamp(instant);
    }

    // --- state --------------------------------------------------------------------------------

    /** Forgets what setup wrote, mailed and emitted. */
    void resetRecords() {
        stores.reset();
        mails.clear();
        events.clear();
    }

    /** Asserts that no store was written, no mail sent and nothing fetched. */
    void assertUntouched() {
        assertThat(stores.writes()).as("store writes").isEmpty();
        assertThat(mails).as("mails sent").isEmpty();
        assertThat(fetcher.total()).as("outbound fetches").isZero();
        assertThat(service.listRegistrations(RequestContext.DEFAULT_TENANT, "nobody"))
                .isEmpty();
    }

    List<AuditEventType> eventTypes() {
        return events.stream().map(AuditEvent::type).toList();
    }

    Registration registration(String registrationId) {
        return stores.registrations
                .findById(RequestContext.DEFAULT_TENANT, registrationId)
                .orElseThrow();
    }

    Optional<ClaimAttempt> attempt(String registrationId) {
        return registration(registrationId).claim().map(ClaimState::attempt);
    }

    /** @return the attempt token from the last claim email's link */
    String lastAttemptToken() {
        assertThat(mails).as("mails").isNotEmpty();
        String link = mails.get(mails.size() - 1).claimLink();
        assertThat(link).startsWith(config.claimViewUri() + "?token=");
        return URLDecoder.decode(link.substring(link.indexOf("?token=") + 7), StandardCharsets.UTF_8);
    }

    /** An account directory: known users by verified email; provisions anyone else. */
    static final class TestAccounts implements AccountResolver {
        private final Map<String, UserAccount> byEmail = new ConcurrentHashMap<>();
        private final AtomicInteger provisioned = new AtomicInteger();
        final List<ProvisionRequest> provisions = Collections.synchronizedList(new ArrayList<>());

        void add(String userId, String email) {
            byEmail.put(email, new UserAccount(userId, email, null));
        }

        @Override
        public Optional<UserAccount> findByVerifiedEmail(String tenantId, String email) {
            return Optional.ofNullable(byEmail.get(email));
        }

        @Override
        public Optional<UserAccount> findByVerifiedPhone(String tenantId, String phoneNumber) {
            return Optional.empty();
        }

        @Override
        public Optional<UserAccount> provision(ProvisionRequest request) {
            provisions.add(request);
            UserAccount account = new UserAccount("jit-" + provisioned.incrementAndGet(), request.email(), null);
            if (request.email() != null) {
                byEmail.put(request.email(), account);
            }
            return Optional.of(account);
        }
    }
}
