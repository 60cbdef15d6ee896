package dev.authmd.examples.spring;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.examples.demo.DemoHost;
import dev.authmd.examples.demo.DemoOptions;
import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.account.SessionResolver;
import dev.authmd.spi.audit.AuditSink;
import dev.authmd.spi.mail.ClaimMailer;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The whole wiring of a host on the starter: the starter makes the auth.md service from {@code authmd.*} properties
 * ({@code application.properties}), mounts its endpoints ahead of every other filter, and resolves the calling agent as
 * a controller argument; the application contributes only what a host owns — its users, its mail, its sign-in, its
 * audit sink — as beans, here the demo's ({@link DemoHost}). {@link DemoOptions} and the {@link Clock} are registered
 * by {@link SpringDemoServer}; the controllers ({@link ApiController}, {@link DemoRoutesController}) and
 * {@link DemoErrorAdvice} are found by component scanning.
 */
@SpringBootApplication(proxyBeanMethods = false)
class DemoApplication {

    /**
     * @param options the demo's settings
     * @param config the service's configuration, made by the starter
     * @param endpoints the service's endpoints, which the demo provider posts logout tokens and security events to
     * @param clock the clock the demo provider mints with
     * @return the demo's host side
     */
    @Bean
    DemoHost demoHost(
            DemoOptions options, AgentAuthConfig config, ObjectProvider<AgentAuthEndpoints> endpoints, Clock clock) {
        return DemoHost.create(options, config, request -> endpoints.getObject().handle(request), clock);
    }

    /**
     * @param host the demo's host side
     * @return its users, for the starter's service
     */
    @Bean
    AccountResolver demoAccounts(DemoHost host) {
        return host.accounts();
    }

    /**
     * @param host the demo's host side
     * @return its mail
     */
    @Bean
    ClaimMailer demoMailer(DemoHost host) {
        return host.mailer();
    }

    /**
     * @param host the demo's host side
     * @return its development sign-in, the current profile's claim page's login
     */
    @Bean
    SessionResolver demoSignIn(DemoHost host) {
        return host.signIn();
    }

    /**
     * @param host the demo's host side
     * @return its audit sink, which prints
     */
    @Bean
    AuditSink demoAudit(DemoHost host) {
        return host.auditSink();
    }
}
