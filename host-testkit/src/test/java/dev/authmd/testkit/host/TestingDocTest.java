package dev.authmd.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/testing.md shows the example test classes exactly as they are, so the page never shows code that fails. */
class TestingDocTest {

    @ParameterizedTest
    @ValueSource(strings = {"ClaimExampleTest.java", "ProviderExampleTest.java"})
    void testingPageWhenReadThenShowsTheExampleVerbatim(String example) throws IOException {
        String page = Files.readString(Path.of("..", "docs", "testing.md"), StandardCharsets.UTF_8);
        String source = Files.readString(
                Path.of("src", "test", "java", "dev", "authmd", "testkit", "host", "examples", example),
                StandardCharsets.UTF_8);

        assertThat(page).contains("```java\n" + source + "```");
    }
}
