package dev.authmd.protocol.metadata;

import static dev.authmd.protocol.fixtures.MetadataFixtures.LATER_AS;
import static dev.authmd.protocol.fixtures.MetadataFixtures.REFERENCE_AS;
import static dev.authmd.protocol.fixtures.MetadataFixtures.REFERENCE_PRM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.protocol.error.AgentAuthException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataJsonTest {

    /** Reads JSON the same exact way (decimals kept as written) to compare trees. */
    private static final ObjectMapper TREES =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static JsonNode tree(String json) throws Exception {
        return TREES.readTree(json);
    }

    // --- reading the published documents ---------------------------------------------------

    @Test
    void parseProtectedResourceWhenReferenceSampleThenEveryMemberIsRead() {
        ProtectedResourceMetadata prm = MetadataJson.parseProtectedResource(REFERENCE_PRM);

        assertThat(prm.resource()).isEqualTo("https://api.example.com");
        assertThat(prm.authorizationServers()).contains(List.of("https://api.example.com"));
        assertThat(prm.scopesSupported()).contains(List.of("api.read", "api.write"));
        assertThat(prm.bearerMethodsSupported()).contains(List.of("header"));
        assertThat(prm.resourceName()).contains("Example API");
        assertThat(prm.resourceLogoUri()).contains("https://api.example.com/logo.png");
        assertThat(prm.resourceDocumentation()).isEmpty();
        assertThat(prm.additionalMembers()).isEmpty();
    }

    @Test
    void parseAuthorizationServerWhenReferenceSampleWithoutIssuerThenAgentAuthIsRead() {
        AuthorizationServerMetadata as = MetadataJson.parseAuthorizationServer(REFERENCE_AS);

        assertThat(as.issuer()).isEmpty();
        assertThat(as.resource()).contains("https://api.example.com");
        assertThat(as.resourceName()).contains("Example");
        AgentAuthMetadata agentAuth = as.agentAuth().orElseThrow();
        assertThat(agentAuth.skill()).contains("https://api.example.com/auth.md");
        assertThat(agentAuth.registerUri()).contains("https://api.example.com/agent/auth");
        assertThat(agentAuth.claimUri()).contains("https://api.example.com/agent/auth/claim");
        assertThat(agentAuth.revocationUri()).contains("https://api.example.com/agent/auth/revoke");
        assertThat(agentAuth.identityTypesSupported()).contains(List.of("anonymous", "identity_assertion"));
        assertThat(agentAuth.anonymous().orElseThrow().credentialTypesSupported())
                .contains(List.of("api_key"));
        AgentAuthMetadata.IdentityAssertion ia = agentAuth.identityAssertion().orElseThrow();
        assertThat(ia.assertionTypesSupported())
                .contains(List.of("urn:ietf:params:oauth:token-type:id-jag", "verified_email"));
        assertThat(ia.credentialTypesSupported()).contains(List.of("access_token", "api_key"));
        assertThat(agentAuth.eventsSupported())
                .contains(List.of("https://schemas.workos.com/events/agent/auth/identity/assertion/revoked"));
        assertThat(agentAuth.additionalMembers()).isEmpty();
        assertThat(as.additionalMembers()).isEmpty();
    }

    @Test
    void parseAuthorizationServerWhenLaterVersionThenUnknownMembersAreKeptAtEveryLevel() {
        AuthorizationServerMetadata as = MetadataJson.parseAuthorizationServer(LATER_AS);

        assertThat(as.additionalMembers()).containsOnlyKeys("x_nested");
        assertThat(as.tokenEndpoint()).contains("https://api.example.com/oauth2/token");
        assertThat(as.revocationEndpoint()).contains("https://api.example.com/oauth2/revoke");
        assertThat(as.grantTypesSupported())
                .contains(List.of(
                        "urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:ietf:params:oauth:grant-type:device_code"));
        assertThat(as.jwksUri()).isEmpty();
        assertThat(as.scopesSupported()).contains(List.of());
        AgentAuthMetadata agentAuth = as.agentAuth().orElseThrow();
        assertThat(agentAuth.registerUri()).isEmpty();
        assertThat(agentAuth.identityEndpoint()).contains("https://api.example.com/agent/identity");
        assertThat(agentAuth.claimEndpoint()).isEmpty();
        assertThat(agentAuth.additionalMembers()).containsOnlyKeys("version", "service_auth", "user_code", "delivery");
        assertThat(agentAuth.additionalMembers()).containsEntry("delivery", null);
        assertThat(agentAuth.additionalMember("version")).contains("0.4");
        assertThat(agentAuth.additionalMember("service_auth"))
                .contains(Map.of("login_hint_supported", true, "methods", List.of("email")));
        assertThat(agentAuth.anonymous().orElseThrow().additionalMembers())
                .containsExactly(entry("claimable_by", List.of("user_code", "id-jag")));
        assertThat(agentAuth.identityAssertion().orElseThrow().additionalMembers())
                .containsExactly(entry("require_fresh_auth_time", true), entry("max_auth_age", 300));
        @SuppressWarnings("unchecked")
        Map<String, Object> userCode =
                (Map<String, Object>) agentAuth.additionalMember("user_code").orElseThrow();
        assertThat(userCode.get("interval")).isEqualTo(5);
        assertThat(userCode.get("ratio")).isEqualTo(new BigDecimal("1.50"));
        assertThat(userCode.get("big")).isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(userCode.get("tiny")).isEqualTo(new BigDecimal("-2.5e-10"));
        assertThat(List.copyOf(userCode.keySet()))
                .containsExactly("verification_uri", "interval", "expires_in", "ratio", "big", "tiny");
        @SuppressWarnings("unchecked")
        Map<String, Object> nested =
                (Map<String, Object>) as.additionalMember("x_nested").orElseThrow();
        assertThat(nested).containsEntry("\u00e9t\u00e9", "\u2603");
        assertThat(nested.get("a")).isEqualTo(Arrays.asList(1, singletonNullMap("b"), List.of(), Map.of()));
    }

    @Test
    void parseWhenKnownMemberIsNullThenItIsAbsent() {
        ProtectedResourceMetadata prm = MetadataJson.parseProtectedResource(
                "{\"resource\":\"https://a.example\",\"resource_name\":null,\"scopes_supported\":null}");

        assertThat(prm.resourceName()).isEmpty();
        assertThat(prm.scopesSupported()).isEmpty();
        assertThat(prm.additionalMembers()).isEmpty();
    }

    @Test
    void parseWhenBytesThenSameAsString() {
        assertThat(MetadataJson.parseProtectedResource(REFERENCE_PRM.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(MetadataJson.parseProtectedResource(REFERENCE_PRM));
        assertThat(MetadataJson.parseAuthorizationServer(LATER_AS.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(MetadataJson.parseAuthorizationServer(LATER_AS));
    }

    // --- round trips -----------------------------------------------------------------------

    static Stream<String> authorizationServerDocuments() {
        return Stream.of(REFERENCE_AS, LATER_AS, "{}");
    }

    @ParameterizedTest
    @MethodSource("authorizationServerDocuments")
    void writeWhenAuthorizationServerParsedThenRoundTripLosesNothing(String input) throws Exception {
        AuthorizationServerMetadata parsed = MetadataJson.parseAuthorizationServer(input);

        String compact = MetadataJson.write(parsed);
        String pretty = MetadataJson.writePretty(parsed);

        assertThat(MetadataJson.parseAuthorizationServer(compact)).isEqualTo(parsed);
        assertThat(MetadataJson.parseAuthorizationServer(pretty)).isEqualTo(parsed);
        assertThat(tree(compact)).isEqualTo(tree(input));
        assertThat(tree(pretty)).isEqualTo(tree(input));
    }

    @Test
    void writeWhenProtectedResourceParsedThenRoundTripLosesNothing() throws Exception {
        String input = REFERENCE_PRM.replace(
                "}",
                ",\"resource_documentation\":\"https://docs.example.com\","
                        + "\"dpop_signing_alg_values_supported\":[\"ES256\"],\"tls_client_certificate_bound_access_tokens\":false}");
        ProtectedResourceMetadata parsed = MetadataJson.parseProtectedResource(input);

        String compact = MetadataJson.write(parsed);

        assertThat(MetadataJson.parseProtectedResource(compact)).isEqualTo(parsed);
        assertThat(tree(compact)).isEqualTo(tree(input));
        assertThat(compact).isEqualTo(input);
    }

    @Test
    void writeWhenMembersOutOfOrderThenKnownMembersComeFirstInCanonicalOrder() {
        AuthorizationServerMetadata parsed = MetadataJson.parseAuthorizationServer(LATER_AS);

        assertThat(MetadataJson.write(parsed))
                .isEqualTo("{\"issuer\":\"https://api.example.com\","
                        + "\"resource\":\"https://api.example.com\",\"authorization_servers\":[\"https://api.example.com\"],"
                        + "\"scopes_supported\":[],"
                        + "\"token_endpoint\":\"https://api.example.com/oauth2/token\","
                        + "\"revocation_endpoint\":\"https://api.example.com/oauth2/revoke\","
                        + "\"grant_types_supported\":[\"urn:ietf:params:oauth:grant-type:jwt-bearer\","
                        + "\"urn:ietf:params:oauth:grant-type:device_code\"],"
                        + "\"agent_auth\":{\"skill\":\"https://api.example.com/auth.md\","
                        + "\"identity_endpoint\":\"https://api.example.com/agent/identity\","
                        + "\"identity_types_supported\":[\"anonymous\",\"identity_assertion\",\"service_auth\"],"
                        + "\"anonymous\":{\"credential_types_supported\":[\"api_key\"],\"claimable_by\":[\"user_code\",\"id-jag\"]},"
                        + "\"identity_assertion\":{\"assertion_types_supported\":[\"urn:ietf:params:oauth:token-type:id-jag\"],"
                        + "\"credential_types_supported\":[\"access_token\"],\"require_fresh_auth_time\":true,\"max_auth_age\":300},"
                        + "\"events_supported\":[\"https://schemas.openid.net/secevent/risc/event-type/sessions-revoked\"],"
                        + "\"version\":\"0.4\","
                        + "\"service_auth\":{\"login_hint_supported\":true,\"methods\":[\"email\"]},"
                        + "\"user_code\":{\"verification_uri\":\"https://api.example.com/activate\",\"interval\":5,"
                        + "\"expires_in\":600,\"ratio\":1.50,\"big\":12345678901234567890,\"tiny\":-2.5E-10},"
                        + "\"delivery\":null},"
                        + "\"x_nested\":{\"a\":[1,{\"b\":null},[],{}],\"c\":false,\"\u00e9t\u00e9\":\"\u2603\"}}");
    }

    @Test
    void writePrettyWhenDocumentBuiltThenLayoutIsTwoSpaceIndentWithLineFeeds() {
        AuthorizationServerMetadata as = AuthorizationServerMetadata.builder()
                .issuer("https://api.example.com")
                .scopesSupported(List.of("api.read", "api.write"))
                .bearerMethodsSupported(List.of())
                .agentAuth(AgentAuthMetadata.builder()
                        .anonymous(AgentAuthMetadata.Anonymous.builder().build())
                        .additionalMember("version", "0.1")
                        .build())
                .additionalMember("n", 1)
                .build();

        assertThat(MetadataJson.writePretty(as)).isEqualTo("""
                {
                  "issuer": "https://api.example.com",
                  "scopes_supported": [
                    "api.read",
                    "api.write"
                  ],
                  "bearer_methods_supported": [],
                  "agent_auth": {
                    "anonymous": {},
                    "version": "0.1"
                  },
                  "n": 1
                }""");
        assertThat(MetadataJson.write(as))
                .isEqualTo("{\"issuer\":\"https://api.example.com\","
                        + "\"scopes_supported\":[\"api.read\",\"api.write\"],\"bearer_methods_supported\":[],"
                        + "\"agent_auth\":{\"anonymous\":{},\"version\":\"0.1\"},\"n\":1}");
    }

    @Test
    void writeWhenStringsNeedEscapingThenJsonIsValidAndRoundTrips() {
        ProtectedResourceMetadata prm = ProtectedResourceMetadata.builder()
                .resource("https://api.example.com")
                .resourceName("Quote \" backslash \\ newline \n tab \t nul \u0000 </script>")
                .build();

        String json = MetadataJson.write(prm);

        assertThat(json)
                .isEqualTo("{\"resource\":\"https://api.example.com\",\"resource_name\":"
                        + "\"Quote \\\" backslash \\\\ newline \\n tab \\t nul \\u0000 </script>\"}");
        assertThat(MetadataJson.parseProtectedResource(json)).isEqualTo(prm);
    }

    // --- bad input -------------------------------------------------------------------------

    static Stream<Arguments> badProtectedResourceDocuments() {
        return Stream.of(
                Arguments.of("", "metadata document is empty"),
                Arguments.of(" \n\t", "metadata document is empty"),
                Arguments.of("[]", "metadata document must be a JSON object, not an array"),
                Arguments.of("\"https://api.example.com\"", "metadata document must be a JSON object, not a string"),
                Arguments.of("null", "metadata document must be a JSON object, not null"),
                Arguments.of("42", "metadata document must be a JSON object, not a number"),
                Arguments.of("true", "metadata document must be a JSON object, not a boolean"),
                Arguments.of("{}", "resource is required"),
                Arguments.of("{\"resource\":null}", "resource is required"),
                Arguments.of("{\"Resource\":\"https://a.example\"}", "resource is required"),
                Arguments.of("{\"resource\":\" \"}", "resource cannot be blank"),
                Arguments.of("{\"resource\":42}", "resource must be a string"),
                Arguments.of("{\"resource\":[\"https://a.example\"]}", "resource must be a string"),
                Arguments.of(
                        "{\"resource\":\"https://a.example\",\"scopes_supported\":\"api.read\"}",
                        "scopes_supported must be an array of strings"),
                Arguments.of(
                        "{\"resource\":\"https://a.example\",\"scopes_supported\":[\"a\",1]}",
                        "scopes_supported must be an array of strings"),
                Arguments.of(
                        "{\"resource\":\"https://a.example\",\"scopes_supported\":[null]}",
                        "scopes_supported must be an array of strings"),
                Arguments.of(
                        "{\"resource\":\"https://a.example\",\"authorization_servers\":{}}",
                        "authorization_servers must be an array of strings"),
                Arguments.of(
                        "{\"resource\":\"https://a.example\",\"bearer_methods_supported\":[[\"header\"]]}",
                        "bearer_methods_supported must be an array of strings"),
                Arguments.of(
                        "{\"resource\":\"https://a.example\",\"resource_name\":false}",
                        "resource_name must be a string"),
                Arguments.of(
                        "{\"resource\":\"https://a.example\",\"resource_logo_uri\":{}}",
                        "resource_logo_uri must be a string"),
                Arguments.of(
                        "{\"resource\":\"https://a.example\",\"resource_documentation\":1.5}",
                        "resource_documentation must be a string"));
    }

    @ParameterizedTest
    @MethodSource("badProtectedResourceDocuments")
    void parseProtectedResourceWhenDocumentIsBadThenMessageNamesTheProblem(String json, String message) {
        assertThatThrownBy(() -> MetadataJson.parseProtectedResource(json))
                .isInstanceOf(MetadataException.class)
                .isInstanceOf(AgentAuthException.class)
                .hasMessage(message)
                .extracting(e -> ((MetadataException) e).problems())
                .isEqualTo(List.of(message));
    }

    static Stream<Arguments> badAuthorizationServerDocuments() {
        return Stream.of(
                Arguments.of("{\"issuer\":1}", "issuer must be a string"),
                Arguments.of("{\"resource\":true}", "resource must be a string"),
                Arguments.of("{\"agent_auth\":[]}", "agent_auth must be an object"),
                Arguments.of("{\"agent_auth\":\"x\"}", "agent_auth must be an object"),
                Arguments.of("{\"agent_auth\":{\"skill\":[]}}", "agent_auth.skill must be a string"),
                Arguments.of("{\"agent_auth\":{\"register_uri\":1}}", "agent_auth.register_uri must be a string"),
                Arguments.of("{\"agent_auth\":{\"claim_uri\":{}}}", "agent_auth.claim_uri must be a string"),
                Arguments.of(
                        "{\"agent_auth\":{\"revocation_uri\":false}}", "agent_auth.revocation_uri must be a string"),
                Arguments.of(
                        "{\"agent_auth\":{\"identity_types_supported\":\"anonymous\"}}",
                        "agent_auth.identity_types_supported must be an array of strings"),
                Arguments.of(
                        "{\"agent_auth\":{\"events_supported\":[{}]}}",
                        "agent_auth.events_supported must be an array of strings"),
                Arguments.of(
                        "{\"agent_auth\":{\"anonymous\":[\"api_key\"]}}", "agent_auth.anonymous must be an object"),
                Arguments.of(
                        "{\"agent_auth\":{\"anonymous\":{\"credential_types_supported\":\"api_key\"}}}",
                        "agent_auth.anonymous.credential_types_supported must be an array of strings"),
                Arguments.of(
                        "{\"agent_auth\":{\"identity_assertion\":true}}",
                        "agent_auth.identity_assertion must be an object"),
                Arguments.of(
                        "{\"agent_auth\":{\"identity_assertion\":{\"assertion_types_supported\":[true]}}}",
                        "agent_auth.identity_assertion.assertion_types_supported must be an array of strings"),
                Arguments.of(
                        "{\"agent_auth\":{\"identity_assertion\":{\"credential_types_supported\":1}}}",
                        "agent_auth.identity_assertion.credential_types_supported must be an array of strings"),
                Arguments.of(
                        "[{\"issuer\":\"https://a.example\"}]",
                        "metadata document must be a JSON object, not an array"));
    }

    @ParameterizedTest
    @MethodSource("badAuthorizationServerDocuments")
    void parseAuthorizationServerWhenMemberHasWrongTypeThenMessageNamesTheMember(String json, String message) {
        assertThatThrownBy(() -> MetadataJson.parseAuthorizationServer(json))
                .isInstanceOf(MetadataException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of(
                        "{\"resource\":\"https://a.example\",\"resource\":\"https://b.example\"}",
                        "Duplicate field 'resource'"),
                Arguments.of("{\"agent_auth\":{\"anonymous\":{\"x\":1,\"x\":2}}}", "Duplicate field 'x'"),
                Arguments.of("{\"resource\":\"https://a.example\"} {}", "Trailing token"),
                Arguments.of("{\"resource\":\"https://a.example\"}x", "Unrecognized token 'x'"),
                Arguments.of("{\"resource\": }", "Unexpected character ('}'"),
                Arguments.of("{\"resource\":\"https://a.example\"", "Unexpected end-of-input"),
                Arguments.of("{/* c */\"resource\":\"https://a.example\"}", "Unexpected character ('/'"),
                Arguments.of("{'resource':'https://a.example'}", "Unexpected character ('''"),
                Arguments.of("{\"resource\":\"https://a.example\",\"n\":NaN}", "Non-standard token 'NaN'"),
                Arguments.of("{\"resource\":\"https://a.example\",}", "Unexpected character ('}'"),
                Arguments.of("{\"resource\":\"a\u0001b\"}", "Illegal unquoted character"));
    }

    @ParameterizedTest
    @MethodSource("syntaxErrors")
    void parseWhenSyntaxIsBrokenThenNotValidJsonWithParserDetail(String json, String detail) {
        assertThatThrownBy(() -> MetadataJson.parseAuthorizationServer(json))
                .isInstanceOf(MetadataException.class)
                .hasMessageStartingWith("metadata document is not valid JSON: ")
                .hasMessageContaining(detail)
                .hasMessageMatching("(?s)[^\\r\\n\\u0000-\\u001f]*\\(line \\d+, column \\d+\\)");
    }

    @Test
    void parseWhenBytesAreNotUtf8ThenNotValidJson() {
        byte[] json = {'{', '"', 'r', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThatThrownBy(() -> MetadataJson.parseAuthorizationServer(json))
                .isInstanceOf(MetadataException.class)
                .hasMessageStartingWith("metadata document is not valid JSON: Invalid UTF-8");
    }

    @Test
    void parseWhenNestedDeeperThanTheParserLimitThenSizeLimitError() {
        String json = "{\"x\":" + "[".repeat(MetadataJson.MAX_NESTING_DEPTH)
                + "]".repeat(MetadataJson.MAX_NESTING_DEPTH) + "}";

        assertThatThrownBy(() -> MetadataJson.parseAuthorizationServer(json))
                .isInstanceOf(MetadataException.class)
                .hasMessageStartingWith("metadata document exceeds a size limit: ")
                .hasMessageContaining("nesting depth");
    }

    @Test
    void parseWhenUnknownMemberNestedDeeperThanTheModelLimitThenMessageNamesIt() {
        String json = "{\"x\":" + "[".repeat(JsonValues.MAX_DEPTH + 1) + "]".repeat(JsonValues.MAX_DEPTH + 1) + "}";

        assertThatThrownBy(() -> MetadataJson.parseAuthorizationServer(json))
                .isInstanceOf(MetadataException.class)
                .hasMessage("x" + "[0]".repeat(JsonValues.MAX_DEPTH) + " is nested more than " + JsonValues.MAX_DEPTH
                        + " levels deep");
    }

    @Test
    void parseWhenDocumentIsLargerThanTheLimitThenSizeLimitError() {
        String json =
                "{\"resource\":\"https://a.example\",\"x\":\"" + "a".repeat(MetadataJson.MAX_DOCUMENT_LENGTH) + "\"}";

        assertThatThrownBy(() -> MetadataJson.parseProtectedResource(json))
                .isInstanceOf(MetadataException.class)
                .hasMessageStartingWith("metadata document exceeds a size limit: ");
        assertThatThrownBy(() -> MetadataJson.parseProtectedResource(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MetadataException.class)
                .hasMessageStartingWith("metadata document exceeds a size limit: ");
    }

    @Test
    void parseWhenDocumentIsJustUnderTheLimitThenAccepted() {
        String head = "{\"resource\":\"https://a.example\",\"x\":\"";
        String json = head + "a".repeat(MetadataJson.MAX_DOCUMENT_LENGTH - head.length() - 2) + "\"}";

        assertThat(json).hasSize(MetadataJson.MAX_DOCUMENT_LENGTH);
        assertThat(MetadataJson.parseProtectedResource(json).additionalMembers())
                .containsKey("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"resource\":\"a\u0000", "\"", "{{", "}", "{\"a\":\"\\uZZZZ\"}", "\u0000"})
    void parseWhenGarbageThenOnlyMetadataException(String json) {
        assertThatThrownBy(() -> MetadataJson.parseAuthorizationServer(json)).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> MetadataJson.parseProtectedResource(json)).isInstanceOf(MetadataException.class);
    }

    @Test
    void parseWhenNullInputThenNullPointerExceptionNamesIt() {
        assertThatThrownBy(() -> MetadataJson.parseProtectedResource((String) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("json cannot be null");
        assertThatThrownBy(() -> MetadataJson.parseAuthorizationServer((byte[]) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("json cannot be null");
    }

    private static Map<String, Object> singletonNullMap(String key) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, null);
        return map;
    }
}
