package dev.authmd.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.adapters.servlet.AgentAuthFilter;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.IdentityRequest;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.trust.TrustList;
import dev.authmd.spi.mail.ClaimMail;
import dev.authmd.spi.mail.ClaimMailer;
import dev.authmd.spi.store.WireProfile;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

/** Each condition of the auto-configuration, on and off. */
class AuthMdAutoConfigurationTest {

    private static final RequestContext CTX = RequestContext.defaultTenant("192.0.2.10");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    AuthMdAutoConfiguration.class,
                    AuthMdAutoConfiguration.Metrics.class,
                    AuthMdAutoConfiguration.Servlet.class))
            .withPropertyValues("authmd.resource=https://api.example.com");

    @Test
    void contextWhenResourceMissingThenFailsSayingWhatToSet() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AuthMdAutoConfiguration.class))
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("authmd.resource is required"));
    }

    @Test
    void contextWhenResourceSetThenServiceEndpointsAndHousekeepingAreThere() {
        runner.withPropertyValues("authmd.scopes=api.read,api.write", "authmd.resource-name=Notes")
                .run(context -> {
                    assertThat(context)
                            .hasSingleBean(AgentAuthService.class)
                            .hasSingleBean(AgentAuthEndpoints.class)
                            .hasSingleBean(AuthMdHousekeeping.class);
                    AgentAuthConfig config = context.getBean(AgentAuthConfig.class);
                    assertThat(config.scopesSupported()).containsExactly("api.read", "api.write");
                    assertThat(config.resourceName()).isEqualTo("Notes");
                    assertThat(config.serves(WireProfile.V0_1)).isTrue();
                    assertThat(config.serves(WireProfile.CURRENT)).isTrue();
                    assertThat(context.getBean(AuthMdHousekeeping.class).isRunning())
                            .isTrue();
                    RegistrationResult anonymous = context.getBean(AgentAuthService.class)
                            .register(CTX, new RegisterRequest.Anonymous(null))
                            .value();
                    assertThat(anonymous.registrationId()).startsWith("reg_");
                });
    }

    @Test
    void contextWhenDisabledThenNothingIsConfiguredAndNoResourceIsNeeded() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        AuthMdAutoConfiguration.class,
                        AuthMdAutoConfiguration.Servlet.class,
                        AuthMdAutoConfiguration.WebMvc.class,
                        AuthMdAutoConfiguration.Metrics.class,
                        AuthMdAutoConfiguration.Health.class,
                        AuthMdJdbcAutoConfiguration.class,
                        AuthMdSpringSecurityAutoConfiguration.class))
                .withPropertyValues("authmd.enabled=false")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(AgentAuthService.class)
                        .doesNotHaveBean("agentAuthFilterRegistration")
                        .doesNotHaveBean("agentPrincipalArguments")
                        .doesNotHaveBean("authmdHealthIndicator")
                        .doesNotHaveBean(AgentAuthServiceCustomizer.class));
    }

    @Test
    void contextWhenApplicationDefinesItsOwnServiceThenTheAutoConfiguredOneBacksOff() {
        runner.withBean(
                        "myService",
                        AgentAuthService.class,
                        () -> AgentAuthService.builder()
                                .config(
                                        AgentAuthConfig.builder(URI.create("https://mine.example.com"))
                                                .build(),
                                        TrustList.of(List.of()))
                                .build())
                .run(context -> {
                    assertThat(context).hasSingleBean(AgentAuthService.class).hasBean("myService");
                    assertThat(context.getBean(AgentAuthEndpoints.class)).isNotNull();
                });
    }

    @Test
    void contextWhenApplicationDefinesAMailerThenTheServiceSendsThroughIt() {
        List<ClaimMail> sent = new ArrayList<>();
        runner.withBean(ClaimMailer.class, () -> sent::add).run(context -> {
            AgentAuthService service = context.getBean(AgentAuthService.class);
            RegistrationResult anonymous =
                    service.register(CTX, new RegisterRequest.Anonymous(null)).value();

            assertThat(service.startClaim(
                                    CTX, anonymous.claimHandle().orElseThrow().claimToken(), "ada@example.com")
                            .isSuccess())
                    .isTrue();
            assertThat(sent)
                    .singleElement()
                    .satisfies(mail -> assertThat(mail.to()).isEqualTo("ada@example.com"));
        });
    }

    @Test
    void contextWhenHousekeepingDisabledThenNoSchedule() {
        runner.withPropertyValues("authmd.housekeeping.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(AuthMdHousekeeping.class));
    }

    @Test
    void contextWhenHousekeepingIntervalOrLimitIsGarbageThenFailsSayingWhich() {
        runner.withPropertyValues("authmd.housekeeping.interval=0s")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessage("authmd.housekeeping.interval must be positive: PT0S"));
        runner.withPropertyValues("authmd.housekeeping.limit=0")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessage("authmd.housekeeping.limit must be at least 1: 0"));
    }

    @Test
    void contextWhenProvidersInlineAndInAFileThenAllAreTrusted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trust.json");
        Files.writeString(
                file,
                "{\"providers\":[{\"issuer\":\"https://file.example\",\"display_name\":\"File\","
                        + "\"jwks_uri\":\"https://file.example/jwks\",\"algorithms\":[\"ES256\"]}]}");
        runner.withPropertyValues(
                        "authmd.trust-list-file=" + file,
                        "authmd.providers[0].issuer=https://agents.example",
                        "authmd.providers[0].jwks-uri=https://agents.example/jwks")
                .run(context -> assertThat(context.getBean(TrustList.class).providers())
                        .extracting(p -> p.issuer())
                        .containsExactly("https://file.example", "https://agents.example"));
    }

    @Test
    void contextWhenAProviderAcceptsCimdClientIdsThenOnlyThatOneDoes() {
        runner.withPropertyValues(
                        "authmd.providers[0].issuer=https://agents.example",
                        "authmd.providers[0].jwks-uri=https://agents.example/jwks",
                        "authmd.providers[0].accept-cimd-client-ids=true",
                        "authmd.providers[1].issuer=https://other.example")
                .run(context -> assertThat(context.getBean(TrustList.class).providers())
                        .extracting(p -> p.issuer() + "=" + p.acceptCimdClientIds())
                        .containsExactly("https://agents.example=true", "https://other.example=false"));
    }

    @Test
    void contextWhenAnonymousNetworksAreNamedThenOnlyTheyRegisterAnonymouslyAndGarbageFailsTheStart() {
        runner.withPropertyValues("authmd.anonymous-networks=203.0.113.0/24,2001:db8::/32")
                .run(context -> {
                    AgentAuthService service = context.getBean(AgentAuthService.class);
                    assertThat(service.register(
                                            RequestContext.defaultTenant("203.0.113.7"),
                                            new RegisterRequest.Anonymous(null))
                                    .isSuccess())
                            .isTrue();
                    assertThat(service.register(
                                            RequestContext.defaultTenant("198.51.100.7"),
                                            new RegisterRequest.Anonymous(null))
                                    .failure()
                                    .error()
                                    .code())
                            .isEqualTo("anonymous_not_enabled");
                });
        runner.withPropertyValues("authmd.anonymous-networks=not-a-network")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(IllegalArgumentException.class));
        runner.withPropertyValues("authmd.anonymous-networks=not-a-network")
                .run(context ->
                        assertThat(context.getStartupFailure()).hasStackTraceContaining("authmd.anonymous-networks"));
    }

    @Test
    void contextWhenAProviderHasNoIssuerOrAProfileIsUnknownThenFailsSayingWhich() {
        runner.withPropertyValues("authmd.providers[0].display-name=Nameless")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessage("authmd.providers[0].issuer is required"));
        runner.withPropertyValues("authmd.profiles=v0.2")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessage("authmd.profiles takes v0.1 and/or current, not v0.2"));
    }

    @Test
    void contextWhenOnlyTheCurrentProfileAndRateLimitsOffThenConfiguredSo() {
        runner.withPropertyValues("authmd.profiles=current", "authmd.rate-limits.enabled=false")
                .run(context -> {
                    AgentAuthConfig config = context.getBean(AgentAuthConfig.class);
                    assertThat(config.serves(WireProfile.V0_1)).isFalse();
                    assertThat(config.serves(WireProfile.CURRENT)).isTrue();
                    AgentAuthService service = context.getBean(AgentAuthService.class);
                    for (int i = 0; i < 200; i++) {
                        assertThat(service.identity(CTX, new IdentityRequest.Anonymous())
                                        .isSuccess())
                                .as("request %d", i)
                                .isTrue();
                    }
                });
    }

    @Test
    void contextWhenAMeterRegistryExistsThenTheServiceRecordsIntoIt() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            context.getBean(AgentAuthService.class).register(CTX, new RegisterRequest.Anonymous(null));

            assertThat(context.getBean(MeterRegistry.class)
                            .find("authmd.registrations")
                            .tag("type", "anonymous")
                            .counter()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void contextWhenMicrometerIsAbsentThenTheServiceStartsWithoutMetrics() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(AgentAuthService.class)
                        .doesNotHaveBean(AgentAuthServiceCustomizer.class));
    }

    @Test
    void customizerWhenDefinedThenAppliedToTheBuilder() {
        runner.withPropertyValues("authmd.profiles=v0.1")
                .withBean(AgentAuthServiceCustomizer.class, () -> builder -> builder.stepUp(false))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AgentAuthService.class));
    }

    @Test
    void servletFilterWhenWebApplicationThenRegisteredFirstOnEveryPath() {
        new WebApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(AuthMdAutoConfiguration.class, AuthMdAutoConfiguration.Servlet.class))
                .withPropertyValues("authmd.resource=https://api.example.com")
                .run(context -> {
                    @SuppressWarnings("unchecked")
                    FilterRegistrationBean<AgentAuthFilter> registration =
                            context.getBean("agentAuthFilterRegistration", FilterRegistrationBean.class);
                    assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
                    assertThat(registration.getUrlPatterns()).containsExactly("/*");
                    assertThat(registration.getFilter()).isInstanceOf(AgentAuthFilter.class);
                });
        runner.withConfiguration(AutoConfigurations.of(AuthMdAutoConfiguration.WebMvc.class))
                .run(context -> assertThat(context)
                        .doesNotHaveBean("agentAuthFilterRegistration")
                        .doesNotHaveBean("agentPrincipalArguments"));
    }
}
