package dev.authmd.spring.boot;

import dev.authmd.adapters.servlet.AgentAuthFilter;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AnonymousAdmission;
import dev.authmd.core.signing.JwkSetFileSigningKeySource;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustListJson;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.account.SessionResolver;
import dev.authmd.spi.audit.AuditSink;
import dev.authmd.spi.mail.ClaimMailer;
import dev.authmd.spi.store.AccessTokenStore;
import dev.authmd.spi.store.CredentialStore;
import dev.authmd.spi.store.DelegationStore;
import dev.authmd.spi.store.IssuedAssertionStore;
import dev.authmd.spi.store.RateLimitStore;
import dev.authmd.spi.store.RefreshTokenStore;
import dev.authmd.spi.store.RegistrationStore;
import dev.authmd.spi.store.ReplayCache;
import dev.authmd.spi.store.WireProfile;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The auth.md service from {@code authmd.*} properties ({@link AuthMdProperties}): the configuration, the trust list,
 * {@link AgentAuthService} (with every SPI bean the application defines: stores, account resolver, mailer, audit sink,
 * sign-in, a Micrometer registry), the endpoints, and — in a servlet web application — the endpoints filter ahead of
 * every other filter. Each bean backs off when the application defines its own.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "authmd", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(AuthMdProperties.class)
public class AuthMdAutoConfiguration {

    /** Creates the auto-configuration. */
    public AuthMdAutoConfiguration() {}

    /**
     * {@return the service configuration from {@code authmd.*}}
     *
     * @param properties the bound properties
     * @throws IllegalStateException when {@code authmd.resource} is missing
     */
    @Bean
    @ConditionalOnMissingBean
    public AgentAuthConfig agentAuthConfig(AuthMdProperties properties) {
        URI resource = properties.getResource();
        if (resource == null) {
            throw new IllegalStateException("authmd.resource is required: set it to the API's public identifier, e.g."
                    + " authmd.resource=https://api.example.com");
        }
        AgentAuthConfig.Builder config = AgentAuthConfig.builder(resource)
                .scopesSupported(List.copyOf(properties.getScopes()))
                .anonymousEnabled(properties.getMethods().isAnonymous())
                .idJagEnabled(properties.getMethods().isIdJag())
                .verifiedEmailEnabled(properties.getMethods().isVerifiedEmail())
                .registrationRetention(properties.getRegistrationRetention())
                .developmentHosts(Set.copyOf(properties.getDevelopmentHosts()));
        if (properties.getIssuer() != null) {
            config.issuer(properties.getIssuer());
        }
        if (properties.getResourceName() != null) {
            config.resourceName(properties.getResourceName());
        }
        if (properties.getAnonymousScopes() != null) {
            config.anonymousScopes(List.copyOf(properties.getAnonymousScopes()));
        }
        if (properties.getPostClaimScopes() != null) {
            config.postClaimScopes(List.copyOf(properties.getPostClaimScopes()));
        }
        List<WireProfile> profiles = profiles(properties.getProfiles());
        config.profiles(profiles.get(0), profiles.subList(1, profiles.size()).toArray(WireProfile[]::new));
        return config.build();
    }

    /**
     * {@return the trusted providers: those of {@code authmd.trust-list-file}, then {@code authmd.providers}}
     *
     * @param properties the bound properties
     */
    @Bean
    @ConditionalOnMissingBean
    public TrustList agentAuthTrustList(AuthMdProperties properties) {
        List<TrustedProvider> providers = new ArrayList<>();
        Path file = properties.getTrustListFile();
        if (file != null) {
            try {
                providers.addAll(TrustListJson.parse(Files.readString(file, StandardCharsets.UTF_8))
                        .providers());
            } catch (IOException e) {
                throw new UncheckedIOException("authmd.trust-list-file cannot be read: " + file, e);
            }
        }
        for (AuthMdProperties.Provider provider : properties.getProviders()) {
            String issuer = provider.getIssuer();
            if (issuer == null) {
                throw new IllegalStateException(
                        "authmd.providers[" + properties.getProviders().indexOf(provider) + "].issuer is required");
            }
            TrustedProvider.Builder builder = TrustedProvider.builder(issuer)
                    .displayName(provider.getDisplayName() != null ? provider.getDisplayName() : issuer)
                    .algorithms(List.copyOf(provider.getAlgorithms()))
                    .acceptCimdClientIds(provider.isAcceptCimdClientIds());
            if (provider.getJwksUri() != null) {
                builder.keyLocation(KeyLocation.pinned(provider.getJwksUri()));
            }
            providers.add(builder.build());
        }
        return TrustList.of(providers);
    }

