package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.RegistrationStore;
import dev.authmd.testkit.RegistrationStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcRegistrationStoreTest extends RegistrationStoreContract {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected RegistrationStore createStore() {
        POSTGRES.truncate();
        return new JdbcRegistrationStore(POSTGRES.dataSource());
    }
}
