package dev.authmd.core.authmd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.protocol.authmd.AuthMdDocument;
import dev.authmd.protocol.authmd.AuthMdParser;
import dev.authmd.protocol.metadata.WellKnownUris;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.WireProfile;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: for every generated configuration, parsing the rendered auth.md recovers the configuration's facts, without
 * a single ambiguity or guess in the reasons.
 *
 * <p>The generator walks the full cross product of: the seven non-empty method combinations, the three identity
 * credential type lists, strict audience on/off, and four deployments (issuer without path, issuer with a path, a
 * custom agentAuthPath with a path-bearing resource, plain http on localhost:8080).
 */
class AuthMdRoundTripPropertyTest {

    private final AuthMdParser parser = new AuthMdParser();

    record Case(String name, AgentAuthConfig config) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> configurations() {
        List<List<CredentialType>> credentialLists = List.of(
                List.of(CredentialType.ACCESS_TOKEN, CredentialType.API_KEY),
                List.of(CredentialType.ACCESS_TOKEN),
                List.of(CredentialType.API_KEY, CredentialType.ACCESS_TOKEN));
        List<String> deployments = List.of("plain", "issuer-path", "custom-path", "dev-localhost");
        List<Case> cases = new ArrayList<>();
        for (int methods = 1; methods < 8; methods++) {
            for (List<CredentialType> credentials : credentialLists) {
                for (boolean strict : List.of(false, true)) {
                    for (String deployment : deployments) {
                        AgentAuthConfig.Builder b = deployment(deployment)
                                .anonymousEnabled((methods & 1) != 0)
                                .idJagEnabled((methods & 2) != 0)
                                .verifiedEmailEnabled((methods & 4) != 0)
                                .identityCredentialTypes(credentials)
                                .strictAudience(strict)
                                .profiles(WireProfile.V0_1);
                        cases.add(new Case(
                                "methods=" + methods + " credentials=" + credentials + " strict=" + strict + " "
                                        + deployment,
                                b.build()));
                    }
                }
            }
        }
        return cases.stream();
    }

