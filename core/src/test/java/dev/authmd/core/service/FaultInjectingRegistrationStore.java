package dev.authmd.core.service;

import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A {@link RegistrationStore} decorator driven by a {@link FaultPlan}. */
final class FaultInjectingRegistrationStore implements RegistrationStore {

    private final RegistrationStore delegate;
    private final FaultPlan plan;

    FaultInjectingRegistrationStore(RegistrationStore delegate, FaultPlan plan) {
        this.delegate = delegate;
        this.plan = plan;
    }

    @Override
    public boolean insert(Registration registration) {
        return plan.call("registrations.insert", () -> delegate.insert(registration));
    }

    @Override
    public Optional<Registration> findById(String tenantId, String id) {
        return plan.call("registrations.findById", () -> delegate.findById(tenantId, id));
    }

    @Override
    public Optional<Registration> findByClaimTokenHash(String tenantId, String claimTokenHash) {
        return plan.call(
                "registrations.findByClaimTokenHash", () -> delegate.findByClaimTokenHash(tenantId, claimTokenHash));
    }

    @Override
    public Optional<Registration> findByAttemptTokenHash(String tenantId, String attemptTokenHash) {
        return plan.call(
                "registrations.findByAttemptTokenHash",
                () -> delegate.findByAttemptTokenHash(tenantId, attemptTokenHash));
    }

    @Override
    public boolean update(long expectedVersion, Registration next) {
        return plan.call("registrations.update", () -> delegate.update(expectedVersion, next));
    }

    @Override
    public List<Registration> findByDelegation(String tenantId, String issuer, String subject) {
        return plan.call("registrations.findByDelegation", () -> delegate.findByDelegation(tenantId, issuer, subject));
    }

    @Override
    public List<Registration> findByUser(String tenantId, String userId) {
        return plan.call("registrations.findByUser", () -> delegate.findByUser(tenantId, userId));
    }

    @Override
    public List<Registration> findByTenant(String tenantId, String afterId, int limit) {
        return plan.call("registrations.findByTenant", () -> delegate.findByTenant(tenantId, afterId, limit));
    }

    @Override
    public List<Registration> findDueForExpiry(Instant now, int limit) {
        return plan.call("registrations.findDueForExpiry", () -> delegate.findDueForExpiry(now, limit));
    }

    @Override
    public List<Registration> findEndedBefore(String tenantId, Instant endedBefore, int limit) {
        return plan.call("registrations.findEndedBefore", () -> delegate.findEndedBefore(tenantId, endedBefore, limit));
    }

    @Override
    public boolean delete(String tenantId, String id, long expectedVersion) {
        return plan.call("registrations.delete", () -> delegate.delete(tenantId, id, expectedVersion));
    }

    /** Test-side read that bypasses the plan. */
    RegistrationStore unfaulted() {
        return delegate;
    }
}
