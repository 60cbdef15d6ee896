package dev.authmd.core.store.memory;

import dev.authmd.spi.store.AccessToken;
import dev.authmd.spi.store.AccessTokenStore;
import dev.authmd.spi.store.StoreException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
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

    private final IndexedRecords<AccessToken> tokens;

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
        this.tokens =
                new IndexedRecords<>(maxEntries, "access-token", AccessToken::tenantId, AccessToken::registrationId);
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
        return tokens.insert(token.tokenHash(), token.expiresAt(), token);
    }

    @Override
    public Optional<AccessToken> findByHash(String tenantId, String tokenHash) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(tokenHash, "tokenHash cannot be null");
        return Optional.ofNullable(tokens.get(tenantId, tokenHash));
    }

    @Override
    public boolean revoke(String tenantId, String tokenHash, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(tokenHash, "tokenHash cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
        return revokeOne(tenantId, tokenHash, null, at);
    }

    @Override
    public int revokeAll(String tenantId, String registrationId, @Nullable String assertionJti, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
        int revoked = 0;
        for (String hash : tokens.idsOf(tenantId, registrationId)) {
            if (revokeOne(tenantId, hash, assertionJti, at)) {
                revoked++;
            }
        }
        return revoked;
    }

    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        return tokens.sweep(now, null);
    }

    /** {@return the number of tokens held, expired ones included until swept} */
    public int size() {
        return tokens.size();
    }

    private boolean revokeOne(String tenantId, String hash, @Nullable String onlyAssertion, Instant at) {
        return tokens.update(
                tenantId,
                hash,
                current -> current.revokedAt() != null
                                || (onlyAssertion != null && !onlyAssertion.equals(current.assertionJti()))
                        ? current
                        : current.revoked(at));
    }

    @Override
    public String toString() {
        return "InMemoryAccessTokenStore[" + tokens.size() + " tokens]";
    }
}
