package dev.authmd.benchmarks;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.store.memory.InMemoryCredentialStore;
import dev.authmd.core.store.memory.InMemoryRegistrationStore;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.account.ProvisionRequest;
import dev.authmd.spi.account.UserAccount;
import dev.authmd.spi.store.ReplayCache;
import dev.authmd.spi.store.ReplayKey;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The world every benchmark shares: a service at {@code https://api.example.com/v1}, one provider per algorithm with
 * its keys inline in the trust list (so key look-ups never touch the network and are warm from the first call), and
 * host adapters that do nothing.
 */
public final class BenchFixtures {

    /** The authorization server issuer; the {@code aud} of every ID-JAG. */
    public static final String AUDIENCE = "https://api.example.com";
    /** The ES256 provider. */
    public static final String ES_ISSUER = "https://es.provider.example";
    /** The RS256 provider. */
    public static final String RS_ISSUER = "https://rs.provider.example";
    /** The client IP every request comes from (rate limits are off anyway). */
    public static final RequestContext CTX = RequestContext.defaultTenant("203.0.113.7");

    /** The service configuration (defaults: anonymous, ID-JAG and verified email enabled). */
    public static final AgentAuthConfig CONFIG =
            AgentAuthConfig.builder(URI.create("https://api.example.com/v1")).build();

    private BenchFixtures() {}

    /** Keys of the two providers; generated once per JVM (a fork). */
    public static final class Keys {
        /** ES256 provider keys (EC P-256). */
        public static final ProviderKeys ES = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
        /** RS256 provider keys (RSA 2048). */
        public static final ProviderKeys RS = ProviderKeys.generate(ProviderKeys.KeyType.RSA_2048);
        /** Both providers with inline JWKS, default policy (JIT provisioning allowed). */
        public static final TrustList TRUST_LIST = TrustList.builder()
                .add(TrustedProvider.builder(ES_ISSUER)
                        .displayName("ES provider")
                        .keyLocation(KeyLocation.inline(ES.jwksJson()))
                        .algorithms(List.of("ES256"))
                        .build())
                .add(TrustedProvider.builder(RS_ISSUER)
                        .displayName("RS provider")
                        .keyLocation(KeyLocation.inline(RS.jwksJson()))
                        .algorithms(List.of("RS256"))
                        .build())
                .build();

        private Keys() {}

        /**
         * @param alg {@code ES256} or {@code RS256}
         * @return that provider's keys
         */
        public static ProviderKeys of(String alg) {
            switch (alg) {
                case "ES256":
                    return ES;
                case "RS256":
                    return RS;
                default:
                    throw new IllegalArgumentException("unknown alg " + alg);
            }
        }

        /**
         * @param alg {@code ES256} or {@code RS256}
         * @return that provider's issuer
         */
        public static String issuerOf(String alg) {
            return alg.equals("ES256") ? ES_ISSUER : RS_ISSUER;
        }
    }

    /**
     * A typical ID-JAG (verified email, agent platform, fresh {@code jti}) issued at {@code iat}, living as long as the
     * service accepts (10 minutes).
     *
     * @param alg {@code ES256} or {@code RS256}
     * @param subject the user's {@code sub}
     * @param iat the issue time
     * @return the signed token
     */
    public static String idJag(String alg, String subject, Instant iat) {
        return IdJagMinter.builder(Keys.of(alg))
                .issuer(Keys.issuerOf(alg))
                .subject(subject)
                .audience(AUDIENCE)
                .email(subject + "@users.example")
                .emailVerified(true)
                .agentPlatform("bench-agent")
                .jti(UUID.randomUUID().toString())
                .issuedAt(iat)
                .lifetime(CONFIG.maxAssertionLifetime())
                .mint();
    }

    /**
     * A service with in-memory stores, rate limits off, no audit output, no mail, and an account resolver that
     * provisions every unknown user.
     *
     * @param registrations the registration store to use
     * @param credentials the credential store to use
     * @param clock the clock
     * @return the service
     */
    public static AgentAuthService service(
            InMemoryRegistrationStore registrations, InMemoryCredentialStore credentials, Clock clock) {
        return AgentAuthService.builder()
                .config(CONFIG, Keys.TRUST_LIST)
                .registrationStore(registrations)
                .credentialStore(credentials)
                .rateLimitPolicy(RateLimitPolicy.none())
                .accountResolver(new ProvisioningResolver())
                .claimMailer(mail -> {})
                .auditSink(event -> {})
                .clock(clock)
                .build();
    }

    /** @return a service with fresh in-memory stores and the system clock */
    public static AgentAuthService service() {
        return service(new InMemoryRegistrationStore(), new InMemoryCredentialStore(), Clock.systemUTC());
    }

    /**
     * Registers one anonymous agent.
     *
     * @param service the service
     * @return the result
     * @throws IllegalStateException when the service refused
     */
    public static RegistrationResult registerAnonymous(AgentAuthService service) {
        Outcome<RegistrationResult> outcome = service.register(CTX, new RegisterRequest.Anonymous(null));
        if (!outcome.isSuccess()) {
            throw new IllegalStateException("anonymous registration failed: "
                    + outcome.failure().error().code());
        }
        return outcome.value();
    }

    /**
     * @param failures refused operations counted by a benchmark method
     * @throws IllegalStateException when there was any
     */
    public static void requireNoFailure(AtomicLong failures) {
        long count = failures.getAndSet(0);
        if (count != 0) {
            throw new IllegalStateException(
                    count + " measured operations were refused; the benchmark timed the wrong path");
        }
    }

    /**
     * A replay cache that accepts every {@code jti}: the verification benchmarks present one token over and over, which
     * a real cache would (rightly) refuse from the second call on. The real cache's cost is measured by the
     * registration benchmark, whose tokens are all fresh.
     */
    public static final class AcceptingReplayCache implements ReplayCache {
        @Override
        public boolean markUsed(ReplayKey key, Instant now, Instant retainUntil) {
            Objects.requireNonNull(key, "key cannot be null");
            return true;
        }

        @Override
        public int sweep(Instant now) {
            return 0;
        }
    }

    /** Knows no existing user, provisions every new one as {@code u-<sub>}. Thread-safe. */
    static final class ProvisioningResolver implements AccountResolver {
        @Override
        public Optional<UserAccount> findByVerifiedEmail(String tenantId, String email) {
            return Optional.empty();
        }

        @Override
        public Optional<UserAccount> findByVerifiedPhone(String tenantId, String phoneNumber) {
            return Optional.empty();
        }

        @Override
        public Optional<UserAccount> provision(ProvisionRequest request) {
            return Optional.of(new UserAccount("u-" + request.subject(), request.email(), request.phoneNumber()));
        }
    }
}
