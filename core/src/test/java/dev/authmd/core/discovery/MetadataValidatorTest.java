package dev.authmd.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.protocol.fixtures.MetadataFixtures;
import dev.authmd.protocol.metadata.AgentAuthMetadata;
import dev.authmd.protocol.metadata.AuthorizationServerMetadata;
import dev.authmd.protocol.metadata.MetadataException;
import dev.authmd.protocol.metadata.MetadataJson;
import dev.authmd.protocol.metadata.MetadataValidator;
import dev.authmd.protocol.metadata.ProtectedResourceMetadata;
import dev.authmd.protocol.metadata.ValidationResult;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetadataValidatorTest {

    private static final URI RESOURCE = URI.create("https://api.example.com");
    private static final MetadataValidator STRICT = MetadataValidator.of(Set.of());

    private static ProtectedResourceMetadata.Builder prm(String resource) {
        return ProtectedResourceMetadata.builder().resource(resource);
    }

    private static AuthorizationServerMetadata.Builder as(String issuer) {
        return AuthorizationServerMetadata.builder().issuer(issuer);
    }

    @Test
    void validateProtectedResourceWhenReferenceSampleThenValid() {
        ProtectedResourceMetadata reference = MetadataJson.parseProtectedResource(MetadataFixtures.REFERENCE_PRM);

        assertThat(STRICT.validateProtectedResource(reference, RESOURCE).problems())
                .isEmpty();
        assertThat(STRICT.validateProtectedResource(reference, RESOURCE).isValid())
                .isTrue();
    }

    @Test
    void validateProtectedResourceWhenResourceDiffersThenRfc9728MismatchReported() {
        ValidationResult result =
                STRICT.validateProtectedResource(prm("https://evil.example.com").build(), RESOURCE);

        assertThat(result.problems())
                .containsExactly("resource must be identical to the identifier used to fetch "
                        + "the metadata (expected \"https://api.example.com\", got \"https://evil.example.com\")");
        assertThat(result.isValid()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "https://api.example.com/, https://api.example.com",
        "https://api.example.com, https://api.example.com/",
        "https://api.example.com/v1/, https://api.example.com/v1",
        "https://api.example.com/v1, https://api.example.com/v1/"
    })
    void validateProtectedResourceWhenOnlyATerminatingSlashDiffersThenValid(String resource, String expected) {
        assertThat(STRICT.validateProtectedResource(prm(resource).build(), URI.create(expected))
                        .problems())
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "https://API.example.com, https://api.example.com",
        "https://api.example.com/v1, https://api.example.com/v2",
        "https://api.example.com:443, https://api.example.com",
        "https://api.example.com//, https://api.example.com"
    })
    void validateProtectedResourceWhenStringsDifferOtherwiseThenMismatch(String resource, String expected) {
        assertThat(STRICT.validateProtectedResource(prm(resource).build(), URI.create(expected))
                        .problems())
                .singleElement()
                .asString()
                .startsWith("resource must be identical");
    }

    @Test
    void validateProtectedResourceWhenEveryRuleBrokenThenOneMessagePerRuleInOrder() {
        ProtectedResourceMetadata bad = prm("http://api.example.com#top")
                .authorizationServers(List.of("https://as.example.com", "http://as.example.com/x?y=1#z", "/relative"))
                .scopesSupported(List.of("api.read", "has space", "quote\""))
                .resourceLogoUri("http://api.example.com/logo.png")
                .resourceDocumentation("not a url")
                .build();

        ValidationResult result = STRICT.validateProtectedResource(bad, URI.create("http://api.example.com#top"));

        assertThat(result.problems())
                .containsExactly(
                        "resource must use https (plain http only on development hosts): \"http://api.example.com#top\"",
                        "resource must not have a fragment: \"http://api.example.com#top\"",
                        "authorization_servers[1] must use https (plain http only on development hosts): "
                                + "\"http://as.example.com/x?y=1#z\"",
                        "authorization_servers[1] must not have a query: \"http://as.example.com/x?y=1#z\"",
                        "authorization_servers[1] must not have a fragment: \"http://as.example.com/x?y=1#z\"",
                        "authorization_servers[2] must be an absolute URL with a host: \"/relative\"",
                        "scopes_supported[1] must be an RFC 6749 scope token (printable ASCII, no space, quote or backslash): "
                                + "\"has space\"",
                        "scopes_supported[2] must be an RFC 6749 scope token (printable ASCII, no space, quote or backslash): "
                                + "\"quote\"\"",
                        "resource_logo_uri must use https (plain http only on development hosts): "
                                + "\"http://api.example.com/logo.png\"",
                        "resource_documentation must be an absolute URL with a host: \"not a url\"");
        assertThatThrownBy(result::requireValid)
                .isInstanceOf(MetadataException.class)
                .satisfies(e -> assertThat(((MetadataException) e).problems()).isEqualTo(result.problems()))
                .hasMessage(String.join("; ", result.problems()));
    }

    @Test
    void validateProtectedResourceWhenHttpOnDevelopmentHostThenValid() {
        MetadataValidator dev = MetadataValidator.of(Set.of("LocalHost", "[::1]"));
        ProtectedResourceMetadata local = prm("http://localhost:8080")
                .authorizationServers(List.of("http://localhost:8080", "http://[::1]:9000"))
                .build();

        assertThat(dev.validateProtectedResource(local, URI.create("http://localhost:8080"))
                        .problems())
                .isEmpty();
        assertThat(dev.developmentHosts()).containsExactlyInAnyOrder("localhost", "[::1]");
        assertThat(STRICT.validateProtectedResource(local, URI.create("http://localhost:8080"))
                        .problems())
                .hasSize(3);
    }

    @Test
    void validateProtectedResourceWhenDevelopmentHostIsBareIpv6ThenBracketedUrlAccepted() {
        MetadataValidator dev = MetadataValidator.of(Set.of("::1"));

        assertThat(dev.validateProtectedResource(prm("http://[::1]:8080").build(), URI.create("http://[::1]:8080"))
                        .problems())
                .isEmpty();
    }

    @Test
    void validateProtectedResourceWhenValueHasControlCharactersThenMessageShowsThemReplaced() {
        String hostile = "https://a.example/\u0007x" + "y".repeat(300);

        assertThat(STRICT.validateProtectedResource(prm(hostile).build(), RESOURCE)
                        .problems())
                .singleElement()
                .asString()
                .startsWith("resource must be an absolute URL with a host: \"https://a.example/?xyyy")
                .endsWith("y…\"")
                .hasSizeLessThan(200);
    }

    @Test
    void validateAuthorizationServerWhenReferenceSampleWithoutIssuerThenStrictRefusesAndOptInAccepts() {
        AuthorizationServerMetadata reference = MetadataJson.parseAuthorizationServer(MetadataFixtures.REFERENCE_AS);
        MetadataValidator lenient =
                MetadataValidator.builder().acceptMissingIssuer(true).build();

        assertThat(STRICT.validateAuthorizationServer(reference, RESOURCE).problems())
                .containsExactly("issuer is required (RFC 8414 §2)");
        assertThat(lenient.validateAuthorizationServer(reference, RESOURCE).problems())
                .isEmpty();
        assertThat(lenient.acceptMissingIssuer()).isTrue();
        assertThat(STRICT.acceptMissingIssuer()).isFalse();
    }

    @Test
    void validateAuthorizationServerWhenIssuerDiffersThenRfc8414MismatchReported() {
        assertThat(STRICT.validateAuthorizationServer(
                                as("https://other.example.com").build(), RESOURCE)
                        .problems())
                .containsExactly("issuer must be identical to the issuer the metadata was fetched for (expected "
                        + "\"https://api.example.com\", got \"https://other.example.com\")");
        assertThat(STRICT.validateAuthorizationServer(
                                as("https://api.example.com/").build(), RESOURCE)
                        .problems())
                .singleElement()
                .asString()
                .startsWith("issuer must be identical");
    }

    @Test
    void validateAuthorizationServerWhenIssuerHasQueryOrFragmentThenFormReportedNotMismatch() {
        URI expected = URI.create("https://api.example.com?a=1#b");

        assertThat(STRICT.validateAuthorizationServer(
                                as("https://api.example.com?a=1#b").build(), expected)
                        .problems())
                .containsExactly(
                        "issuer must not have a query: \"https://api.example.com?a=1#b\"",
                        "issuer must not have a fragment: \"https://api.example.com?a=1#b\"");
    }

    @Test
    void validateAuthorizationServerWhenAgentAuthUrlsAreBadThenEachIsNamed() {
        AuthorizationServerMetadata bad = as("https://api.example.com")
                .resource("http://api.example.com")
                .agentAuth(AgentAuthMetadata.builder()
                        .skill("https://api.example.com/auth.md#intro")
                        .registerUri("http://api.example.com/agent/auth")
                        .claimUri("agent/auth/claim")
                        .revocationUri("javascript:alert(1)")
                        .eventsSupported(List.of(
                                "http://schemas.openid.net/event/backchannel-logout", "not a uri", "relative/event"))
                        .build())
                .build();

        assertThat(STRICT.validateAuthorizationServer(bad, RESOURCE).problems())
                .containsExactly(
                        "resource must use https (plain http only on development hosts): \"http://api.example.com\"",
                        "agent_auth.skill must not have a fragment: \"https://api.example.com/auth.md#intro\"",
                        "agent_auth.register_uri must use https (plain http only on development hosts): "
                                + "\"http://api.example.com/agent/auth\"",
                        "agent_auth.claim_uri must be an absolute URL with a host: \"agent/auth/claim\"",
                        "agent_auth.revocation_uri must be an absolute URL with a host: \"javascript:alert(1)\"",
                        "agent_auth.events_supported[1] must be an absolute URI: \"not a uri\"",
                        "agent_auth.events_supported[2] must be an absolute URI: \"relative/event\"");
    }

    @Test
    void validateAuthorizationServerWhenLaterVersionDocumentThenUnknownMembersAreNotJudged() {
        AuthorizationServerMetadata later = MetadataJson.parseAuthorizationServer(MetadataFixtures.LATER_AS);

        assertThat(STRICT.validateAuthorizationServer(later, RESOURCE).problems())
                .isEmpty();
    }

    @Test
    void validateWhenOwnDocumentsThenValidAgainstOwnIdentifiers() {
        AgentAuthConfig config = AgentAuthConfig.builder(URI.create("http://localhost:8080/api"))
                .issuer(URI.create("http://localhost:8080"))
                .developmentHosts(Set.of("localhost"))
                .build();
        MetadataValidator validator = MetadataValidator.of(config.developmentHosts());

        assertThat(validator
                        .validateProtectedResource(DiscoveryDocuments.protectedResource(config), config.resource())
                        .problems())
                .isEmpty();
        assertThat(validator
                        .validateAuthorizationServer(DiscoveryDocuments.authorizationServer(config), config.issuer())
                        .problems())
                .isEmpty();
    }

    @Test
    void builderWhenDevelopmentHostBlankThenRefused() {
        assertThatThrownBy(() -> MetadataValidator.of(Set.of(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("developmentHosts cannot contain a null or blank host");
    }

    @Test
    void validateWhenNullArgumentsThenNullPointerExceptionNamesThem() {
        ProtectedResourceMetadata doc = prm("https://a.example").build();

        assertThatThrownBy(() -> STRICT.validateProtectedResource(doc, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("expectedResource cannot be null");
        assertThatThrownBy(() -> STRICT.validateAuthorizationServer(null, RESOURCE))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("metadata cannot be null");
    }

    @Test
    void validationResultWhenValidThenRequireValidDoesNothing() {
        ValidationResult ok = new ValidationResult(List.of());

        ok.requireValid();

        assertThat(ok.isValid()).isTrue();
        assertThatThrownBy(() -> new MetadataException(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("problems cannot be empty");
    }
}
