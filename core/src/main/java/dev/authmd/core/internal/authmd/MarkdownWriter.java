package dev.authmd.core.internal.authmd;

import java.util.List;

/**
 * Appends Markdown blocks separated by exactly one blank line, with {@code \n} line endings, and ends the document with
 * exactly one newline. Callers pass inline Markdown that they have already escaped with {@link Md}. Not thread-safe.
 */
public final class MarkdownWriter {

    private final StringBuilder out = new StringBuilder(16 * 1024);

    /**
     * Writes a heading.
     *
     * @param level 1–6
     * @param inline escaped heading text
     * @return this writer
     */
    public MarkdownWriter heading(int level, String inline) {
        return block("#".repeat(level) + " " + inline + "\n");
    }

    /**
     * Writes a paragraph.
     *
     * @param inline escaped paragraph text (one line)
     * @return this writer
     */
    public MarkdownWriter paragraph(String inline) {
        return block(inline + "\n");
    }

    /**
     * Writes a bullet list.
     *
     * @param items escaped item texts (one line each)
     * @return this writer
     */
    public MarkdownWriter bullets(List<String> items) {
        StringBuilder b = new StringBuilder();
        items.forEach(item -> b.append("- ").append(item).append('\n'));
        return block(b.toString());
    }

    /**
     * An ordered list; its numbering starts at {@code start}, so a list interrupted by a code block can continue.
     *
     * @param start first number
     * @param items escaped item texts (one line each)
     * @return this writer
     */
    public MarkdownWriter numbered(int start, List<String> items) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            b.append(start + i).append(". ").append(items.get(i)).append('\n');
        }
        return block(b.toString());
    }

    /**
     * Writes a fenced code block.
     *
     * @param info language tag
     * @param content verbatim content
     * @return this writer
     */
    public MarkdownWriter code(String info, String content) {
        return block(Md.fence(info, content));
    }

    /**
     * A GitHub-style table.
     *
     * @param header escaped header cells
     * @param rows escaped cells (use {@link Md#text(String)} or {@link Md#codeInCell(String)})
     * @return this writer
     */
    public MarkdownWriter table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder();
        row(b, header);
        b.append('|');
        header.forEach(h -> b.append("---|"));
        b.append('\n');
        rows.forEach(r -> row(b, r));
        return block(b.toString());
    }

    private static void row(StringBuilder b, List<String> cells) {
        b.append('|');
        cells.forEach(c -> b.append(' ').append(c).append(" |"));
        b.append('\n');
    }

    private MarkdownWriter block(String text) {
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append(text);
        return this;
    }

    /** {@return the document: blocks separated by blank lines, ending with one newline} */
    @Override
    public String toString() {
        return out.toString();
    }
}
