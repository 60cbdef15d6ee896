package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.ReplayCache;
import dev.authmd.testkit.ReplayCacheContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcReplayCacheTest extends ReplayCacheContract {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected ReplayCache createStore() {
        POSTGRES.truncate();
        return new JdbcReplayCache(POSTGRES.dataSource());
    }
}
