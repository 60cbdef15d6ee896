package dev.authmd.core.store.memory;

import dev.authmd.spi.store.RefreshToken;
import dev.authmd.spi.store.RefreshTokenState;
import dev.authmd.spi.store.RefreshTokenStore;
import dev.authmd.spi.store.StoreException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RefreshTokenStore} in memory: the embedded default. Tokens are keyed by {@code (tenant, tokenHash)}, indexed
 * by registration (for revocation) and by expiry (for the sweep), so nothing scans. Every write to a registration's
 * tokens — an insert, a rotation, a revocation, a sweep — runs under that registration's lock stripe, so a revocation
 * racing a rotation revokes the successor too, and of two rotations of one token exactly one stores a successor.
 * Bounded like the other in-memory stores.
 *
 * <p>Thread-safe. Contents are lost on restart and not shared between replicas.
 */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {

    /** The default bound on tokens held. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

    private final IndexedRecords<RefreshToken> tokens;
    private final LockStripes locks = new LockStripes();

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
        this.tokens =
                new IndexedRecords<>(maxEntries, "refresh-token", RefreshToken::tenantId, RefreshToken::registrationId);
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
            return tokens.insert(token.tokenHash(), token.expiresAt(), token);
        }
    }

    @Override
    public Optional<RefreshToken> findByHash(String tenantId, String tokenHash) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(tokenHash, "tokenHash cannot be null");
        return Optional.ofNullable(tokens.get(tenantId, tokenHash));
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
            RefreshToken spent = tokens.get(tenantId, spentHash);
            if (spent == null || spent.state() != RefreshTokenState.ACTIVE) {
                return false;
            }
            if (!spent.familyId().equals(successor.familyId())
                    || !spent.registrationId().equals(successor.registrationId())
                    || successor.generation() != spent.generation() + 1) {
                throw new IllegalArgumentException(
                        "the successor must continue the spent token's family and registration at the next generation");
            }
            if (!tokens.insert(successor.tokenHash(), successor.expiresAt(), successor)) {
                return false;
            }
            return tokens.update(
                    tenantId,
                    spentHash,
                    current -> new RefreshToken(
                            current.tenantId(),
                            current.tokenHash(),
                            current.familyId(),
                            current.registrationId(),
                            current.generation(),
                            current.issuedAt(),
                            current.expiresAt(),
                            RefreshTokenState.SPENT,
                            at,
                            successor.tokenHash()));
        }
    }

    @Override
    public int revokeByRegistration(String tenantId, String registrationId, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
        synchronized (locks.of(tenantId, registrationId)) {
            int revoked = 0;
            for (String hash : tokens.idsOf(tenantId, registrationId)) {
                boolean changed = tokens.update(
                        tenantId,
                        hash,
                        token -> token.state() == RefreshTokenState.REVOKED
                                ? token
                                : new RefreshToken(
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
                if (changed) {
                    revoked++;
                }
            }
            return revoked;
        }
    }

    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        return tokens.sweep(now, token -> locks.of(token.tenantId(), token.registrationId()));
    }

    /** {@return the number of tokens held, expired ones included until swept} */
    public int size() {
        return tokens.size();
    }

    @Override
    public String toString() {
        return "InMemoryRefreshTokenStore[" + tokens.size() + " tokens]";
    }
}
