package dev.authmd.examples.spring;

import dev.authmd.adapters.servlet.AgentAuthFilter;
import dev.authmd.examples.demo.DemoOptions;
import dev.authmd.examples.demo.DemoService;
import dev.authmd.spring.boot.AgentAuthDeniedAdvice;
import dev.authmd.spring.boot.AgentPrincipalArgumentResolver;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Spring wiring: the library's endpoints as a servlet filter ahead of every other filter, the calling agent as a
 * controller argument, and the demo service itself. {@link DemoOptions} and the {@link Clock} are registered by
 * {@link SpringDemoServer}; the controllers ({@link ApiController}, {@link DemoRoutesController}) and
 * {@link DemoErrorAdvice} are found by component scanning.
 *
 * <p>{@link DemoService} is {@link Lazy}: its documents carry the public URL, which with {@code --port 0} holds the
 * port the server binds only when it starts, after the beans are made. Whatever needs it asks for it per request (an
 * {@link ObjectProvider}, a filter proxy). A host with a configured public URL makes its service an ordinary bean
 * instead.
 */
@SpringBootApplication(proxyBeanMethods = false)
class DemoApplication {

    /** The filter proxy's target: the bean name of {@link #agentAuthFilter}. */
    static final String AGENT_AUTH_FILTER = "agentAuthFilter";

    /**
     * @param options the demo's settings
     * @param clock the service's clock
     * @param context the running application, for the port the server bound
     * @return the demo service, made on first use and closed with the context
     */
    @Bean
    @Lazy
    DemoService demoService(DemoOptions options, Clock clock, WebServerApplicationContext context) {
        WebServer server = context.getWebServer();
        if (server == null || server.getPort() <= 0) {
            throw new IllegalStateException("the demo service is made once the web server has bound its port");
        }
        return DemoService.create(options, options.publicUrl(server.getPort()), clock);
    }

    /**
     * @param demo the demo service
     * @return the protocol endpoints as a servlet filter (§2–§6: docs/protocol.md#v01-2)
     */
    @Bean(AGENT_AUTH_FILTER)
    @Lazy
    AgentAuthFilter agentAuthFilter(DemoService demo) {
        return new AgentAuthFilter(demo.endpoints(), demo.config().maxRequestBodyBytes());
    }

    /**
     * @return {@link #agentAuthFilter} on every path, before every other filter, for {@code REQUEST} dispatches only;
     *     looked up on the first request
     */
    @Bean
    DelegatingFilterProxyRegistrationBean agentAuthFilterRegistration() {
        DelegatingFilterProxyRegistrationBean registration =
                new DelegatingFilterProxyRegistrationBean(AGENT_AUTH_FILTER);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * @param demo the demo service, looked up per request
     * @return the MVC configuration that resolves {@code AgentPrincipal} controller arguments
     */
    /** @return the starter's answer to a denied agent: the library's {@code 401}/{@code 403} and challenge */
    @Bean
    AgentAuthDeniedAdvice agentAuthDeniedAdvice() {
        return new AgentAuthDeniedAdvice();
    }

    @Bean
    WebMvcConfigurer agentPrincipalArguments(ObjectProvider<DemoService> demo) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new AgentPrincipalArgumentResolver(
                        () -> demo.getObject().service()));
            }
        };
    }
}