    /**
     * {@return the registration service, with every SPI bean the application defines and the library's defaults for the
     * rest}
     *
     * @param config the configuration
     * @param trustList the trusted providers
     * @param properties the bound properties
     * @param registrations the application's registration store, if any
     * @param credentials the application's credential store, if any
     * @param delegations the application's delegation store, if any
     * @param replayCache the application's replay cache, if any
     * @param rateLimitStore the application's rate-limit store, if any
     * @param issuedAssertions the application's issued-assertion store, if any
     * @param accessTokens the application's access-token store, if any
     * @param refreshTokens the application's refresh-token store, if any
     * @param accounts the application's account resolver, if any
     * @param mailer the application's claim mailer, if any
     * @param audit the application's audit sink, if any
     * @param sessions the application's sign-in, if any
     * @param clock the application's clock, if any
     * @param customizers every {@link AgentAuthServiceCustomizer}, applied last, in order
     */
    @Bean
    @ConditionalOnMissingBean
    public AgentAuthService agentAuthService(
            AgentAuthConfig config,
            TrustList trustList,
            AuthMdProperties properties,
            ObjectProvider<RegistrationStore> registrations,
            ObjectProvider<CredentialStore> credentials,
            ObjectProvider<DelegationStore> delegations,
            ObjectProvider<ReplayCache> replayCache,
            ObjectProvider<RateLimitStore> rateLimitStore,
            ObjectProvider<IssuedAssertionStore> issuedAssertions,
            ObjectProvider<AccessTokenStore> accessTokens,
            ObjectProvider<RefreshTokenStore> refreshTokens,
            ObjectProvider<AccountResolver> accounts,
            ObjectProvider<ClaimMailer> mailer,
            ObjectProvider<AuditSink> audit,
            ObjectProvider<SessionResolver> sessions,
            ObjectProvider<Clock> clock,
            ObjectProvider<AgentAuthServiceCustomizer> customizers) {
        AgentAuthService.Builder builder = AgentAuthService.builder()
                .config(config, trustList)
                .rateLimitPolicy(
                        properties.getRateLimits().isEnabled() ? RateLimitPolicy.defaults() : RateLimitPolicy.none());
        registrations.ifAvailable(builder::registrationStore);
        credentials.ifAvailable(builder::credentialStore);
        delegations.ifAvailable(builder::delegationStore);
        replayCache.ifAvailable(builder::replayCache);
        rateLimitStore.ifAvailable(builder::rateLimitStore);
        issuedAssertions.ifAvailable(builder::issuedAssertionStore);
        accessTokens.ifAvailable(builder::accessTokenStore);
        refreshTokens.ifAvailable(builder::refreshTokenStore);
        accounts.ifAvailable(builder::accountResolver);
        mailer.ifAvailable(builder::claimMailer);
        audit.ifAvailable(builder::auditSink);
        sessions.ifAvailable(builder::sessionResolver);
        clock.ifAvailable(builder::clock);
        if (!properties.getAnonymousNetworks().isEmpty()) {
            try {
                builder.anonymousAdmission(
                        AnonymousAdmission.fromNetworks(List.copyOf(properties.getAnonymousNetworks())));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("authmd.anonymous-networks: " + e.getMessage(), e);
            }
        }
        Path keys = properties.getSigningKeysFile();
        if (keys != null) {
            try {
                builder.signingKeySource(JwkSetFileSigningKeySource.load(keys));
            } catch (IOException e) {
                throw new UncheckedIOException("authmd.signing-keys-file cannot be read: " + keys, e);
            }
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /**
     * {@return the framework-neutral endpoints of the service}
     *
     * @param service the service
     */
    @Bean
    @ConditionalOnMissingBean
    public AgentAuthEndpoints agentAuthEndpoints(AgentAuthService service) {
        return AgentAuthEndpoints.builder(service).build();
    }

    /**
     * {@return the service's scheduled housekeeping, started and stopped with the context}
     *
     * @param service the service
     * @param properties {@code authmd.housekeeping.*}
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "authmd.housekeeping", name = "enabled", matchIfMissing = true)
    public AuthMdHousekeeping agentAuthHousekeeping(AgentAuthService service, AuthMdProperties properties) {
        return new AuthMdHousekeeping(
                service,
                properties.getHousekeeping().getInterval(),
                properties.getHousekeeping().getLimit());
    }

    /** Metrics into the application's Micrometer registry, when Micrometer is on the class path. */
    @AutoConfiguration
    @ConditionalOnProperty(prefix = "authmd", name = "enabled", matchIfMissing = true)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    public static class Metrics {

        /** Creates the metrics part. */
        public Metrics() {}

        /**
         * {@return a customizer that hands the registry to the service, when there is one}
         *
         * @param registry the application's registry, if any
         */
        @Bean
        public AgentAuthServiceCustomizer agentAuthMeterRegistry(
                ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
            return builder -> registry.ifAvailable(builder::meterRegistry);
        }
    }

    /** The service's health for Actuator, when the application uses it. */
    @AutoConfiguration(after = AuthMdAutoConfiguration.class)
    @ConditionalOnProperty(prefix = "authmd", name = "enabled", matchIfMissing = true)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    public static class Health {

        /** Creates the health part. */
        public Health() {}

        /**
         * {@return the indicator, named {@code authmd}}
         *
         * @param service the service
         */
        @Bean(name = "authmdHealthIndicator")
        @ConditionalOnMissingBean(name = "authmdHealthIndicator")
        public AuthMdHealthIndicator authmdHealthIndicator(AgentAuthService service) {
            return new AuthMdHealthIndicator(service);
        }
    }

    /** The endpoints as a servlet filter ahead of every other filter, in a servlet web application. */
    @AutoConfiguration(after = AuthMdAutoConfiguration.class)
    @ConditionalOnProperty(prefix = "authmd", name = "enabled", matchIfMissing = true)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(FilterRegistrationBean.class)
    public static class Servlet {

        /** Creates the servlet part. */
        public Servlet() {}

        /**
         * {@return the filter, on every path, for {@code REQUEST} dispatches, at the highest precedence}
         *
         * @param endpoints the endpoints
         * @param config the configuration (its request-body cap)
         */
        @Bean
        @ConditionalOnMissingBean(name = "agentAuthFilterRegistration")
        public FilterRegistrationBean<AgentAuthFilter> agentAuthFilterRegistration(
                AgentAuthEndpoints endpoints, AgentAuthConfig config) {
            FilterRegistrationBean<AgentAuthFilter> registration =
                    new FilterRegistrationBean<>(new AgentAuthFilter(endpoints, config.maxRequestBodyBytes()));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            registration.addUrlPatterns("/*");
            registration.setName("agentAuthFilter");
            return registration;
        }
    }

    /** The calling agent as a Spring MVC controller argument, and its denials answered by the library. */
    @AutoConfiguration(after = AuthMdAutoConfiguration.class)
    @ConditionalOnProperty(prefix = "authmd", name = "enabled", matchIfMissing = true)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.config.annotation.WebMvcConfigurer")
    public static class WebMvc {

        /** Creates the MVC part. */
        public WebMvc() {}

        /**
         * {@return the MVC configuration that resolves {@code AgentPrincipal} parameters}
         *
         * @param service the service
         */
        @Bean
        @ConditionalOnMissingBean(name = "agentPrincipalArguments")
        public org.springframework.web.servlet.config.annotation.WebMvcConfigurer agentPrincipalArguments(
                AgentAuthService service) {
            return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
                @Override
                public void addArgumentResolvers(
                        List<org.springframework.web.method.support.HandlerMethodArgumentResolver> resolvers) {
                    resolvers.add(new AgentPrincipalArgumentResolver(service));
                }
            };
        }

        /** {@return the advice that answers a denied agent with the library's response} */
        @Bean
        @ConditionalOnMissingBean
        public AgentAuthDeniedAdvice agentAuthDeniedAdvice() {
            return new AgentAuthDeniedAdvice();
        }
    }

    private static List<WireProfile> profiles(List<String> names) {
        Set<WireProfile> profiles = new LinkedHashSet<>();
        for (String name : names) {
            profiles.add(WireProfile.fromStoredName(name.strip().toLowerCase(Locale.ROOT))
                    .orElseThrow(
                            () -> new IllegalStateException("authmd.profiles takes v0.1 and/or current, not " + name)));
        }
        if (profiles.isEmpty()) {
            throw new IllegalStateException("authmd.profiles must name at least one of v0.1, current");
        }
        return List.copyOf(profiles);
    }
}
