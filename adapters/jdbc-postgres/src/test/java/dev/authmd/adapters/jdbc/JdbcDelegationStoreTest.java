package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.DelegationStore;
import dev.authmd.testkit.DelegationStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcDelegationStoreTest extends DelegationStoreContract {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected DelegationStore createStore() {
        POSTGRES.truncate();
        return new JdbcDelegationStore(POSTGRES.dataSource());
    }
}
