package dev.authmd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.LogoutTokenMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.testsupport.StubFetcher;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.store.CredentialType;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ID-JAG and logout-token verifiers of one tenant share one key cache. */
class SharedKeySourceTest {

    private static final String RESOURCE = "https://api.example.com";
    private static final String PROVIDER = "https://agents.example";
    private static final String JWKS = PROVIDER + "/jwks.json";
    private static final ProviderKeys KEYS = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);

    @Test
    void registerThenRevokeWhenPinnedJwksThenKeysFetchedOncePerProvider() {
        StubFetcher fetcher = new StubFetcher().json(JWKS, KEYS.jwksJson());
        AgentAuthConfig config = AgentAuthConfig.builder(URI.create(RESOURCE)).build();
        TrustList trust = TrustList.builder()
                .add(TrustedProvider.builder(PROVIDER)
                        .keyLocation(KeyLocation.pinned(URI.create(JWKS)))
                        .algorithms(List.of("ES256"))
                        .build())
                .build();
        AgentAuthService service = AgentAuthService.builder()
                .config(config, trust)
                .accountResolver(new TestAccounts())
                .claimMailer(new RecordingMailer())
                .httpFetcher(fetcher)
                .build();
        RequestContext ctx = RequestContext.defaultTenant("192.0.2.1");
        Instant now = Instant.now();
        String audience = config.issuer().toString();

        String idJag = IdJagMinter.builder(KEYS)
                .issuer(PROVIDER)
                .subject("user-1")
                .audience(audience)
                .email("ada@example.com")
                .emailVerified(true)
                .issuedAt(now)
                .jti(UUID.randomUUID().toString())
                .mint();
        ServiceFixture.ok(service.register(ctx, new RegisterRequest.IdJag(idJag, CredentialType.API_KEY)));
        String logout = LogoutTokenMinter.builder(KEYS)
                .issuer(PROVIDER)
                .subject("user-1")
                .audience(audience)
                .issuedAt(now)
                .jti(UUID.randomUUID().toString())
                .mint();
        assertThat(ServiceFixture.ok(service.revoke(ctx, logout))).isEqualTo(1);

        assertThat(fetcher.count(JWKS)).isEqualTo(1);
    }
}
