package dev.authmd.examples.jetty;

import dev.authmd.adapters.servlet.AgentAuthFilter;
import dev.authmd.adapters.servlet.AgentAuthentication;
import dev.authmd.examples.demo.DemoOptions;
import dev.authmd.examples.demo.DemoService;
import jakarta.servlet.DispatcherType;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The demo service on embedded Jetty 12: the library's endpoints through {@link AgentAuthFilter}, the sample API as a
 * plain servlet guarded by {@link AgentAuthentication}, and the demo provider's routes. Same flags, environment
 * variables, walkthrough and behaviour as the JDK demo ({@link DemoService} is shared).
 */
public final class JettyDemoServer implements AutoCloseable {

    /** What this example runs on, as the walkthrough and {@code --help} name it. */
    static final String SERVER = "embedded Jetty 12";

    private final Server server;
    private final ServerConnector connector;
    private final DemoService demo;

    private JettyDemoServer(Server server, ServerConnector connector, DemoService demo) {
        this.server = server;
        this.connector = connector;
        this.demo = demo;
    }

    /**
     * @param args command-line flags; see {@code --help}
     * @throws Exception when Jetty cannot start
     */
    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(DemoOptions.usage(SERVER, "examples/jetty"));
            return;
        }
        JettyDemoServer jetty = start(options, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(jetty::close, "authmd-jetty-shutdown"));
        jetty.printWalkthrough(System.out);
    }

    /**
     * Starts the demo on Jetty.
     *
     * @param options the settings; port 0 picks a free port
     * @param clock the service's clock; tests pass an adjustable one
     * @return the running server
     * @throws Exception when the port cannot be bound or Jetty cannot start
     */
    public static JettyDemoServer start(DemoOptions options, Clock clock) throws Exception {
        return start(options, clock, IDLE_TIMEOUT);
    }

    /**
     * How long a connection may stay silent — headers that never end, a body that stops — before Jetty closes it.
     * Jetty's default is 30 s; a request body is read on a worker thread, so 200 slow bodies would hold every worker
     * that long. 10 s, as the JDK-server adapter's request deadline.
     */
    static final java.time.Duration IDLE_TIMEOUT = java.time.Duration.ofSeconds(10);

    /** Starts the demo with another idle timeout (tests). */
    static JettyDemoServer start(DemoOptions options, Clock clock, java.time.Duration idleTimeout) throws Exception {
        Objects.requireNonNull(options, "options cannot be null");
        Objects.requireNonNull(clock, "clock cannot be null");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(options.bind());
        connector.setPort(options.port());
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);
        connector.open(); // bind first: the public URL needs the real port
        DemoService demo = DemoService.create(options, options.publicUrl(connector.getLocalPort()), clock);
        try {
            ServletContextHandler context = new ServletContextHandler("/");
            // 1. the protocol endpoints; every other path passes down the chain
            context.addFilter(
                    new FilterHolder(
                            new AgentAuthFilter(demo.endpoints(), demo.config().maxRequestBodyBytes())),
                    "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            // 2. the host's own API, guarded by the resource-side check
            context.addServlet(new ServletHolder(new ApiServlet(new AgentAuthentication(demo.service()))), "/api/*");
            // 3. the demo provider and the greeting; a JSON 404 for anything else
            context.addServlet(new ServletHolder(new DemoRoutesServlet(demo)), "/");
            server.setHandler(context);
            server.start();
        } catch (Exception e) {
            demo.close();
            server.stop();
            throw e;
        }
        return new JettyDemoServer(server, connector, demo);
    }

    /** @return the port Jetty listens on */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return the public base URL */
    public URI baseUrl() {
        return demo.baseUrl();
    }

    /** @param out where to print the URLs and the curl walkthrough */
    public void printWalkthrough(PrintStream out) {
        demo.printWalkthrough(out, SERVER);
    }

    /** Stops Jetty and the demo's housekeeping. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("[jetty] stop failed: " + e.getClass().getName());
        } finally {
            demo.close();
        }
    }
}
