package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.IssuedAssertionStore;
import dev.authmd.testkit.IssuedAssertionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcIssuedAssertionStoreTest extends IssuedAssertionStoreContract {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected IssuedAssertionStore createStore() {
        POSTGRES.truncate();
        return new JdbcIssuedAssertionStore(POSTGRES.dataSource());
    }
}
