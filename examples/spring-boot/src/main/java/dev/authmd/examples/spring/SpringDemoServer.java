package dev.authmd.examples.spring;

import dev.authmd.examples.demo.DemoHost;
import dev.authmd.examples.demo.DemoOptions;
import dev.authmd.spi.store.WireProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The demo service as a Spring Boot 4 application on embedded Tomcat, built on the starter: the auth.md service from
 * {@code application.properties}, the demo's host side as beans ({@link DemoApplication}), the sample API as Spring MVC
 * controllers. Same flags, environment variables, walkthrough and behaviour as the JDK demo.
 */
public final class SpringDemoServer implements AutoCloseable {

    /** What this example runs on, as the walkthrough and {@code --help} name it. */
    static final String SERVER = "Spring Boot 4 (embedded Tomcat)";

    private final ConfigurableApplicationContext context;
    private final URI baseUrl;

    private SpringDemoServer(ConfigurableApplicationContext context, URI baseUrl) {
        this.context = context;
        this.baseUrl = baseUrl;
    }

    /** @param args command-line flags; see {@code --help} */
    public static void main(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(DemoOptions.usage(SERVER, "examples/spring-boot"));
            return;
        }
        // Spring's own shutdown hook closes the context
        start(options, Clock.systemUTC()).printWalkthrough(System.out);
    }

    /**
     * Starts the demo as a Spring Boot application. The flags are the demo's, not Spring's: they become properties
     * ({@link #properties}) ahead of {@code application.properties}; Spring reads the rest of its settings as usual.
     *
     * @param options the settings; port 0 picks a free port
     * @param clock the service's clock; tests pass an adjustable one
     * @return the running application
     */
    public static SpringDemoServer start(DemoOptions options, Clock clock) {
        return start(options, clock, Map.of());
    }

    /** Starts the demo with more properties, ahead of every other source (tests). */
    static SpringDemoServer start(DemoOptions options, Clock clock, Map<String, Object> overrides) {
        Objects.requireNonNull(options, "options cannot be null");
        Objects.requireNonNull(clock, "clock cannot be null");
        // the service's documents carry its public URL, so the port is known before the beans are made
        int port = options.port() == 0 ? freePort() : options.port();
        URI baseUrl = options.publicUrl(port);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DemoApplication.class)
                .main(SpringDemoServer.class)
                .bannerMode(Banner.Mode.OFF)
                .initializers(app -> {
                    app.getEnvironment()
                            .getPropertySources()
                            .addFirst(new MapPropertySource("authmd-demo-flags", properties(options, port, baseUrl)));
                    app.getEnvironment().getPropertySources().addFirst(new MapPropertySource("overrides", overrides));
                    app.getBeanFactory().registerSingleton("demoOptions", options);
                    app.getBeanFactory().registerSingleton("clock", clock);
                })
                .run();
        try {
            context.getBean(DemoHost.class).announce();
            return new SpringDemoServer(context, baseUrl);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /**
     * The demo's flags as properties: {@code --port}, {@code --base-url}, {@code --rate-limits}, {@code --profiles} and
     * {@code --trust} (each an {@code authmd.providers[n]} after the demo provider).
     */
    static Map<String, Object> properties(DemoOptions options, int port, URI baseUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", port);
        properties.put("server.address", options.bind());
        properties.put("authmd.resource", baseUrl.toString());
        properties.put("authmd.rate-limits.enabled", options.rateLimits());
        properties.put(
                "authmd.profiles",
                options.profiles().stream().map(WireProfile::storedName).collect(Collectors.joining(",")));
        if (!options.trusted().isEmpty()) {
            // Spring replaces a list as a whole, so the demo provider of application.properties is restated
            int index = 0;
            provider(
                    properties,
                    index++,
                    baseUrl + "/demo/provider",
                    "http://localhost:" + port + "/demo/provider/jwks.json");
            properties.put("authmd.providers[0].display-name", "authmd demo provider");
            for (Map.Entry<String, URI> trusted : options.trusted().entrySet()) {
                provider(
                        properties,
                        index++,
                        trusted.getKey(),
                        trusted.getValue().toString());
            }
        }
        return properties;
    }

    private static void provider(Map<String, Object> properties, int index, String issuer, String jwksUri) {
        String prefix = "authmd.providers[" + index + "].";
        properties.put(prefix + "issuer", issuer);
        properties.put(prefix + "jwks-uri", jwksUri);
        properties.put(prefix + "accept-cimd-client-ids", index > 0);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for --port 0", e);
        }
    }

    /** @return the port Tomcat listens on */
    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** @return the public base URL */
    public URI baseUrl() {
        return baseUrl;
    }

    /** @return the running application, for tests that read its beans */
    ConfigurableApplicationContext context() {
        return context;
    }

    /** @param out where to print the URLs and the curl walkthrough */
    public void printWalkthrough(PrintStream out) {
        context.getBean(DemoHost.class).printWalkthrough(out, SERVER);
    }

    /** Stops the application. */
    @Override
    public void close() {
        context.close();
    }
}
