package dev.authmd.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one strict JSON reader for untrusted input, shared by the whole library: duplicate members, trailing content,
 * comments, NaN, invalid UTF-8 and absurd nesting are refused. Built once (readers are immutable and thread-safe), so
 * parsing on the hot path allocates no mapper.
 */
public final class StrictJson {

    /** Nesting deeper than this is refused; no protocol document needs more than a few levels. */
    public static final int MAX_DEPTH = 64;

    /** The shared mapper (for writing, and for building nodes); do not reconfigure it. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);

    private StrictJson() {}

    /** {@return the shared strict mapper; do not reconfigure it} */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses JSON bytes as a top-level object.
     *
     * @param bytes UTF-8 JSON; may be null
     * @return the top-level object, or empty when the bytes are not one strict JSON object
     */
    public static Optional<ObjectNode> parseObject(byte @Nullable [] bytes) {
        return parse(bytes).filter(JsonNode::isObject).map(ObjectNode.class::cast);
    }

    /**
     * Parses JSON bytes.
     *
     * @param bytes UTF-8 JSON; may be null
     * @return the tree, or empty when the bytes are not strictly valid JSON
     */
    public static Optional<JsonNode> parse(byte @Nullable [] bytes) {
        if (bytes == null || bytes.length == 0 || !isValidUtf8(bytes)) {
            return Optional.empty();
        }
        try {
            JsonNode node = TREE_READER.readValue(bytes);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException | NumberFormatException malformed) {
            // NumberFormatException: a number Jackson refuses to convert (an exponent of dozens of digits)
            return Optional.empty();
        }
    }

    /**
     * Parses JSON text as a top-level object.
     *
     * @param text JSON text
     * @return the top-level object
     * @throws JsonProcessingException when the text is not strict JSON (the message locates the fault)
     * @throws IllegalArgumentException when the text is JSON but not an object
     */
    public static ObjectNode parseObject(String text) throws JsonProcessingException {
        JsonNode node;
        try {
            node = TREE_READER.readValue(text);
        } catch (NumberFormatException badNumber) {
            throw new JsonParseException(null, "a number cannot be read: " + badNumber.getMessage(), badNumber);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("the document must be a JSON object");
        }
        return object;
    }

    /**
     * Writes a value as JSON.
     *
     * @param value a value Jackson can write
     * @return its JSON text
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("value cannot be written as JSON", e);
        }
    }

    private static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
