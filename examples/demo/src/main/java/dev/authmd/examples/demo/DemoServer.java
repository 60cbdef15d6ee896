package dev.authmd.examples.demo;

import dev.authmd.adapters.jdkhttp.AgentAuthHttpServer;
import dev.authmd.adapters.jdkhttp.JdkHttp;
import dev.authmd.core.config.AgentAuthConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The demo service: the whole auth.md protocol on the JDK's built-in HTTP server with the embedded defaults (in-memory
 * stores, a mailer that prints claim links, a built-in agent provider), plus a sample protected API. Run it with the
 * README's command and follow the printed walkthrough. The wiring itself is {@link DemoService}; this class only serves
 * it with the library's JDK server adapter ({@link AgentAuthHttpServer}: deadlines, bounded workers, no Nagle stall).
 */
public final class DemoServer implements AutoCloseable {

    /** What this example runs on, as the walkthrough and {@code --help} name it. */
    static final String SERVER = "the JDK's built-in HTTP server";

    /** The body limit: the configuration's default, which the demo keeps, and the adapter's. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final AgentAuthHttpServer server;
    private final DemoService demo;

    private DemoServer(AgentAuthHttpServer server, DemoService demo) {
        this.server = server;
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
        // the public URL names the bound port (port 0 in tests), so the service is wired once the port is known
        AtomicReference<DemoService> wired = new AtomicReference<>();
        AgentAuthHttpServer server = AgentAuthHttpServer.builder(address -> {
                    DemoService demo =
                            DemoService.create(options, options.publicUrl(address.getPort()), clock, configOverrides);
                    wired.set(demo);
                    return demo.endpoints();
                })
                .address(new java.net.InetSocketAddress(options.bind(), options.port()))
                .context("/", JdkHttp.handler(request -> wired.get().handle(request), MAX_BODY_BYTES))
                .start();
        return new DemoServer(server, wired.get());
    }

    /** @return the port the server listens on */
    public int port() {
        return server.port();
    }

    /** @return the address and port the server listens on ({@code --bind}) */
    public java.net.InetSocketAddress address() {
        return server.address();
    }

    /** @return the public base URL */
    public URI baseUrl() {
        return demo.baseUrl();
    }

    void printWalkthrough(PrintStream out) {
        demo.printWalkthrough(out, SERVER);
    }

    @Override
    public void close() {
        server.close();
        demo.close();
    }
}
