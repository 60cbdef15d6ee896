package dev.authmd.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Optional;

/**
 * One strict JSON reader shared by the whole library: duplicate member names, trailing content
 * and absurd nesting are errors. Built once (readers are immutable and thread-safe), so parsing
 * on the hot path allocates no mapper.
 */
public final class StrictJson {

    /** The shared mapper (for writing, and for building nodes). */
    public static final ObjectMapper MAPPER;
    private static final ObjectReader TREE_READER;

    static {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        MAPPER = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        TREE_READER = MAPPER.readerFor(JsonNode.class);
    }

    private StrictJson() {
    }

    /**
     * @param bytes UTF-8 JSON
     * @return the top-level object, or empty when the bytes are not one strict JSON object
     */
    public static Optional<ObjectNode> parseObject(byte[] bytes) {
        try {
            JsonNode node = TREE_READER.readValue(bytes);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * @param text JSON text
     * @return the top-level object
     * @throws JsonProcessingException when the text is not strict JSON (the message locates the fault)
     * @throws IllegalArgumentException when the text is JSON but not an object
     */
    public static ObjectNode parseObject(String text) throws JsonProcessingException {
        JsonNode node = TREE_READER.readValue(text);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("the document must be a JSON object");
        }
        return object;
    }

    /**
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
}
