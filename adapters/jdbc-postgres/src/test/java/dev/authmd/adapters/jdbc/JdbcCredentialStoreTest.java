package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.CredentialStore;
import dev.authmd.testkit.CredentialStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcCredentialStoreTest extends CredentialStoreContract {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected CredentialStore createStore() {
        POSTGRES.truncate();
        return new JdbcCredentialStore(POSTGRES.dataSource());
    }
}
