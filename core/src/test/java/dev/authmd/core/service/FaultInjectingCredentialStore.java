package dev.authmd.core.service;

import dev.authmd.spi.store.Credential;
import dev.authmd.spi.store.CredentialStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link CredentialStore} decorator driven by a {@link FaultPlan}; it also remembers every credential the store
 * accepted, so tests can count and inspect them.
 */
final class FaultInjectingCredentialStore implements CredentialStore {

    private final CredentialStore delegate;
    private final FaultPlan plan;
    private final List<Credential> inserted = new CopyOnWriteArrayList<>();

    FaultInjectingCredentialStore(CredentialStore delegate, FaultPlan plan) {
        this.delegate = delegate;
        this.plan = plan;
    }

    @Override
    public boolean insert(Credential credential) {
        return plan.call("credentials.insert", () -> {
            boolean done = delegate.insert(credential);
            if (done) {
                inserted.add(credential);
            }
            return done;
        });
    }

    @Override
    public Optional<Credential> findByHash(String tenantId, String secretHash) {
        return plan.call("credentials.findByHash", () -> delegate.findByHash(tenantId, secretHash));
    }

    @Override
    public List<Credential> findByRegistration(String tenantId, String registrationId) {
        return plan.call("credentials.findByRegistration", () -> delegate.findByRegistration(tenantId, registrationId));
    }

    @Override
    public boolean update(long expectedVersion, Credential next) {
        return plan.call("credentials.update", () -> delegate.update(expectedVersion, next));
    }

    @Override
    public int revokeByRegistration(String tenantId, String registrationId, Instant at) {
        return plan.call(
                "credentials.revokeByRegistration", () -> delegate.revokeByRegistration(tenantId, registrationId, at));
    }

    @Override
    public int sweep(Instant now) {
        return plan.call("credentials.sweep", () -> delegate.sweep(now));
    }

    @Override
    public int deleteByRegistration(String tenantId, String registrationId) {
        return plan.call(
                "credentials.deleteByRegistration", () -> delegate.deleteByRegistration(tenantId, registrationId));
    }

    /** @return the current state of every credential ever stored and not swept, oldest first */
    List<Credential> all() {
        return inserted.stream()
                .flatMap(c -> delegate.findByHash(c.tenantId(), c.secretHash()).stream())
                .toList();
    }

    List<Credential> ofRegistration(String tenantId, String registrationId) {
        return delegate.findByRegistration(tenantId, registrationId);
    }
}
