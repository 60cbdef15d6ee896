package dev.authmd.core.store.memory;

import dev.authmd.spi.store.AssertionState;
import dev.authmd.spi.store.IssuedAssertion;
import dev.authmd.spi.store.IssuedAssertionStore;
import dev.authmd.spi.store.StoreException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link IssuedAssertionStore} in memory: the embedded default. Records are keyed by {@code (tenant, jti)}; an index
 * per registration serves {@link #retireByRegistration} and an index by expiry serves {@link #sweep}, so neither scans.
 * Retiring is a compare-and-set inside the key's atomic section. Holds at most {@link #DEFAULT_MAX_ENTRIES} records
 * (expired ones until swept); an insert beyond that fails with a {@link StoreException} rather than forget a live
 * record.
 *
 * <p>Thread-safe. Contents are lost on restart and not shared between replicas.
 */
public final class InMemoryIssuedAssertionStore implements IssuedAssertionStore {

    /** The default bound on records held. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

    private final IndexedRecords<IssuedAssertion> records;

    /** A store holding at most {@value #DEFAULT_MAX_ENTRIES} records. */
    public InMemoryIssuedAssertionStore() {
        this(DEFAULT_MAX_ENTRIES);
    }

    /**
     * A store with its own bound.
     *
     * @param maxEntries the most records held, expired ones included until swept; at least 1
     */
    public InMemoryIssuedAssertionStore(int maxEntries) {
        this.records = new IndexedRecords<>(
                maxEntries, "issued-assertion", IssuedAssertion::tenantId, IssuedAssertion::registrationId);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException when the store holds {@code maxEntries} records
     */
    @Override
    public boolean insert(IssuedAssertion assertion) {
        Objects.requireNonNull(assertion, "assertion cannot be null");
        if (assertion.state() != AssertionState.ACTIVE) {
            throw new IllegalArgumentException("a new record must be active");
        }
        return records.insert(assertion.jti(), assertion.expiresAt(), assertion);
    }

    @Override
    public Optional<IssuedAssertion> find(String tenantId, String jti) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(jti, "jti cannot be null");
        return Optional.ofNullable(records.get(tenantId, jti));
    }

    @Override
    public boolean retire(String tenantId, String jti, AssertionState next, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(jti, "jti cannot be null");
        requireRetired(next);
        Objects.requireNonNull(at, "at cannot be null");
        return retireOne(tenantId, jti, next, at);
    }

    @Override
    public int retireByRegistration(String tenantId, String registrationId, AssertionState next, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        requireRetired(next);
        Objects.requireNonNull(at, "at cannot be null");
        int retired = 0;
        for (String jti : records.idsOf(tenantId, registrationId)) {
            if (retireOne(tenantId, jti, next, at)) {
                retired++;
            }
        }
        return retired;
    }

    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        return records.sweep(now, null);
    }

    /** {@return the number of records held, expired ones included until swept} */
    public int size() {
        return records.size();
    }

    private boolean retireOne(String tenantId, String jti, AssertionState next, Instant at) {
        return records.update(
                tenantId,
                jti,
                current -> current.state() != AssertionState.ACTIVE
                        ? current
                        : new IssuedAssertion(
                                current.tenantId(),
                                current.jti(),
                                current.registrationId(),
                                current.issuedAt(),
                                current.expiresAt(),
                                next,
                                at));
    }

    private static void requireRetired(AssertionState next) {
        Objects.requireNonNull(next, "next cannot be null");
        if (next == AssertionState.ACTIVE) {
            throw new IllegalArgumentException("a record is retired to SUPERSEDED or REVOKED, never back to ACTIVE");
        }
    }

    @Override
    public String toString() {
        return "InMemoryIssuedAssertionStore[" + records.size() + " records]";
    }
}
