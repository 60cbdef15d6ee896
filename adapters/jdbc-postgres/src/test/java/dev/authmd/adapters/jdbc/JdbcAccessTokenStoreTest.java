package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.AccessTokenStore;
import dev.authmd.testkit.AccessTokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcAccessTokenStoreTest extends AccessTokenStoreContract {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected AccessTokenStore createStore() {
        POSTGRES.truncate();
        return new JdbcAccessTokenStore(POSTGRES.dataSource());
    }
}
