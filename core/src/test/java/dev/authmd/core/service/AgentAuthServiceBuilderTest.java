package dev.authmd.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.core.audit.RecordingLogger;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.mail.ConsoleClaimMailer;
import dev.authmd.core.secret.OtpHasher;
import dev.authmd.core.store.memory.InMemoryAccountResolver;
import dev.authmd.core.store.memory.InMemoryCredentialStore;
import dev.authmd.core.store.memory.InMemoryDelegationStore;
import dev.authmd.core.store.memory.InMemoryRateLimitStore;
import dev.authmd.core.store.memory.InMemoryRegistrationStore;
import dev.authmd.core.store.memory.InMemoryReplayCache;
import dev.authmd.core.trust.TrustList;
import dev.authmd.spi.store.WireProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Wiring: what the builder requires, what it defaults, and the warning each development default gets. */
class AgentAuthServiceBuilderTest {

    /** The v0.1 profile alone: the current profile's own defaults are pinned by their own test below. */
    private static final AgentAuthConfig CONFIG = AgentAuthConfig.builder(URI.create("https://api.example.com"))
            .profiles(WireProfile.V0_1)
            .build();

    private static final TrustList NOBODY = TrustList.builder().build();
    private static final String ALL_STORES = DevelopmentDefaults.inMemoryStores(
            List.of("registrationStore", "credentialStore", "delegationStore", "replayCache", "rateLimitStore"));

    private final RecordingLogger log = new RecordingLogger(AgentAuthService.class.getName());
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void buildWhenNoTenantThenIllegalState() {
        assertThatIllegalStateException()
                .isThrownBy(() -> AgentAuthService.builder()
                        .accountResolver(new TestAccounts())
                        .claimMailer(new RecordingMailer())
                        .build())
                .withMessage("at least one tenant is required (config(...) or tenant(...))");
    }

