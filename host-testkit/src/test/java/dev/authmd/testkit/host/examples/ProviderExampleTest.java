package dev.authmd.testkit.host.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.assertion.SecurityEventResult;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.IdentityRequest;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.service.TokenRequest;
import dev.authmd.core.store.memory.InMemoryAccountResolver;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.testkit.host.TestClock;
import dev.authmd.testkit.host.TestInbox;
import dev.authmd.testkit.host.TestProvider;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A host's test: agents of a trusted provider register with ID-JAGs, and the provider revokes them. */
class ProviderExampleTest {

    private static final String ISSUER = "https://api.example.com";
    private final RequestContext ctx = RequestContext.defaultTenant("192.0.2.10");
    private final TestClock clock = TestClock.now();
    private final TestProvider provider = TestProvider.create("https://agents.example", clock);

    @AfterEach
    void stopServingKeys() {
        provider.close();
    }

    private AgentAuthService service(TrustList trust) {
        return AgentAuthService.builder()
                .config(AgentAuthConfig.builder(URI.create(ISSUER)).build(), trust)
                .accountResolver(new InMemoryAccountResolver())
                .claimMailer(new TestInbox())
                .clock(clock)
                .build();
    }

    @Test
    void v01AgentWithAnIdJagIsLetInAtOnceAndLockedOutByTheLogoutToken() {
        AgentAuthService service =
                service(TrustList.builder().add(provider.trusted()).build());
        String token = service.register(
                        ctx,
                        new RegisterRequest.IdJag(
                                provider.idJag(ISSUER, "user-1", "dana@example.com")
                                        .mint(),
                                null))
                .value()
                .credential()
                .secret();
        assertThat(service.authenticate(ctx, "Bearer " + token, Set.of()).principal())
                .isPresent();

        service.revoke(ctx, provider.logoutToken(ISSUER, "user-1").mint());

        assertThat(service.authenticate(ctx, "Bearer " + token, Set.of()).principal())
                .isEmpty();
    }

    @Test
    void currentProfileAgentExchangesItsIdentityAndIsLockedOutByTheSecurityEvent() {
        AgentAuthService service =
                service(TrustList.builder().add(provider.trusted()).build());
        String assertion = service.identity(
                        ctx,
                        new IdentityRequest.IdentityAssertion(provider.idJag(ISSUER, "user-2", "erin@example.com")
                                .mint()))
                .value()
                .identityBlock()
                .orElseThrow()
                .assertion();
        String accessToken = service.exchangeToken(ctx, new TokenRequest(assertion, null, null))
                .value()
                .accessToken();

        SecurityEventResult event = service.receiveSecurityEvent(
                ctx, provider.securityEvent(ISSUER, "user-2").mint());

        assertThat(event).isInstanceOf(SecurityEventResult.Accepted.class);
        assertThat(service.authenticate(ctx, "Bearer " + accessToken, Set.of()).principal())
                .isEmpty();
    }

    @Test
    void providerKeysServedOnALocalPortAreFetchedByTheService() {
        URI jwks = provider.serveKeys();
        AgentAuthService service = AgentAuthService.builder()
                .config(
                        AgentAuthConfig.builder(URI.create(ISSUER)).build(),
                        TrustList.builder()
                                .add(provider.trustedBuilder()
                                        .keyLocation(KeyLocation.pinned(jwks))
                                        .build())
                                .build())
                .httpFetcher(TestProvider.fetcherFor(jwks))
                .accountResolver(new InMemoryAccountResolver())
                .claimMailer(new TestInbox())
                .clock(clock)
                .build();

        assertThat(service.register(
                                ctx,
                                new RegisterRequest.IdJag(
                                        provider.idJag(ISSUER, "user-3", "finn@example.com")
                                                .mint(),
                                        null))
                        .isSuccess())
                .isTrue();
    }
}
