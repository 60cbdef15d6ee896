package dev.authmd.core.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.spi.store.RefreshToken;
import dev.authmd.spi.store.RefreshTokenStore;
import dev.authmd.spi.store.StoreException;
import dev.authmd.testkit.RefreshTokenStoreContract;
import dev.authmd.testkit.StoreFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryRefreshTokenStoreTest extends RefreshTokenStoreContract {

    private static final Instant T0 = StoreFixtures.T0;

    @Override
    protected RefreshTokenStore createStore() {
        return new InMemoryRefreshTokenStore();
    }

    @Test
    void constructorWhenMaxEntriesBelowOneThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new InMemoryRefreshTokenStore(0))
                .withMessage("maxEntries must be at least 1");
    }

    @Test
    void rotateWhenFullThenStoreExceptionAndTheTokenStaysActive() {
        InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore(1);
        RefreshToken token = RefreshToken.active("t", "h1", "f", "r", 0, T0, T0.plusSeconds(100));
        store.insert(token);

        assertThatThrownBy(() -> store.rotate(
                        "t", "h1", RefreshToken.active("t", "h2", "f", "r", 1, T0, T0.plusSeconds(100)), T0))
                .isInstanceOf(StoreException.class)
                .hasMessage("the refresh-token store is full (1 records); sweep expired ones");
        assertThat(store.findByHash("t", "h1").orElseThrow().isUsableAt(T0)).isTrue();
        assertThat(store.findByHash("t", "h2")).isEmpty();
    }
}
