package dev.authmd.protocol.internal.authmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScannersTest {

    @Test
    void findWhenUrlsInProseThenTrailingPunctuationAndQuotesExcluded() {
        List<Urls.Found> found = Urls.find("See https://a.example/x. Or (https://b.example/y), "
                + "resource_metadata=\"https://c.example/.well-known/oauth-protected-resource\" and ftp://d.example.");

        assertThat(found)
                .extracting(Urls.Found::uri)
                .containsExactly(
                        URI.create("https://a.example/x"),
                        URI.create("https://b.example/y"),
                        URI.create("https://c.example/.well-known/oauth-protected-resource"));
    }

    @Test
    void issuerOfMetadataWhenInsertedOrAppendedFormThenSameIssuer() {
        URI inserted = URI.create("https://example.com/.well-known/oauth-authorization-server/tenant-a");
        URI appended = URI.create("https://example.com/tenant-a/.well-known/oauth-authorization-server");

        assertThat(Urls.issuerOfMetadata(inserted)).isEqualTo("https://example.com/tenant-a");
        assertThat(Urls.issuerOfMetadata(appended)).isEqualTo("https://example.com/tenant-a");
        assertThat(Urls.isInsertedForm(inserted)).isTrue();
        assertThat(Urls.isInsertedForm(appended)).isFalse();
        assertThat(Urls.isAuthorizationServerMetadata(
                        URI.create("https://x.example/.well-known/oauth-authorization-serverx")))
                .isFalse();
    }

    @Test
    void parseWhenHttpRequestBlockThenMethodTargetHeadersAndBody() {
        HttpRequestBlock request = HttpRequestBlock.parse("\nPOST /agent/auth HTTP/1.1\r\nHost: api.example.com\r\n"
                        + "Content-Type: Application/JSON; charset=utf-8\r\n\r\n{\"type\": \"anonymous\"}\r\n")
                .orElseThrow();

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.target()).isEqualTo("/agent/auth");
        assertThat(request.header("HOST")).contains("api.example.com");
        assertThat(request.mediaType()).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo("{\"type\": \"anonymous\"}");
        assertThat(HttpRequestBlock.parse("HTTP/1.1 401 Unauthorized\n")).isEmpty();
        assertThat(HttpRequestBlock.parse("")).isEmpty();
    }

    @Test
    void parseWhenPipeTableThenCellsWithEscapedPipesKept() {
        MarkdownTable table = MarkdownTable.parse(List.of("| Code | Note |", "|:---|---:|", "| `a\\|b` | x |", "c | d"))
                .orElseThrow();

        assertThat(table.header()).containsExactly("Code", "Note");
        assertThat(table.rows()).containsExactly(List.of("`a|b`", "x"), List.of("c", "d"));
        assertThat(MarkdownTable.parse(List.of("no pipes here", "---"))).isEmpty();
    }
}
