package dev.authmd.core.authmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.protocol.authmd.AuthMdDocument;
import dev.authmd.protocol.authmd.AuthMdJsonExample;
import dev.authmd.protocol.authmd.AuthMdParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthMdParserTest {

    private final AuthMdParser parser = new AuthMdParser();

    private static String resource(String path) throws IOException {
        try (InputStream in = AuthMdParserTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // --- documents written by someone else ---------------------------------------------------

    @Test
    void parseWhenReferenceStyleDocumentThenFindsEndpointsTypesAndErrors() throws IOException {
        AuthMdDocument doc = parser.parse(resource("/authmd/foreign/reference-style.md"));

        assertThat(doc.protectedResourceMetadataUri())
                .contains(URI.create("https://api.acme.example/.well-known/oauth-protected-resource"));
        assertThat(doc.authorizationServerMetadataUris())
                .containsExactly(URI.create("https://auth.acme.example/.well-known/oauth-authorization-server"));
        assertThat(doc.registerUri()).contains(URI.create("https://auth.acme.example/agent/auth"));
        assertThat(doc.claimUri()).contains(URI.create("https://auth.acme.example/agent/auth/claim"));
        assertThat(doc.revocationUri()).contains(URI.create("https://auth.acme.example/agent/auth/revoke"));
        assertThat(doc.identityTypes()).containsExactly("anonymous", "identity_assertion");
        assertThat(doc.assertionTypes()).containsExactly(AuthMdDocument.ASSERTION_TYPE_ID_JAG);
        assertThat(doc.credentialTypes()).containsExactly("api_key", "access_token");
        assertThat(doc.credentialTypesByIdentityType())
                .containsEntry("anonymous", Set.of("api_key"))
                .containsEntry("identity_assertion", Set.of("access_token"));
        assertThat(doc.errorCodes())
                .containsExactly(
                        "invalid_request",
                        "audience_mismatch",
                        "credential_expired",
                        "issuer_not_enabled",
                        "replay_detected");
    }

    @Test
    void parseWhenReferenceStyleDocumentThenKeepsUntaggedJsonExamplesWithHeadings() throws IOException {
        AuthMdDocument doc = parser.parse(resource("/authmd/foreign/reference-style.md"));

        assertThat(doc.jsonExamples())
                .extracting(AuthMdJsonExample::heading)
                .containsExactly("Step 1: Discover", "Step 1: Discover", "Step 3: Register", "Step 3: Register");
        assertThat(doc.jsonExamples())
                .allSatisfy(e -> assertThat(e.languageTag()).isEmpty());
        AuthMdJsonExample prm = doc.jsonExamples().get(0);
        assertThat(prm.value())
                .get()
                .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .containsEntry("resource", "https://api.acme.example");
        AuthMdJsonExample broken = doc.jsonExamples().get(3);
        assertThat(broken.isValid()).isFalse();
        assertThat(broken.value()).isEmpty();
        assertThat(broken.rawText()).contains("<your new key>");
        assertThat(broken.invalidReason()).get().asString().startsWith("not valid JSON (line 5, column 17)");
        assertThat(doc.reasons())
                .anySatisfy(r -> assertThat(r).contains("kept as text"))
                .anySatisfy(
                        r -> assertThat(r).contains("authorization server metadata URL derived from weak evidence"));
    }

    @Test
    void parseWhenHeadingsOutOfOrderAndHttpBlockWithHostThenFindsEverything() throws IOException {
        AuthMdDocument doc = parser.parse(resource("/authmd/foreign/odd-order.md"));

        assertThat(doc.registerUri()).contains(URI.create("https://widgets.example.net/v1/agents"));
        assertThat(doc.claimUri()).contains(URI.create("https://widgets.example.net/v1/agents/claim"));
        assertThat(doc.revocationUri()).contains(URI.create("https://widgets.example.net/v1/agents/logout-hook"));
        assertThat(doc.protectedResourceMetadataUri())
                .contains(URI.create("https://widgets.example.net/.well-known/oauth-protected-resource/v1"));
        assertThat(doc.authorizationServerMetadataUri())
                .contains(URI.create("https://widgets.example.net/.well-known/oauth-authorization-server"));
        assertThat(doc.identityTypes()).containsExactly("identity_assertion");
        assertThat(doc.assertionTypes()).containsExactly("verified_email");
        assertThat(doc.credentialTypes()).containsExactly("api_key");
        assertThat(doc.errorCodes()).containsExactly("invalid_request", "otp_invalid");
        assertThat(doc.jsonExamples()).singleElement().satisfies(e -> {
            assertThat(e.heading()).isEqualTo("Claiming");
            assertThat(e.languageTag()).isEqualTo("JSON");
            assertThat(e.value()).contains(Map.of("claim_token", "clm_x", "email", "someone@example.net"));
        });
        assertThat(doc.reasons()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"all-methods.md", "anonymous-only.md", "id-jag-only-strict-tenant.md", "hostile-name.md"})
    void parseWhenGoldenDocumentThenEverythingFoundWithoutReasons(String file) throws IOException {
        AuthMdDocument doc = parser.parse(resource("/authmd/golden/" + file));

        assertThat(doc.reasons()).isEmpty();
        assertThat(doc.registerUri()).isPresent();
        assertThat(doc.claimUri()).isPresent();
        assertThat(doc.revocationUri()).isPresent();
        assertThat(doc.protectedResourceMetadataUri()).isPresent();
        assertThat(doc.authorizationServerMetadataUri()).isPresent();
    }

    @Test
    void parseWhenHttpBlockHasPathAndNoHostThenResolvesAgainstDocumentUri() {
        String md = "## Register\n\n```http\nPOST /agent/auth HTTP/1.1\nContent-Type: application/json\n\n"
                + "{\"type\": \"anonymous\"}\n```\n";

        AuthMdDocument withoutBase = parser.parse(md);
        AuthMdDocument withBase = parser.parse(md, URI.create("http://localhost:8080/auth.md"));

        assertThat(withoutBase.registerUri()).isEmpty();
        assertThat(withoutBase.reasons()).anySatisfy(r -> assertThat(r).contains("no Host header"));
        assertThat(withBase.registerUri()).contains(URI.create("http://localhost:8080/agent/auth"));
    }

    @Test
    void parseWhenRelativeLinkAndDocumentUriThenResolvesIt() {
        String md = "Register at [the registration endpoint](/agent/auth).\n";

        assertThat(parser.parse(md, URI.create("https://api.example.com/auth.md"))
                        .registerUri())
                .contains(URI.create("https://api.example.com/agent/auth"));
        assertThat(parser.parse(md).reasons()).anySatisfy(r -> assertThat(r).contains("relative link"));
    }

    @Test
    void parseWhenTwoDifferentRegisterUrisThenUsesFirstAndExplains() {
        String md = "```json\n{\"register_uri\": \"https://a.example/agent/auth\"}\n```\n\n"
                + "```json\n{\"register_uri\": \"https://b.example/agent/auth\"}\n```\n";

        AuthMdDocument doc = parser.parse(md);

        assertThat(doc.registerUri()).contains(URI.create("https://a.example/agent/auth"));
        assertThat(doc.reasons())
                .anySatisfy(r -> assertThat(r)
                        .startsWith("register_uri is ambiguous: using https://a.example/agent/auth")
                        .contains("https://b.example/agent/auth"));
    }

    @Test
    void parseWhenLabelledBareUrlsThenClassifiesByNearestLabel() {
        String md = "- Registration: POST https://x.example/signup\n"
                + "- Claim: https://x.example/claims/start, then see https://x.example/docs.\n"
                + "- Revocation (logout tokens): https://x.example/bye\n"
                + "- Supported events: https://x.example/events/revoke\n";

        AuthMdDocument doc = parser.parse(md);

        assertThat(doc.registerUri()).contains(URI.create("https://x.example/signup"));
        assertThat(doc.claimUri()).contains(URI.create("https://x.example/claims/start"));
        assertThat(doc.revocationUri()).contains(URI.create("https://x.example/bye"));
    }

    @Test
    void parseWhenTypesOnlyInCodeSpansThenInfersThemAndSaysSo() {
        String md = "Send `type` `anonymous` for an `api_key`, or `urn:ietf:params:oauth:token-type:id-jag`.\n";

        AuthMdDocument doc = parser.parse(md);

        assertThat(doc.identityTypes()).containsExactly("anonymous", "identity_assertion");
        assertThat(doc.assertionTypes()).containsExactly(AuthMdDocument.ASSERTION_TYPE_ID_JAG);
        assertThat(doc.credentialTypes()).containsExactly("api_key");
        assertThat(doc.reasons()).anySatisfy(r -> assertThat(r).startsWith("identity types inferred from code spans"));
    }

    @Test
    void parseWhenErrorCodeOnlyMentionedInTextThenNotAnErrorCodeAndNotAnIdentityType() {
        AuthMdDocument doc = parser.parse("We answer `anonymous_not_enabled` when anonymous sign-up is off.\n");

        assertThat(doc.errorCodes()).isEmpty();
        assertThat(doc.identityTypes()).isEmpty();
    }

    @Test
    void parseWhenJsonExamplesParsedThenValuesAreUnmodifiable() {
        AuthMdDocument doc = parser.parse("```json\n{\"a\": [1, {\"b\": null}]}\n```\n");

        Map<String, Object> value = castMap(doc.jsonExamples().get(0).value().orElseThrow());
        List<Object> list = castList(value.get("a"));

        assertThat(list).containsExactly(1, Collections.singletonMap("b", null));
        assertThatThrownBy(() -> value.put("c", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.add(2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> castMap(list.get(1)).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object o) {
        return (List<Object>) o;
    }

    // --- garbage in ----------------------------------------------------------------------------

    @Test
    void parseWhenNullThenNullPointerExceptionNamesTheArgument() {
        assertThatNullPointerException()
                .isThrownBy(() -> parser.parse((String) null))
                .withMessage("markdown cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> parser.parse((byte[]) null))
                .withMessage("utf8 cannot be null");
    }

    @Test
    void parseWhenDocumentUriRelativeThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parser.parse("# x", URI.create("/auth.md")))
                .withMessageContaining("documentUri must be an absolute http(s) URL");
    }

    @Test
    void parseWhenEmptyThenEmptyResultWithReasons() {
        AuthMdDocument doc = parser.parse("");

        assertThat(doc.registerUri()).isEmpty();
        assertThat(doc.protectedResourceMetadataUri()).isEmpty();
        assertThat(doc.authorizationServerMetadataUris()).isEmpty();
        assertThat(doc.identityTypes()).isEmpty();
        assertThat(doc.jsonExamples()).isEmpty();
        assertThat(doc.reasons())
                .contains(
                        "the document is empty",
                        "register_uri not found",
                        "claim_uri not found",
                        "revocation_uri not found",
                        "no identity types found");
    }

    @Test
    void parseWhenBinaryJunkThenPartialResultNoException() {
        byte[] junk = new byte[200_000];
        new Random(42).nextBytes(junk);

        AuthMdDocument fromBytes = parser.parse(junk);
        AuthMdDocument fromString = parser.parse(new String(junk, StandardCharsets.ISO_8859_1));

        assertThat(fromBytes.reasons()).contains("input is not valid UTF-8; malformed bytes were replaced with U+FFFD");
        assertThat(fromBytes.registerUri()).isEmpty();
        assertThat(fromString.registerUri()).isEmpty();
    }

    @Test
    void parseWhenInvalidUtf8AroundValidContentThenStillReadsIt() {
        byte[] head = "## Discover\n\nSee https://api.example.com/.well-known/oauth-protected-resource \u00e9\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[head.length + 3];
        System.arraycopy(head, 0, input, 0, head.length);
        input[head.length] = (byte) 0xC3;
        input[head.length + 1] = (byte) 0x28;
        input[head.length + 2] = (byte) 0xFF;

        AuthMdDocument doc = parser.parse(input);

        assertThat(doc.protectedResourceMetadataUri())
                .contains(URI.create("https://api.example.com/.well-known/oauth-protected-resource"));
        assertThat(doc.reasons()).contains("input is not valid UTF-8; malformed bytes were replaced with U+FFFD");
    }

    @Test
    void parseWhenFiveMegabytesOfHashesThenCutAtTheCapWithReason() {
        AuthMdDocument doc = parser.parse("#".repeat(5 * 1024 * 1024));

        assertThat(doc.reasons()).contains("input longer than 524288 characters; only the first 524288 were read");
    }

    @Test
    void parseWhenTooManyBytesThenCutAtCharacterBoundaryWithReason() {
        byte[] input = "\u00e9".repeat(AuthMdParser.MAX_INPUT_BYTES).getBytes(StandardCharsets.UTF_8);

        AuthMdDocument doc = parser.parse(input);

        assertThat(doc.reasons())
                .anySatisfy(r -> assertThat(r).startsWith("input longer than 2097152 bytes"))
                .noneSatisfy(r -> assertThat(r).contains("not valid UTF-8"));
    }

    @Test
    void parseWhenDeeplyNestedBlockquotesAndListsThenNoException() {
        String quotes = ">".repeat(100_000) + " https://api.example.com/.well-known/oauth-protected-resource\n";
        StringBuilder lists = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            lists.append("  ".repeat(i)).append("- item\n");
        }

        assertThat(parser.parse(quotes).reasons()).isNotEmpty();
        assertThat(parser.parse(lists.toString()).reasons()).isNotEmpty();
        assertThat(parser.parse("[".repeat(50_000) + "x" + "]".repeat(50_000)).reasons())
                .isNotEmpty();
        assertThat(parser.parse("*a _b ".repeat(20_000)).reasons()).isNotEmpty();
    }

    @Test
    void parseWhenJsonNestedTooDeeplyThenKeptAsInvalidExample() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);

        AuthMdDocument doc = parser.parse("```json\n" + deep + "\n```\n");

        assertThat(doc.jsonExamples()).singleElement().satisfies(e -> {
            assertThat(e.isValid()).isFalse();
            assertThat(e.invalidReason()).get().asString().contains("nesting depth");
        });
    }

    @Test
    void parseWhenThousandsOfJsonBlocksThenKeepsTheCapAndSaysSo() {
        String md = "```json\n{\"a\": 1}\n```\n\n".repeat(300);

        AuthMdDocument doc = parser.parse(md);

        assertThat(doc.jsonExamples()).hasSize(256);
        assertThat(doc.reasons()).contains("44 JSON block(s) beyond the first 256 were not kept");
    }
}
