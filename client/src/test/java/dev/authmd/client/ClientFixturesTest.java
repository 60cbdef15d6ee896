package dev.authmd.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against recorded wire shapes of other servers (written from the protocol texts in our own values): the
 * v0.1 reference shape, the current profile, hybrids and scanner decoys, the v0.4–v0.7 flat shape, and hostile servers.
 * Each hostile answer is refused with a clear exception and nothing is stored.
 */
@WireMockTest
class ClientFixturesTest {

    private String base;
    private AgentCredentialStore store;
    private AuthMdClient client;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        base = "http://localhost:" + wm.getHttpPort();
        store = AgentCredentialStore.inMemory();
        client = AuthMdClient.builder()
                .allowHttpFor("localhost")
                .store(store)
                .timeout(Duration.ofSeconds(2))
                .build();
    }

    private String prm() {
        return """
                {"resource":"%1$s","authorization_servers":["%1$s"],"scopes_supported":["docs.read","docs.write"],
                 "bearer_methods_supported":["header"],"resource_name":"Fixture Docs"}""".formatted(base);
    }

    /** The v0.1 reference shape: no RFC 8414 issuer, flat agent_auth. */
    private String v01Metadata() {
        return """
                {"resource":"%1$s","authorization_servers":["%1$s"],"scopes_supported":["docs.read","docs.write"],
                 "agent_auth":{"skill":"%1$s/auth.md","register_uri":"%1$s/agent/auth","claim_uri":"%1$s/agent/auth/claim",
                  "revocation_uri":"%1$s/agent/auth/revoke","identity_types_supported":["anonymous","identity_assertion"],
                  "anonymous":{"credential_types_supported":["api_key"]},
                  "identity_assertion":{"assertion_types_supported":["urn:ietf:params:oauth:token-type:id-jag","verified_email"],
                   "credential_types_supported":["access_token","api_key"]},"future_member":{"x":1}}}""".formatted(base);
    }

    private String currentMetadata(String extraAgentAuth, String grants) {
        return """
                {"issuer":"%1$s","token_endpoint":"%1$s/oauth2/token","revocation_endpoint":"%1$s/oauth2/revoke",
                 "grant_types_supported":[%3$s],"jwks_uri":"%1$s/.well-known/jwks.json",
                 "agent_auth":{"skill":"%1$s/auth.md","identity_endpoint":"%1$s/agent/identity",
                  "claim_endpoint":"%1$s/agent/identity/claim","events_endpoint":"%1$s/agent/event/notify",
                  "identity_types_supported":["anonymous","identity_assertion","service_auth"]%2$s}}""".formatted(base, extraAgentAuth, grants);
    }

    private static final String JWT_BEARER = "\"urn:ietf:params:oauth:grant-type:jwt-bearer\"";

    private void serve(String asMetadata) {
        stubFor(get("/.well-known/oauth-protected-resource").willReturn(okJson(prm())));
        stubFor(get("/.well-known/oauth-authorization-server").willReturn(okJson(asMetadata)));
    }

    private void serveCurrentAnonymous() {
        stubFor(post("/agent/identity").willReturn(okJson("""
                        {"id":"reg_fixture1","type":"anonymous","identity":{"assertion":"eyJ.fixture.assertion",
                         "expires_at":"2099-01-01T00:00:00.000Z"},
                         "scopes":{"pre_claim":["docs.read"],"post_claim":["docs.read","docs.write"]},
                         "claim":{"token":"clm_fixture","expires_at":"2099-01-01T00:00:00.000Z","url":"%s/agent/identity/claim"}}""".formatted(base))));
        stubFor(post("/oauth2/token")
                .willReturn(okJson("{\"access_token\":\"at_fixture\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                        + "\"scope\":\"docs.read\"}")));
    }

    @Test
    void connectWhenTheV01ReferenceShapeThenV01AnonymousAndTheKeyGoesToTheApi() throws Exception {
        serve(v01Metadata());
        stubFor(post("/agent/auth").willReturn(okJson("""
                        {"registration_id":"reg_v01","registration_type":"anonymous","credential_type":"api_key",
                         "credential":"sk_fixture","credential_expires":null,"scopes":["docs.read"],
                         "claim_url":"%s/agent/auth/claim","claim_token":"clm_v01",
                         "claim_token_expires":"2099-01-01T00:00:00.000Z","post_claim_scopes":["docs.read","docs.write"]}""".formatted(base))));
        stubFor(get("/docs").willReturn(okJson("{\"docs\":[]}")));

        AgentSession session = client.connect(URI.create(base));
        HttpResponse<String> docs = session.send(
                HttpRequest.newBuilder(URI.create(base + "/docs")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(session.profile()).isEqualTo(ServiceProfile.V0_1);
        assertThat(session.service().issuer()).isEqualTo(base);
        assertThat(docs.statusCode()).isEqualTo(200);
        verify(getRequestedFor(urlEqualTo("/docs")).withHeader("Authorization", equalTo("Bearer sk_fixture")));
        verify(postRequestedFor(urlEqualTo("/agent/auth"))
                .withRequestBody(equalTo("{\"type\":\"anonymous\",\"requested_credential_type\":\"api_key\"}")));
        assertThat(store.load(base).orElseThrow().claimToken()).isEqualTo("clm_v01");
    }

    @Test
    void connectWhenTheCurrentProfileThenTheAssertionIsExchangedWithTheResource() {
        serve(currentMetadata("", JWT_BEARER));
        serveCurrentAnonymous();

        AgentSession session = client.connect(URI.create(base));

        assertThat(session.profile()).isEqualTo(ServiceProfile.CURRENT);
        assertThat(session.credentials().bearer()).isEqualTo("at_fixture");
        assertThat(session.credentials().scopes()).containsExactly("docs.read");
        verify(postRequestedFor(urlEqualTo("/oauth2/token"))
                .withRequestBody(equalTo("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
                        + "&assertion=eyJ.fixture.assertion&resource="
                        + base.replace(":", "%3A").replace("/", "%2F"))));
    }

    @Test
    void discoverWhenHybridThenCurrentWithAV01FallbackAndA404IdentityEndpointFallsBack() {
        serve(currentMetadata(
                ",\"register_uri\":\"%1$s/agent/auth\",\"claim_uri\":\"%1$s/agent/auth/claim\"".formatted(base),
                JWT_BEARER));
        stubFor(post("/agent/identity").willReturn(aResponse().withStatus(404)));
        stubFor(post("/agent/auth")
                .willReturn(okJson("{\"registration_id\":\"reg_v01\",\"registration_type\":\"anonymous\","
                        + "\"credential_type\":\"api_key\",\"credential\":\"sk_hybrid\",\"scopes\":[\"docs.read\"]}")));

        DiscoveredService service = client.discover(URI.create(base));
        AgentSession session = client.connect(service);

        assertThat(service.profile()).isEqualTo(ServiceProfile.CURRENT);
        assertThat(service.v01Fallback()).isPresent();
        assertThat(session.profile()).isEqualTo(ServiceProfile.V0_1);
        assertThat(session.credentials().bearer()).isEqualTo("sk_hybrid");
    }

    @Test
    void discoverWhenRegisterUriIsAScannerDecoyThenItIsIgnored() {
        serve(currentMetadata(",\"register_uri\":\"%s/auth.md\"".formatted(base), JWT_BEARER));

        DiscoveredService service = client.discover(URI.create(base));

        assertThat(service.profile()).isEqualTo(ServiceProfile.CURRENT);
        assertThat(service.v01Fallback()).isEmpty();
    }

    @Test
    void discoverWhenOnlyADecoyRegisterUriThenUnsupportedProfile() {
        serve("""
                {"agent_auth":{"skill":"%1$s/auth.md","register_uri":"%1$s/auth.md","identity_types_supported":["anonymous"]}}""".formatted(base));

        assertThatThrownBy(() -> client.discover(URI.create(base)))
                .isInstanceOf(UnsupportedProfileException.class)
                .hasMessageContaining("neither identity_endpoint nor a usable register_uri");
    }

    @Test
    void discoverWhenTheFlatV04ShapeThenRefusedNamingItsPollingGrant() {
        serve(currentMetadata("", JWT_BEARER + ",\"urn:workos:agent-auth:grant-type:claim\""));

        assertThatThrownBy(() -> client.discover(URI.create(base)))
                .isInstanceOf(UnsupportedProfileException.class)
                .hasMessageContaining("v0.4–v0.7 flat shape")
                .hasMessageContaining("urn:workos:agent-auth:grant-type:claim");
    }

    @Test
    void connectWhenTheRegistrationAnswersTheFlatShapeThenRefusedAndNothingStored() {
        serve(currentMetadata("", JWT_BEARER));
        stubFor(post("/agent/identity")
                .willReturn(okJson("{\"registration_id\":\"reg_flat\",\"identity_assertion\":\"eyJ.flat\","
                        + "\"claim_token\":\"clm_flat\"}")));

        assertThatThrownBy(() -> client.connect(URI.create(base)))
                .isInstanceOf(UnsupportedProfileException.class)
                .hasMessageContaining("flat shape");
        assertThat(store.load(base)).isEmpty();
    }

    @Test
    void connectWhenTheCredentialCannotGoInAHeaderThenRefusedWithoutQuotingItAndNothingStored() {
        serve(v01Metadata());
        stubFor(post("/agent/auth")
                .willReturn(okJson("{\"registration_id\":\"reg_1\",\"registration_type\":\"anonymous\","
                        + "\"credential_type\":\"api_key\",\"credential\":\"sk_secret\\u00e9\\r\\nX-Injected: 1\","
                        + "\"scopes\":[\"docs.read\"]}")));

        assertThatThrownBy(() -> client.connect(URI.create(base)))
                .isInstanceOf(AuthMdClientException.class)
                .hasMessageContaining("not a bearer token")
                .hasMessageNotContaining("sk_secret");
        assertThat(store.load(base)).isEmpty();
    }

    @Test
    void discoverWhenNoAgentAuthButDynamicClientRegistrationThenNotAuthMd() {
        serve("{\"issuer\":\"%1$s\",\"registration_endpoint\":\"%1$s/register\"}".formatted(base));

        assertThatThrownBy(() -> client.discover(URI.create(base)))
                .isInstanceOf(UnsupportedProfileException.class)
                .hasMessageContaining("RFC 7591");
    }

    @Test
    void discoverWhenTheMetadataRedirectsThenRefused() {
        stubFor(get("/.well-known/oauth-protected-resource")
                .willReturn(aResponse().withStatus(302).withHeader("Location", "https://elsewhere.example/prm")));

        assertThatThrownBy(() -> client.discover(URI.create(base)))
                .isInstanceOf(UnsafeServiceException.class)
                .hasMessageContaining("redirect")
                .hasMessageContaining("https://elsewhere.example/prm");
    }

    @Test
    void discoverWhenTheIssuerIsNotTheResourcesAuthorizationServerThenRefused() {
        serve(currentMetadata("", JWT_BEARER)
                .replaceFirst("\"issuer\":\"[^\"]*\"", "\"issuer\":\"https://evil.example\""));

        assertThatThrownBy(() -> client.discover(URI.create(base)))
                .isInstanceOf(UnsafeServiceException.class)
                .hasMessageContaining("names issuer https://evil.example");
    }

    @Test
    void discoverWhenAnEndpointIsOnAnotherOriginOrPlainHttpThenRefused() {
        serve(currentMetadata("", JWT_BEARER)
                .replace(base + "/oauth2/token", "https://tokens.elsewhere.example/token"));
        assertThatThrownBy(() -> client.discover(URI.create(base)))
                .isInstanceOf(UnsafeServiceException.class)
                .hasMessageContaining(
                        "token_endpoint https://tokens.elsewhere.example/token is not on the service's origin");

        serve(currentMetadata("", JWT_BEARER).replace(base + "/agent/identity\"", "http://agents.example/identity\""));
        assertThatThrownBy(() -> client.discover(URI.create(base)))
                .isInstanceOf(UnsafeServiceException.class)
                .hasMessageContaining("identity_endpoint is not https: http://agents.example/identity");
    }

    @Test
    void connectWhenTheVerificationPageIsOnAnotherOriginThenRefusedBeforeAnythingIsStoredOrShown() {
        serve(currentMetadata("", JWT_BEARER));
        stubFor(post("/agent/identity").willReturn(okJson("""
                        {"id":"reg_sa","type":"service_auth","scopes":{"post_claim":["docs.read"]},
                         "claim":{"token":"clm_sa","expires_at":"2099-01-01T00:00:00.000Z","url":"%s/agent/identity/claim",
                          "attempt":{"verification_uri":"https://phish.example/claim/view?token=att_x",
                           "expires_at":"2099-01-01T00:00:00.000Z"}}}""".formatted(base))));
        RecordingPrompt prompt = new RecordingPrompt();
        AuthMdClient emailClient = AuthMdClient.builder()
                .allowHttpFor("localhost")
                .store(store)
                .userEmail("carol@example.com")
                .claimPrompt(prompt)
                .methods(RegistrationMethod.EMAIL)
                .build();

        assertThatThrownBy(() -> emailClient.connect(URI.create(base)))
                .isInstanceOf(UnsafeServiceException.class)
                .hasMessageContaining("verification_uri https://phish.example/claim/view?token=att_x");
        assertThat(prompt.asked).isZero();
        assertThat(store.load(base)).isEmpty();
    }

    @Test
    void discoverWhenTheAnswerIsTenMegabytesThenRefusedAtTheCap() {
        stubFor(get("/.well-known/oauth-protected-resource")
                .willReturn(
                        okJson("{\"resource\":\"" + base + "\",\"pad\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}")));

        assertThatThrownBy(() -> client.discover(URI.create(base)))
                .isInstanceOf(UnsafeServiceException.class)
                .hasMessageContaining("over 128 KiB");
    }

    @Test
    void discoverWhenTheServerTricklesItsAnswerThenCutOffAtTheDeadline() {
        stubFor(get("/.well-known/oauth-protected-resource")
                .willReturn(okJson(prm()).withChunkedDribbleDelay(20, 10_000)));

        assertThatThrownBy(() -> client.discover(URI.create(base)))
                .isInstanceOf(AuthMdClientException.class)
                .hasMessageContaining("within 2 s");
    }

    @Test
    void connectWhenTheServiceRefusesThenTheCodeAndEitherErrorTextMember() {
        serve(currentMetadata("", JWT_BEARER));
        stubFor(
                post("/agent/identity")
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":\"anonymous_registration_disabled\",\"message\":\"No anonymous agents.\"}")));

        assertThatThrownBy(() -> client.connect(URI.create(base)))
                .isInstanceOfSatisfying(ServiceErrorException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorCode()).contains("anonymous_registration_disabled");
                    assertThat(e.description()).contains("No anonymous agents.");
                });

        stubFor(post("/agent/identity")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"rate_limit_exceeded\",\"error_description\":\"Slow down.\","
                                + "\"message\":\"ignored\"}")));
        assertThatThrownBy(() -> client.connect(URI.create(base)))
                .isInstanceOfSatisfying(ServiceErrorException.class, e -> {
                    assertThat(e.errorCode()).contains("rate_limit_exceeded");
                    assertThat(e.description()).contains("Slow down.");
                });
        assertThat(store.load(base)).isEmpty();
    }

    @Test
    void discoverWhenTheResourcePathIsAwareThenThePathLocationIsTriedFirst() {
        String api = base + "/v2";
        stubFor(get("/.well-known/oauth-protected-resource/v2")
                .willReturn(okJson("{\"resource\":\"%s\",\"authorization_servers\":[\"%s\"]}".formatted(api, base))));
        stubFor(get("/.well-known/oauth-authorization-server").willReturn(okJson(currentMetadata("", JWT_BEARER))));

        DiscoveredService service = client.discover(URI.create(api));

        assertThat(service.resource()).hasToString(api);
        verify(0, getRequestedFor(urlPathEqualTo("/.well-known/oauth-protected-resource")));
    }

    @Test
    void discoverFromChallengeWhenA401NamesTheMetadataThenItIsFollowedOnTheApisOrigin() {
        serve(currentMetadata("", JWT_BEARER));

        DiscoveredService service = client.discoverFromChallenge(
                URI.create(base + "/docs/1"),
                "Bearer resource_metadata=\"" + base + "/.well-known/oauth-protected-resource\"");
        assertThat(service.profile()).isEqualTo(ServiceProfile.CURRENT);

        assertThatThrownBy(() -> client.discoverFromChallenge(
                        URI.create(base + "/docs/1"),
                        "Bearer resource_metadata=\"https://elsewhere.example/.well-known/oauth-protected-resource\""))
                .isInstanceOf(UnsafeServiceException.class);
        assertThatThrownBy(() -> client.discoverFromChallenge(URI.create(base + "/docs/1"), "Basic realm=\"x\""))
                .isInstanceOf(AuthMdClientException.class)
                .hasMessageContaining("names no resource_metadata");
    }

    /** Counts what it was asked; gives no code. */
    private static final class RecordingPrompt implements ClaimPrompt {
        int asked;

        @Override
        public Optional<String> codeFromEmail(EmailStep step) {
            asked++;
            return Optional.empty();
        }

        @Override
        public Optional<String> codeFromPage(PageStep step) {
            asked++;
            return Optional.empty();
        }
    }

    @Test
    void sendWhenTheApiAnswersA401ThatIsNotAboutTheCredentialThenItIsReturnedAndNothingRenewed() throws Exception {
        serve(currentMetadata("", JWT_BEARER));
        serveCurrentAnonymous();
        stubFor(get("/private")
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"x\"")));
        AgentSession session = client.connect(URI.create(base));

        HttpResponse<String> answer = session.send(
                HttpRequest.newBuilder(URI.create(base + "/private")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        verify(1, postRequestedFor(urlEqualTo("/agent/identity")));
        verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
        verify(1, getRequestedFor(urlEqualTo("/private")));
    }
}
