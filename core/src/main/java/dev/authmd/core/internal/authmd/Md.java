package dev.authmd.core.internal.authmd;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Inline Markdown building blocks that keep untrusted text inert: anything from configuration renders as literal text,
 * never as markup or HTML. Stateless and thread-safe.
 */
public final class Md {

    /**
     * ASCII characters that can start or end inline markup mid-line (CommonMark §2.4 escapes them). {@code _} is
     * handled apart: between two letters or digits it can never open or close emphasis, so {@code snake_case} words
     * stay readable.
     */
    private static final String INLINE_SPECIALS = "\\`*[]<>&|~#!{}";

    private Md() {}

    /**
     * Escapes text for use inside a paragraph, list item, heading or table cell. Line breaks and other control
     * characters become single spaces, so the text stays on one line. Callers never place the result at the start of a
     * line (list markers and headings are the callers' own).
     *
     * @param raw untrusted text
     * @return Markdown that renders as exactly {@code raw} (whitespace collapsed)
     */
    public static String text(String raw) {
        String flat = flatten(raw);
        StringBuilder out = new StringBuilder(flat.length() + 8);
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            if (INLINE_SPECIALS.indexOf(c) >= 0 || (c == '_' && !intraword(flat, i))) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * A code span holding {@code raw} verbatim; the backtick fence is longer than any backtick run inside. Not for
     * table cells (see {@link #codeInCell(String)}).
     *
     * @param raw untrusted text
     * @return the code span
     */
    public static String code(String raw) {
        String flat = flatten(raw);
        String fence = "`".repeat(longestRun(flat, '`') + 1);
        boolean pad = flat.startsWith("`")
                || flat.endsWith("`")
                || (flat.startsWith(" ") && flat.endsWith(" ") && !flat.isBlank());
        return pad ? fence + " " + flat + " " + fence : fence + flat + fence;
    }

    /**
     * A code span for a GitHub-style table cell: {@code |} is escaped so it does not split the cell (the table
     * extension removes the backslash before inline parsing).
     *
     * @param raw untrusted text
     * @return the code span
     */
    public static String codeInCell(String raw) {
        return code(raw).replace("|", "\\|");
    }

    /**
     * Formats untrusted tokens as a list of code spans.
     *
     * @param values untrusted tokens
     * @return the tokens as code spans joined by {@code ", "}
     */
    public static String codeList(List<String> values) {
        return values.stream().map(Md::code).collect(Collectors.joining(", "));
    }

    /**
     * Formats untrusted tokens as a list of code spans for use in a table cell.
     *
     * @param values untrusted tokens
     * @return the tokens as cell-safe code spans joined by {@code ", "}
     */
    public static String codeListInCell(List<String> values) {
        return values.stream().map(Md::codeInCell).collect(Collectors.joining(", "));
    }

    /**
     * An autolink; only for absolute URIs, which cannot contain spaces, {@code <} or {@code >}.
     *
     * @param absoluteUri an absolute URI string
     * @return {@code <uri>}
     */
    public static String link(String absoluteUri) {
        for (int i = 0; i < absoluteUri.length(); i++) {
            char c = absoluteUri.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == 0x7f) {
                return code(absoluteUri);
            }
        }
        return "<" + absoluteUri + ">";
    }

    /**
     * A fenced code block whose fence is longer than any backtick run in the content.
     *
     * @param info the info string (language), e.g. {@code json}; may be empty
     * @param content the block's content; line endings are normalised to {@code \n}
     * @return the block, ending with a newline
     */
    public static String fence(String info, String content) {
        String body = content.replace("\r\n", "\n").replace('\r', '\n');
        if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        String fence = "`".repeat(Math.max(3, longestRun(body, '`') + 1));
        return fence + info + "\n" + body + "\n" + fence + "\n";
    }

    private static boolean intraword(String s, int i) {
        return i > 0
                && i + 1 < s.length()
                && Character.isLetterOrDigit(s.charAt(i - 1))
                && Character.isLetterOrDigit(s.charAt(i + 1));
    }

    private static String flatten(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        boolean space = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean blank = Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (blank) {
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            out.append(c);
        }
        return out.toString();
    }

    private static int longestRun(String s, char c) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                run++;
                best = Math.max(best, run);
            } else {
                run = 0;
            }
        }
        return best;
    }
}
