package dev.authmd.core.store.memory;

import dev.authmd.spi.store.AccessToken;
import dev.authmd.spi.store.AccessTokenStore;
import dev.authmd.spi.store.StoreException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * {@link AccessTokenStore} in memory: the embedded default. Tokens are keyed by {@code (tenant, tokenHash)}, indexed by
 * registration (for revocation) and by expiry (for the sweep), so nothing scans; revoking is a compare-and-set inside
 * the key's atomic section. Bounded like the other in-memory stores.
 *
 * <p>Thread-safe. Contents are lost on restart and not shared between replicas.
 */
public final class InMemoryAccessTokenStore implements AccessTokenStore {

    /** The default bound on tokens held. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

    private final ConcurrentHashMap<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> byRegistration = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Due> byExpiry = new ConcurrentSkipListSet<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int maxEntries;

    /** A store holding at most {@value #DEFAULT_MAX_ENTRIES} tokens. */
    public InMemoryAccessTokenStore() {
        this(DEFAULT_MAX_ENTRIES);
    }

    /**
     * A store with its own bound.
     *
     * @param maxEntries the most tokens held, expired ones included until swept; at least 1
     */
    public InMemoryAccessTokenStore(int maxEntries) {
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
    public boolean insert(AccessToken token) {
        Objects.requireNonNull(token, "token cannot be null");
        if (token.revokedAt() != null) {
            throw new IllegalArgumentException("a new token cannot be revoked");
        }
        String key = key(token.tenantId(), token.tokenHash());
        boolean[] inserted = {false};
        tokens.computeIfAbsent(key, k -> {
            if (!reserveSlot()) {
                throw new StoreException(
                        "the access-token store is full (" + maxEntries + " tokens); sweep expired ones");
            }
            inserted[0] = true;
            byRegistration
                    .computeIfAbsent(key(token.tenantId(), token.registrationId()), r -> ConcurrentHashMap.newKeySet())
                    .add(token.tokenHash());
            byExpiry.add(new Due(token.expiresAt(), k));
            return token;
        });
        return inserted[0];
    }

    @Override
    public Optional<AccessToken> findByHash(String tenantId, String tokenHash) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(tokenHash, "tokenHash cannot be null");
        return Optional.ofNullable(tokens.get(key(tenantId, tokenHash)));
    }

    @Override
    public boolean revoke(String tenantId, String tokenHash, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(tokenHash, "tokenHash cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
        return revokeKey(key(tenantId, tokenHash), null, at);
    }

    @Override
    public int revokeAll(String tenantId, String registrationId, @Nullable String assertionJti, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
        Set<String> hashes = byRegistration.get(key(tenantId, registrationId));
        if (hashes == null) {
            return 0;
        }
        int revoked = 0;
        for (String hash : hashes) {
            if (revokeKey(key(tenantId, hash), assertionJti, at)) {
                revoked++;
            }
        }
        return revoked;
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
            AccessToken gone = tokens.remove(due.key);
            if (gone != null) {
                size.decrementAndGet();
                removed++;
                byRegistration.computeIfPresent(key(gone.tenantId(), gone.registrationId()), (r, hashes) -> {
                    hashes.remove(gone.tokenHash());
                    return hashes.isEmpty() ? null : hashes;
                });
            }
        }
        return removed;
    }

    /** {@return the number of tokens held, expired ones included until swept} */
    public int size() {
        return size.get();
    }

    private boolean revokeKey(String key, @Nullable String onlyAssertion, Instant at) {
        boolean[] revoked = {false};
        tokens.computeIfPresent(key, (k, current) -> {
            if (current.revokedAt() != null
                    || (onlyAssertion != null && !onlyAssertion.equals(current.assertionJti()))) {
                return current;
            }
            revoked[0] = true;
            return current.revoked(at);
        });
        return revoked[0];
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
        return "InMemoryAccessTokenStore[" + size.get() + " tokens]";
    }
}
