package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.http.FetchResponse;
import dev.authmd.spi.store.CredentialType;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One scripted run through both profiles and the counts it leaves in a registry. */
class MetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final ServiceFixture f = ServiceFixture.builder()
            .meterRegistry(registry)
            .rateLimits(RateLimitPolicy.defaults())
            .build();

    private double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    @Test
    void scriptedRunWhenRecordedThenEveryCountMatchesWhatHappened() {
        // v0.1: an anonymous registration claimed by Ada, an ID-JAG registration, a garbage one, a logout token
        RegistrationResult anonymous = f.anonymous();
        String otp = f.startAndMint(anonymous.claim().claimToken(), "ada@example.com");
        ok(f.complete(anonymous.claim().claimToken(), otp));
        ok(f.registerIdJag(f.idJag().subject("user-9").email("bob@example.com").mint(), CredentialType.API_KEY));
        String garbageCode = f.registerIdJag("x.y.z", null).failure().error().code();
        ok(f.service.revoke(f.ctx(), f.logout("user-9").mint()));
        // the current profile: an anonymous identity exchanged, a garbage refresh token
        IdentityResult identity =
                f.service.identity(f.ctx(), new IdentityRequest.Anonymous()).value();
        f.service.exchangeToken(
                f.ctx(), new TokenRequest(identity.identityBlock().orElseThrow().assertion(), null, null));
        f.service.identity(f.ctx(), new IdentityRequest.Refresh("rt_garbage"));
        f.service.revokeRegistration(ServiceFixture.TENANT, anonymous.registrationId());

        assertThat(count("authmd.registrations", "profile", "v0.1", "type", "anonymous", "outcome", "success"))
                .isEqualTo(1);
        assertThat(count("authmd.registrations", "profile", "v0.1", "type", "identity_assertion", "outcome", "success"))
                .isEqualTo(1);
        assertThat(count(
                        "authmd.registrations", "profile", "v0.1", "type", "identity_assertion", "outcome", "rejected"))
                .isEqualTo(1);
        assertThat(count("authmd.rejections", "profile", "v0.1", "code", garbageCode))
                .isEqualTo(1);
        assertThat(count("authmd.claim.steps", "step", "requested")).isEqualTo(1);
        assertThat(count("authmd.claim.steps", "step", "otp_generated")).isEqualTo(1);
        assertThat(count("authmd.claim.steps", "step", "completed")).isEqualTo(1);
        assertThat(count("authmd.revocations", "kind", "logout_token", "outcome", "success"))
                .isEqualTo(1);
        assertThat(count("authmd.revocations", "kind", "operator")).isEqualTo(1);
        assertThat(count("authmd.registrations", "profile", "current", "type", "anonymous", "outcome", "success"))
                .isEqualTo(1);
        assertThat(count("authmd.token.exchanges", "outcome", "success")).isEqualTo(1);
        assertThat(count("authmd.refreshes", "outcome", "rejected")).isEqualTo(1);
        assertThat(count("authmd.rejections", "profile", "current", "code", "invalid_refresh_token"))
                .isEqualTo(1);
        assertThat(registry.find("authmd.assertion.verification")
                        .tag("kind", "id_jag")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(registry.find("authmd.assertion.verification")
                        .tag("kind", "identity_assertion")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.find("authmd.replay.entries").gauge().value()).isEqualTo(2);
    }

    @Test
    void rateLimitWhenHitThenCountedByLimitName() {
        int cap = RateLimitPolicy.defaults()
                .find(RateLimitPolicy.ANONYMOUS)
                .orElseThrow()
                .perIp();
        for (int i = 0; i <= cap; i++) {
            f.service.register(f.ctx(), new RegisterRequest.Anonymous(null));
        }

        assertThat(count("authmd.rate_limit.hits", "limit", RateLimitPolicy.ANONYMOUS))
                .isEqualTo(1);
        assertThat(count("authmd.rejections", "code", "rate_limited")).isEqualTo(1);
    }

    @Test
    void everyTagWhenRecordedThenFromTheLibrarysOwnVocabularyNeverAUserOrToken() {
        scriptedRunWhenRecordedThenEveryCountMatchesWhatHappened();

        Set<String> values = registry.getMeters().stream()
                .map(Meter::getId)
                .flatMap(id -> id.getTags().stream())
                .map(Tag::getValue)
                .collect(Collectors.toSet());
        assertThat(values).allMatch(v -> v.matches("[a-z0-9_.]{1,40}"), "a short lower-case word");
        assertThat(values).noneMatch(v -> v.contains("example.com") || v.startsWith("reg_") || v.startsWith("user"));
    }

    @Test
    void providerKeysWhenFetchedThenTimedOnceAndServedFromCacheAfter() {
        List<String> fetched = new ArrayList<>();
        AgentAuthService service = serviceWithRemoteKeys(request -> {
            fetched.add(request.uri().toString());
            return new FetchResponse(
                    200,
                    Map.of("Content-Type", List.of("application/json")),
                    ServiceFixture.KEYS.jwksJson().getBytes(StandardCharsets.UTF_8));
        });

        for (int i = 0; i < 2; i++) {
            assertThat(registerIdJag(service, "u-" + i)).isTrue();
        }

        assertThat(fetched).hasSize(1);
        assertThat(registry.find("authmd.keys.fetch")
                        .tag("outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(count("authmd.keys.refreshes", "outcome", "success")).isEqualTo(1);
        assertThat(count("authmd.keys.cache", "result", "miss")).isEqualTo(1);
        assertThat(count("authmd.keys.cache", "result", "hit")).isEqualTo(1);
    }

    @Test
    void providerKeysWhenTheProviderFailsThenAFailedRefreshAndAMissAndNoHit() {
        AgentAuthService service = serviceWithRemoteKeys(
                request -> new FetchResponse(503, Map.of(), "down".getBytes(StandardCharsets.UTF_8)));

        assertThat(registerIdJag(service, "u-1")).isFalse();

        assertThat(count("authmd.keys.refreshes", "outcome", "failure")).isEqualTo(1);
        assertThat(count("authmd.keys.refreshes", "outcome", "success")).isZero();
        assertThat(count("authmd.keys.cache", "result", "miss")).isEqualTo(1);
        assertThat(count("authmd.keys.cache", "result", "hit")).isZero();
        assertThat(registry.find("authmd.keys.fetch")
                        .tag("outcome", "failure")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    private AgentAuthService serviceWithRemoteKeys(dev.authmd.spi.http.HttpFetcher fetcher) {
        return AgentAuthService.builder()
                .config(
                        AgentAuthConfig.builder(URI.create(ServiceFixture.RESOURCE))
                                .build(),
                        TrustList.builder()
                                .add(TrustedProvider.builder(ServiceFixture.PROVIDER)
                                        .displayName("Provider")
                                        .keyLocation(KeyLocation.pinned(URI.create(ServiceFixture.PROVIDER + "/jwks")))
                                        .algorithms(List.of("ES256"))
                                        .build())
                                .build())
                .httpFetcher(fetcher)
                .meterRegistry(registry)
                .clock(f.clock)
                .build();
    }

    private boolean registerIdJag(AgentAuthService service, String subject) {
        return service.register(
                        f.ctx(),
                        new RegisterRequest.IdJag(
                                f.idJag()
                                        .subject(subject)
                                        .email(subject + "@example.com")
                                        .mint(),
                                null))
                .isSuccess();
    }

    @Test
    void meterRegistryWhenNullOrNotARegistryThenRefused() {
        assertThatNullPointerException()
                .isThrownBy(() -> AgentAuthService.builder().meterRegistry(null))
                .withMessage("registry cannot be null");
        AgentAuthService.Builder notARegistry = AgentAuthService.builder()
                .config(
                        AgentAuthConfig.builder(URI.create(ServiceFixture.RESOURCE))
                                .build(),
                        TrustList.of(List.of()))
                .meterRegistry("prometheus");
        assertThatIllegalArgumentException()
                .isThrownBy(notARegistry::build)
                .withMessage("meterRegistry must be an io.micrometer.core.instrument.MeterRegistry, not a"
                        + " java.lang.String");
    }
}
