package dev.authmd.core.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStore;
import dev.authmd.testkit.RegistrationStoreContract;
import dev.authmd.testkit.StoreFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryRegistrationStoreTest extends RegistrationStoreContract {

    private static final Instant T0 = StoreFixtures.T0;

    @Override
    protected RegistrationStore createStore() {
        return new InMemoryRegistrationStore();
    }

    @Test
    void findDueForExpiryWhenMoreDueThanLimitThenSoonestExpiryFirstAcrossTenants() {
        InMemoryRegistrationStore store = new InMemoryRegistrationStore();
        store.insert(StoreFixtures.registration("t1", "reg-3")
                .expiresAt(T0.plusSeconds(30))
                .build());
        store.insert(StoreFixtures.registration("t2", "reg-1")
                .expiresAt(T0.plusSeconds(10))
                .build());
        store.insert(StoreFixtures.registration("t1", "reg-2")
                .expiresAt(T0.plusSeconds(20))
                .build());
        store.insert(StoreFixtures.registration("t1", "reg-4")
                .expiresAt(T0.plusSeconds(40))
                .build());

        assertThat(store.findDueForExpiry(T0.plusSeconds(100), 3))
                .extracting(Registration::id)
                .containsExactly("reg-1", "reg-2", "reg-3");
    }
}
