package dev.authmd.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.spi.store.RegistrationStore;
import dev.authmd.spi.store.StoreException;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Actuator health of the service: up with the key freshness, down when a store does not answer. */
class AuthMdHealthIndicatorTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(AuthMdAutoConfiguration.class, AuthMdAutoConfiguration.Health.class))
            .withPropertyValues(
                    "authmd.resource=https://api.example.com",
                    "authmd.housekeeping.enabled=false",
                    "authmd.providers[0].issuer=https://agents.example",
                    "authmd.providers[0].jwks-uri=https://agents.example/jwks");

    @Test
    void healthWhenStoresAnswerThenUpWithEachProvidersKeyState() {
        runner.run(context -> {
            Health health = context.getBean("authmdHealthIndicator", HealthIndicator.class)
                    .health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("providerKeys", Map.of("default https://agents.example", "not_fetched"));
        });
    }

    @Test
    void healthWhenAStoreFailsThenDownNamingIt() {
        runner.withBean(RegistrationStore.class, AuthMdHealthIndicatorTest::brokenRegistrations)
                .run(context -> {
                    Health health = context.getBean("authmdHealthIndicator", HealthIndicator.class)
                            .health();

                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails())
                            .containsEntry("storeFailures", Map.of("registrations", "StoreException"));
                });
    }

    @Test
    void contextWhenActuatorHealthIsAbsentThenNoIndicator() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("authmdHealthIndicator"));
    }

    /** A registration store whose database is down: every call fails. */
    private static RegistrationStore brokenRegistrations() {
        return (RegistrationStore) Proxy.newProxyInstance(
                RegistrationStore.class.getClassLoader(),
                new Class<?>[] {RegistrationStore.class},
                (proxy, m, args) -> {
                    throw new StoreException("database down");
                });
    }
}
