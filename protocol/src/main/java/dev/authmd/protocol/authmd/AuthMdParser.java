package dev.authmd.protocol.authmd;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * Reads an auth.md document on the agent side (docs/protocol.md#v01-2-4) into an {@link AuthMdDocument}: the discovery
 * URLs, the registration, claim and revocation endpoints, the supported identity, assertion and credential types, the
 * JSON examples and the error codes of its tables.
 *
 * <p>It reads documents rendered by authmd-java's own renderer and documents written by anyone else: headings in any
 * order; JSON in fenced blocks tagged {@code json} (any case), untagged, {@code ~~~} fences or indented blocks;
 * {@code http} request blocks with an absolute target or a path plus {@code Host} header; inline links, autolinks,
 * reference links and bare URLs in text or code spans. Where the document says a thing several ways the strongest
 * source wins, in this order: a JSON key ({@code "register_uri"}), a well-known path
 * ({@code /.well-known/oauth-protected-resource…}), a labelled URL ("Register: POST https://…"), an {@code http}
 * request block, a {@code POST url} under a matching heading, a path shape. Disagreements and guesses are explained in
 * {@link AuthMdDocument#reasons()}.
 *
 * <p>Garbage in never throws: empty or binary input, huge or deeply nested Markdown and invalid UTF-8 give an empty or
 * partial result with reasons. Input beyond {@link #MAX_INPUT_CHARS} characters ({@link #MAX_INPUT_BYTES} bytes for the
 * {@code byte[]} overloads) is cut off and the cut is noted; block nesting is capped at {@link #MAX_BLOCK_NESTING},
 * JSON nesting at {@link #MAX_JSON_NESTING}. Only a null argument throws ({@link NullPointerException}).
 *
 * <pre>{@code
 * AuthMdDocument doc = new AuthMdParser().parse(markdown, URI.create("https://api.example.com/auth.md"));
 * URI register = doc.registerUri().orElseThrow();
 * }</pre>
 *
 * <p>Pure (no I/O) and thread-safe; one instance can serve every thread.
 */
public final class AuthMdParser {

    /**
     * Longest input read, in characters (512 KiB). An auth.md document is a few dozen KiB; the cap bounds the
     * CommonMark parser's time on hostile input to about a second.
     */
    public static final int MAX_INPUT_CHARS = 512 * 1024;
    /** Longest input read by the {@code byte[]} overloads, in bytes (2 MiB, before decoding). */
    public static final int MAX_INPUT_BYTES = 4 * MAX_INPUT_CHARS;
    /** Deepest nesting of block quotes and lists that is parsed as structure. */
    public static final int MAX_BLOCK_NESTING = 64;
    /** Deepest nesting of a JSON example. */
    public static final int MAX_JSON_NESTING = 64;

    private final Parser markdownParser = Parser.builder()
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .maxOpenBlockParsers(MAX_BLOCK_NESTING)
            .build();

    private final ObjectMapper json = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Creates a parser; cheap, and reusable across threads. */
    public AuthMdParser() {
        json.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_JSON_NESTING)
                        .maxStringLength(256 * 1024)
                        .maxNumberLength(100)
                        .maxDocumentLength(MAX_INPUT_CHARS)
                        .build());
    }

    /**
     * {@return what could be extracted; never null}
     *
     * @param markdown the document
     * @throws NullPointerException if {@code markdown} is null
     */
    public AuthMdDocument parse(String markdown) {
        Objects.requireNonNull(markdown, "markdown cannot be null");
        return parseText(markdown, null, new ArrayList<>());
    }

    /**
     * {@return what could be extracted; never null}
     *
     * @param markdown the document
     * @param documentUri where the document was fetched from; relative links and {@code http} blocks without a
     *     {@code Host} header are resolved against it
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code documentUri} is not an absolute http(s) URL
     */
    public AuthMdDocument parse(String markdown, URI documentUri) {
        Objects.requireNonNull(markdown, "markdown cannot be null");
        return parseText(markdown, requireDocumentUri(documentUri), new ArrayList<>());
    }

    /**
     * Decodes UTF-8 (a byte order mark is skipped; malformed bytes become U+FFFD and are noted) and parses.
     *
     * @param utf8 the document's bytes
     * @return what could be extracted; never null
     * @throws NullPointerException if {@code utf8} is null
     */
    public AuthMdDocument parse(byte[] utf8) {
        Objects.requireNonNull(utf8, "utf8 cannot be null");
        List<String> notes = new ArrayList<>();
        return parseText(decode(utf8, notes), null, notes);
    }

    /**
     * {@return what could be extracted; never null}
     *
     * @param utf8 the document's bytes
     * @param documentUri where the document was fetched from
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code documentUri} is not an absolute http(s) URL
     */
    public AuthMdDocument parse(byte[] utf8, URI documentUri) {
        Objects.requireNonNull(utf8, "utf8 cannot be null");
        URI base = requireDocumentUri(documentUri);
        List<String> notes = new ArrayList<>();
        return parseText(decode(utf8, notes), base, notes);
    }

    private static URI requireDocumentUri(URI documentUri) {
        Objects.requireNonNull(documentUri, "documentUri cannot be null");
        String scheme =
                documentUri.getScheme() == null ? "" : documentUri.getScheme().toLowerCase(Locale.ROOT);
        if (!documentUri.isAbsolute()
                || documentUri.getHost() == null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("documentUri must be an absolute http(s) URL: " + documentUri);
        }
        return documentUri;
    }

    private static String decode(byte[] utf8, List<String> notes) {
        int length = utf8.length;
        if (length > MAX_INPUT_BYTES) {
            length = MAX_INPUT_BYTES;
            while (length > 0 && (utf8[length] & 0xC0) == 0x80) {
                length--;
            }
            notes.add("input longer than " + MAX_INPUT_BYTES + " bytes; only the first " + length + " were read");
        }
        int offset =
                length >= 3 && (utf8[0] & 0xFF) == 0xEF && (utf8[1] & 0xFF) == 0xBB && (utf8[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer bytes = ByteBuffer.wrap(utf8, offset, length - offset);
        try {
            return strictDecoder().decode(bytes).toString();
        } catch (CharacterCodingException e) {
            notes.add("input is not valid UTF-8; malformed bytes were replaced with U+FFFD");
            CharsetDecoder lenient = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            try {
                CharBuffer chars = lenient.decode(ByteBuffer.wrap(utf8, offset, length - offset));
                return chars.toString();
            } catch (CharacterCodingException impossible) {
                notes.add("input could not be decoded");
                return "";
            }
        }
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private AuthMdDocument parseText(String markdown, @Nullable URI documentUri, List<String> notes) {
        String text = markdown;
        if (text.length() > MAX_INPUT_CHARS) {
            int cut = MAX_INPUT_CHARS;
            if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                cut--;
            }
            text = text.substring(0, cut);
            notes.add("input longer than " + MAX_INPUT_CHARS + " characters; only the first " + cut + " were read");
        }
        AuthMdExtraction extraction = new AuthMdExtraction(markdownParser, json, documentUri);
        notes.forEach(extraction::reason);
        if (text.isBlank()) {
            extraction.reason("the document is empty");
        }
        try {
            extraction.run(text);
        } catch (RuntimeException | StackOverflowError e) {
            // Defensive: a parser bug or a pathological input must not reach the agent as an exception.
            extraction.reason("reading stopped early (" + e.getClass().getSimpleName() + "); the result is partial");
        }
        try {
            return extraction.result().build();
        } catch (RuntimeException e) {
            return AuthMdDocument.builder()
                    .reasons(List.of(
                            "the result could not be assembled (" + e.getClass().getSimpleName() + ")"))
                    .build();
        }
    }
}
