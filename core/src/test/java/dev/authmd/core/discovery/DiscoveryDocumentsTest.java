package dev.authmd.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.protocol.fixtures.MetadataFixtures;
import dev.authmd.protocol.metadata.AgentAuthMetadata;
import dev.authmd.protocol.metadata.AuthorizationServerMetadata;
import dev.authmd.protocol.metadata.MetadataJson;
import dev.authmd.protocol.metadata.ProtectedResourceMetadata;
import dev.authmd.spi.store.WireProfile;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryDocumentsTest {

    private static AgentAuthConfig.Builder config() {
        return AgentAuthConfig.builder(URI.create("https://api.example.com"))
                .resourceName("Example API")
                .resourceLogoUri(URI.create("https://api.example.com/logo.png"))
                .scopesSupported(List.of("api.read", "api.write"));
    }

    @Test
    void protectedResourceWhenDefaultConfigThenReferenceShape() {
        String json = MetadataJson.write(DiscoveryDocuments.protectedResource(config().build()));

        assertThat(json).isEqualTo(MetadataFixtures.REFERENCE_PRM);
    }

    @Test
    void authorizationServerWhenDefaultConfigThenIssuerPlusReferenceShape() {
        String json = MetadataJson.writePretty(DiscoveryDocuments.authorizationServer(config().build()));

        assertThat(json).isEqualTo("""
                {
                  "issuer": "https://api.example.com",
                  "resource": "https://api.example.com",
                  "authorization_servers": [
                    "https://api.example.com"
                  ],
                  "scopes_supported": [
                    "api.read",
                    "api.write"
                  ],
                  "bearer_methods_supported": [
                    "header"
                  ],
                  "resource_name": "Example API",
                  "resource_logo_uri": "https://api.example.com/logo.png",
                  "token_endpoint": "https://api.example.com/oauth2/token",
                  "revocation_endpoint": "https://api.example.com/oauth2/revoke",
                  "grant_types_supported": [
                    "urn:ietf:params:oauth:grant-type:jwt-bearer"
                  ],
                  "jwks_uri": "https://api.example.com/.well-known/jwks.json",
                  "token_endpoint_auth_methods_supported": [
                    "none"
                  ],
                  "revocation_endpoint_auth_methods_supported": [
                    "none"
                  ],
                  "agent_auth": {
                    "skill": "https://api.example.com/auth.md",
                    "identity_endpoint": "https://api.example.com/agent/identity",
                    "claim_endpoint": "https://api.example.com/agent/identity/claim",
                    "events_endpoint": "https://api.example.com/agent/event/notify",
                    "register_uri": "https://api.example.com/agent/auth",
                    "claim_uri": "https://api.example.com/agent/auth/claim",
                    "revocation_uri": "https://api.example.com/agent/auth/revoke",
                    "identity_types_supported": [
                      "anonymous",
                      "identity_assertion"
                    ],
                    "anonymous": {
                      "credential_types_supported": [
                        "api_key"
                      ]
                    },
                    "identity_assertion": {
                      "assertion_types_supported": [
                        "urn:ietf:params:oauth:token-type:id-jag",
                        "verified_email"
                      ],
                      "credential_types_supported": [
                        "access_token",
                        "api_key"
                      ]
                    },
                    "events_supported": [
                      "https://schemas.workos.com/events/agent/auth/identity/assertion/revoked",
                      "http://schemas.openid.net/event/backchannel-logout"
                    ]
                  }
                }""");
    }

    @Test
    void authorizationServerWhenReferenceSampleRestatedThenSameMembersPlusIssuer() throws Exception {
        // the reference sample is v0.1's document
        AgentAuthConfig cfg = config().resourceName("Example")
                .eventsSupported(List.of(AgentAuthConfig.EVENT_ASSERTION_REVOKED))
                .profiles(WireProfile.V0_1)
                .build();
        AuthorizationServerMetadata ours = DiscoveryDocuments.authorizationServer(cfg);
        AuthorizationServerMetadata reference = MetadataJson.parseAuthorizationServer(MetadataFixtures.REFERENCE_AS);

        ObjectMapper trees = new ObjectMapper();
        assertThat(trees.readTree(MetadataJson.write(
                        ours.toBuilder().issuer(null).resourceLogoUri(null).build())))
                .isEqualTo(trees.readTree(MetadataFixtures.REFERENCE_AS));
        assertThat(ours.agentAuth()).isEqualTo(reference.agentAuth());
    }

    @Test
    void authorizationServerWhenOnlyCurrentProfileThenNoV01MemberAndOnlyItsEvent() {
        AgentAuthConfig cfg = config().profiles(WireProfile.CURRENT).build();

        AuthorizationServerMetadata as = DiscoveryDocuments.authorizationServer(cfg);

        AgentAuthMetadata agentAuth = as.agentAuth().orElseThrow();
        assertThat(agentAuth.registerUri()).isEmpty();
        assertThat(agentAuth.claimUri()).isEmpty();
        assertThat(agentAuth.revocationUri()).isEmpty();
        assertThat(agentAuth.anonymous()).isEmpty();
        assertThat(agentAuth.identityEndpoint()).contains("https://api.example.com/agent/identity");
        assertThat(agentAuth.identityAssertion().orElseThrow().assertionTypesSupported())
                .contains(List.of(AgentAuthMetadata.ASSERTION_TYPE_ID_JAG));
        assertThat(agentAuth.identityAssertion().orElseThrow().credentialTypesSupported())
                .isEmpty();
        assertThat(agentAuth.eventsSupported())
                .contains(List.of("https://schemas.workos.com/events/agent/auth/identity/assertion/revoked"));
        assertThat(as.grantTypesSupported()).contains(List.of("urn:ietf:params:oauth:grant-type:jwt-bearer"));
        assertThat(as.jwksUri()).contains("https://api.example.com/.well-known/jwks.json");
        assertThat(MetadataJson.write(as)).doesNotContain("response_types_supported");
    }

    @Test
    void authorizationServerWhenOnlyV01ThenNoCurrentProfileMember() {
        AgentAuthConfig cfg = config().profiles(WireProfile.V0_1).build();

        AuthorizationServerMetadata as = DiscoveryDocuments.authorizationServer(cfg);

        assertThat(as.tokenEndpoint()).isEmpty();
        assertThat(as.revocationEndpoint()).isEmpty();
        assertThat(as.jwksUri()).isEmpty();
        assertThat(as.grantTypesSupported()).isEmpty();
        AgentAuthMetadata agentAuth = as.agentAuth().orElseThrow();
        assertThat(agentAuth.identityEndpoint()).isEmpty();
        assertThat(agentAuth.claimEndpoint()).isEmpty();
        assertThat(agentAuth.eventsEndpoint()).isEmpty();
        assertThat(agentAuth.registerUri()).contains("https://api.example.com/agent/auth");
    }

    @Test
    void authorizationServerWhenBothAndEmailPathOffThenNoVerifiedEmailAssertionType() {
        AgentAuthConfig cfg = config().verifiedEmailEnabled(false).build();

        AgentAuthMetadata agentAuth =
                DiscoveryDocuments.authorizationServer(cfg).agentAuth().orElseThrow();

        assertThat(agentAuth.identityAssertion().orElseThrow().assertionTypesSupported())
                .contains(List.of(AgentAuthMetadata.ASSERTION_TYPE_ID_JAG));
    }

    @Test
    void documentsWhenIssuerDiffersFromResourceThenIssuerStringIsIdenticalInBoth() {
        AgentAuthConfig cfg =
                config().issuer(URI.create("https://auth.example.com/tenant-1")).build();

        ProtectedResourceMetadata prm = DiscoveryDocuments.protectedResource(cfg);
        AuthorizationServerMetadata as = DiscoveryDocuments.authorizationServer(cfg);

        assertThat(prm.authorizationServers()).contains(List.of("https://auth.example.com/tenant-1"));
        assertThat(as.issuer())
                .contains(prm.authorizationServers().orElseThrow().get(0));
        assertThat(as.authorizationServers()).isEqualTo(prm.authorizationServers());
        assertThat(as.resource()).contains("https://api.example.com");
        AgentAuthMetadata agentAuth = as.agentAuth().orElseThrow();
        assertThat(agentAuth.registerUri()).contains("https://auth.example.com/tenant-1/agent/auth");
        assertThat(agentAuth.claimUri()).contains("https://auth.example.com/tenant-1/agent/auth/claim");
        assertThat(agentAuth.revocationUri()).contains("https://auth.example.com/tenant-1/agent/auth/revoke");
        assertThat(agentAuth.skill()).contains("https://api.example.com/auth.md");
    }

    @Test
    void agentAuthWhenAnonymousDisabledThenNoAnonymousTypeNorObject() {
        AgentAuthMetadata agentAuth =
                DiscoveryDocuments.agentAuth(config().anonymousEnabled(false).build());

        assertThat(agentAuth.identityTypesSupported()).contains(List.of("identity_assertion"));
        assertThat(agentAuth.anonymous()).isEmpty();
        assertThat(agentAuth.identityAssertion()).isPresent();
    }

    @Test
    void agentAuthWhenIdJagDisabledThenOnlyVerifiedEmailAssertion() {
        AgentAuthMetadata agentAuth =
                DiscoveryDocuments.agentAuth(config().idJagEnabled(false).build());

        assertThat(agentAuth.identityTypesSupported()).contains(List.of("anonymous", "identity_assertion"));
        assertThat(agentAuth.identityAssertion().orElseThrow().assertionTypesSupported())
                .contains(List.of("verified_email"));
    }

    @Test
    void agentAuthWhenVerifiedEmailDisabledThenOnlyIdJagAssertion() {
        AgentAuthMetadata agentAuth = DiscoveryDocuments.agentAuth(
                config().verifiedEmailEnabled(false).build());

        assertThat(agentAuth.identityAssertion().orElseThrow().assertionTypesSupported())
                .contains(List.of("urn:ietf:params:oauth:token-type:id-jag"));
    }

    @Test
    void agentAuthWhenOnlyAnonymousThenNoIdentityAssertionTypeNorObject() {
        AgentAuthMetadata agentAuth = DiscoveryDocuments.agentAuth(
                config().idJagEnabled(false).verifiedEmailEnabled(false).build());

        assertThat(agentAuth.identityTypesSupported()).contains(List.of("anonymous"));
        assertThat(agentAuth.identityAssertion()).isEmpty();
        assertThat(agentAuth.anonymous().orElseThrow().credentialTypesSupported())
                .contains(List.of("api_key"));
    }

    @Test
    void agentAuthWhenIdentityCredentialTypesConfiguredThenTheyArePublishedInOrder() {
        AgentAuthMetadata agentAuth = DiscoveryDocuments.agentAuth(
                config().identityCredentialTypes(List.of(dev.authmd.spi.store.CredentialType.API_KEY))
                        .build());

        assertThat(agentAuth.identityAssertion().orElseThrow().credentialTypesSupported())
                .contains(List.of("api_key"));
    }

    @Test
    void protectedResourceWhenDocumentationConfiguredThenPublishedAndRestated() {
        AgentAuthConfig cfg = config().resourceLogoUri(null)
                .resourceDocumentation(URI.create("https://docs.example.com/api"))
                .build();

        ProtectedResourceMetadata prm = DiscoveryDocuments.protectedResource(cfg);
        AuthorizationServerMetadata as = DiscoveryDocuments.authorizationServer(cfg);

        assertThat(prm.resourceDocumentation()).contains("https://docs.example.com/api");
        assertThat(prm.resourceLogoUri()).isEmpty();
        assertThat(as.resourceDocumentation()).contains("https://docs.example.com/api");
        assertThat(as.resourceLogoUri()).isEmpty();
    }

    @Test
    void documentsWhenResourceHasPathThenResourceIsTheFullIdentifier() {
        AgentAuthConfig cfg = config().resourceLogoUri(null).build().toBuilder().build();
        AgentAuthConfig withPath = AgentAuthConfig.builder(URI.create("https://api.example.com/v1"))
                .scopesSupported(cfg.scopesSupported())
                .build();

        assertThat(DiscoveryDocuments.protectedResource(withPath).resource()).isEqualTo("https://api.example.com/v1");
        assertThat(DiscoveryDocuments.protectedResource(withPath).authorizationServers())
                .contains(List.of("https://api.example.com"));
    }

    @Test
    void documentsWhenWrittenAndParsedThenEqual() {
        AgentAuthConfig cfg = config().build();
        AuthorizationServerMetadata as = DiscoveryDocuments.authorizationServer(cfg);
        ProtectedResourceMetadata prm = DiscoveryDocuments.protectedResource(cfg);

        assertThat(MetadataJson.parseAuthorizationServer(MetadataJson.write(as)))
                .isEqualTo(as);
        assertThat(MetadataJson.parseProtectedResource(MetadataJson.writePretty(prm)))
                .isEqualTo(prm);
    }
}
