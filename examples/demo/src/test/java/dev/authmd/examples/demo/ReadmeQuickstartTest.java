package dev.authmd.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java block, read from {@code README.md} itself, compiles as pasted against the artifacts the README's
 * dependency snippet names, and does what the README says: started on a port, it answers an unauthenticated call with
 * the 401 challenge, serves discovery, registers an anonymous agent and lets its key call the protected route.
 */
class ReadmeQuickstartTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public final class (\\w+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path tmp;

    @Test
    void readmeBlockWhenCompiledAndStartedThenAnAgentRegistersAndCallsTheApi() throws Exception {
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

        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // the block's public URL names its port, so it needs a real one
        }
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> quickstart = loader.loadClass(name.group(1));
            Method start = quickstart.getMethod("start", int.class);
            try (AutoCloseable server = (AutoCloseable) start.invoke(null, port)) {
                String base = "http://localhost:" + port;
                HttpResponse<String> me = send(HttpRequest.newBuilder(URI.create(base + "/api/me")));
                assertThat(me.statusCode()).isEqualTo(401);
                assertThat(me.headers().firstValue("WWW-Authenticate"))
                        .hasValue("Bearer resource_metadata=\"" + base + "/.well-known/oauth-protected-resource\"");

                HttpResponse<String> metadata =
                        send(HttpRequest.newBuilder(URI.create(base + "/.well-known/oauth-authorization-server")));
                assertThat(metadata.statusCode()).isEqualTo(200);
                assertThat(metadata.body()).contains("\"register_uri\": \"" + base + "/agent/auth\"");

                HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create(base + "/agent/auth"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"anonymous\"}")));
                assertThat(registered.statusCode()).isEqualTo(200);
                JsonNode body = JSON.readTree(registered.body());

                HttpResponse<String> hello = send(HttpRequest.newBuilder(URI.create(base + "/api/me"))
                        .header(
                                "Authorization",
                                "Bearer " + body.path("credential").asText()));
                assertThat(hello.statusCode()).isEqualTo(200);
                assertThat(hello.body())
                        .isEqualTo("hello " + body.path("registration_id").asText() + "\n");
            }
        }
    }

    @Test
    void readmeWhenDependencySnippetReadThenNamesEveryArtifactTheBlockImports() throws IOException {
        String readme = Files.readString(readme());
        String block = readmeJavaBlock();

        assertThat(block).contains("import dev.authmd.adapters.jdkhttp.").contains("import dev.authmd.core.");
        assertThat(readme)
                .contains("<artifactId>authmd-bom</artifactId>")
                .contains("<artifactId>authmd-core</artifactId>")
                .contains("<artifactId>authmd-jdk-httpserver</artifactId>");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
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
