package dev.authmd.examples.demo;

import com.sun.net.httpserver.HttpServer;
import dev.authmd.core.config.AgentAuthConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The demo service: the whole auth.md protocol on the JDK's built-in HTTP server with the embedded defaults (in-memory
 * stores, a logging mailer, a built-in agent provider), plus a sample protected API. Run it with the README's command
 * and follow the printed walkthrough. The wiring itself is {@link DemoService}; this class only binds it to the JDK
 * server.
 */
public final class DemoServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;
    private final DemoService demo;

    private DemoServer(HttpServer server, ExecutorService workers, DemoService demo) {
        this.server = server;
        this.workers = workers;
        this.demo = demo;
    }

    /**
     * @param args command-line flags; see {@code --help}
     * @throws IOException when the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(DemoOptions.USAGE);
            return;
        }
        DemoServer demo = start(options, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "authmd-demo-shutdown"));
        demo.printWalkthrough(System.out);
    }

    /**
     * Starts the demo on the JDK server.
     *
     * @param options the settings; port 0 picks a free port
     * @param clock the service's clock; tests pass an adjustable one
     * @return the running demo
     * @throws IOException when the port cannot be bound
     */
    public static DemoServer start(DemoOptions options, Clock clock) throws IOException {
        return start(options, clock, config -> {});
    }

    /**
     * Starts the demo with configuration overrides: the seam the browser tests use for a short link lifetime and a
     * hostile resource name. Not for production use.
     *
     * @param options the settings; port 0 picks a free port
     * @param clock the service's clock
     * @param configOverrides applied last to the demo's configuration builder
     * @return the running demo
     * @throws IOException when the port cannot be bound
     */
    static DemoServer start(DemoOptions options, Clock clock, Consumer<AgentAuthConfig.Builder> configOverrides)
            throws IOException {
        Objects.requireNonNull(options, "options cannot be null");
        Objects.requireNonNull(clock, "clock cannot be null");
        HttpServer server = HttpServer.create(new InetSocketAddress(options.port()), 128);
        DemoService demo = DemoService.create(
                options, options.publicUrl(server.getAddress().getPort()), clock, configOverrides);
        server.createContext("/", new JdkHttpAdapter(demo::handle, demo.config().maxRequestBodyBytes()));
        ExecutorService workers =
                Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 4));
        server.setExecutor(workers);
        server.start();
        return new DemoServer(server, workers, demo);
    }

    /** @return the port the server listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return the public base URL */
    public URI baseUrl() {
        return demo.baseUrl();
    }

    void printWalkthrough(PrintStream out) {
        demo.printWalkthrough(out);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        demo.close();
    }
}
