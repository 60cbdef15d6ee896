package dev.authmd.protocol.internal.authmd;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP request written out in a code block ({@code POST /agent/auth HTTP/1.1}, headers, a blank line, a body).
 * Immutable and thread-safe.
 *
 * @param method upper-case method
 * @param target the request target as written (origin form or absolute form)
 * @param headers header names lower-cased; first value wins
 * @param body everything after the first blank line, trimmed; may be empty
 */
public record HttpRequestBlock(String method, String target, Map<String, String> headers, String body) {

    private static final Pattern REQUEST_LINE =
            Pattern.compile("^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\\s+(\\S+)(?:\\s+HTTP/\\d(?:\\.\\d)?)?\\s*$");
    private static final Pattern HEADER = Pattern.compile("^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\\s*:\\s*(.*)$");
    private static final int MAX_HEADERS = 100;

    /**
     * Copies the headers into an unmodifiable map.
     *
     * @param method upper-case method
     * @param target the request target as written
     * @param headers header names lower-cased
     * @param body the body, trimmed
     */
    public HttpRequestBlock {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * {@return the request, if its first non-blank line is an HTTP request line}
     *
     * @param content a code block's content
     */
    public static Optional<HttpRequestBlock> parse(String content) {
        String[] lines = content.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i == lines.length) {
            return Optional.empty();
        }
        Matcher request = REQUEST_LINE.matcher(lines[i].trim());
        if (!request.matches()) {
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        i++;
        for (; i < lines.length && !lines[i].isBlank(); i++) {
            Matcher header = HEADER.matcher(lines[i].trim());
            if (header.matches() && headers.size() < MAX_HEADERS) {
                headers.putIfAbsent(
                        header.group(1).toLowerCase(Locale.ROOT),
                        header.group(2).trim());
            }
        }
        StringBuilder body = new StringBuilder();
        for (i++; i < lines.length; i++) {
            body.append(lines[i]).append('\n');
        }
        return Optional.of(new HttpRequestBlock(
                request.group(1), request.group(2), headers, body.toString().trim()));
    }

    /**
     * {@return its value}
     *
     * @param name a header name, any case
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** {@return the media type of the body, lower-cased without parameters; empty if none} */
    public String mediaType() {
        String value = header("content-type").orElse("");
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
