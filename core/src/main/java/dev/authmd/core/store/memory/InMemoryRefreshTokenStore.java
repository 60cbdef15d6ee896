package dev.authmd.core.store.memory;

import dev.authmd.spi.store.RefreshToken;
import dev.authmd.spi.store.RefreshTokenState;
import dev.authmd.spi.store.RefreshTokenStore;
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
 * {@link RefreshTokenStore} in memory: the embedded default. Tokens are keyed by {@code (tenant, tokenHash)}, indexed
 * by registration (for revocation) and by expiry (for the sweep), so nothing scans. Every change to a registration's
 * tokens — a rotation, a revocation — runs under that registration's lock stripe, so a revocation racing a rotation
 * revokes the successor too, and of two rotations of one token exactly one stores a successor. Bounded like the other
 * in-memory stores.
 *
 * <p>Thread-safe. Contents are lost on restart and not shared between replicas.
 */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {

    /** The default bound on tokens held. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

    private final ConcurrentHashMap<String, RefreshToken> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> byRegistration = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Due> byExpiry = new ConcurrentSkipListSet<>();
    private final LockStripes locks = new LockStripes();
    private final AtomicInteger size = new AtomicInteger();
    private final int maxEntries;

    /** A store holding at most {@value #DEFAULT_MAX_ENTRIES} tokens. */
    public InMemoryRefreshTokenStore() {
        this(DEFAULT_MAX_ENTRIES);
    }

    /**
     * A store with its own bound.
     *
     * @param maxEntries the most tokens held, expired ones included until swept; at least 1
     */
    public InMemoryRefreshTokenStore(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException when the store holds {@code maxEntries} tokens
     */
    @Override
    public boolean insert(RefreshToken token) {
        Objects.requireNonNull(token, "token cannot be null");
        if (token.state() != RefreshTokenState.ACTIVE) {
            throw new IllegalArgumentException("a new token must be active");
        }
        synchronized (locks.of(token.tenantId(), token.registrationId())) {
            return store(token);
        }
    }

    @Override
    public Optional<RefreshToken> findByHash(String tenantId, String tokenHash) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(tokenHash, "tokenHash cannot be null");
        return Optional.ofNullable(tokens.get(key(tenantId, tokenHash)));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException when the store holds {@code maxEntries} tokens
     */
    @Override
    public boolean rotate(String tenantId, String spentHash, RefreshToken successor, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(spentHash, "spentHash cannot be null");
        Objects.requireNonNull(successor, "successor cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
        if (successor.state() != RefreshTokenState.ACTIVE
                || !successor.tenantId().equals(tenantId)) {
            throw new IllegalArgumentException("the successor must be an active token of the same tenant");
        }
        synchronized (locks.of(tenantId, successor.registrationId())) {
            RefreshToken spent = tokens.get(key(tenantId, spentHash));
            if (spent == null || spent.state() != RefreshTokenState.ACTIVE) {
                return false;
            }
            if (!spent.familyId().equals(successor.familyId())
                    || !spent.registrationId().equals(successor.registrationId())
                    || successor.generation() != spent.generation() + 1) {
                throw new IllegalArgumentException(
                        "the successor must continue the spent token's family and registration at the next generation");
            }
            if (tokens.containsKey(key(tenantId, successor.tokenHash()))) {
                return false;
            }
            if (!store(successor)) {
                return false;
            }
            tokens.put(
                    key(tenantId, spentHash),
                    new RefreshToken(
                            spent.tenantId(),
                            spent.tokenHash(),
                            spent.familyId(),
                            spent.registrationId(),
                            spent.generation(),
                            spent.issuedAt(),
                            spent.expiresAt(),
                            RefreshTokenState.SPENT,
                            at,
                            successor.tokenHash()));
            return true;
        }
    }

    @Override
    public int revokeByRegistration(String tenantId, String registrationId, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
        synchronized (locks.of(tenantId, registrationId)) {
            Set<String> hashes = byRegistration.get(key(tenantId, registrationId));
            if (hashes == null) {
                return 0;
            }
            int revoked = 0;
            for (String hash : hashes) {
                String k = key(tenantId, hash);
                RefreshToken token = tokens.get(k);
                if (token != null && token.state() != RefreshTokenState.REVOKED) {
                    tokens.put(
                            k,
                            new RefreshToken(
                                    token.tenantId(),
                                    token.tokenHash(),
                                    token.familyId(),
                                    token.registrationId(),
                                    token.generation(),
                                    token.issuedAt(),
                                    token.expiresAt(),
                                    RefreshTokenState.REVOKED,
                                    null,
                                    null));
                    revoked++;
                }
            }
            return revoked;
        }
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
            RefreshToken token = tokens.get(due.key);
            if (token == null) {
                continue;
            }
            synchronized (locks.of(token.tenantId(), token.registrationId())) {
                if (tokens.remove(due.key) != null) {
                    size.decrementAndGet();
                    removed++;
                    byRegistration.computeIfPresent(key(token.tenantId(), token.registrationId()), (r, hashes) -> {
                        hashes.remove(token.tokenHash());
                        return hashes.isEmpty() ? null : hashes;
                    });
                }
            }
        }
        return removed;
    }

    /** {@return the number of tokens held, expired ones included until swept} */
    public int size() {
        return size.get();
    }

    /** Stores a new token under its registration's lock; false when its hash is taken. */
    private boolean store(RefreshToken token) {
        String k = key(token.tenantId(), token.tokenHash());
        if (tokens.containsKey(k)) {
            return false;
        }
        if (!reserveSlot()) {
            throw new StoreException("the refresh-token store is full (" + maxEntries + " tokens); sweep expired ones");
        }
        if (tokens.putIfAbsent(k, token) != null) {
            size.decrementAndGet(); // the same hash under another registration's lock: astronomically unlikely
            return false;
        }
        byRegistration
                .computeIfAbsent(key(token.tenantId(), token.registrationId()), r -> ConcurrentHashMap.newKeySet())
                .add(token.tokenHash());
        byExpiry.add(new Due(token.expiresAt(), k));
        return true;
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
        return "InMemoryRefreshTokenStore[" + size.get() + " tokens]";
    }
}
