package dev.authmd.core.store.memory;

import dev.authmd.spi.store.Delegation;
import dev.authmd.spi.store.DelegationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The embedded default {@link DelegationStore}: links in memory, lost on restart.
 *
 * <p>Per tenant, a hash map by {@code (iss, sub)} holds the links and a sorted index by {@code (userId, createdAt, iss,
 * sub)} answers {@link #findByUser} as a range read, oldest first. Reads take no lock; writes to one pair are
 * serialised by a striped monitor, add the index entry before publishing a link and remove it after deleting one, and
 * reads check index entries against the link. Deleted links free their memory. Thread-safe.
 */
public final class InMemoryDelegationStore implements DelegationStore {

    private final ConcurrentHashMap<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final LockStripes locks = new LockStripes();

    /** Creates an empty store. */
    public InMemoryDelegationStore() {}

    @Override
    public boolean insert(Delegation delegation) {
        Objects.requireNonNull(delegation, "delegation cannot be null");
        Tenant tenant = tenants.computeIfAbsent(delegation.tenantId(), t -> new Tenant());
        PairKey pair = new PairKey(delegation.issuer(), delegation.subject());
        synchronized (locks.of(delegation.tenantId(), delegation.subject())) {
            if (tenant.byPair.containsKey(pair)) {
                return false;
            }
            tenant.byUser.add(userKey(delegation));
            tenant.byPair.put(pair, delegation);
            return true;
        }
    }

    @Override
    public Optional<Delegation> find(String tenantId, String issuer, String subject) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(issuer, "issuer cannot be null");
        Objects.requireNonNull(subject, "subject cannot be null");
        Tenant tenant = tenants.get(tenantId);
        return tenant == null ? Optional.empty() : Optional.ofNullable(tenant.byPair.get(new PairKey(issuer, subject)));
    }

    @Override
    public boolean delete(String tenantId, String issuer, String subject) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(issuer, "issuer cannot be null");
        Objects.requireNonNull(subject, "subject cannot be null");
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return false;
        }
        synchronized (locks.of(tenantId, subject)) {
            Delegation removed = tenant.byPair.remove(new PairKey(issuer, subject));
            if (removed == null) {
                return false;
            }
            tenant.byUser.remove(userKey(removed));
            return true;
        }
    }

    @Override
    public List<Delegation> findByUser(String tenantId, String userId) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(userId, "userId cannot be null");
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return List.of();
        }
        List<Delegation> found = new ArrayList<>();
        for (UserKey k : tenant.byUser.tailSet(new UserKey(userId, Instant.MIN, "", ""))) {
            if (!k.userId.equals(userId)) {
                break;
            }
            Delegation d = tenant.byPair.get(new PairKey(k.issuer, k.subject));
            if (d != null && k.equals(userKey(d))) {
                found.add(d);
            }
        }
        return Collections.unmodifiableList(found);
    }

    private static UserKey userKey(Delegation d) {
        return new UserKey(d.userId(), d.createdAt(), d.issuer(), d.subject());
    }

    /** One tenant's links and index; tenants never see each other's maps. */
    private static final class Tenant {
        final ConcurrentHashMap<PairKey, Delegation> byPair = new ConcurrentHashMap<>();
        final ConcurrentSkipListSet<UserKey> byUser = new ConcurrentSkipListSet<>();
    }

    /** A provider user. */
    private record PairKey(String issuer, String subject) {}

    /** Orders a user's links oldest first, then by issuer and subject. */
    private record UserKey(int group, String userId, Instant createdAt, String issuer, String subject)
            implements Comparable<UserKey> {
        UserKey(String userId, Instant createdAt, String issuer, String subject) {
            this(userId.hashCode(), userId, createdAt, issuer, subject);
        }

        @Override
        public int compareTo(UserKey o) {
            // the user id's hash first: lookups are by exact user, a group only needs to be contiguous
            int c = Integer.compare(group, o.group);
            if (c == 0) {
                c = userId.compareTo(o.userId);
            }
            if (c == 0) {
                c = createdAt.compareTo(o.createdAt);
            }
            if (c == 0) {
                c = issuer.compareTo(o.issuer);
            }
            return c != 0 ? c : subject.compareTo(o.subject);
        }
    }
}