    @Test
    void tenantWhenConfiguredTwiceThenIllegalArgument() {
        AgentAuthService.Builder builder = AgentAuthService.builder().config(CONFIG, NOBODY);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.config(CONFIG, NOBODY))
                .withMessage("tenant default is already configured");
    }

    @Test
    void buildWhenOnlyConfigThenRunsOnDevelopmentDefaultsEndToEnd() {
        String out;
        AgentAuthService service;
        RegistrationResult anon;
        try (LogCapture capture = LogCapture.start()) {
            service = AgentAuthService.builder().config(CONFIG, NOBODY).build();
            RequestContext ctx = RequestContext.defaultTenant("192.0.2.1");
            anon = ServiceFixture.ok(service.register(ctx, new RegisterRequest.Anonymous(null)));
            ServiceFixture.ok(service.startClaim(ctx, anon.claim().claimToken(), "Ada@Example.com"));
            out = capture.text();
        }

        // the console mailer printed the link; the in-memory resolver provisions the claimer
        String line = out.lines()
                .filter(l -> l.startsWith(ConsoleClaimMailer.LINE_PREFIX))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no claim email printed in:\n" + out));
        assertThat(line).contains(" to Ada@example.com for registration " + anon.registrationId());
        String link = line.substring(line.lastIndexOf(": ") + 2);
        assertThat(link).startsWith("https://api.example.com/agent/auth/claim/view?token=cvt_");
        String attemptToken = link.substring(link.indexOf("token=") + "token=".length());
        RequestContext ctx = RequestContext.defaultTenant("192.0.2.1");
        String otp = ServiceFixture.ok(service.mintChallenge(ctx, attemptToken)).otp();
        ServiceFixture.ok(service.completeClaim(ctx, anon.claim().claimToken(), otp));

        AgentPrincipal principal = service.authenticate(
                        ctx, "Bearer " + anon.credential().secret(), Set.of("api.read", "api.write"))
                .principal()
                .orElseThrow();
        assertThat(principal.user())
                .hasValueSatisfying(user -> assertThat(user).startsWith(InMemoryAccountResolver.USER_ID_PREFIX));
        // and the default build logged every development default, through slf4j-simple
        assertThat(out)
                .contains("WARN " + AgentAuthService.class.getName() + " - " + ALL_STORES)
                .contains(DevelopmentDefaults.CONSOLE_MAILER)
                .contains(DevelopmentDefaults.IN_MEMORY_ACCOUNTS)
                .contains(DevelopmentDefaults.RANDOM_OTP_KEY);
    }

    @Test
    void buildWhenCurrentProfileServedThenItsStoresAndSigningKeyWarnToo() {
        AgentAuthConfig both = CONFIG.toBuilder()
                .profiles(WireProfile.V0_1, WireProfile.CURRENT)
                .build();
        AgentAuthService.builder()
                .config(both, NOBODY)
                .developmentWarnings(log, false, printTo(new ByteArrayOutputStream()))
                .build();

        assertThat(log.lines())
                .extracting(RecordingLogger.Line::message)
                .containsExactly(
                        DevelopmentDefaults.inMemoryStores(List.of(
                                "registrationStore",
                                "credentialStore",
                                "delegationStore",
                                "replayCache",
                                "rateLimitStore",
                                "issuedAssertionStore",
                                "accessTokenStore",
                                "refreshTokenStore")),
                        DevelopmentDefaults.CONSOLE_MAILER,
                        DevelopmentDefaults.IN_MEMORY_ACCOUNTS,
                        DevelopmentDefaults.RANDOM_OTP_KEY,
                        DevelopmentDefaults.IN_MEMORY_SIGNING_KEY,
                        DevelopmentDefaults.NO_SIGN_IN);
        assertThat(DevelopmentDefaults.IN_MEMORY_SIGNING_KEY)
                .contains("signingKeySource(...)")
                .contains("JwkSetFileSigningKeySource");
    }

    @Test
    void buildWhenNothingButConfigThenOneWarnPerDevelopmentDefaultEachNamingItsBuilderMethod() {
        builder(b -> b).build();

        assertThat(log.lines()).extracting(RecordingLogger.Line::level).containsOnly(Level.WARN);
        assertThat(log.lines())
                .extracting(RecordingLogger.Line::message)
                .containsExactly(
                        ALL_STORES,
                        DevelopmentDefaults.CONSOLE_MAILER,
                        DevelopmentDefaults.IN_MEMORY_ACCOUNTS,
                        DevelopmentDefaults.RANDOM_OTP_KEY);
        assertThat(ALL_STORES)
                .isEqualTo("Development default: in-memory stores for registrationStore(...), credentialStore(...),"
                        + " delegationStore(...), replayCache(...), rateLimitStore(...): their contents are lost on"
                        + " restart and not shared between replicas. In production pass persistent, shared stores to"
                        + " those AgentAuthService.Builder methods, e.g. the PostgreSQL stores of"
                        + " dev.authmd:authmd-jdbc-postgres.");
        assertThat(DevelopmentDefaults.CONSOLE_MAILER)
                .contains("claimMailer(...)")
                .contains("NOT sent")
                .contains("ConsoleClaimMailer")
                .contains("SmtpClaimMailer");
        assertThat(DevelopmentDefaults.IN_MEMORY_ACCOUNTS)
                .contains("accountResolver(...)")
                .contains("InMemoryAccountResolver");
        assertThat(DevelopmentDefaults.RANDOM_OTP_KEY)
                .contains("codes issued before a restart are unusable")
                .contains("replicas reject each other's codes")
                .contains("otpHasher(new OtpHasher(keyFromVault))");
        assertThat(stderr.size())
                .as("nothing printed while SLF4J has a provider")
                .isZero();
    }

    @Test
    void buildWhenMailerGivenThenNoMailerWarning() {
        builder(b -> b.claimMailer(new RecordingMailer())).build();

        assertThat(warnings())
                .containsExactly(
                        ALL_STORES, DevelopmentDefaults.IN_MEMORY_ACCOUNTS, DevelopmentDefaults.RANDOM_OTP_KEY);
    }

    @Test
    void buildWhenAccountResolverGivenThenNoAccountWarning() {
        builder(b -> b.accountResolver(new TestAccounts())).build();

        assertThat(warnings())
                .containsExactly(ALL_STORES, DevelopmentDefaults.CONSOLE_MAILER, DevelopmentDefaults.RANDOM_OTP_KEY);
    }

    @Test
    void buildWhenOtpHasherGivenThenNoOtpKeyWarning() {
        builder(b -> b.otpHasher(OtpHasher.random())).build();

        assertThat(warnings())
                .containsExactly(
                        ALL_STORES, DevelopmentDefaults.CONSOLE_MAILER, DevelopmentDefaults.IN_MEMORY_ACCOUNTS);
    }

    @Test
    void buildWhenSomeStoresGivenThenStoreWarningListsOnlyTheOthers() {
        builder(b -> b.registrationStore(new InMemoryRegistrationStore()).replayCache(new InMemoryReplayCache(10)))
                .build();

        assertThat(warnings().get(0))
                .isEqualTo(DevelopmentDefaults.inMemoryStores(
                        List.of("credentialStore", "delegationStore", "rateLimitStore")))
                .contains("in-memory stores for credentialStore(...), delegationStore(...), rateLimitStore(...):")
                .doesNotContain("registrationStore")
                .doesNotContain("replayCache");
    }

    @Test
    void buildWhenEveryComponentGivenThenNoWarningAndNothingPrintedEvenWithoutProvider() {
        AgentAuthService.builder()
                .config(CONFIG, NOBODY)
                .registrationStore(new InMemoryRegistrationStore())
                .credentialStore(new InMemoryCredentialStore())
                .delegationStore(new InMemoryDelegationStore())
                .replayCache(new InMemoryReplayCache(10))
                .rateLimitStore(new InMemoryRateLimitStore(10))
                .claimMailer(new RecordingMailer())
                .accountResolver(new TestAccounts())
                .otpHasher(OtpHasher.random())
                .auditSink(new RecordingAuditSink())
                .developmentWarnings(log, true, printTo(stderr))
                .build();

        assertThat(log.lines()).isEmpty();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void buildWhenNoLoggingProviderThenEveryWarningAlsoOnStderrWithOneLineNamingProviders() {
        AgentAuthService.builder()
                .config(CONFIG, NOBODY)
                .developmentWarnings(log, true, printTo(stderr))
                .build();

        List<String> lines = stderr.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines)
                .containsExactly(
                        "[authmd] WARN " + ALL_STORES,
                        "[authmd] WARN " + DevelopmentDefaults.CONSOLE_MAILER,
                        "[authmd] WARN " + DevelopmentDefaults.IN_MEMORY_ACCOUNTS,
                        "[authmd] WARN " + DevelopmentDefaults.RANDOM_OTP_KEY,
                        "[authmd] WARN SLF4J has no logging provider (none on the class path, or slf4j-nop), so"
                                + " authmd's warnings, errors and audit events (logger dev.authmd.audit) are dropped;"
                                + " the warnings above are printed to standard error for that reason. Add a provider"
                                + " such as org.slf4j:slf4j-simple or ch.qos.logback:logback-classic.");
        assertThat(warnings()).hasSize(4);
    }

    @Test
    void buildWhenNoLoggingProviderThenPrintedOncePerBuild() {
        AgentAuthService.Builder builder =
                AgentAuthService.builder().config(CONFIG, NOBODY).developmentWarnings(log, true, printTo(stderr));
        builder.build();
        builder.build();

        String printed = stderr.toString(StandardCharsets.UTF_8);
        assertThat(printed.split(java.util.regex.Pattern.quote(DevelopmentDefaults.RANDOM_OTP_KEY), -1))
                .hasSize(3);
        assertThat(printed.split("SLF4J has no logging provider", -1)).hasSize(3);
    }

    @Test
    void buildWhenNoLoggingProviderAndOwnAuditSinkButNoOtherDefaultThenLineLeavesAuditOut() {
        AgentAuthService.builder()
                .config(CONFIG, NOBODY)
                .auditSink(new RecordingAuditSink())
                .claimMailer(new RecordingMailer())
                .accountResolver(new TestAccounts())
                .otpHasher(OtpHasher.random())
                .developmentWarnings(log, true, printTo(stderr))
                .build();

        assertThat(stderr.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly(
                        "[authmd] WARN " + ALL_STORES,
                        "[authmd] WARN SLF4J has no logging provider (none on the class path, or slf4j-nop), so"
                                + " authmd's warnings and errors are dropped; the warnings above are printed to"
                                + " standard error for that reason. Add a provider such as org.slf4j:slf4j-simple or"
                                + " ch.qos.logback:logback-classic.");
    }

    @Test
    void loggingDiscardedWhenSlf4jSimpleIsTheProviderThenFalse() {
        // the test class path has slf4j-simple; NoLoggingProviderTest runs a JVM without any provider
        assertThat(DevelopmentDefaults.loggingDiscarded()).isFalse();
    }

    @Test
    void useCasesWhenNullArgumentsThenNullPointerWithName() {
        AgentAuthService service = ServiceFixture.create().service;
        RequestContext ctx = RequestContext.defaultTenant(null);
        assertThatNullPointerException()
                .isThrownBy(() -> service.register(null, new RegisterRequest.Anonymous(null)))
                .withMessage("ctx cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> service.startClaim(ctx, "clm_x", null))
                .withMessage("email cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> service.completeClaim(ctx, null, "123456"))
                .withMessage("claimToken cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> service.mintChallenge(ctx, null))
                .withMessage("attemptToken cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> service.revoke(ctx, null))
                .withMessage("logoutToken cannot be null");
    }

    private AgentAuthService.Builder builder(UnaryOperator<AgentAuthService.Builder> customise) {
        return customise.apply(
                AgentAuthService.builder().config(CONFIG, NOBODY).developmentWarnings(log, false, printTo(stderr)));
    }

    private List<String> warnings() {
        return log.lines().stream().map(RecordingLogger.Line::message).toList();
    }

    private static PrintStream printTo(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
