package dev.authmd.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.spi.store.CredentialType;
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
