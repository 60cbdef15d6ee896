package dev.authmd.core.authmd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.spi.store.WireProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares rendered auth.md documents byte for byte with the golden files in
 * {@code core/src/test/resources/authmd/golden/}.
 *
 * <p>After an intended change to the renderer, rewrite the golden files and review the diff:
 *
 * <pre>
 * mvn -o -pl core test -Dtest=AuthMdRendererGoldenTest -Dauthmd.updateGolden=true
 * git diff core/src/test/resources/authmd/golden
 * </pre>
 *
 * With {@code authmd.updateGolden=true} the test writes the files (relative to the module directory, where Maven runs
 * tests) and passes.
 */
class AuthMdRendererGoldenTest {

    private static final Path GOLDEN_DIR = Path.of("src", "test", "resources", "authmd", "golden");

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("all-methods.md", AuthMdFixtures.allMethods().build(), AuthMdRenderOptions.defaults()),
                Arguments.of(
                        "anonymous-only.md", AuthMdFixtures.anonymousOnly().build(), AuthMdRenderOptions.defaults()),
                Arguments.of(
                        "id-jag-only-strict-tenant.md",
                        AuthMdFixtures.idJagOnlyStrictTenant().build(),
                        AuthMdRenderOptions.builder()
                                .serviceDescription("Tenant A's invoices, for agents acting for Tenant A staff.")
                                .trustedProvider("Example Agents", URI.create("https://agents.example"))
                                .trustedProvider("Other *Agents*", URI.create("https://other.example/iss"))
                                .build()),
                Arguments.of("both-profiles.md", AuthMdFixtures.bothProfiles().build(), AuthMdRenderOptions.defaults()),
                Arguments.of(
                        "current-only.md",
                        AuthMdFixtures.bothProfiles()
                                .profiles(WireProfile.CURRENT)
                                .issuer(URI.create("https://example.com/tenant-a"))
                                .build(),
                        AuthMdRenderOptions.defaults()),
                Arguments.of(
                        "current-hostile-name.md",
                        AuthMdFixtures.hostileName()
                                .profiles(WireProfile.CURRENT)
                                .build(),
                        AuthMdRenderOptions.builder()
                                .serviceDescription("<img src=x onerror=alert(1)>\n# not a heading\n| not | a table |")
                                .build()),
                Arguments.of(
                        "hostile-name.md",
                        AuthMdFixtures.hostileName().build(),
                        AuthMdRenderOptions.builder()
                                .serviceDescription("<img src=x onerror=alert(1)>\n# not a heading\n| not | a table |")
                                .trustedProvider("<b>Bold</b> | pipe", URI.create("https://agents.example"))
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void renderWhenConfigurationKnownThenMatchesGoldenFile(
            String file, AgentAuthConfig config, AuthMdRenderOptions options) throws IOException {
        String rendered = AuthMdRenderer.of(config, options).render();

        if (Boolean.getBoolean("authmd.updateGolden")) {
            Files.createDirectories(GOLDEN_DIR);
            Files.writeString(GOLDEN_DIR.resolve(file), rendered, StandardCharsets.UTF_8);
            return;
        }
        assertThat(rendered).isEqualTo(golden(file));
    }

    private static String golden(String file) throws IOException {
        try (InputStream in = AuthMdRendererGoldenTest.class.getResourceAsStream("/authmd/golden/" + file)) {
            assertThat(in)
                    .as("golden file %s (run with -Dauthmd.updateGolden=true to create it)", file)
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
