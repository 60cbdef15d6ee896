package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.RateLimitStore;
import dev.authmd.testkit.RateLimitStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcRateLimitStoreTest extends RateLimitStoreContract {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected RateLimitStore createStore() {
        POSTGRES.truncate();
        return new JdbcRateLimitStore(POSTGRES.dataSource());
    }

    /** Every increment is a round trip to the server: 8 threads × 25 per round still race hard. */
    @Override
    protected int incrementsPerThread() {
        return 25;
    }
}
