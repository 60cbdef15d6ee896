package dev.authmd.core.store.memory;

import dev.authmd.spi.store.Credential;
import dev.authmd.spi.store.CredentialStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The embedded default {@link CredentialStore}: credentials in memory, lost on restart.
 *
 * <p><b>Lookups.</b> Per tenant, the record of truth is a hash map from secret hash to credential, so
 * {@link #findByHash} — the hot path of every authenticated call — is one map read. An id index (id → secret hash)
 * enforces unique ids, and a sorted index by {@code (registrationId, issuedAt, id)} answers {@link #findByRegistration}
 * and {@link #revokeByRegistration} as a range read, oldest first.
 *
 * <p><b>Concurrency.</b> Reads take no lock. Writes are serialised per registration by a striped monitor (a credential
 * never changes registration), which makes {@link #revokeByRegistration} atomic with respect to inserts and updates of
 * that registration's credentials; readers may observe it credential by credential. Uniqueness of id and secret hash
 * across registrations is decided by atomic put-if-absent. Index entries are added before the record is published and
 * removed after, and reads check them against the record.
 *
 * <p>Expired credentials (access tokens) are removed by {@link #sweep}, found through an expiry index; API keys never
 * expire and stay until their registration is purged ({@link #deleteByRegistration}). Thread-safe.
 */
public final class InMemoryCredentialStore implements CredentialStore {

    private final ConcurrentHashMap<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final LockStripes locks = new LockStripes();
    /** Credentials with an expiry, soonest first, across tenants: {@link #sweep} reads only what is due. */
    private final ConcurrentSkipListSet<ExpiryKey> byExpiry = new ConcurrentSkipListSet<>();

    /** Creates an empty store. */
    public InMemoryCredentialStore() {}

    @Override
    public boolean insert(Credential credential) {
        Objects.requireNonNull(credential, "credential cannot be null");
        if (credential.version() != 0) {
            throw new IllegalArgumentException("a new credential must have version 0");
        }
        Tenant tenant = tenants.computeIfAbsent(credential.tenantId(), t -> new Tenant());
        String hash = credential.secretHash();
        synchronized (locks.of(credential.tenantId(), credential.registrationId())) {
            if (tenant.byHash.containsKey(hash) || tenant.hashById.putIfAbsent(credential.id(), hash) != null) {
                return false;
            }
            RegistrationKey key = registrationKey(credential);
            tenant.byRegistration.put(key, hash);
            if (tenant.byHash.putIfAbsent(hash, credential) != null) {
                tenant.byRegistration.remove(key, hash);
                tenant.hashById.remove(credential.id(), hash);
                return false;
            }
            credential.expiry().ifPresent(at -> byExpiry.add(expiryKey(credential, at)));
            return true;
        }
    }

    @Override
    public Optional<Credential> findByHash(String tenantId, String secretHash) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(secretHash, "secretHash cannot be null");
        Tenant tenant = tenants.get(tenantId);
        return tenant == null ? Optional.empty() : Optional.ofNullable(tenant.byHash.get(secretHash));
    }

    @Override
    public List<Credential> findByRegistration(String tenantId, String registrationId) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return List.of();
        }
        List<Credential> found = new ArrayList<>();
        for (Map.Entry<RegistrationKey, String> e :
                range(tenant, registrationId).entrySet()) {
            Credential c = tenant.byHash.get(e.getValue());
            if (c != null && e.getKey().equals(registrationKey(c))) {
                found.add(c);
            }
        }
        return Collections.unmodifiableList(found);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The credential is looked up by {@code next}'s secret hash; it must also have {@code next}'s id and
     * registration id.
     */
    @Override
    public boolean update(long expectedVersion, Credential next) {
        Objects.requireNonNull(next, "next cannot be null");
        if (next.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("next.version must be expectedVersion + 1");
        }
        Tenant tenant = tenants.get(next.tenantId());
        if (tenant == null) {
            return false;
        }
        synchronized (locks.of(next.tenantId(), next.registrationId())) {
            Credential current = tenant.byHash.get(next.secretHash());
            if (current == null
                    || current.version() != expectedVersion
                    || !current.id().equals(next.id())
                    || !current.registrationId().equals(next.registrationId())) {
                return false;
            }
            write(tenant, current, next);
            return true;
        }
    }

    @Override
    public int revokeByRegistration(String tenantId, String registrationId, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return 0;
        }
        int revoked = 0;
        synchronized (locks.of(tenantId, registrationId)) {
            for (String hash : new ArrayList<>(range(tenant, registrationId).values())) {
                Credential c = tenant.byHash.get(hash);
                if (c != null && c.registrationId().equals(registrationId) && c.revokedAt() == null) {
                    write(tenant, c, c.revoked(at));
                    revoked++;
                }
            }
        }
        return revoked;
    }

    @Override
    public int deleteByRegistration(String tenantId, String registrationId) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return 0;
        }
        int deleted = 0;
        synchronized (locks.of(tenantId, registrationId)) {
            for (Map.Entry<RegistrationKey, String> e :
                    new ArrayList<>(range(tenant, registrationId).entrySet())) {
                Credential c = tenant.byHash.get(e.getValue());
                if (c != null && c.registrationId().equals(registrationId) && tenant.byHash.remove(e.getValue(), c)) {
                    tenant.hashById.remove(c.id(), e.getValue());
                    c.expiry().ifPresent(at -> byExpiry.remove(expiryKey(c, at)));
                    deleted++;
                }
                tenant.byRegistration.remove(e.getKey(), e.getValue());
            }
        }
        return deleted;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads only the due entries of an expiry index; each removal takes its registration's stripe, so it never
     * interleaves with an update of that credential.
     */
    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        int removed = 0;
        for (ExpiryKey key : byExpiry.headSet(new ExpiryKey(now, "\uffff", "", ""), true)) {
            Tenant tenant = tenants.get(key.tenantId());
            if (tenant != null) {
                synchronized (locks.of(key.tenantId(), key.registrationId())) {
                    Credential c = tenant.byHash.get(key.secretHash());
                    if (c != null && c.expiry().filter(at -> !at.isAfter(now)).isPresent()) {
                        tenant.byHash.remove(key.secretHash(), c);
                        tenant.hashById.remove(c.id(), key.secretHash());
                        tenant.byRegistration.remove(registrationKey(c), key.secretHash());
                        removed++;
                    }
                }
            }
            byExpiry.remove(key);
        }
        return removed;
    }

    private static ExpiryKey expiryKey(Credential c, Instant expiresAt) {
        return new ExpiryKey(expiresAt, c.tenantId(), c.registrationId(), c.secretHash());
    }

    /** Orders credentials soonest expiry first, across tenants. */
    private record ExpiryKey(Instant expiresAt, String tenantId, String registrationId, String secretHash)
            implements Comparable<ExpiryKey> {
        @Override
        public int compareTo(ExpiryKey o) {
            int c = expiresAt.compareTo(o.expiresAt);
            if (c == 0) {
                c = tenantId.compareTo(o.tenantId);
            }
            if (c == 0) {
                c = registrationId.compareTo(o.registrationId);
            }
            return c != 0 ? c : secretHash.compareTo(o.secretHash);
        }
    }

    /** Replaces {@code current} by {@code next}; caller holds the registration's stripe. */
    private static void write(Tenant tenant, Credential current, Credential next) {
        RegistrationKey oldKey = registrationKey(current);
        RegistrationKey newKey = registrationKey(next);
        if (!newKey.equals(oldKey)) {
            tenant.byRegistration.put(newKey, next.secretHash());
        }
        tenant.byHash.put(next.secretHash(), next);
        if (!newKey.equals(oldKey)) {
            tenant.byRegistration.remove(oldKey, current.secretHash());
        }
    }

    /**
     * Returns the index entries of one registration: from its smallest possible key up to, not including, the smallest
     * key of the next registration id in string order, which is the id followed by U+0000.
     *
     * @return the index entries of one registration: from its smallest possible key up to, not including, the smallest
     *     key of the next registration id in string order, which is the id followed by U+0000
     */
    private static ConcurrentNavigableMap<RegistrationKey, String> range(Tenant tenant, String registrationId) {
        return tenant.byRegistration.subMap(
                new RegistrationKey(registrationId, Instant.MIN, ""),
                true,
                new RegistrationKey(registrationId + '\0', Instant.MIN, ""),
                false);
    }

    private static RegistrationKey registrationKey(Credential c) {
        return new RegistrationKey(c.registrationId(), c.issuedAt(), c.id());
    }

    /** One tenant's records and indexes; tenants never see each other's maps. */
    private static final class Tenant {
        final ConcurrentHashMap<String, Credential> byHash = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, String> hashById = new ConcurrentHashMap<>();
        final ConcurrentSkipListMap<RegistrationKey, String> byRegistration = new ConcurrentSkipListMap<>();
    }

    /** Orders a registration's credentials oldest first. */
    private record RegistrationKey(String registrationId, Instant issuedAt, String id)
            implements Comparable<RegistrationKey> {
        @Override
        public int compareTo(RegistrationKey o) {
            int c = registrationId.compareTo(o.registrationId);
            if (c == 0) {
                c = issuedAt.compareTo(o.issuedAt);
            }
            return c != 0 ? c : id.compareTo(o.id);
        }
    }
}
