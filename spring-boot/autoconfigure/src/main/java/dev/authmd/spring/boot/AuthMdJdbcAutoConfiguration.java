package dev.authmd.spring.boot;

import dev.authmd.adapters.jdbc.JdbcAccessTokenStore;
import dev.authmd.adapters.jdbc.JdbcCredentialStore;
import dev.authmd.adapters.jdbc.JdbcDelegationStore;
import dev.authmd.adapters.jdbc.JdbcIssuedAssertionStore;
import dev.authmd.adapters.jdbc.JdbcRateLimitStore;
import dev.authmd.adapters.jdbc.JdbcRefreshTokenStore;
import dev.authmd.adapters.jdbc.JdbcRegistrationStore;
import dev.authmd.adapters.jdbc.JdbcReplayCache;
import dev.authmd.adapters.jdbc.PostgresSchema;
import dev.authmd.spi.store.AccessTokenStore;
import dev.authmd.spi.store.CredentialStore;
import dev.authmd.spi.store.DelegationStore;
import dev.authmd.spi.store.IssuedAssertionStore;
import dev.authmd.spi.store.RateLimitStore;
import dev.authmd.spi.store.RefreshTokenStore;
import dev.authmd.spi.store.RegistrationStore;
import dev.authmd.spi.store.ReplayCache;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Every store on PostgreSQL through the application's {@link DataSource}, when {@code authmd.store=jdbc}: the schema is
 * migrated at start ({@code authmd.jdbc.migrate}, default on; safe with many replicas starting at once), and each store
 * backs off when the application defines its own (a Redis replay cache, say).
 */
@AutoConfiguration(
        before = AuthMdAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnProperty(prefix = "authmd", name = "enabled", matchIfMissing = true)
@ConditionalOnClass(JdbcRegistrationStore.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "authmd", name = "store", havingValue = "jdbc")
public class AuthMdJdbcAutoConfiguration {

    /** Creates the JDBC part. */
    public AuthMdJdbcAutoConfiguration() {}

    /**
     * {@return the schema, migrated to the library's version unless {@code authmd.jdbc.migrate=false}}
     *
     * @param dataSource the application's pool
     * @param properties {@code authmd.jdbc.migrate}
     */
    @Bean
    @ConditionalOnMissingBean
    public PostgresSchema agentAuthSchema(DataSource dataSource, AuthMdProperties properties) {
        PostgresSchema schema = new PostgresSchema(dataSource);
        if (properties.getJdbc().isMigrate()) {
            schema.migrate();
        }
        return schema;
    }

    /**
     * {@return registrations on PostgreSQL}
     *
     * @param dataSource the application's pool
     * @param schema the migrated schema (made first)
     */
    @Bean
    @ConditionalOnMissingBean(RegistrationStore.class)
    public JdbcRegistrationStore agentAuthRegistrationStore(DataSource dataSource, PostgresSchema schema) {
        return new JdbcRegistrationStore(dataSource);
    }

    /**
     * {@return credentials on PostgreSQL}
     *
     * @param dataSource the application's pool
     * @param schema the migrated schema (made first)
     */
    @Bean
    @ConditionalOnMissingBean(CredentialStore.class)
    public JdbcCredentialStore agentAuthCredentialStore(DataSource dataSource, PostgresSchema schema) {
        return new JdbcCredentialStore(dataSource);
    }

    /**
     * {@return delegations on PostgreSQL}
     *
     * @param dataSource the application's pool
     * @param schema the migrated schema (made first)
     */
    @Bean
    @ConditionalOnMissingBean(DelegationStore.class)
    public JdbcDelegationStore agentAuthDelegationStore(DataSource dataSource, PostgresSchema schema) {
        return new JdbcDelegationStore(dataSource);
    }

    /**
     * {@return the replay cache on PostgreSQL}
     *
     * @param dataSource the application's pool
     * @param schema the migrated schema (made first)
     */
    @Bean
    @ConditionalOnMissingBean(ReplayCache.class)
    public JdbcReplayCache agentAuthReplayCache(DataSource dataSource, PostgresSchema schema) {
        return new JdbcReplayCache(dataSource);
    }

    /**
     * {@return rate-limit counters on PostgreSQL}
     *
     * @param dataSource the application's pool
     * @param schema the migrated schema (made first)
     */
    @Bean
    @ConditionalOnMissingBean(RateLimitStore.class)
    public JdbcRateLimitStore agentAuthRateLimitStore(DataSource dataSource, PostgresSchema schema) {
        return new JdbcRateLimitStore(dataSource);
    }

    /**
     * {@return the current profile's issued assertions on PostgreSQL}
     *
     * @param dataSource the application's pool
     * @param schema the migrated schema (made first)
     */
    @Bean
    @ConditionalOnMissingBean(IssuedAssertionStore.class)
    public JdbcIssuedAssertionStore agentAuthIssuedAssertionStore(DataSource dataSource, PostgresSchema schema) {
        return new JdbcIssuedAssertionStore(dataSource);
    }

    /**
     * {@return the current profile's access tokens on PostgreSQL}
     *
     * @param dataSource the application's pool
     * @param schema the migrated schema (made first)
     */
    @Bean
    @ConditionalOnMissingBean(AccessTokenStore.class)
    public JdbcAccessTokenStore agentAuthAccessTokenStore(DataSource dataSource, PostgresSchema schema) {
        return new JdbcAccessTokenStore(dataSource);
    }

    /**
     * {@return the current profile's refresh tokens on PostgreSQL}
     *
     * @param dataSource the application's pool
     * @param schema the migrated schema (made first)
     */
    @Bean
    @ConditionalOnMissingBean(RefreshTokenStore.class)
    public JdbcRefreshTokenStore agentAuthRefreshTokenStore(DataSource dataSource, PostgresSchema schema) {
        return new JdbcRefreshTokenStore(dataSource);
    }
}
