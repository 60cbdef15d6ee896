package dev.authmd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.LogoutTokenMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.OtpHasher;
import dev.authmd.core.secret.SecretGenerator;
import dev.authmd.core.store.memory.InMemoryCredentialStore;
import dev.authmd.core.store.memory.InMemoryDelegationStore;
import dev.authmd.core.store.memory.InMemoryRegistrationStore;
import dev.authmd.core.testsupport.MutableClock;
import dev.authmd.core.testsupport.StubFetcher;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.ProviderPolicy;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.audit.AuditSink;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Registration;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A service wired for tests: in-memory stores behind fault-injecting decorators, a recording mailer, audit sink and
 * credential format, test users, a mutable clock, a seeded secret source and one trusted provider whose keys are inline
 * (no network). Two tenants: {@link #TENANT} (resource {@code https://api.example.com/v1}, issuer
 * {@code https://api.example.com}) and {@link #TENANT_B} ({@code https://acme.example.net/v1}), both trusting the
 * provider. Rate limits are off unless the builder sets them.
 */
final class ServiceFixture {

    static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");
    static final String TENANT = RequestContext.DEFAULT_TENANT;
    static final String TENANT_B = "acme";
    static final String RESOURCE = "https://api.example.com/v1";
    static final String AS_ISSUER = "https://api.example.com";
    static final String RESOURCE_B = "https://acme.example.net/v1";
    static final String AS_ISSUER_B = "https://acme.example.net";
    static final String PROVIDER = "https://provider.example";
    static final ProviderKeys KEYS = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
    static final String IP = "203.0.113.7";
    static final List<String> PRE_CLAIM = List.of("api.read");
    static final List<String> POST_CLAIM = List.of("api.read", "api.write");

    final MutableClock clock = new MutableClock(NOW);
    final FaultPlan faults = new FaultPlan();
    final FaultInjectingRegistrationStore registrations =
            new FaultInjectingRegistrationStore(new InMemoryRegistrationStore(), faults);
    final FaultInjectingCredentialStore credentials =
            new FaultInjectingCredentialStore(new InMemoryCredentialStore(), faults);
    final FaultInjectingDelegationStore delegations =
            new FaultInjectingDelegationStore(new InMemoryDelegationStore(), faults);
    final TestAccounts accounts = new TestAccounts();
    final RecordingMailer mailer = new RecordingMailer();
    final RecordingAuditSink audit = new RecordingAuditSink();
    final StubFetcher fetcher = new StubFetcher();
    final SecretGenerator secrets;
    final RecordingCredentialFormat format;
    final AgentAuthConfig config;
    final AgentAuthConfig configB;
    final AgentAuthService service;

    private ServiceFixture(Builder b) {
        this.secrets = new SecretGenerator(seeded(b.seed));
        this.format = new RecordingCredentialFormat(secrets);
        this.config =
                b.config.apply(AgentAuthConfig.builder(URI.create(RESOURCE))).build();
        this.configB =
                b.config.apply(AgentAuthConfig.builder(URI.create(RESOURCE_B))).build();
        TrustList trust = TrustList.builder()
                .add(TrustedProvider.builder(PROVIDER)
                        .displayName("Provider")
                        .keyLocation(KeyLocation.inline(KEYS.jwksJson()))
                        .algorithms(List.of("ES256"))
                        .policy(b.policy)
                        .build())
                .build();
        byte[] otpKey = new byte[OtpHasher.MIN_KEY_BYTES];
        Arrays.fill(otpKey, (byte) 7);
        AgentAuthService.Builder builder = AgentAuthService.builder()
                .tenant(new Tenant(TENANT, config, trust))
                .tenant(new Tenant(TENANT_B, configB, trust))
                .registrationStore(registrations)
                .credentialStore(credentials)
                .delegationStore(delegations)
                .accountResolver(accounts)
                .claimMailer(mailer)
                .auditSink(b.auditSink != null ? b.auditSink : audit)
                .httpFetcher(fetcher)
                .clock(clock)
                .secretGenerator(secrets)
                .otpHasher(new OtpHasher(otpKey))
                .credentialFormat(format)
                .rateLimitPolicy(b.rateLimits)
                .stepUp(b.stepUp)
                .rotateKeyOnClaim(b.rotate);
        if (b.admission != null) {
            builder.anonymousAdmission(b.admission);
        }
        if (b.meterRegistry != null) {
            builder.meterRegistry(b.meterRegistry);
        }
        this.service = builder.build();
    }

    static Builder builder() {
        return new Builder();
    }

    static ServiceFixture create() {
        return builder().build();
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- contexts ------------------------------------------------------------------------------

    RequestContext ctx() {
        return new RequestContext(TENANT, IP);
    }

    RequestContext ctxB() {
        return new RequestContext(TENANT_B, IP);
    }

    // --- registration shortcuts ----------------------------------------------------------------

    RegistrationResult anonymous() {
        return ok(service.register(ctx(), new RegisterRequest.Anonymous(null)));
    }

    RegistrationResult verifiedEmail(String email, CredentialType type) {
        return ok(service.register(ctx(), new RegisterRequest.VerifiedEmail(email, type)));
    }

    Outcome<RegistrationResult> registerIdJag(String assertion, CredentialType type) {
        return service.register(ctx(), new RegisterRequest.IdJag(assertion, type));
    }

    /** An ID-JAG from the provider for {@code user-1} / {@code ada@example.com}, issued now, fresh jti. */
    IdJagMinter idJag() {
        return IdJagMinter.builder(KEYS)
                .issuer(PROVIDER)
                .subject("user-1")
                .audience(AS_ISSUER)
                .email("ada@example.com")
                .emailVerified(true)
                .issuedAt(clock.instant())
                .jti(UUID.randomUUID().toString());
    }

    LogoutTokenMinter logout(String subject) {
        return LogoutTokenMinter.builder(KEYS)
                .issuer(PROVIDER)
                .subject(subject)
                .audience(AS_ISSUER)
                .issuedAt(clock.instant())
                .jti(UUID.randomUUID().toString());
    }

    // --- claim shortcuts -----------------------------------------------------------------------

    /** Starts a claim, follows the emailed link and mints a code. @return the OTP */
    String startAndMint(String claimToken, String email) {
        ok(service.startClaim(ctx(), claimToken, email));
        return mint(mailer.lastAttemptToken());
    }

    String mint(String attemptToken) {
        return ok(service.mintChallenge(ctx(), attemptToken)).otp();
    }

    Outcome<ClaimCompleted> complete(String claimToken, String otp) {
        return service.completeClaim(ctx(), claimToken, otp);
    }

    /** An OTP that is certainly not {@code otp}. */
    static String wrong(String otp) {
        return otp.equals("000000") ? "111111" : "000000";
    }

    // --- resource side -------------------------------------------------------------------------

    AuthenticationResult authenticate(String secret, String... scopes) {
        return service.authenticate(ctx(), "Bearer " + secret, Set.of(scopes));
    }

    boolean authenticates(String secret) {
        return authenticate(secret).principal().isPresent();
    }

    // --- store inspection (never faulted) ------------------------------------------------------

    Registration stored(String registrationId) {
        return registrations.unfaulted().findById(TENANT, registrationId).orElseThrow();
    }

    List<Registration> storedRegistrations(String tenantId) {
        List<Registration> all = new ArrayList<>();
        String after = null;
        while (true) {
            List<Registration> page = registrations.unfaulted().findByTenant(tenantId, after, 100);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = page.get(page.size() - 1).id();
        }
    }

    List<Registration> storedRegistrations() {
        return storedRegistrations(TENANT);
    }

    // --- outcome helpers -----------------------------------------------------------------------

    static <T> T ok(Outcome<T> outcome) {
        if (outcome instanceof Outcome.Failure<T> failure) {
            throw new AssertionError("expected success, got " + failure.error().code() + ": " + failure.message());
        }
        return outcome.value();
    }

    static void assertFailure(Outcome<?> outcome, dev.authmd.protocol.error.ProtocolError error) {
        assertThat(outcome.isSuccess()).as("outcome is a failure").isFalse();
        assertThat(outcome.failure().error()).isEqualTo(error);
        assertThat(outcome.failure().message()).isNotBlank();
    }

    /** Builds a {@link ServiceFixture}. */
    static final class Builder {
        private UnaryOperator<AgentAuthConfig.Builder> config = b -> b;
        private ProviderPolicy policy = ProviderPolicy.defaults();
        private RateLimitPolicy rateLimits = RateLimitPolicy.none();
        private boolean stepUp = true;
        private boolean rotate;
        private AuditSink auditSink;
        private long seed = 42;
        private Object meterRegistry;
        private AnonymousAdmission admission;

        Builder config(UnaryOperator<AgentAuthConfig.Builder> config) {
            this.config = config;
            return this;
        }

        Builder policy(ProviderPolicy policy) {
            this.policy = policy;
            return this;
        }

        Builder rateLimits(RateLimitPolicy rateLimits) {
            this.rateLimits = rateLimits;
            return this;
        }

        Builder stepUp(boolean stepUp) {
            this.stepUp = stepUp;
            return this;
        }

        Builder rotate(boolean rotate) {
            this.rotate = rotate;
            return this;
        }

        /** Replaces the recording sink as the service's sink (the recording sink then sees nothing). */
        Builder auditSink(AuditSink sink) {
            this.auditSink = sink;
            return this;
        }

        Builder meterRegistry(Object registry) {
            this.meterRegistry = registry;
            return this;
        }

        Builder anonymousAdmission(AnonymousAdmission admission) {
            this.admission = admission;
            return this;
        }

        Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        ServiceFixture build() {
            return new ServiceFixture(this);
        }
    }
}
