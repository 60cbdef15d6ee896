package dev.authmd.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.adapters.jdbc.JdbcRegistrationStore;
import dev.authmd.adapters.jdbc.JdbcReplayCache;
import dev.authmd.adapters.jdbc.PostgresServer;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.store.memory.InMemoryReplayCache;
import dev.authmd.spi.store.RegistrationStore;
import dev.authmd.spi.store.ReplayCache;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The JDBC stores: on a real PostgreSQL when asked for and a DataSource exists; absent otherwise. */
class AuthMdJdbcAutoConfigurationTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer(4);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AuthMdJdbcAutoConfiguration.class, AuthMdAutoConfiguration.class))
            .withPropertyValues("authmd.resource=https://api.example.com", "authmd.housekeeping.enabled=false");

    @Test
    void contextWhenJdbcAskedAndADataSourceExistsThenTheServiceStoresInPostgres() {
        POSTGRES.truncate();
        runner.withPropertyValues("authmd.store=jdbc")
                .withBean(DataSource.class, () -> POSTGRES.newPool("spring"))
                .run(context -> {
                    assertThat(context)
                            .hasSingleBean(JdbcRegistrationStore.class)
                            .hasSingleBean(JdbcReplayCache.class);
                    RegistrationResult registered = context.getBean(AgentAuthService.class)
                            .register(RequestContext.defaultTenant("192.0.2.10"), new RegisterRequest.Anonymous(null))
                            .value();

                    assertThat(new JdbcRegistrationStore(POSTGRES.dataSource())
                                    .findById(RequestContext.DEFAULT_TENANT, registered.registrationId()))
                            .as("stored in the database, not in memory")
                            .isPresent();
                });
    }

    @Test
    void contextWhenTheApplicationHasItsOwnReplayCacheThenTheJdbcOneBacksOff() {
        POSTGRES.truncate();
        runner.withPropertyValues("authmd.store=jdbc")
                .withBean(DataSource.class, () -> POSTGRES.newPool("spring"))
                .withBean(ReplayCache.class, InMemoryReplayCache::new)
                .run(context -> assertThat(context)
                        .doesNotHaveBean(JdbcReplayCache.class)
                        .hasSingleBean(ReplayCache.class)
                        .hasSingleBean(JdbcRegistrationStore.class));
    }

    @Test
    void contextWhenNotAskedOrNoDataSourceThenNoJdbcStore() {
        runner.withBean(DataSource.class, () -> POSTGRES.newPool("spring"))
                .run(context -> assertThat(context).doesNotHaveBean(RegistrationStore.class));
        runner.withPropertyValues("authmd.store=jdbc")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RegistrationStore.class));
    }
}
