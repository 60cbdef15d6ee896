package dev.authmd.core.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.spi.store.AccessToken;
import dev.authmd.spi.store.AccessTokenStore;
import dev.authmd.spi.store.StoreException;
import dev.authmd.testkit.AccessTokenStoreContract;
import dev.authmd.testkit.StoreFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryAccessTokenStoreTest extends AccessTokenStoreContract {

    private static final Instant T0 = StoreFixtures.T0;

    @Override
    protected AccessTokenStore createStore() {
        return new InMemoryAccessTokenStore();
    }

    @Test
    void constructorWhenMaxEntriesBelowOneThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new InMemoryAccessTokenStore(0))
                .withMessage("maxEntries must be at least 1");
    }

    @Test
    void insertWhenFullThenStoreExceptionAndNothingStored() {
        InMemoryAccessTokenStore store = new InMemoryAccessTokenStore(1);
        store.insert(token("h1"));

        assertThatThrownBy(() -> store.insert(token("h2")))
                .isInstanceOf(StoreException.class)
                .hasMessage("the access-token store is full (1 records); sweep expired ones");
        assertThat(store.findByHash("t", "h2")).isEmpty();
        assertThat(store.size()).isEqualTo(1);
    }

    private static AccessToken token(String hash) {
        return new AccessToken(
                "t", hash, "r", null, List.of(), "https://api.example", "j", T0, T0.plusSeconds(60), null);
    }
}
