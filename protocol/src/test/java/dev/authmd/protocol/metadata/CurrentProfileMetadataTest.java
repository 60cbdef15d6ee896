package dev.authmd.protocol.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The current profile's members of the authorization server metadata, typed beside v0.1's, both in one document. */
class CurrentProfileMetadataTest {

    private static final String BOTH_PROFILES = """
            {"resource":"https://api.acme.dev/","authorization_servers":["https://as.acme.dev"],
             "scopes_supported":["docs.read","docs.write"],"bearer_methods_supported":["header"],
             "issuer":"https://as.acme.dev",
             "token_endpoint":"https://as.acme.dev/oauth2/token",
             "revocation_endpoint":"https://as.acme.dev/oauth2/revoke",
             "grant_types_supported":["urn:ietf:params:oauth:grant-type:jwt-bearer"],
             "jwks_uri":"https://as.acme.dev/.well-known/jwks.json",
             "token_endpoint_auth_methods_supported":["none"],"revocation_endpoint_auth_methods_supported":["none"],
             "agent_auth":{"skill":"https://api.acme.dev/auth.md",
               "identity_endpoint":"https://as.acme.dev/agent/identity",
               "claim_endpoint":"https://as.acme.dev/agent/identity/claim",
               "events_endpoint":"https://as.acme.dev/agent/event/notify",
               "identity_types_supported":["anonymous","identity_assertion","service_auth"],
               "identity_assertion":{"assertion_types_supported":["urn:ietf:params:oauth:token-type:id-jag"],
                                     "credential_types_supported":["access_token"]},
               "events_supported":["https://schemas.workos.com/events/agent/auth/identity/assertion/revoked"],
               "register_uri":"https://as.acme.dev/agent/auth","claim_uri":"https://as.acme.dev/agent/auth/claim",
               "revocation_uri":"https://as.acme.dev/agent/auth/revoke",
               "anonymous":{"credential_types_supported":["api_key"]}}}
            """;

    @Test
    void parseWhenBothProfilesInOneDocumentThenEveryMemberIsTypedAndNothingIsLeftOver() {
        AuthorizationServerMetadata as = MetadataJson.parseAuthorizationServer(BOTH_PROFILES);

        assertThat(as.tokenEndpoint()).contains("https://as.acme.dev/oauth2/token");
        assertThat(as.revocationEndpoint()).contains("https://as.acme.dev/oauth2/revoke");
        assertThat(as.grantTypesSupported()).contains(List.of("urn:ietf:params:oauth:grant-type:jwt-bearer"));
        assertThat(as.jwksUri()).contains("https://as.acme.dev/.well-known/jwks.json");
        assertThat(as.tokenEndpointAuthMethodsSupported()).contains(List.of("none"));
        assertThat(as.revocationEndpointAuthMethodsSupported()).contains(List.of("none"));
        assertThat(as.additionalMembers()).isEmpty();
        AgentAuthMetadata agentAuth = as.agentAuth().orElseThrow();
        assertThat(agentAuth.identityEndpoint()).contains("https://as.acme.dev/agent/identity");
        assertThat(agentAuth.claimEndpoint()).contains("https://as.acme.dev/agent/identity/claim");
        assertThat(agentAuth.eventsEndpoint()).contains("https://as.acme.dev/agent/event/notify");
        assertThat(agentAuth.registerUri()).contains("https://as.acme.dev/agent/auth");
        assertThat(agentAuth.additionalMembers()).isEmpty();
    }

    @Test
    void writeWhenParsedThenRoundTripsAndTheRfc8414MembersPrecedeAgentAuth() throws Exception {
        AuthorizationServerMetadata as = MetadataJson.parseAuthorizationServer(BOTH_PROFILES);

        String written = MetadataJson.write(as);

        assertThat(MetadataJson.parseAuthorizationServer(written)).isEqualTo(as);
        assertThat(written.indexOf("\"jwks_uri\"")).isLessThan(written.indexOf("\"agent_auth\""));
        assertThat(written.indexOf("\"identity_endpoint\"")).isLessThan(written.indexOf("\"register_uri\""));
    }

    @Test
    void builderWhenMembersSetAndRemovedThenTheDocumentFollows() {
        AuthorizationServerMetadata as = AuthorizationServerMetadata.builder()
                .issuer("https://as.example")
                .tokenEndpoint("https://as.example/oauth2/token")
                .grantTypesSupported(List.of("urn:ietf:params:oauth:grant-type:jwt-bearer"))
                .agentAuth(AgentAuthMetadata.builder()
                        .identityEndpoint("https://as.example/agent/identity")
                        .build())
                .build();
        assertThat(MetadataJson.write(as))
                .isEqualTo("{\"issuer\":\"https://as.example\",\"token_endpoint\":\"https://as.example/oauth2/token\","
                        + "\"grant_types_supported\":[\"urn:ietf:params:oauth:grant-type:jwt-bearer\"],"
                        + "\"agent_auth\":{\"identity_endpoint\":\"https://as.example/agent/identity\"}}");

        AuthorizationServerMetadata without =
                as.toBuilder().tokenEndpoint(null).grantTypesSupported(null).build();
        assertThat(MetadataJson.write(without)).doesNotContain("token_endpoint").doesNotContain("grant_types");
        assertThat(without).isNotEqualTo(as);
        assertThat(without.toString()).contains("token_endpoint=null");
    }
}
