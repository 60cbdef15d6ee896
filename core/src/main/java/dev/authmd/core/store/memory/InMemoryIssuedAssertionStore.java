package dev.authmd.core.store.memory;

import dev.authmd.spi.store.AssertionState;
import dev.authmd.spi.store.IssuedAssertion;
import dev.authmd.spi.store.IssuedAssertionStore;
import dev.authmd.spi.store.StoreException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link IssuedAssertionStore} in memory: the embedded default. Records are keyed by {@code (tenant, jti)}; an index
 * per registration serves {@link #retireByRegistration} and an index by expiry serves {@link #sweep}, so neither scans.
 * Retiring is a compare-and-set inside the key's atomic section of a {@link ConcurrentHashMap}. Holds at most
 * {@link #DEFAULT_MAX_ENTRIES} records (expired ones until swept); an insert beyond that fails with a
 * {@link StoreException} rather than forget a live record.
 *
 * <p>Thread-safe. Contents are lost on restart and not shared between replicas.
 */
public final class InMemoryIssuedAssertionStore implements IssuedAssertionStore {

    /** The default bound on records held. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

    private final ConcurrentHashMap<String, IssuedAssertion> records = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> byRegistration = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Due> byExpiry = new ConcurrentSkipListSet<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int maxEntries;

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
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
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
        String key = key(assertion.tenantId(), assertion.jti());
        boolean[] inserted = {false};
        records.computeIfAbsent(key, k -> {
            if (!reserveSlot()) {
                throw new StoreException(
                        "the issued-assertion store is full (" + maxEntries + " records); sweep expired ones");
            }
            inserted[0] = true;
            byRegistration
                    .computeIfAbsent(
                            key(assertion.tenantId(), assertion.registrationId()), r -> ConcurrentHashMap.newKeySet())
                    .add(assertion.jti());
            byExpiry.add(new Due(assertion.expiresAt(), k));
            return assertion;
        });
        return inserted[0];
    }

    @Override
    public Optional<IssuedAssertion> find(String tenantId, String jti) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(jti, "jti cannot be null");
        return Optional.ofNullable(records.get(key(tenantId, jti)));
    }

    @Override
    public boolean retire(String tenantId, String jti, AssertionState next, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(jti, "jti cannot be null");
        requireRetired(next);
        Objects.requireNonNull(at, "at cannot be null");
        return retireKey(key(tenantId, jti), next, at);
    }

    @Override
    public int retireByRegistration(String tenantId, String registrationId, AssertionState next, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        requireRetired(next);
        Objects.requireNonNull(at, "at cannot be null");
        Set<String> jtis = byRegistration.get(key(tenantId, registrationId));
        if (jtis == null) {
            return 0;
        }
        int retired = 0;
        for (String jti : jtis) {
            if (retireKey(key(tenantId, jti), next, at)) {
                retired++;
            }
        }
        return retired;
    }

    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        int removed = 0;
        for (Iterator<Due> it = byExpiry.iterator(); it.hasNext(); ) {
            Due due = it.next();
            if (due.at.isAfter(now)) {
                break;
            }
            byExpiry.remove(due);
            IssuedAssertion gone = records.remove(due.key);
            if (gone != null) {
                size.decrementAndGet();
                removed++;
                String registration = key(gone.tenantId(), gone.registrationId());
                byRegistration.computeIfPresent(registration, (r, jtis) -> {
                    jtis.remove(gone.jti());
                    return jtis.isEmpty() ? null : jtis;
                });
            }
        }
        return removed;
    }

    /** {@return the number of records held, expired ones included until swept} */
    public int size() {
        return size.get();
    }

    private boolean retireKey(String key, AssertionState next, Instant at) {
        boolean[] retired = {false};
        records.computeIfPresent(key, (k, current) -> {
            if (current.state() != AssertionState.ACTIVE) {
                return current;
            }
            retired[0] = true;
            return new IssuedAssertion(
                    current.tenantId(),
                    current.jti(),
                    current.registrationId(),
                    current.issuedAt(),
                    current.expiresAt(),
                    next,
                    at);
        });
        return retired[0];
    }

    private static void requireRetired(AssertionState next) {
        Objects.requireNonNull(next, "next cannot be null");
        if (next == AssertionState.ACTIVE) {
            throw new IllegalArgumentException("a record is retired to SUPERSEDED or REVOKED, never back to ACTIVE");
        }
    }

    private boolean reserveSlot() {
        int current;
        do {
            current = size.get();
            if (current >= maxEntries) {
                return false;
            }
        } while (!size.compareAndSet(current, current + 1));
        return true;
    }

    private static String key(String tenantId, String id) {
        return tenantId.length() + ":" + tenantId + ":" + id;
    }

    /** An expiry index entry, ordered by instant then key. */
    private record Due(Instant at, String key) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    @Override
    public String toString() {
        return "InMemoryIssuedAssertionStore[" + size.get() + " records]";
    }
}
