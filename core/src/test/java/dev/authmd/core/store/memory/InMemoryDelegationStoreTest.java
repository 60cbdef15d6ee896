package dev.authmd.core.store.memory;

import dev.authmd.spi.store.DelegationStore;
import dev.authmd.testkit.DelegationStoreContract;

class InMemoryDelegationStoreTest extends DelegationStoreContract {

    @Override
    protected DelegationStore createStore() {
        return new InMemoryDelegationStore();
    }
}
