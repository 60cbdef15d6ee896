package dev.authmd.examples.spring;

import dev.authmd.examples.demo.DemoOptions;
import dev.authmd.examples.demo.DemoService;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The demo service as a Spring Boot 4 application on embedded Tomcat: the library's endpoints through the servlet
 * adapter's filter, the sample API as Spring MVC controllers, the demo provider's routes (wiring in
 * {@link DemoApplication}). Same flags, environment variables, walkthrough and behaviour as the JDK demo
 * ({@link DemoService} is shared).
 */
public final class SpringDemoServer implements AutoCloseable {

    /** What this example runs on, as the walkthrough and {@code --help} name it. */
    static final String SERVER = "Spring Boot 4 (embedded Tomcat)";

    private final ConfigurableApplicationContext context;
    private final DemoService demo;

    private SpringDemoServer(ConfigurableApplicationContext context, DemoService demo) {
        this.context = context;
        this.demo = demo;
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
        // Spring's own shutdown hook closes the context, and with it the demo service
        start(options, Clock.systemUTC()).printWalkthrough(System.out);
    }

    /**
     * Starts the demo as a Spring Boot application. The flags are the demo's, not Spring's: the port becomes
     * {@code server.port}; Spring reads the rest of its settings as usual.
     *
     * @param options the settings; port 0 picks a free port
     * @param clock the service's clock; tests pass an adjustable one
     * @return the running application
     */
    public static SpringDemoServer start(DemoOptions options, Clock clock) {
        Objects.requireNonNull(options, "options cannot be null");
        Objects.requireNonNull(clock, "clock cannot be null");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DemoApplication.class)
                .main(SpringDemoServer.class)
                .bannerMode(Banner.Mode.OFF)
                .initializers(app -> {
                    app.getEnvironment()
                            .getPropertySources()
                            .addFirst(new MapPropertySource(
                                    "authmd-demo", Map.of("server.port", options.port(), "authmd.enabled", false)));
                    app.getBeanFactory().registerSingleton("demoOptions", options);
                    app.getBeanFactory().registerSingleton("clock", clock);
                })
                .run();
        try {
            return new SpringDemoServer(context, context.getBean(DemoService.class));
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** @return the port Tomcat listens on */
    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** @return the public base URL */
    public URI baseUrl() {
        return demo.baseUrl();
    }

    /** @param out where to print the URLs and the curl walkthrough */
    public void printWalkthrough(PrintStream out) {
        demo.printWalkthrough(out, SERVER);
    }

    /** Stops the application: Tomcat, then the demo's housekeeping. */
    @Override
    public void close() {
        context.close();
    }
}
