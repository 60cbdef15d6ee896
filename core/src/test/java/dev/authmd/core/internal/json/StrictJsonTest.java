package dev.authmd.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "{",
                "[]",
                "\"text\"",
                "42",
                "null",
                "{\"a\":1,\"a\":2}",
                "{\"a\":1} {}",
                "{\"a\":1}x",
                "{'a':1}",
                "{\"a\":NaN}",
                "{\"a\":1,}",
                "{/*c*/\"a\":1}",
                "{a:1}",
            })
    void parseObjectWhenNotStrictJsonObjectThenEmpty(String text) {
        assertThat(StrictJson.parseObject(text.getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void parseObjectWhenInvalidUtf8OrTooDeepThenEmpty() {
        assertThat(StrictJson.parseObject(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}))
                .isEmpty();
        String deep = "{\"a\":".repeat(StrictJson.MAX_DEPTH + 1) + "1" + "}".repeat(StrictJson.MAX_DEPTH + 1);
        assertThat(StrictJson.parseObject(deep.getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(StrictJson.parseObject((byte[]) null)).isEmpty();
    }

    @Test
    void parseObjectWhenValidThenTree() {
        assertThat(StrictJson.parseObject("{\"type\":\"anonymous\",\"n\":[1,2]}".getBytes(StandardCharsets.UTF_8)))
                .hasValueSatisfying(
                        node -> assertThat(node.get("type").asText()).isEqualTo("anonymous"));
    }
}
