package dev.authmd.protocol.internal.authmd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A GitHub-style pipe table read from a paragraph's source lines (the core CommonMark parser leaves tables as
 * paragraphs). Immutable and thread-safe.
 *
 * @param header the header cells, as written (Markdown)
 * @param rows the body rows' cells, as written (Markdown)
 */
public record MarkdownTable(List<String> header, List<List<String>> rows) {

    private static final Pattern DELIMITER_ROW = Pattern.compile("^\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?\\s*$");
    private static final int MAX_ROWS = 1000;
    private static final int MAX_CELLS = 50;

    /**
     * Copies both lists into unmodifiable ones.
     *
     * @param header the header cells
     * @param rows the body rows' cells
     */
    public MarkdownTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /**
     * {@return the table, when the second line is a delimiter row and the header has a pipe}
     *
     * @param lines a paragraph's source lines
     */
    public static Optional<MarkdownTable> parse(List<String> lines) {
        if (lines.size() < 2
                || lines.get(0).indexOf('|') < 0
                || !DELIMITER_ROW.matcher(lines.get(1).trim()).matches()) {
            return Optional.empty();
        }
        List<String> header = cells(lines.get(0));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 2; i < lines.size() && rows.size() < MAX_ROWS; i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(cells(lines.get(i)));
            }
        }
        return Optional.of(new MarkdownTable(header, rows));
    }

    /**
     * Splits a row on unescaped pipes; {@code \|} stays in the cell as {@code |}.
     *
     * @param line a table row
     * @return its trimmed cells
     */
    public static List<String> cells(String line) {
        String row = line.trim();
        if (row.startsWith("|")) {
            row = row.substring(1);
        }
        if (row.endsWith("|") && !row.endsWith("\\|")) {
            row = row.substring(0, row.length() - 1);
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < row.length() && cells.size() < MAX_CELLS; i++) {
            char c = row.charAt(i);
            if (c == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (cells.size() < MAX_CELLS) {
            cells.add(cell.toString().trim());
        }
        return cells;
    }
}
