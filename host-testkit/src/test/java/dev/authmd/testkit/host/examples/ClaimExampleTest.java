package dev.authmd.testkit.host.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AgentPrincipal;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.store.memory.InMemoryAccountResolver;
import dev.authmd.core.trust.TrustList;
import dev.authmd.spi.account.UserAccount;
import dev.authmd.testkit.host.TestAgent;
import dev.authmd.testkit.host.TestClock;
import dev.authmd.testkit.host.TestInbox;
import dev.authmd.testkit.host.TestProvider;
import dev.authmd.testkit.host.TestSignIn;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A host's test: an agent registers anonymously and Carol claims it, in each profile. */
class ClaimExampleTest {

    private final TestClock clock = TestClock.at(Instant.parse("2026-05-04T12:00:00Z"));
    private final TestInbox inbox = new TestInbox();
    private final TestSignIn signIn = new TestSignIn().addUser("u-carol", "carol@example.com");
    private final TestProvider provider = TestProvider.create("https://agents.example", clock);
    private final InMemoryAccountResolver accounts = new InMemoryAccountResolver();
    private final AgentAuthService service;
    private final AgentAuthEndpoints endpoints;

    ClaimExampleTest() {
        accounts.add(RequestContext.DEFAULT_TENANT, new UserAccount("u-carol", "carol@example.com", null));
        service = AgentAuthService.builder()
                .config(
                        AgentAuthConfig.builder(URI.create("https://api.example.com"))
                                .build(),
                        TrustList.builder().add(provider.trusted()).build())
                .accountResolver(accounts)
                .claimMailer(inbox)
                .sessionResolver(signIn)
                .clock(clock)
                .build();
        endpoints = AgentAuthEndpoints.builder(service).build();
    }

    @Test
    void anonymousAgentClaimedByCarolInV01GetsHerScopes() {
        TestAgent.ClaimedKey key =
                TestAgent.of(service, endpoints, inbox, signIn).registerAnonymouslyAndClaim("carol@example.com");

        AgentPrincipal agent = service.authenticate(
                        RequestContext.defaultTenant("192.0.2.10"), "Bearer " + key.apiKey(), Set.of("api.write"))
                .principal()
                .orElseThrow();
        assertThat(agent.userId()).isEqualTo("u-carol");
        assertThat(inbox.latestTo("carol@example.com")).isPresent();
    }

    @Test
    void anonymousAgentClaimedByCarolInTheCurrentProfileGetsAnAccessTokenForHer() {
        TestAgent.ClaimedIdentity identity = TestAgent.of(service, endpoints, inbox, signIn)
                .identifyAnonymouslyAndClaim("carol@example.com", "u-carol");

        AgentPrincipal agent = service.authenticate(
                        RequestContext.defaultTenant("192.0.2.10"), "Bearer " + identity.accessToken(), Set.of())
                .principal()
                .orElseThrow();
        assertThat(agent.userId()).isEqualTo("u-carol");
        assertThat(identity.refreshToken()).isNotNull();
    }

    @Test
    void unclaimedAgentKeyStopsWorkingAfterTheClaimWindow() {
        String key = service.register(RequestContext.defaultTenant("192.0.2.10"), new RegisterRequest.Anonymous(null))
                .value()
                .credential()
                .secret();

        clock.advance(Duration.ofHours(24));

        assertThat(service.authenticate(RequestContext.defaultTenant("192.0.2.10"), "Bearer " + key, Set.of())
                        .principal())
                .isEmpty();
    }
}
