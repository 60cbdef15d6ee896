package dev.authmd.core.authmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.protocol.authmd.AuthMdDocument;
import dev.authmd.protocol.authmd.AuthMdParser;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.protocol.internal.authmd.MarkdownTable;
import dev.authmd.spi.store.CredentialType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

class AuthMdRendererTest {

    private static final String ERRORS_HEADING = "\n## Errors\n";

    private static String render(AgentAuthConfig config) {
        return AuthMdRenderer.of(config).render();
    }

    /** @return the document above the Errors section, lower-cased */
    private static String instructions(String markdown) {
        return markdown.substring(0, markdown.indexOf(ERRORS_HEADING)).toLowerCase(Locale.ROOT);
    }

    private static List<List<String>> tableAfter(String markdown, String headerStart) {
        List<String> lines = Arrays.asList(markdown.split("\n", -1));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(headerStart)) {
                start = i;
                break;
            }
        }
        assertThat(start).as("table starting with %s", headerStart).isGreaterThanOrEqualTo(0);
        List<String> tableLines = new ArrayList<>();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            tableLines.add(lines.get(i));
        }
        return MarkdownTable.parse(tableLines).orElseThrow().rows();
    }

    // --- error table -------------------------------------------------------------------------

    @Test
    void renderWhenAnyConfigurationThenErrorTableListsEveryProtocolErrorCodeExactlyOnce() {
        for (AgentAuthConfig config : List.of(
                AuthMdFixtures.allMethods().build(),
                AuthMdFixtures.anonymousOnly().build(),
                AuthMdFixtures.idJagOnlyStrictTenant().build())) {
            String markdown = render(config);
            List<List<String>> rows = tableAfter(markdown, "| Error code |");

            assertThat(rows)
                    .extracting(r -> r.get(0).replace("`", ""))
                    .containsExactlyElementsOf(Arrays.stream(ProtocolError.values())
                            .map(ProtocolError::code)
                            .toList());
            for (ProtocolError e : ProtocolError.values()) {
                assertThat(rows)
                        .filteredOn(r -> r.get(0).equals("`" + e.code() + "`"))
                        .singleElement()
                        .satisfies(r -> assertThat(r.get(1)).isEqualTo(Integer.toString(e.httpStatus())));
            }
        }
    }

    @Test
    void renderWhenErrorsHaveAliasesThenAliasTableMapsEachToItsCode() {
        List<List<String>> rows = tableAfter(render(AuthMdFixtures.allMethods().build()), "| Published alias |");

        List<List<String>> expected = new ArrayList<>();
        for (ProtocolError e : ProtocolError.values()) {
            e.aliases().forEach(alias -> expected.add(List.of("`" + alias + "`", "`" + e.code() + "`")));
        }
        assertThat(rows).isEqualTo(expected).isNotEmpty();
    }

    @Test
    void parseWhenRenderedDocumentThenErrorCodesAreEveryCodeThenEveryAlias() {
        AuthMdDocument doc =
                new AuthMdParser().parse(render(AuthMdFixtures.allMethods().build()));

        List<String> expected = new ArrayList<>();
        Arrays.stream(ProtocolError.values()).forEach(e -> expected.add(e.code()));
        Arrays.stream(ProtocolError.values()).forEach(e -> expected.addAll(e.aliases()));
        assertThat(doc.errorCodes()).containsExactlyElementsOf(expected);
    }

    // --- only what the configuration enables ---------------------------------------------------

    @Test
    void renderWhenAnonymousDisabledThenInstructionsNeverMentionIt() {
        String markdown =
                render(AuthMdFixtures.allMethods().anonymousEnabled(false).build());

        assertThat(instructions(markdown)).doesNotContain("anonymous", "step 3c", "sk_");
        assertThat(markdown).contains("`anonymous_not_enabled`");
    }

    @Test
    void renderWhenIdJagDisabledThenInstructionsNeverMentionIt() {
        String markdown = render(AuthMdFixtures.allMethods().idJagEnabled(false).build());

        assertThat(instructions(markdown)).doesNotContain("id-jag", "oauth-id-jag", "step 3a", "step-up");
    }

    @Test
    void renderWhenVerifiedEmailDisabledThenInstructionsNeverMentionIt() {
        String markdown =
                render(AuthMdFixtures.allMethods().verifiedEmailEnabled(false).build());

        assertThat(instructions(markdown))
                .doesNotContain("verified_email", "verified email", "verified-email", "step 3b", "email-verification");
    }

    @Test
    void renderWhenApiKeyNotOfferedThenInstructionsNeverMentionIt() {
        String markdown = render(AuthMdFixtures.idJagOnlyStrictTenant().build());

        assertThat(instructions(markdown)).doesNotContain("api_key", "sk_", "anonymous", "verified email");
    }

    @Test
    void renderWhenAccessTokenNotOfferedThenInstructionsNeverMentionIt() {
        String markdown = render(AuthMdFixtures.allMethods()
                .identityCredentialTypes(List.of(CredentialType.API_KEY))
                .build());

        assertThat(instructions(markdown)).doesNotContain("access_token", "refresh token expires");
    }

    // --- audience --------------------------------------------------------------------------------

    @Test
    void renderWhenStrictAudienceThenOnlyIssuerIsAccepted() {
        String markdown = render(AuthMdFixtures.idJagOnlyStrictTenant().build());

        assertThat(markdown)
                .contains("Set its audience `aud` to `https://example.com/tenant-a`")
                .contains("Only `https://example.com/tenant-a` is accepted as `aud`")
                .doesNotContain("is also accepted");
    }

    @Test
    void renderWhenResourceDiffersFromIssuerAndNotStrictThenResourceAlsoAccepted() {
        String markdown = render(
                AuthMdFixtures.idJagOnlyStrictTenant().strictAudience(false).build());

        assertThat(markdown).contains("The resource identifier `https://api.example.com` is also accepted as `aud`");
    }

    // --- values from configuration -------------------------------------------------------------

    @Test
    void renderWhenLimitsConfiguredThenStatesThem() {
        String markdown = render(AuthMdFixtures.allMethods()
                .otpTtl(Duration.ofMinutes(5))
                .otpAttemptsPerCode(3)
                .otpAttemptsPerRegistration(9)
                .claimTtl(Duration.ofDays(2))
                .claimLinkTtl(Duration.ofMinutes(90))
                .accessTokenTtl(Duration.ofMinutes(15))
                .eventsSupported(List.of("https://events.example/revoked"))
                .build());

        assertThat(markdown)
                .contains("A code is valid for 5 minutes.")
                .contains("After 3 wrong tries a code is dead")
                .contains("After 9 wrong tries in total the claim is locked")
                .contains("claimed within 2 days")
                .contains("The emailed link works for 1 hour 30 minutes.")
                .contains("An `access_token` expires after 15 minutes")
                .contains("- `https://events.example/revoked`\n")
                .doesNotContain("backchannel-logout");
    }

    @Test
    void renderWhenTrustedProvidersGivenThenNamesThemAndUsesTheFirstAsExampleIssuer() {
        String markdown = AuthMdRenderer.of(
                        AuthMdFixtures.allMethods().build(),
                        AuthMdRenderOptions.builder()
                                .trustedProvider("Example Agents", URI.create("https://agents.example"))
                                .build())
                .render();

        assertThat(markdown)
                .contains("This service trusts ID-JAGs from: Example Agents (`iss` `https://agents.example`).")
                .contains("\"iss\": \"https://agents.example\"")
                .doesNotContain("provider.example");
    }

    // --- shape of the output -------------------------------------------------------------------

    @Test
    void renderWhenCalledRepeatedlyThenIdenticalBytesWithUnixLineEndingsAndOneFinalNewline() {
        String first = render(AuthMdFixtures.allMethods().build());
        String second = render(AuthMdFixtures.allMethods().build());

        assertThat(first)
                .isEqualTo(second)
                .endsWith("\n")
                .doesNotEndWith("\n\n")
                .doesNotContain("\r", "\t");
        assertThat(first.lines()).noneSatisfy(line -> assertThat(line).endsWith(" "));
        assertThat(first).doesNotContain("\n\n\n");
    }

    @Test
    void renderWhenParsedAsMarkdownThenEveryLinkIsAbsoluteAndEveryJsonBlockIsValid() {
        String markdown = render(AuthMdFixtures.idJagOnlyStrictTenant().build());
        Node document = Parser.builder().build().parse(markdown);
        List<String> destinations = new ArrayList<>();
        List<FencedCodeBlock> blocks = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                destinations.add(link.getDestination());
            }

            @Override
            public void visit(FencedCodeBlock block) {
                blocks.add(block);
            }
        });
        ObjectMapper strict = new ObjectMapper();

        assertThat(destinations)
                .isNotEmpty()
                .allSatisfy(d -> assertThat(URI.create(d).isAbsolute()).isTrue());
        assertThat(blocks)
                .filteredOn(b -> b.getInfo().equals("json"))
                .hasSizeGreaterThan(5)
                .allSatisfy(b -> assertThat(strict.readTree(b.getLiteral())).isNotNull());
        assertThat(blocks).extracting(FencedCodeBlock::getInfo).containsOnly("json", "http");
        assertThat(markdown.lines().filter(l -> l.contains("`POST ") || l.contains("`GET ")))
                .allSatisfy(l -> assertThat(l).doesNotContainPattern("`(POST|GET) (?!https?://)"));
    }

    @Test
    void renderWhenResourceNameHostileThenHtmlShowsItAsText() {
        AuthMdRenderOptions options = AuthMdRenderOptions.builder()
                .serviceDescription("<img src=x onerror=alert(1)>\n# not a heading")
                .trustedProvider("<b>Bold</b> | pipe", URI.create("https://agents.example"))
                .build();
        String markdown =
                AuthMdRenderer.of(AuthMdFixtures.hostileName().build(), options).render();
        Parser parser = Parser.builder().build();
        Node document = parser.parse(markdown);

        String html = HtmlRenderer.builder().build().render(document);

        assertThat(html).doesNotContain("<script", "<img", "<b>", "<em>API", "href=\"http://evil.example\"");
        Heading title = (Heading) document.getFirstChild();
        StringBuilder titleText = new StringBuilder();
        for (Node n = title.getFirstChild(); n != null; n = n.getNext()) {
            assertThat(n).isInstanceOf(Text.class);
            titleText.append(((Text) n).getLiteral());
        }
        assertThat(titleText.toString()).isEqualTo("Agent access to " + AuthMdFixtures.HOSTILE_NAME);
        assertThat(html).contains("About this service: &lt;img src=x onerror=alert(1)&gt; # not a heading");
        assertThat(tableAfter(markdown, "| Method |"))
                .allSatisfy(row -> assertThat(row).hasSize(3));
    }

    // --- arguments -------------------------------------------------------------------------------

    @Test
    void ofWhenNullArgumentsThenNullPointerExceptionNamesThem() {
        assertThatNullPointerException()
                .isThrownBy(() -> AuthMdRenderer.of(null))
                .withMessage("config cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> AuthMdRenderer.of(AuthMdFixtures.allMethods().build(), null))
                .withMessage("options cannot be null");
    }

    @Test
    void buildWhenOptionsInvalidThenIllegalArgumentWithTheRule() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        AuthMdRenderOptions.builder().serviceDescription(" ").build())
                .withMessage("serviceDescription cannot be blank (use null for none)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuthMdRenderOptions.builder()
                        .serviceDescription("x".repeat(AuthMdRenderOptions.MAX_DESCRIPTION_LENGTH + 1))
                        .build())
                .withMessage("serviceDescription must be at most 2000 characters");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuthMdRenderOptions.builder()
                        .trustedProvider("A", URI.create("https://a.example"))
                        .trustedProvider("B", URI.create("https://a.example"))
                        .build())
                .withMessage("trustedProviders lists issuer twice: https://a.example");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AuthMdRenderOptions.TrustedProvider("A", URI.create("/x")))
                .withMessage("issuer must be an absolute http(s) URL with a host: /x");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AuthMdRenderOptions.TrustedProvider(" ", URI.create("https://a.example")))
                .withMessage("displayName cannot be blank");
    }
}
