package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.RefreshTokenStore;
import dev.authmd.testkit.RefreshTokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcRefreshTokenStoreTest extends RefreshTokenStoreContract {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected RefreshTokenStore createStore() {
        POSTGRES.truncate();
        return new JdbcRefreshTokenStore(POSTGRES.dataSource());
    }
}
