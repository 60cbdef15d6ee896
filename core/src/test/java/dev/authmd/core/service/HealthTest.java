package dev.authmd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.http.FetchResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a health endpoint reports: reachable stores and how fresh each provider's keys are. */
class HealthTest {

    private final ServiceFixture f = ServiceFixture.create();

    @Test
    void healthWhenEveryStoreAnswersAndKeysAreInlineThenReachableAndInline() {
        ServiceHealth health = f.service.health();

        assertThat(health.storesReachable()).isTrue();
        assertThat(health.providerKeys())
                .extracting(ServiceHealth.ProviderKeyHealth::state)
                .containsOnly("inline");
        assertThat(health.providerKeys())
                .hasSize(2)
                .allSatisfy(k -> assertThat(k.freshUntil()).isEmpty());
    }

    @Test
    void healthWhenAStoreFailsThenNamesItWithoutThrowing() {
        f.faults.failOn("registrations.findById", 1, FaultPlan.When.BEFORE);

        ServiceHealth health = f.service.health();

        assertThat(health.storesReachable()).isFalse();
        assertThat(health.storeFailures()).containsExactly(Map.entry("registrations", "StoreException"));
    }

    @Test
    void healthWhenKeysAreFetchedThenNotFetchedFreshThenStale() {
        AgentAuthService service = AgentAuthService.builder()
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
                .httpFetcher(request -> new FetchResponse(
                        200,
                        Map.of("Cache-Control", List.of("max-age=600")),
                        ServiceFixture.KEYS.jwksJson().getBytes(StandardCharsets.UTF_8)))
                .clock(f.clock)
                .build();
        assertThat(service.health().providerKeys())
                .singleElement()
                .satisfies(k -> assertThat(k.state()).isEqualTo("not_fetched"));

        assertThat(service.register(f.ctx(), new RegisterRequest.IdJag(f.idJag().mint(), null))
                        .isSuccess())
                .isTrue();

        assertThat(service.health().providerKeys()).singleElement().satisfies(k -> {
            assertThat(k.state()).isEqualTo("fresh");
            assertThat(k.freshUntil()).isPresent();
        });
        f.clock.advance(Duration.ofDays(2));
        assertThat(service.health().providerKeys())
                .singleElement()
                .satisfies(k -> assertThat(k.state()).isEqualTo("stale"));
    }
}
