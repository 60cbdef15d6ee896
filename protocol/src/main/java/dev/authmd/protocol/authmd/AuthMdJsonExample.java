package dev.authmd.protocol.authmd;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One JSON example found in a fenced or indented code block of an auth.md document, with the heading it appeared under.
 * A block that is tagged as JSON (or looks like JSON) but does not parse is kept as raw text with the reason. Immutable
 * and thread-safe.
 */
public final class AuthMdJsonExample {

    private final String heading;
    private final String languageTag;
    private final int line;
    private final String rawText;
    private final @Nullable Object value;
    private final @Nullable String invalidReason;

    private AuthMdJsonExample(
            String heading,
            String languageTag,
            int line,
            String rawText,
            @Nullable Object value,
            @Nullable String invalidReason) {
        this.heading = Objects.requireNonNull(heading, "heading cannot be null");
        this.languageTag = Objects.requireNonNull(languageTag, "languageTag cannot be null");
        this.line = line;
        this.rawText = Objects.requireNonNull(rawText, "rawText cannot be null");
        this.value = value;
        this.invalidReason = invalidReason;
    }

    static AuthMdJsonExample valid(
            String heading, String languageTag, int line, String rawText, @Nullable Object value) {
        return new AuthMdJsonExample(heading, languageTag, line, rawText, value, null);
    }

    static AuthMdJsonExample invalid(
            String heading, String languageTag, int line, String rawText, @Nullable String reason) {
        return new AuthMdJsonExample(
                heading, languageTag, line, rawText, null, Objects.requireNonNull(reason, "reason cannot be null"));
    }

    /** {@return the text of the nearest heading above the block; empty if there is none} */
    public String heading() {
        return heading;
    }

    /** {@return the block's info string (language tag) as written, e.g. {@code json}; empty if none} */
    public String languageTag() {
        return languageTag;
    }

    /** {@return the 1-based line of the document where the block starts; 0 when unknown} */
    public int line() {
        return line;
    }

    /** {@return the block's content, verbatim} */
    public String rawText() {
        return rawText;
    }

    /** {@return whether the block parsed as JSON} */
    public boolean isValid() {
        return invalidReason == null;
    }

    /**
     * {@return the parsed value: an unmodifiable {@code Map<String, Object>} (insertion ordered, values may be null),
     * an unmodifiable {@code List<Object>}, a {@code String}, a {@code Number} or a {@code Boolean}; empty when the
     * block is invalid or is the literal {@code null}}
     */
    public Optional<Object> value() {
        return Optional.ofNullable(value);
    }

    /** {@return why the block is not valid JSON; empty when it is} */
    public Optional<String> invalidReason() {
        return Optional.ofNullable(invalidReason);
    }

    @Override
    public String toString() {
        return "AuthMdJsonExample{heading=" + heading + ", line=" + line + ", valid=" + isValid() + "}";
    }
}
