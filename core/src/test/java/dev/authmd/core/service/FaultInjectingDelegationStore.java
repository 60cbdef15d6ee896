package dev.authmd.core.service;

import dev.authmd.spi.store.Delegation;
import dev.authmd.spi.store.DelegationStore;
import java.util.List;
import java.util.Optional;

/** A {@link DelegationStore} decorator driven by a {@link FaultPlan}. */
final class FaultInjectingDelegationStore implements DelegationStore {

    private final DelegationStore delegate;
    private final FaultPlan plan;

    FaultInjectingDelegationStore(DelegationStore delegate, FaultPlan plan) {
        this.delegate = delegate;
        this.plan = plan;
    }

    @Override
    public boolean insert(Delegation delegation) {
        return plan.call("delegations.insert", () -> delegate.insert(delegation));
    }

    @Override
    public Optional<Delegation> find(String tenantId, String issuer, String subject) {
        return plan.call("delegations.find", () -> delegate.find(tenantId, issuer, subject));
    }

    @Override
    public boolean delete(String tenantId, String issuer, String subject) {
        return plan.call("delegations.delete", () -> delegate.delete(tenantId, issuer, subject));
    }

    @Override
    public List<Delegation> findByUser(String tenantId, String userId) {
        return plan.call("delegations.findByUser", () -> delegate.findByUser(tenantId, userId));
    }

    /** Test-side read that bypasses the plan. */
    Optional<Delegation> peek(String tenantId, String issuer, String subject) {
        return delegate.find(tenantId, issuer, subject);
    }
}
