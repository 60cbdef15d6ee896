package dev.authmd.core.store.memory;

import dev.authmd.spi.store.ClaimAttempt;
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStore;
import dev.authmd.spi.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default {@link RegistrationStore}: registrations in memory, lost on restart.
 *
 * <p><b>Lookups</b> are keyed and never scan: per tenant, a hash map by id (the record of truth), hash maps from claim
 * token hash and current attempt token hash to id, and sorted indexes by {@code (userId, createdAt, id)} and
 * {@code (issuer, subject, createdAt, id)} read as ranges (grouped by hash first, so comparisons are mostly int
 * compares); across tenants, a sorted index of the claimable registrations that have an expiry, by {@code (expiresAt,
 * tenant, id)}, so {@link #findDueForExpiry} reads only what is due.
 *
 * <p><b>Concurrency.</b> Reads take no lock. Writes to one registration are serialised by a striped monitor (no lock
 * object per record); within it a write adds the new index entries, then publishes the record, then removes the stale
 * entries. Indexes therefore always cover the published record, and every read checks what an index points at against
 * the record itself, so a reader sees either the whole old or the whole new state: a superseded attempt token is never
 * found once the update that replaced it returned, and a lost compare-and-set leaves no trace.
 *
 * <p>A terminal registration stays until the retention purge deletes it ({@link #delete}), found through a per-tenant
 * index by end instant ({@link #findEndedBefore}); memory follows the registrations that are live or inside retention.
 * Thread-safe.
 */
public final class InMemoryRegistrationStore implements RegistrationStore {

    private final ConcurrentHashMap<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<ExpiryKey> dueIndex = new ConcurrentSkipListSet<>();
    private final LockStripes locks = new LockStripes();

    /** Creates an empty store. */
    public InMemoryRegistrationStore() {}

    @Override
    public boolean insert(Registration registration) {
        Objects.requireNonNull(registration, "registration cannot be null");
        if (registration.version() != 0) {
            throw new IllegalArgumentException("a new registration must have version 0");
        }
        Tenant tenant = tenants.computeIfAbsent(registration.tenantId(), t -> new Tenant());
        synchronized (locks.of(registration.tenantId(), registration.id())) {
            if (tenant.byId.containsKey(registration.id())) {
                return false;
            }
            write(tenant, null, registration);
            return true;
        }
    }

    @Override
    public Optional<Registration> findById(String tenantId, String id) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(id, "id cannot be null");
        Tenant tenant = tenants.get(tenantId);
        return tenant == null ? Optional.empty() : Optional.ofNullable(tenant.byId.get(id));
    }

    @Override
    public Optional<Registration> findByClaimTokenHash(String tenantId, String claimTokenHash) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(claimTokenHash, "claimTokenHash cannot be null");
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return Optional.empty();
        }
        String id = tenant.byClaimTokenHash.get(claimTokenHash);
        Registration r = id == null ? null : tenant.byId.get(id);
        return r != null && claimTokenHash.equals(claimTokenHash(r)) ? Optional.of(r) : Optional.empty();
    }

    @Override
    public Optional<Registration> findByAttemptTokenHash(String tenantId, String attemptTokenHash) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(attemptTokenHash, "attemptTokenHash cannot be null");
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return Optional.empty();
        }
        String id = tenant.byAttemptTokenHash.get(attemptTokenHash);
        Registration r = id == null ? null : tenant.byId.get(id);
        return r != null && attemptTokenHash.equals(attemptTokenHash(r)) ? Optional.of(r) : Optional.empty();
    }

    @Override
    public boolean update(long expectedVersion, Registration next) {
        Objects.requireNonNull(next, "next cannot be null");
        if (next.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("next.version must be expectedVersion + 1");
        }
        Tenant tenant = tenants.get(next.tenantId());
        if (tenant == null) {
            return false;
        }
        synchronized (locks.of(next.tenantId(), next.id())) {
            Registration current = tenant.byId.get(next.id());
            if (current == null || current.version() != expectedVersion) {
                return false;
            }
            write(tenant, current, next);
            return true;
        }
    }

    @Override
    public List<Registration> findByDelegation(String tenantId, String issuer, String subject) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(issuer, "issuer cannot be null");
        Objects.requireNonNull(subject, "subject cannot be null");
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return List.of();
        }
        List<Registration> found = new ArrayList<>();
        for (DelegationKey k : tenant.byDelegation.tailSet(new DelegationKey(issuer, subject, Instant.MIN, ""))) {
            if (!k.issuer.equals(issuer) || !k.subject.equals(subject)) {
                break;
            }
            Registration r = tenant.byId.get(k.id);
            if (r != null && k.equals(delegationKey(r))) {
                found.add(r);
            }
        }
        return Collections.unmodifiableList(found);
    }

    @Override
    public List<Registration> findByTenant(String tenantId, @Nullable String afterId, int limit) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return List.of();
        }
        List<Registration> found = new ArrayList<>();
        for (String id : afterId == null ? tenant.ids : tenant.ids.tailSet(afterId, false)) {
            Registration r = tenant.byId.get(id);
            if (r != null) {
                found.add(r);
                if (found.size() == limit) {
                    break;
                }
            }
        }
        return Collections.unmodifiableList(found);
    }

    @Override
    public List<Registration> findByUser(String tenantId, String userId) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(userId, "userId cannot be null");
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return List.of();
        }
        List<Registration> found = new ArrayList<>();
        for (UserKey k : tenant.byUser.tailSet(new UserKey(userId, Instant.MIN, ""))) {
            if (!k.userId.equals(userId)) {
                break;
            }
            Registration r = tenant.byId.get(k.id);
            if (r != null && k.equals(userKey(r))) {
                found.add(r);
            }
        }
        return Collections.unmodifiableList(found);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the expiry index from its soonest entry and stops at the first one after {@code now}; results come
     * soonest expiry first.
     */
    @Override
    public List<Registration> findDueForExpiry(Instant now, int limit) {
        Objects.requireNonNull(now, "now cannot be null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<Registration> due = new ArrayList<>(Math.min(limit, 64));
        for (ExpiryKey k : dueIndex) {
            if (due.size() == limit || k.expiresAt.isAfter(now)) {
                break;
            }
            Tenant tenant = tenants.get(k.tenantId);
            Registration r = tenant == null ? null : tenant.byId.get(k.id);
            if (r != null && r.isDueForExpiry(now) && k.equals(expiryKey(r))) {
                due.add(r);
            }
        }
        return Collections.unmodifiableList(due);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the end index from its earliest entry and stops at the first one after {@code endedBefore}.
     */
    @Override
    public List<Registration> findEndedBefore(String tenantId, Instant endedBefore, int limit) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(endedBefore, "endedBefore cannot be null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return List.of();
        }
        List<Registration> ended = new ArrayList<>(Math.min(limit, 64));
        for (ExpiryKey k : tenant.ended) {
            if (ended.size() == limit || k.expiresAt.isAfter(endedBefore)) {
                break;
            }
            Registration r = tenant.byId.get(k.id);
            if (r != null && k.equals(endedKey(r))) {
                ended.add(r);
            }
        }
        return Collections.unmodifiableList(ended);
    }

    @Override
    public boolean delete(String tenantId, String id, long expectedVersion) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(id, "id cannot be null");
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return false;
        }
        synchronized (locks.of(tenantId, id)) {
            Registration current = tenant.byId.get(id);
            if (current == null
                    || current.version() != expectedVersion
                    || !current.status().isTerminal()) {
                return false;
            }
            tenant.byId.remove(id);
            tenant.ids.remove(id);
            String claim = claimTokenHash(current);
            if (claim != null) {
                tenant.byClaimTokenHash.remove(claim, id);
            }
            String attempt = attemptTokenHash(current);
            if (attempt != null) {
                tenant.byAttemptTokenHash.remove(attempt, id);
            }
            UserKey user = userKey(current);
            if (user != null) {
                tenant.byUser.remove(user);
            }
            DelegationKey delegation = delegationKey(current);
            if (delegation != null) {
                tenant.byDelegation.remove(delegation);
            }
            ExpiryKey ended = endedKey(current);
            if (ended != null) {
                tenant.ended.remove(ended);
            }
            return true;
        }
    }

    /**
     * Replaces {@code current} (null on insert) by {@code next}: adds next's index entries, publishes it, then drops
     * current's stale entries. Caller holds the record's stripe.
     *
     * @throws StoreException when a token hash of {@code next} belongs to another registration; nothing is changed then
     */
    private void write(Tenant tenant, @Nullable Registration current, Registration next) {
        String id = next.id();
        String oldClaim = current == null ? null : claimTokenHash(current);
        String newClaim = claimTokenHash(next);
        String oldAttempt = current == null ? null : attemptTokenHash(current);
        String newAttempt = attemptTokenHash(next);
        UserKey oldUser = current == null ? null : userKey(current);
        UserKey newUser = userKey(next);
        DelegationKey oldDelegation = current == null ? null : delegationKey(current);
        DelegationKey newDelegation = delegationKey(next);
        ExpiryKey oldExpiry = current == null ? null : expiryKey(current);
        ExpiryKey newExpiry = expiryKey(next);
        ExpiryKey oldEnded = current == null ? null : endedKey(current);
        ExpiryKey newEnded = endedKey(next);

        boolean claimAdded = addHash(tenant.byClaimTokenHash, newClaim, id);
        try {
            addHash(tenant.byAttemptTokenHash, newAttempt, id);
        } catch (StoreException e) {
            if (claimAdded) {
                tenant.byClaimTokenHash.remove(newClaim, id);
            }
            throw e;
        }
        if (newUser != null) {
            tenant.byUser.add(newUser);
        }
        if (newDelegation != null) {
            tenant.byDelegation.add(newDelegation);
        }
        if (newExpiry != null) {
            dueIndex.add(newExpiry);
        }
        if (newEnded != null) {
            tenant.ended.add(newEnded);
        }
        if (current == null) {
            tenant.ids.add(id);
        }

        tenant.byId.put(id, next);

        if (oldClaim != null && !oldClaim.equals(newClaim)) {
            tenant.byClaimTokenHash.remove(oldClaim, id);
        }
        if (oldAttempt != null && !oldAttempt.equals(newAttempt)) {
            tenant.byAttemptTokenHash.remove(oldAttempt, id);
        }
        if (oldUser != null && !oldUser.equals(newUser)) {
            tenant.byUser.remove(oldUser);
        }
        if (oldDelegation != null && !oldDelegation.equals(newDelegation)) {
            tenant.byDelegation.remove(oldDelegation);
        }
        if (oldExpiry != null && !oldExpiry.equals(newExpiry)) {
            dueIndex.remove(oldExpiry);
        }
        if (oldEnded != null && !oldEnded.equals(newEnded)) {
            tenant.ended.remove(oldEnded);
        }
    }

    /**
     * Points {@code hash} (may be null: nothing to do) at {@code id}.
     *
     * @return whether an entry was added by this call
     * @throws StoreException when the hash already belongs to another registration
     */
    private static boolean addHash(ConcurrentHashMap<String, String> index, @Nullable String hash, String id) {
        if (hash == null) {
            return false;
        }
        String holder = index.putIfAbsent(hash, id);
        if (holder != null && !holder.equals(id)) {
            throw new StoreException("token hash already belongs to another registration of the tenant");
        }
        return holder == null;
    }

    private static @Nullable String claimTokenHash(Registration r) {
        ClaimState claim = r.claim().orElse(null);
        return claim == null ? null : claim.claimTokenHash();
    }

    private static @Nullable String attemptTokenHash(Registration r) {
        ClaimState claim = r.claim().orElse(null);
        ClaimAttempt attempt = claim == null ? null : claim.attempt();
        return attempt == null ? null : attempt.tokenHash();
    }

    private static @Nullable UserKey userKey(Registration r) {
        String userId = r.userId().orElse(null);
        return userId == null ? null : new UserKey(userId, r.createdAt(), r.id());
    }

    private static @Nullable DelegationKey delegationKey(Registration r) {
        String issuer = r.issuer().orElse(null);
        return issuer == null ? null : new DelegationKey(issuer, r.subject().orElseThrow(), r.createdAt(), r.id());
    }

    private static @Nullable ExpiryKey expiryKey(Registration r) {
        Instant expiresAt = r.expiresAt().orElse(null);
        return expiresAt == null || !r.status().isClaimable() ? null : new ExpiryKey(expiresAt, r.tenantId(), r.id());
    }

    private static @Nullable ExpiryKey endedKey(Registration r) {
        Instant endedAt = r.endedAt().orElse(null);
        return endedAt == null ? null : new ExpiryKey(endedAt, r.tenantId(), r.id());
    }

    /** One tenant's records and indexes; tenants never see each other's maps. */
    private static final class Tenant {
        final ConcurrentHashMap<String, Registration> byId = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, String> byClaimTokenHash = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, String> byAttemptTokenHash = new ConcurrentHashMap<>();
        final ConcurrentSkipListSet<UserKey> byUser = new ConcurrentSkipListSet<>();
        final ConcurrentSkipListSet<DelegationKey> byDelegation = new ConcurrentSkipListSet<>();
        final ConcurrentSkipListSet<String> ids = new ConcurrentSkipListSet<>();
        /** Terminal registrations by end instant: what the retention purge reads. */
        final ConcurrentSkipListSet<ExpiryKey> ended = new ConcurrentSkipListSet<>();
    }

    /**
     * Groups a user's registrations, oldest first. Keys order by the user id's hash first: lookups are by exact user,
     * so a group only needs to be contiguous, and most comparisons stop at an int instead of walking shared string
     * prefixes.
     */
    private record UserKey(int group, String userId, Instant createdAt, String id) implements Comparable<UserKey> {
        UserKey(String userId, Instant createdAt, String id) {
            this(userId.hashCode(), userId, createdAt, id);
        }

        @Override
        public int compareTo(UserKey o) {
            int c = Integer.compare(group, o.group);
            if (c == 0) {
                c = userId.compareTo(o.userId);
            }
            if (c == 0) {
                c = createdAt.compareTo(o.createdAt);
            }
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    /**
     * Groups a delegation's registrations, oldest first; ordered by the pair's hash first, like {@link UserKey} (every
     * registration of one provider shares the long issuer string).
     */
    private record DelegationKey(int group, String issuer, String subject, Instant createdAt, String id)
            implements Comparable<DelegationKey> {
        DelegationKey(String issuer, String subject, Instant createdAt, String id) {
            this(31 * issuer.hashCode() + subject.hashCode(), issuer, subject, createdAt, id);
        }

        @Override
        public int compareTo(DelegationKey o) {
            int c = Integer.compare(group, o.group);
            if (c == 0) {
                c = subject.compareTo(o.subject);
            }
            if (c == 0) {
                c = issuer.compareTo(o.issuer);
            }
            if (c == 0) {
                c = createdAt.compareTo(o.createdAt);
            }
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    /**
     * Orders registrations by an instant, then tenant and id, across tenants: the claimable ones by expiry, the
     * terminal ones by end.
     */
    private record ExpiryKey(Instant expiresAt, String tenantId, String id) implements Comparable<ExpiryKey> {
        @Override
        public int compareTo(ExpiryKey o) {
            int c = expiresAt.compareTo(o.expiresAt);
            if (c == 0) {
                c = tenantId.compareTo(o.tenantId);
            }
            return c != 0 ? c : id.compareTo(o.id);
        }
    }
}
