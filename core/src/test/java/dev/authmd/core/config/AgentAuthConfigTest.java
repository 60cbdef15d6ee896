package dev.authmd.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.WireProfile;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentAuthConfigTest {

    private static final URI RESOURCE = URI.create("https://api.example.com");

    @Test
    void buildWhenDefaultsThenMatchesProtocolDefaultsAndDerivesUrls() {
        AgentAuthConfig config = AgentAuthConfig.builder(RESOURCE).build();

        assertThat(config.issuer()).isEqualTo(URI.create("https://api.example.com"));
        assertThat(config.protectedResourceMetadataUri())
                .hasToString("https://api.example.com/.well-known/oauth-protected-resource");
        assertThat(config.authorizationServerMetadataUri())
                .hasToString("https://api.example.com/.well-known/oauth-authorization-server");
        assertThat(config.authMdUri()).hasToString("https://api.example.com/auth.md");
        assertThat(config.registerUri()).hasToString("https://api.example.com/agent/auth");
        assertThat(config.claimUri()).hasToString("https://api.example.com/agent/auth/claim");
        assertThat(config.claimViewUri()).hasToString("https://api.example.com/agent/auth/claim/view");
        assertThat(config.claimChallengeUri())
                .hasToString("https://api.example.com/agent/auth/claim/attempt/challenge");
        assertThat(config.claimCompleteUri()).hasToString("https://api.example.com/agent/auth/claim/complete");
        assertThat(config.revocationUri()).hasToString("https://api.example.com/agent/auth/revoke");
        assertThat(config.anonymousScopes()).containsExactly("api.read");
        assertThat(config.postClaimScopes()).containsExactly("api.read", "api.write");
        assertThat(config.anonymousCredentialTypes()).containsExactly(CredentialType.API_KEY);
        assertThat(config.identityCredentialTypes())
                .containsExactly(CredentialType.ACCESS_TOKEN, CredentialType.API_KEY);
        assertThat(config.claimTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.otpTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.otpAttemptsPerCode()).isEqualTo(5);
        assertThat(config.otpAttemptsPerRegistration()).isEqualTo(20);
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxAssertionLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.maxRequestBodyBytes()).isEqualTo(65536);
        assertThat(config.eventsSupported())
                .containsExactly(AgentAuthConfig.EVENT_ASSERTION_REVOKED, AgentAuthConfig.EVENT_BACKCHANNEL_LOGOUT);
    }

    @Test
    void derivedUrlsWhenIssuerAndResourceHavePathsThenPathsKept() {
        AgentAuthConfig config = AgentAuthConfig.builder(URI.create("https://example.com/api/v1"))
                .issuer(URI.create("https://example.com/tenant-a/"))
                .agentAuthPath("/agents")
                .build();

        assertThat(config.protectedResourceMetadataUri())
                .hasToString("https://example.com/.well-known/oauth-protected-resource/api/v1");
        assertThat(config.authorizationServerMetadataUri())
                .hasToString("https://example.com/.well-known/oauth-authorization-server/tenant-a");
        assertThat(config.registerUri()).hasToString("https://example.com/tenant-a/agents");
        assertThat(config.authMdUri()).hasToString("https://example.com/auth.md");
    }

    @Test
    void acceptedAudiencesWhenStrictThenIssuerOnly() {
        AgentAuthConfig lax = AgentAuthConfig.builder(URI.create("https://api.example.com/v1"))
                .build();
        AgentAuthConfig strict = lax.toBuilder().strictAudience(true).build();

        assertThat(lax.acceptedAudiences()).containsExactly("https://api.example.com", "https://api.example.com/v1");
        assertThat(strict.acceptedAudiences()).containsExactly("https://api.example.com");
    }

    @Test
    void buildWhenPlainHttpOnDevelopmentHostThenAllowedElsewhereRefused() {
        AgentAuthConfig dev = AgentAuthConfig.builder(URI.create("http://localhost:8080"))
                .developmentHosts(Set.of("LocalHost"))
                .build();

        assertThat(dev.isAllowedScheme(URI.create("http://localhost:9000/jwks")))
                .isTrue();
        assertThat(dev.isAllowedScheme(URI.create("http://example.com/jwks"))).isFalse();
        assertThat(dev.isAllowedScheme(URI.create("https://example.com/jwks"))).isTrue();
        assertThatThrownBy(() -> AgentAuthConfig.builder(URI.create("http://api.example.com"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource must use https (plain http only for developmentHosts): http://api.example.com");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://api.example.com#frag | resource must not have a fragment: https://api.example.com#frag",
                "https://api.example.com?a=b  | resource must not have a query: https://api.example.com?a=b",
                "/relative                    | resource must be an absolute URL with a host: /relative",
                "mailto:a@example.com         | resource must be an absolute URL with a host: mailto:a@example.com",
            })
    void buildWhenResourceMalformedThenMessageNamesRule(String resource, String message) {
        assertThatThrownBy(() -> AgentAuthConfig.builder(URI.create(resource)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void buildWhenSettingsBrokenThenEachRuleNamed() {
        assertBroken(AgentAuthConfig.builder(RESOURCE).scopesSupported(List.of()), "scopesSupported cannot be empty");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).scopesSupported(List.of("a b")),
                "scopesSupported must hold RFC 6749 scope tokens (no spaces, quotes or backslashes)");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).anonymousScopes(List.of("admin")),
                "anonymousScopes must be a subset of scopesSupported");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).agentAuthPath("agent/auth/"),
                "agentAuthPath must start with '/', have no trailing slash and use only unreserved characters: agent/auth/");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE)
                        .anonymousEnabled(false)
                        .idJagEnabled(false)
                        .verifiedEmailEnabled(false),
                "at least one registration method must be enabled");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).anonymousCredentialTypes(List.of(CredentialType.ACCESS_TOKEN)),
                "anonymousCredentialTypes must be [api_key]: anonymous registrations only get API keys");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).otpTtl(Duration.ofMinutes(11)),
                "otpTtl must be at most 10 minutes (docs/protocol.md#v01-4)");
        assertBroken(AgentAuthConfig.builder(RESOURCE).claimTtl(Duration.ZERO), "claimTtl must be positive");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).otpAttemptsPerRegistration(2),
                "otpAttemptsPerRegistration must be at least otpAttemptsPerCode");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).issuer(URI.create("https://api.example.com?x=1")),
                "issuer must not have a query: https://api.example.com?x=1");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).maxRequestBodyBytes(10), "maxRequestBodyBytes must be at least 1024");
    }

    @Test
    void buildWhenDefaultsThenBothProfilesAndCurrentProfileUrlsUnderTheIssuer() {
        AgentAuthConfig config = AgentAuthConfig.builder(URI.create("https://api.example.com/v1"))
                .issuer(URI.create("https://example.com/as"))
                .build();

        assertThat(config.profiles()).containsExactlyInAnyOrder(WireProfile.V0_1, WireProfile.CURRENT);
        assertThat(config.identityEndpoint()).hasToString("https://example.com/as/agent/identity");
        assertThat(config.claimEndpoint()).hasToString("https://example.com/as/agent/identity/claim");
        assertThat(config.tokenEndpoint()).hasToString("https://example.com/as/oauth2/token");
        assertThat(config.tokenRevocationEndpoint()).hasToString("https://example.com/as/oauth2/revoke");
        assertThat(config.eventsEndpoint()).hasToString("https://example.com/as/agent/event/notify");
        assertThat(config.jwksUri()).hasToString("https://example.com/as/.well-known/jwks.json");
        assertThat(config.identityAssertionTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.refreshTokenTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.maxAuthAge()).isEqualTo(Duration.ofHours(1));
        AgentAuthConfig v01 = config.toBuilder().profiles(WireProfile.V0_1).build();
        assertThat(v01.serves(WireProfile.CURRENT)).isFalse();
        assertThat(v01.toBuilder().build().profiles()).containsExactly(WireProfile.V0_1);
    }

    @Test
    void buildWhenCurrentProfileSettingsBrokenThenEachRuleNamed() {
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).identityPath("agent/identity"),
                "identityPath must start with '/', have no trailing slash and use only unreserved characters:"
                        + " agent/identity");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).tokenPath("/oauth2/token/"),
                "tokenPath must start with '/', have no trailing slash and use only unreserved characters:"
                        + " /oauth2/token/");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).tokenRevocationPath("/a b"),
                "tokenRevocationPath must start with '/', have no trailing slash and use only unreserved"
                        + " characters: /a b");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).eventsPath(""),
                "eventsPath must start with '/', have no trailing slash and use only unreserved characters: ");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).jwksPath("/jwks?x"),
                "jwksPath must start with '/', have no trailing slash and use only unreserved characters: /jwks?x");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).identityAssertionTtl(Duration.ofHours(25)),
                "identityAssertionTtl must be at most 24 hours");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).identityAssertionTtl(Duration.ZERO),
                "identityAssertionTtl must be positive");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).refreshTokenTtl(Duration.ofSeconds(-1)),
                "refreshTokenTtl must be positive");
        assertBroken(AgentAuthConfig.builder(RESOURCE).maxAuthAge(Duration.ZERO), "maxAuthAge must be positive");
        assertThatThrownBy(() -> AgentAuthConfig.builder(RESOURCE).profiles(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AgentAuthConfig.builder(RESOURCE).profiles(WireProfile.V0_1, (WireProfile) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void buildWhenSeveralRulesBrokenThenOneExceptionListsEveryRule() {
        AgentAuthConfig.Builder builder = AgentAuthConfig.builder(URI.create("http://api.example.com#top"))
                .resourceName(" ")
                .resourceLogoUri(URI.create("/logo.png"))
                .scopesSupported(List.of("api.read", "api.read"))
                .anonymousScopes(List.of("admin"))
                .postClaimScopes(List.of())
                .authMdPath("auth.md")
                .anonymousCredentialTypes(List.of(CredentialType.ACCESS_TOKEN))
                .identityCredentialTypes(List.of(CredentialType.API_KEY, CredentialType.API_KEY))
                .eventsSupported(List.of())
                .claimLinkTtl(Duration.ofMinutes(-1))
                .otpTtl(Duration.ofMinutes(11))
                .otpAttemptsPerCode(0)
                .clockSkew(Duration.ofMinutes(6))
                .maxRequestBodyBytes(0);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(String.join(
                        "\n - ",
                        "invalid AgentAuthConfig: 15 problems:",
                        "resource must use https (plain http only for developmentHosts): http://api.example.com#top",
                        "resource must not have a fragment: http://api.example.com#top",
                        "resourceName cannot be blank",
                        "resourceLogoUri must be an absolute URL with a host: /logo.png",
                        "scopesSupported must not repeat a scope",
                        "postClaimScopes cannot be empty",
                        "authMdPath must start with '/', have no trailing slash and use only unreserved characters:"
                                + " auth.md",
                        "anonymousCredentialTypes must be [api_key]: anonymous registrations only get API keys",
                        "identityCredentialTypes must not repeat a type",
                        "eventsSupported cannot be empty",
                        "claimLinkTtl must be positive",
                        "otpTtl must be at most 10 minutes (docs/protocol.md#v01-4)",
                        "otpAttemptsPerCode must be positive",
                        "clockSkew must be between 0 and 5 minutes",
                        "maxRequestBodyBytes must be at least 1024"));
    }

    @Test
    void buildWhenTwoRulesBrokenThenHeaderCountsThem() {
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).resourceName("").maxRequestBodyBytes(1),
                "invalid AgentAuthConfig: 2 problems:\n - resourceName cannot be blank\n"
                        + " - maxRequestBodyBytes must be at least 1024");
    }

    @Test
    void buildWhenARuleDependsOnABrokenOneThenOnlyTheBrokenOneIsReportedAndNothingThrowsElse() {
        // the subset rules need valid scopesSupported; the per-registration budget needs a valid per-code one
        assertBroken(
                AgentAuthConfig.builder(RESOURCE)
                        .scopesSupported(List.of())
                        .anonymousScopes(List.of("api.read"))
                        .postClaimScopes(List.of("api.write")),
                "scopesSupported cannot be empty");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE)
                        .scopesSupported(java.util.Arrays.asList("api.read", null))
                        .anonymousScopes(java.util.Arrays.asList((String) null)),
                "invalid AgentAuthConfig: 2 problems:\n"
                        + " - scopesSupported must hold RFC 6749 scope tokens (no spaces, quotes or backslashes)\n"
                        + " - anonymousScopes must hold RFC 6749 scope tokens (no spaces, quotes or backslashes)");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).otpAttemptsPerCode(-1).otpAttemptsPerRegistration(-5),
                "otpAttemptsPerCode must be positive");
        assertBroken(AgentAuthConfig.builder(RESOURCE).otpTtl(Duration.ZERO), "otpTtl must be positive");
        assertBroken(
                AgentAuthConfig.builder(URI.create("mailto:a@example.com")).issuer(URI.create("/relative?x#y")),
                "invalid AgentAuthConfig: 4 problems:\n"
                        + " - resource must be an absolute URL with a host: mailto:a@example.com\n"
                        + " - issuer must be an absolute URL with a host: /relative?x#y\n"
                        + " - issuer must not have a fragment: /relative?x#y\n"
                        + " - issuer must not have a query: /relative?x#y");
    }

    @Test
    void buildWhenListsHoldNullsOrBlanksThenRuleNamedNotNullPointer() {
        assertBroken(
                AgentAuthConfig.builder(RESOURCE)
                        .identityCredentialTypes(java.util.Arrays.asList(CredentialType.API_KEY, null))
                        .anonymousCredentialTypes(java.util.Arrays.asList((CredentialType) null)),
                "invalid AgentAuthConfig: 2 problems:\n - anonymousCredentialTypes cannot contain null\n"
                        + " - identityCredentialTypes cannot contain null");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).eventsSupported(java.util.Arrays.asList("urn:x", null)),
                "eventsSupported cannot contain a null or blank event URI");
        assertBroken(
                AgentAuthConfig.builder(RESOURCE).eventsSupported(List.of(" ")),
                "eventsSupported cannot contain a null or blank event URI");
        java.util.Set<String> hosts = new java.util.HashSet<>();
        hosts.add(null);
        assertBroken(
                AgentAuthConfig.builder(URI.create("http://localhost:8080")).developmentHosts(hosts),
                "invalid AgentAuthConfig: 2 problems:\n"
                        + " - developmentHosts cannot contain a null or blank host name\n"
                        + " - resource must use https (plain http only for developmentHosts): http://localhost:8080");
        assertBroken(AgentAuthConfig.builder(RESOURCE).resourceName(null), "resourceName cannot be blank");
    }

    @Test
    void settersWhenNullThenNullPointerNamingTheSetting() {
        AgentAuthConfig.Builder b = AgentAuthConfig.builder(RESOURCE);
        assertThatThrownBy(() -> AgentAuthConfig.builder(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("resource cannot be null");
        assertThatThrownBy(() -> b.scopesSupported(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("scopesSupported cannot be null");
        assertThatThrownBy(() -> b.anonymousScopes(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("anonymousScopes cannot be null");
        assertThatThrownBy(() -> b.postClaimScopes(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("postClaimScopes cannot be null");
        assertThatThrownBy(() -> b.agentAuthPath(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("agentAuthPath cannot be null");
        assertThatThrownBy(() -> b.authMdPath(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("authMdPath cannot be null");
        assertThatThrownBy(() -> b.anonymousCredentialTypes(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("anonymousCredentialTypes cannot be null");
        assertThatThrownBy(() -> b.identityCredentialTypes(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("identityCredentialTypes cannot be null");
        assertThatThrownBy(() -> b.eventsSupported(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("eventsSupported cannot be null");
        assertThatThrownBy(() -> b.developmentHosts(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("developmentHosts cannot be null");
        assertThatThrownBy(() -> b.claimTtl(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("claimTtl cannot be null");
        assertThatThrownBy(() -> b.claimLinkTtl(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("claimLinkTtl cannot be null");
        assertThatThrownBy(() -> b.otpTtl(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("otpTtl cannot be null");
        assertThatThrownBy(() -> b.accessTokenTtl(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("accessTokenTtl cannot be null");
        assertThatThrownBy(() -> b.clockSkew(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("clockSkew cannot be null");
        assertThatThrownBy(() -> b.maxAssertionLifetime(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("maxAssertionLifetime cannot be null");
        assertThat(b.build()).as("the builder is still usable").isNotNull();
    }

    @Test
    void toBuilderWhenRebuiltThenEqualSettings() {
        AgentAuthConfig config = AgentAuthConfig.builder(RESOURCE)
                .resourceName("Example")
                .strictAudience(true)
                .build();
        AgentAuthConfig copy = config.toBuilder().build();

        assertThat(copy.resourceName()).isEqualTo("Example");
        assertThat(copy.strictAudience()).isTrue();
        assertThat(copy.registerUri()).isEqualTo(config.registerUri());
    }

    private static void assertBroken(AgentAuthConfig.Builder builder, String message) {
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
