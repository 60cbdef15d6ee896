package dev.authmd.core.internal.authmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MdTest {

    @Test
    void textWhenMarkupCharactersThenEscapedAndSnakeCaseKeptReadable() {
        assertThat(Md.text("a *b* <i> [x](y) | `c` & _d_ snake_case #"))
                .isEqualTo("a \\*b\\* \\<i\\> \\[x\\](y) \\| \\`c\\` \\& \\_d\\_ snake_case \\#");
    }

    @Test
    void textWhenLineBreaksAndControlsThenOneLine() {
        assertThat(Md.text(" a\r\n# b\u0000c\u2028d ")).isEqualTo("a \\# b c d");
    }

    @Test
    void codeWhenContentHasBackticksThenLongerFenceAndPadding() {
        assertThat(Md.code("plain")).isEqualTo("`plain`");
        assertThat(Md.code("a`b")).isEqualTo("``a`b``");
        assertThat(Md.code("`x``")).isEqualTo("``` `x`` ```");
    }

    @Test
    void codeInCellWhenPipeThenEscaped() {
        assertThat(Md.codeInCell("read|all")).isEqualTo("`read\\|all`");
        assertThat(Md.codeListInCell(List.of("a", "b|c"))).isEqualTo("`a`, `b\\|c`");
    }

    @Test
    void fenceWhenContentHasBacktickRunThenFenceIsLonger() {
        assertThat(Md.fence("json", "{\"a\": \"```\"}\n")).isEqualTo("````json\n{\"a\": \"```\"}\n````\n");
        assertThat(Md.fence("", "x\r\ny")).isEqualTo("```\nx\ny\n```\n");
    }

    @Test
    void linkWhenAbsoluteUriThenAutolink() {
        assertThat(Md.link("https://api.example.com/auth.md")).isEqualTo("<https://api.example.com/auth.md>");
        assertThat(Md.link("https://x.example/a b")).isEqualTo("`https://x.example/a b`");
    }

    @Test
    void wordsWhenDurationsThenPlainEnglish() {
        assertThat(Durations.words(Duration.ofMinutes(10))).isEqualTo("10 minutes");
        assertThat(Durations.words(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(Durations.words(Duration.ofHours(24))).isEqualTo("24 hours");
        assertThat(Durations.words(Duration.ofDays(7))).isEqualTo("7 days");
        assertThat(Durations.words(Duration.ofSeconds(3661))).isEqualTo("1 hour 1 minute 1 second");
        assertThat(Durations.words(Duration.ofMillis(250))).isEqualTo("250 milliseconds");
    }

    @Test
    void writerWhenBlocksThenSeparatedByOneBlankLineAndEndsWithOneNewline() {
        String doc = new MarkdownWriter()
                .heading(1, "T")
                .paragraph("p")
                .numbered(3, List.of("a", "b"))
                .code("http", "GET / HTTP/1.1\n")
                .table(List.of("h1", "h2"), List.of(List.of("x", "y")))
                .toString();

        assertThat(doc)
                .isEqualTo("# T\n\np\n\n3. a\n4. b\n\n```http\nGET / HTTP/1.1\n```\n\n"
                        + "| h1 | h2 |\n|---|---|\n| x | y |\n");
    }
}
