package dev.authmd.adapters.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} (Debian's package) started on a free port for the test run, with persistence off, and
 * stopped when the JVM ends. Missing binary: with {@code CI=true} the tests fail with the install line ({@code .ci/run}
 * installs it); elsewhere each test is reported as skipped with that line.
 */
final class LocalRedis implements BeforeAllCallback, ExecutionCondition {

    static final String MISSING_MESSAGE = "redis-server not found on the PATH; the Redis store tests run a real server:"
            + " install it with `sudo apt-get install -y redis-server`. With CI=true this is a failure.";

    private static Process process;
    private static int port;
    private static RedisClient client;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() && skippedHere()) {
            return ConditionEvaluationResult.disabled(MISSING_MESSAGE);
        }
        return ConditionEvaluationResult.enabled("redis-server is installed, or CI requires it");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (skippedHere()) {
            System.err.println("*** SKIPPED: " + MISSING_MESSAGE + " ***");
            return;
        }
        start();
    }

    /** @return a new connection to the test server; the caller closes it */
    static StatefulRedisConnection<String, String> connect() {
        return client.connect();
    }

    /** @return the port the server listens on */
    static int port() {
        return port;
    }

    private static synchronized void start() throws IOException, InterruptedException {
        if (process != null) {
            return;
        }
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "redis-server not found: .ci/run must install redis-server (apt-get install -y redis-server)"));
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "redis-");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString(),
                "--maxmemory-policy",
                "noeviction"));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(LocalRedis::stop, "local-redis-stop"));
        client = RedisClient.create(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(port)
                .withTimeout(Duration.ofSeconds(10))
                .build());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                if ("PONG".equals(c.sync().ping())) {
                    return;
                }
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("redis-server did not start; see " + dir.resolve("redis.log"), e);
                }
                Thread.sleep(50);
            }
        }
    }

    private static void stop() {
        if (client != null) {
            client.shutdown();
        }
        if (process != null) {
            process.destroy();
        }
    }

    static boolean skippedHere() {
        return binary().isEmpty() && !"true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        Path debian = Path.of("/usr/bin/redis-server");
        return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
    }
}
