package dev.authmd.core.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.spi.store.IssuedAssertion;
import dev.authmd.spi.store.IssuedAssertionStore;
import dev.authmd.spi.store.StoreException;
import dev.authmd.testkit.IssuedAssertionStoreContract;
import dev.authmd.testkit.StoreFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryIssuedAssertionStoreTest extends IssuedAssertionStoreContract {

    private static final Instant T0 = StoreFixtures.T0;

    @Override
    protected IssuedAssertionStore createStore() {
        return new InMemoryIssuedAssertionStore();
    }

    @Test
    void constructorWhenMaxEntriesBelowOneThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new InMemoryIssuedAssertionStore(0))
                .withMessage("maxEntries must be at least 1");
    }

    @Test
    void insertWhenFullThenStoreExceptionAndNothingForgottenUntilASweepMakesRoom() {
        InMemoryIssuedAssertionStore store = new InMemoryIssuedAssertionStore(2);
        store.insert(IssuedAssertion.active("t", "j1", "r", T0, T0.plusSeconds(10)));
        store.insert(IssuedAssertion.active("t", "j2", "r", T0, T0.plusSeconds(100)));

        assertThatThrownBy(() -> store.insert(IssuedAssertion.active("t", "j3", "r", T0, T0.plusSeconds(100))))
                .isInstanceOf(StoreException.class)
                .hasMessage("the issued-assertion store is full (2 records); sweep expired ones");
        assertThat(store.find("t", "j3")).isEmpty();
        assertThat(store.size()).isEqualTo(2);

        assertThat(store.sweep(T0.plusSeconds(10))).isEqualTo(1);
        assertThat(store.insert(IssuedAssertion.active("t", "j3", "r", T0, T0.plusSeconds(100))))
                .isTrue();
        assertThat(store.size()).isEqualTo(2);
    }
}
