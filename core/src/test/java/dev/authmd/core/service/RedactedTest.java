package dev.authmd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.spi.store.StoreException;
import java.io.EOFException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RedactedTest {

    @Test
    void ofWhenChainOfCausesThenSameClassesAndFramesWithoutAnyMessage() {
        EOFException socket = new EOFException("connection reset while reading carol@example.com");
        SQLException driver = new SQLException("I/O error: sk_secret", "08006", socket);
        StoreException store = new StoreException("insert of sk_secret failed", driver);

        Throwable copy = Redacted.of(store);

        assertThat(copy.toString()).isEqualTo(StoreException.class.getName() + " (message withheld)");
        assertThat(copy.getStackTrace()).isEqualTo(store.getStackTrace());
        assertThat(copy.getCause().toString()).isEqualTo(SQLException.class.getName() + " (message withheld)");
        assertThat(copy.getCause().getCause().toString())
                .isEqualTo(EOFException.class.getName() + " (message withheld)");
        assertThat(copy.getCause().getCause().getCause()).isNull();
        for (Throwable t = copy; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain("sk_secret", "carol");
        }
    }

    @Test
    void ofWhenChainDeeperThanEightThenCutAfterEight() {
        Throwable deep = new IllegalStateException("0");
        for (int i = 1; i <= 20; i++) {
            deep = new RuntimeException(Integer.toString(i), deep);
        }

        int depth = 0;
        for (Throwable t = Redacted.of(deep); t != null; t = t.getCause()) {
            depth++;
        }

        assertThat(depth).isEqualTo(9);
    }
}