    private static AgentAuthConfig.Builder deployment(String name) {
        return switch (name) {
            case "plain" ->
                AgentAuthConfig.builder(URI.create("https://api.example.com")).resourceName("Example API");
            case "issuer-path" ->
                AgentAuthConfig.builder(URI.create("https://api.example.com"))
                        .issuer(URI.create("https://example.com/tenant-a"));
            case "custom-path" ->
                AgentAuthConfig.builder(URI.create("https://example.org/api/v2"))
                        .issuer(URI.create("https://login.example.org/realms/agents"))
                        .agentAuthPath("/agents/register")
                        .authMdPath("/docs/agents.md");
            case "dev-localhost" ->
                AgentAuthConfig.builder(URI.create("http://localhost:8080")).developmentHosts(Set.of("localhost"));
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void parseWhenDocumentRenderedFromConfigurationThenRecoversItsFacts(Case testCase) {
        AgentAuthConfig config = testCase.config();

        AuthMdDocument doc = parser.parse(AuthMdRenderer.of(config).render());

        assertThat(doc.reasons()).isEmpty();
        assertThat(doc.protectedResourceMetadataUri()).contains(config.protectedResourceMetadataUri());
        assertThat(doc.authorizationServerMetadataUri()).contains(config.authorizationServerMetadataUri());
        Set<URI> asUris = new LinkedHashSet<>(List.of(
                config.authorizationServerMetadataUri(),
                WellKnownUris.appendedAuthorizationServerMetadata(config.issuer())));
        assertThat(doc.authorizationServerMetadataUris()).containsExactlyElementsOf(asUris);
        assertThat(doc.registerUri()).contains(config.registerUri());
        assertThat(doc.claimUri()).contains(config.claimUri());
        assertThat(doc.revocationUri()).contains(config.revocationUri());
        assertThat(doc.identityTypes()).containsExactlyElementsOf(expectedIdentityTypes(config));
        assertThat(doc.assertionTypes()).containsExactlyElementsOf(expectedAssertionTypes(config));
        assertThat(doc.credentialTypes()).containsExactlyInAnyOrderElementsOf(expectedCredentialTypes(config));
        if (config.anonymousEnabled()) {
            assertThat(doc.credentialTypesByIdentityType().get(AuthMdDocument.IDENTITY_TYPE_ANONYMOUS))
                    .containsExactly("api_key");
        }
        if (config.identityAssertionEnabled()) {
            assertThat(doc.credentialTypesByIdentityType().get(AuthMdDocument.IDENTITY_TYPE_IDENTITY_ASSERTION))
                    .containsExactlyElementsOf(config.identityCredentialTypes().stream()
                            .map(CredentialType::wireName)
                            .toList());
        }
        assertThat(doc.jsonExamples())
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.isValid()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void parseWhenBothProfilesRenderedThenRecoversV01FactsAndCurrentEndpoints(Case testCase) {
        AgentAuthConfig config = testCase.config().toBuilder()
                .profiles(WireProfile.V0_1, WireProfile.CURRENT)
                .build();

        AuthMdDocument doc = parser.parse(AuthMdRenderer.of(config).render());

        assertThat(doc.reasons()).isEmpty();
        assertThat(doc.registerUri()).contains(config.registerUri());
        assertThat(doc.claimUri()).contains(config.claimUri());
        assertThat(doc.revocationUri()).contains(config.revocationUri());
        assertThat(doc.identityEndpoint()).contains(config.identityEndpoint());
        assertThat(doc.tokenEndpoint()).contains(config.tokenEndpoint());
        assertThat(doc.tokenRevocationEndpoint()).contains(config.tokenRevocationEndpoint());
        assertThat(doc.eventsEndpoint()).contains(config.eventsEndpoint());
        assertThat(doc.jsonExamples()).allSatisfy(e -> assertThat(e.isValid()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void parseWhenOnlyCurrentProfileRenderedThenCurrentEndpointsAndNoV01Register(Case testCase) {
        AgentAuthConfig config = testCase.config().toBuilder()
                .profiles(WireProfile.CURRENT)
                .verifiedEmailEnabled(true)
                .build();
        if (!config.anonymousEnabled() && !config.idJagEnabled()) {
            return; // nothing the current profile serves
        }

        AuthMdDocument doc = parser.parse(AuthMdRenderer.of(config).render());

        assertThat(doc.identityEndpoint()).contains(config.identityEndpoint());
        assertThat(doc.tokenEndpoint()).contains(config.tokenEndpoint());
        assertThat(doc.registerUri()).isEmpty();
        assertThat(doc.protectedResourceMetadataUri()).contains(config.protectedResourceMetadataUri());
        assertThat(doc.jsonExamples()).allSatisfy(e -> assertThat(e.isValid()).isTrue());
    }

    private static List<String> expectedIdentityTypes(AgentAuthConfig config) {
        List<String> types = new ArrayList<>();
        if (config.anonymousEnabled()) {
            types.add(AuthMdDocument.IDENTITY_TYPE_ANONYMOUS);
        }
        if (config.identityAssertionEnabled()) {
            types.add(AuthMdDocument.IDENTITY_TYPE_IDENTITY_ASSERTION);
        }
        return types;
    }

    private static List<String> expectedAssertionTypes(AgentAuthConfig config) {
        List<String> types = new ArrayList<>();
        if (config.idJagEnabled()) {
            types.add(AuthMdDocument.ASSERTION_TYPE_ID_JAG);
        }
        if (config.verifiedEmailEnabled()) {
            types.add(AuthMdDocument.ASSERTION_TYPE_VERIFIED_EMAIL);
        }
        return types;
    }

    private static Set<String> expectedCredentialTypes(AgentAuthConfig config) {
        Set<String> types = new LinkedHashSet<>();
        if (config.identityAssertionEnabled()) {
            config.identityCredentialTypes().forEach(t -> types.add(t.wireName()));
        }
        if (config.anonymousEnabled()) {
            config.anonymousCredentialTypes().forEach(t -> types.add(t.wireName()));
        }
        return types;
    }
}
