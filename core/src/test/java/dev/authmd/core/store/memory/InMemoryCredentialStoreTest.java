package dev.authmd.core.store.memory;

import dev.authmd.spi.store.CredentialStore;
import dev.authmd.testkit.CredentialStoreContract;

class InMemoryCredentialStoreTest extends CredentialStoreContract {

    @Override
    protected CredentialStore createStore() {
        return new InMemoryCredentialStore();
    }
}
