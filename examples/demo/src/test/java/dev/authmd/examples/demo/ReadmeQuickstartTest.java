package dev.authmd.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.adapters.smtp.SmtpSettings;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java block, read from {@code README.md} itself, compiles as pasted against the artifacts the README's
 * dependency snippet names, and does what its comments say: it serves discovery, leaves other routes to the host, and
 * answers an unauthenticated call with the 401 challenge.
 */
class ReadmeQuickstartTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public final class (\\w+)");

    @TempDir
    Path tmp;

    @Test
    void readmeBlockWhenCompiledAndWiredThenServesDiscoveryAndGuardsTheApi() throws Exception {
        String block = readmeJavaBlock();
        Matcher name = CLASS_NAME.matcher(block);
        assertThat(name.find())
                .as("the README block declares a public final class")
                .isTrue();
        Path source = tmp.resolve(name.group(1) + ".java");
        Files.writeString(source, block);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(
                null,
                null,
                null,
                "--release",
                "17",
                "-Xlint:all",
                "-Werror",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                tmp.toString(),
                source.toString());
        assertThat(compiled).as("the README block compiles without a warning").isZero();

        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> setupClass = loader.loadClass(name.group(1));
            Constructor<?> constructor = setupClass.getConstructor(
                    URI.class, String.class, AccountResolver.class, SmtpSettings.class, byte[].class);
            Object setup = constructor.newInstance(
                    URI.create("http://localhost:8080"),
                    "{\"providers\":[{\"issuer\":\"https://agents.example\","
                            + "\"jwks_uri\":\"https://agents.example/jwks.json\"}]}",
                    new DemoAccounts(),
                    SmtpSettings.builder()
                            .host("localhost")
                            .port(2525)
                            .from("agents@example.com")
                            .build(),
                    new byte[32]);
            Method route = setupClass.getMethod("route", HttpRequest.class);
            Method authenticate = setupClass.getMethod("authenticate", HttpRequest.class, Set.class);

            Optional<?> metadata = (Optional<?>) route.invoke(
                    setup,
                    HttpRequest.builder("GET", "/.well-known/oauth-authorization-server")
                            .build());
            assertThat(metadata).isPresent();
            HttpResponse document = (HttpResponse) metadata.get();
            assertThat(document.status()).isEqualTo(200);
            assertThat(document.bodyAsString()).contains("\"register_uri\": \"http://localhost:8080/agent/auth\"");

            HttpRequest apiCall = HttpRequest.builder("GET", "/api/things")
                    .remoteAddress("203.0.113.7")
                    .build();
            assertThat((Optional<?>) route.invoke(setup, apiCall)).isEmpty();
            Object auth = authenticate.invoke(setup, apiCall, Set.of("api.read"));
            assertThat(auth).isInstanceOf(AuthenticationResult.Denied.class);
            HttpResponse denied = ((AuthenticationResult.Denied) auth).toHttpResponse();
            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.header("WWW-Authenticate"))
                    .contains(
                            "Bearer resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource\"");
        }
    }

    @Test
    void readmeWhenDependencySnippetReadThenNamesEveryArtifactTheBlockImports() throws IOException {
        String readme = Files.readString(readme());
        String block = readmeJavaBlock();

        assertThat(block).contains("import dev.authmd.adapters.smtp.");
        assertThat(readme)
                .contains("<artifactId>authmd-bom</artifactId>")
                .contains("<artifactId>authmd-core</artifactId>")
                .contains("<artifactId>authmd-smtp-mailer</artifactId>");
    }

    private static String readmeJavaBlock() throws IOException {
        Matcher block = JAVA_BLOCK.matcher(Files.readString(readme()));
        assertThat(block.find()).as("README.md has a ```java block").isTrue();
        return block.group(1);
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("core"))) {
                return dir.resolve("README.md");
            }
        }
        throw new IllegalStateException(
                "README.md not found above " + Path.of("").toAbsolutePath());
    }
}
