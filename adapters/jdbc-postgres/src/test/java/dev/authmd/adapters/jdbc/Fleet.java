package dev.authmd.adapters.jdbc;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.LogoutTokenMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.OtpHasher;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.signing.InMemorySigningKeySource;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.account.ProvisionRequest;
import dev.authmd.spi.account.SessionResolver;
import dev.authmd.spi.account.SignedInUser;
import dev.authmd.spi.account.UserAccount;
import dev.authmd.spi.mail.ClaimMail;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;

/**
 * Several {@link AgentAuthService} replicas sharing one PostgreSQL database, each with its own connection pool and its
 * own JDBC stores, as separate processes behind a load balancer would be. What replicas share in production is shared
 * here too: the configuration, the trust list, the OTP hashing key, the host's users and the mail outbox.
 *
 * <p>The trusted provider's keys are inline in the trust list (no network); {@link #idJag()} mints assertions it
 * accepts.
 */
final class Fleet {

    static final String PROVIDER = "https://agents.example";
    static final String RESOURCE = "https://api.example.com/v1";
    static final String AUDIENCE = "https://api.example.com";

    final ProviderKeys keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
    final AgentAuthConfig config = AgentAuthConfig.builder(URI.create(RESOURCE)).build();
    final TrustList trustList = TrustList.builder()
            .add(TrustedProvider.builder(PROVIDER)
                    .keyLocation(KeyLocation.inline(keys.jwksJson()))
                    .algorithms(List.of("ES256"))
                    .build())
            .build();
    final Users users = new Users();
    /** The host's signed-in users, by session id: their verified emails. */
    final Map<String, List<String>> signedIn = new ConcurrentHashMap<>();

    final ConcurrentLinkedQueue<ClaimMail> outbox = new ConcurrentLinkedQueue<>();
    final List<AgentAuthService> replicas = new ArrayList<>();
    private final OtpHasher otpHasher =
            new OtpHasher("a shared 32-byte key from the vault!".getBytes(StandardCharsets.UTF_8));

    /**
     * @param pools one pool per replica
     * @param clock the replicas' clock
     * @param policy the rate limits
     */
    Fleet(List<? extends DataSource> pools, Clock clock, RateLimitPolicy policy) {
        // replicas share the host's login: a session cookie names a user of signedIn
        SessionResolver sessions = new SessionResolver() {
            @Override
            public Optional<SignedInUser> signedIn(dev.authmd.spi.http.HttpRequest request) {
                return request.header("Cookie")
                        .map(c -> c.replace("session=", ""))
                        .filter(signedIn::containsKey)
                        .map(id -> new SignedInUser(id, signedIn.get(id)));
            }

            @Override
            public URI loginUri(dev.authmd.spi.http.HttpRequest request, URI returnTo) {
                return URI.create("https://login.example/");
            }
        };
        // replicas share the service's signing keys, as they would share a JWK set file
        InMemorySigningKeySource signingKeys = new InMemorySigningKeySource(clock);
        for (DataSource pool : pools) {
            replicas.add(jdbcStores(AgentAuthService.builder(), pool)
                    .config(config, trustList)
                    .signingKeySource(signingKeys)
                    .sessionResolver(sessions)
                    .rateLimitPolicy(policy)
                    .accountResolver(users)
                    .claimMailer(outbox::add)
                    .auditSink(event -> {})
                    .otpHasher(otpHasher)
                    .clock(clock)
                    .build());
        }
    }

    /**
     * @param builder a service builder
     * @param pool the database
     * @return the builder with every store on the JDBC adapter over {@code pool}
     */
    static AgentAuthService.Builder jdbcStores(AgentAuthService.Builder builder, DataSource pool) {
        return builder.registrationStore(new JdbcRegistrationStore(pool))
                .credentialStore(new JdbcCredentialStore(pool))
                .delegationStore(new JdbcDelegationStore(pool))
                .replayCache(new JdbcReplayCache(pool))
                .rateLimitStore(new JdbcRateLimitStore(pool))
                .issuedAssertionStore(new JdbcIssuedAssertionStore(pool))
                .accessTokenStore(new JdbcAccessTokenStore(pool))
                .refreshTokenStore(new JdbcRefreshTokenStore(pool));
    }

    AgentAuthService a() {
        return replicas.get(0);
    }

    AgentAuthService b() {
        return replicas.get(1);
    }

    /** @return an ID-JAG for user {@code sub-1} with a fresh jti, ready to mint */
    IdJagMinter idJag() {
        return IdJagMinter.builder(keys)
                .issuer(PROVIDER)
                .subject("sub-1")
                .audience(AUDIENCE)
                .email("ada@example.com")
                .emailVerified(true)
                .jti(UUID.randomUUID().toString());
    }

    /** @return a logout token for user {@code sub-1}, ready to mint */
    LogoutTokenMinter logout() {
        return LogoutTokenMinter.builder(keys)
                .issuer(PROVIDER)
                .subject("sub-1")
                .audience(AUDIENCE)
                .jti(UUID.randomUUID().toString());
    }

    /** @return the attempt token of the newest claim link sent to {@code email} */
    String attemptTokenSentTo(String email) {
        ClaimMail newest = null;
        for (ClaimMail mail : outbox) {
            if (mail.to().equals(email)) {
                newest = mail;
            }
        }
        if (newest == null) {
            throw new AssertionError("no claim mail sent to the address");
        }
        String link = newest.claimLink();
        return java.net.URLDecoder.decode(
                link.substring(link.indexOf("token=") + "token=".length()), StandardCharsets.UTF_8);
    }

    /** The host's users: one table every replica reads; unknown verified emails are provisioned. */
    static final class Users implements AccountResolver {
        private final Map<String, UserAccount> byEmail = new ConcurrentHashMap<>();

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
            if (request.email() == null) {
                return Optional.empty();
            }
            return Optional.of(byEmail.computeIfAbsent(
                    request.email(),
                    e -> new UserAccount(
                            "user-" + UUID.nameUUIDFromBytes(e.getBytes(StandardCharsets.UTF_8)), e, null)));
        }
    }
}
