package dev.authmd.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.core.service.ClaimView;
import dev.authmd.spi.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A host's claim page layout: what it may contain, and what the pages keep whatever it says. */
class ClaimPageLayoutTest {

    private static final String MINIMAL = "<html><body>{{content}}</body></html>";

    @Test
    void ofWhenContentMissingRepeatedOrAPlaceholderUnknownThenRefusedNamingTheProblem() {
        assertThatThrownBy(() -> ClaimPageLayout.of("<html></html>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{{content}} exactly once, found 0");
        assertThatThrownBy(() -> ClaimPageLayout.of("{{content}}{{content}}")).hasMessageContaining("found 2");
        assertThatThrownBy(() -> ClaimPageLayout.of("{{content}}{{user}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown placeholder {{user}}");
        assertThatThrownBy(() -> ClaimPageLayout.of("{{content}}{{ title }}"))
                .hasMessageContaining("unknown placeholder {{ title }}");
        assertThatThrownBy(() -> ClaimPageLayout.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void ofWhenTheLayoutCarriesAScriptOrIsHugeThenRefused() {
        for (String html :
                List.of("{{content}}<script>alert(1)</script>", "{{content}}<SCRIPT src=x>", "{{content}}< script>")) {
            assertThatThrownBy(() -> ClaimPageLayout.of(html))
                    .as(html)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot carry scripts");
        }
        assertThatThrownBy(() -> ClaimPageLayout.of("{{content}}" + "x".repeat(256 * 1024)))
                .hasMessageContaining("256 KiB");
    }

    @Test
    void withStyleSourceWhenNotABareHttpOriginThenRefused() {
        ClaimPageLayout layout = ClaimPageLayout.of(MINIMAL);
        for (String origin : List.of(
                "javascript:alert(1)",
                "https://cdn.example.com/styles",
                "https://cdn.example.com?x=1",
                "https://user@cdn.example.com",
                "ftp://cdn.example.com",
                "https://cdn.example.com#f",
                "/relative")) {
            assertThatThrownBy(() -> layout.withStyleSource(URI.create(origin)))
                    .as(origin)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(layout.withStyleSource(URI.create("HTTPS://CDN.example.com:8443/"))
                        .refusal("s", "t", "x")
                        .header("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains(" https://cdn.example.com:8443;"));
    }

    @Test
    void refusalWhenTextsAreHostileThenEscapedIn403WithTheStrictHeaders() {
        HttpResponse page = ClaimPageLayout.of("<title>{{title}} {{service}}</title>{{content}}")
                .refusal("<b>Acme</b>", "No \"{{content}}\"", "<img src=x onerror=alert(1)>");

        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(page.status()).isEqualTo(403);
        assertThat(html).doesNotContain("<b>", "<img").contains("&lt;b&gt;Acme&lt;/b&gt;", "&lt;img src=x");
        assertThat(page.header("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .startsWith("default-src 'none'; style-src 'nonce-")
                        .contains("frame-ancestors 'none'")
                        .doesNotContain("script-src"));
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.header("Referrer-Policy")).contains("no-referrer");
        assertThat(page.header("X-Frame-Options")).contains("DENY");
    }

    @Test
    void refusalAndWithStyleSourceWhenNullThenNullPointerNamingTheArgument() {
        ClaimPageLayout layout = ClaimPageLayout.standard();

        assertThatThrownBy(() -> layout.refusal(null, "t", "x")).hasMessage("serviceName cannot be null");
        assertThatThrownBy(() -> layout.refusal("s", null, "x")).hasMessage("title cannot be null");
        assertThatThrownBy(() -> layout.refusal("s", "t", null)).hasMessage("text cannot be null");
        assertThatThrownBy(() -> layout.withStyleSource(null)).hasMessage("origin cannot be null");
    }

    @Test
    void v01PageWhenAHostLayoutIsGivenThenItWearsItAndKeepsOnlyItsOwnNoncedScript() {
        ClaimPageLayout layout = ClaimPageLayout.of("<html><body><nav>{{service}}</nav>{{content}}</body></html>");
        ClaimView view = new ClaimView(
                ClaimView.State.READY, "reg_1", "Acme <API>", "ada@example.com", Instant.parse("2026-12-06T14:00:00Z"));

        HttpResponse page = ClaimPage.render(layout, view, "/agent/auth/claim/challenge", "att_x");

        String html = new String(page.body(), StandardCharsets.UTF_8);
        String csp = page.header("Content-Security-Policy").orElseThrow();
        String nonce = csp.replaceAll(".*script-src 'nonce-([^']+)'.*", "$1");
        assertThat(html).startsWith("<html><body><nav>Acme &lt;API&gt;</nav><h1>Confirm an AI agent</h1>");
        assertThat(html).contains("<script nonce=\"" + nonce + "\" id=\"claim\"");
        assertThat(csp).contains("form-action 'none'").contains("frame-ancestors 'none'");
    }
}
