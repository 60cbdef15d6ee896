package dev.authmd.core.http;

import dev.authmd.core.store.memory.InMemoryAccessTokenStore;
import dev.authmd.core.store.memory.InMemoryCredentialStore;
import dev.authmd.core.store.memory.InMemoryDelegationStore;
import dev.authmd.core.store.memory.InMemoryIssuedAssertionStore;
import dev.authmd.core.store.memory.InMemoryRateLimitStore;
import dev.authmd.core.store.memory.InMemoryRefreshTokenStore;
import dev.authmd.core.store.memory.InMemoryRegistrationStore;
import dev.authmd.core.store.memory.InMemoryReplayCache;
import dev.authmd.spi.store.AccessToken;
import dev.authmd.spi.store.AccessTokenStore;
import dev.authmd.spi.store.AssertionState;
import dev.authmd.spi.store.Credential;
import dev.authmd.spi.store.CredentialStore;
import dev.authmd.spi.store.Delegation;
import dev.authmd.spi.store.DelegationStore;
import dev.authmd.spi.store.IssuedAssertion;
import dev.authmd.spi.store.IssuedAssertionStore;
import dev.authmd.spi.store.RateLimitStore;
import dev.authmd.spi.store.RefreshToken;
import dev.authmd.spi.store.RefreshTokenStore;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStore;
import dev.authmd.spi.store.ReplayCache;
import dev.authmd.spi.store.ReplayKey;
import dev.authmd.spi.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory stores behind counting decorators: every write (insert, update, delete, revoke, replay mark, rate-limit
 * increment) is counted by name, so a test can prove a rejected request changed nothing.
 */
final class CountingStores {

    private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
    /** When set, every write throws, as a database that went away would. */
    volatile boolean failWrites;

    final RegistrationStore registrations = new Registrations(new InMemoryRegistrationStore());
    final CredentialStore credentials = new Credentials(new InMemoryCredentialStore());
    final DelegationStore delegations = new Delegations(new InMemoryDelegationStore());
    final ReplayCache replay = new Replay(new InMemoryReplayCache());
    final RateLimitStore rateLimits = new RateLimits(new InMemoryRateLimitStore());
    final IssuedAssertionStore assertions = new Assertions(new InMemoryIssuedAssertionStore());
    final AccessTokenStore accessTokens = new AccessTokens(new InMemoryAccessTokenStore());
    final RefreshTokenStore refreshTokens = new RefreshTokens(new InMemoryRefreshTokenStore());

    /** @return every write so far, by {@code store.operation}, sorted */
    Map<String, Integer> writes() {
        Map<String, Integer> copy = new TreeMap<>();
        writes.forEach((name, count) -> copy.put(name, count.get()));
        return copy;
    }

    /** Forgets the writes counted so far (after a fixture's setup). */
    void reset() {
        writes.clear();
    }

    private void count(String name) {
        if (failWrites && !name.startsWith("rateLimits.")) {
            throw new StoreException("store down (sk_secret_in_message)");
        }
        writes.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }

    private final class Registrations implements RegistrationStore {
        private final RegistrationStore delegate;

        Registrations(RegistrationStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean insert(Registration registration) {
            count("registrations.insert");
            return delegate.insert(registration);
        }

        @Override
        public Optional<Registration> findById(String tenantId, String id) {
            return delegate.findById(tenantId, id);
        }

        @Override
        public Optional<Registration> findByClaimTokenHash(String tenantId, String claimTokenHash) {
            return delegate.findByClaimTokenHash(tenantId, claimTokenHash);
        }

        @Override
        public Optional<Registration> findByAttemptTokenHash(String tenantId, String attemptTokenHash) {
            return delegate.findByAttemptTokenHash(tenantId, attemptTokenHash);
        }

        @Override
        public boolean update(long expectedVersion, Registration next) {
            count("registrations.update");
            return delegate.update(expectedVersion, next);
        }

        @Override
        public List<Registration> findByDelegation(String tenantId, String issuer, String subject) {
            return delegate.findByDelegation(tenantId, issuer, subject);
        }

        @Override
        public List<Registration> findByUser(String tenantId, String userId) {
            return delegate.findByUser(tenantId, userId);
        }

        @Override
        public List<Registration> findByTenant(String tenantId, String afterId, int limit) {
            return delegate.findByTenant(tenantId, afterId, limit);
        }

        @Override
        public List<Registration> findDueForExpiry(Instant now, int limit) {
            return delegate.findDueForExpiry(now, limit);
        }

        @Override
        public List<Registration> findEndedBefore(String tenantId, Instant endedBefore, int limit) {
            return delegate.findEndedBefore(tenantId, endedBefore, limit);
        }

        @Override
        public boolean delete(String tenantId, String id, long expectedVersion) {
            count("registrations.delete");
            return delegate.delete(tenantId, id, expectedVersion);
        }
    }

    private final class Credentials implements CredentialStore {
        private final CredentialStore delegate;

        Credentials(CredentialStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean insert(Credential credential) {
            count("credentials.insert");
            return delegate.insert(credential);
        }

        @Override
        public Optional<Credential> findByHash(String tenantId, String secretHash) {
            return delegate.findByHash(tenantId, secretHash);
        }

        @Override
        public List<Credential> findByRegistration(String tenantId, String registrationId) {
            return delegate.findByRegistration(tenantId, registrationId);
        }

        @Override
        public boolean update(long expectedVersion, Credential next) {
            count("credentials.update");
            return delegate.update(expectedVersion, next);
        }

        @Override
        public int revokeByRegistration(String tenantId, String registrationId, Instant at) {
            count("credentials.revokeByRegistration");
            return delegate.revokeByRegistration(tenantId, registrationId, at);
        }

        @Override
        public int sweep(Instant now) {
            count("credentials.sweep");
            return delegate.sweep(now);
        }

        @Override
        public int deleteByRegistration(String tenantId, String registrationId) {
            count("credentials.deleteByRegistration");
            return delegate.deleteByRegistration(tenantId, registrationId);
        }
    }

    private final class Delegations implements DelegationStore {
        private final DelegationStore delegate;

        Delegations(DelegationStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean insert(Delegation delegation) {
            count("delegations.insert");
            return delegate.insert(delegation);
        }

        @Override
        public Optional<Delegation> find(String tenantId, String issuer, String subject) {
            return delegate.find(tenantId, issuer, subject);
        }

        @Override
        public boolean delete(String tenantId, String issuer, String subject) {
            count("delegations.delete");
            return delegate.delete(tenantId, issuer, subject);
        }

        @Override
        public List<Delegation> findByUser(String tenantId, String userId) {
            return delegate.findByUser(tenantId, userId);
        }
    }

    private final class Replay implements ReplayCache {
        private final ReplayCache delegate;

        Replay(ReplayCache delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean markUsed(ReplayKey key, Instant now, Instant retainUntil) {
            count("replay.markUsed");
            return delegate.markUsed(key, now, retainUntil);
        }

        @Override
        public int sweep(Instant now) {
            return delegate.sweep(now);
        }
    }

    private final class RateLimits implements RateLimitStore {
        private final RateLimitStore delegate;

        RateLimits(RateLimitStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public long incrementAndGet(String key, Instant now, Instant expiresAt) {
            count("rateLimits.increment");
            return delegate.incrementAndGet(key, now, expiresAt);
        }

        @Override
        public long get(String key, Instant now) {
            return delegate.get(key, now);
        }

        @Override
        public int sweep(Instant now) {
            return delegate.sweep(now);
        }
    }

    private final class Assertions implements IssuedAssertionStore {
        private final IssuedAssertionStore delegate;

        Assertions(IssuedAssertionStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean insert(IssuedAssertion assertion) {
            count("assertions.insert");
            return delegate.insert(assertion);
        }

        @Override
        public Optional<IssuedAssertion> find(String tenantId, String jti) {
            return delegate.find(tenantId, jti);
        }

        @Override
        public boolean retire(String tenantId, String jti, AssertionState next, Instant at) {
            count("assertions.retire");
            return delegate.retire(tenantId, jti, next, at);
        }

        @Override
        public int retireByRegistration(String tenantId, String registrationId, AssertionState next, Instant at) {
            count("assertions.retireByRegistration");
            return delegate.retireByRegistration(tenantId, registrationId, next, at);
        }

        @Override
        public int sweep(Instant now) {
            count("assertions.sweep");
            return delegate.sweep(now);
        }
    }

    private final class AccessTokens implements AccessTokenStore {
        private final AccessTokenStore delegate;

        AccessTokens(AccessTokenStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean insert(AccessToken token) {
            count("accessTokens.insert");
            return delegate.insert(token);
        }

        @Override
        public Optional<AccessToken> findByHash(String tenantId, String tokenHash) {
            return delegate.findByHash(tenantId, tokenHash);
        }

        @Override
        public boolean revoke(String tenantId, String tokenHash, Instant at) {
            count("accessTokens.revoke");
            return delegate.revoke(tenantId, tokenHash, at);
        }

        @Override
        public int revokeAll(String tenantId, String registrationId, String assertionJti, Instant at) {
            count("accessTokens.revokeAll");
            return delegate.revokeAll(tenantId, registrationId, assertionJti, at);
        }

        @Override
        public int sweep(Instant now) {
            count("accessTokens.sweep");
            return delegate.sweep(now);
        }
    }

    private final class RefreshTokens implements RefreshTokenStore {
        private final RefreshTokenStore delegate;

        RefreshTokens(RefreshTokenStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean insert(RefreshToken token) {
            count("refreshTokens.insert");
            return delegate.insert(token);
        }

        @Override
        public Optional<RefreshToken> findByHash(String tenantId, String tokenHash) {
            return delegate.findByHash(tenantId, tokenHash);
        }

        @Override
        public boolean rotate(String tenantId, String spentHash, RefreshToken successor, Instant at) {
            count("refreshTokens.rotate");
            return delegate.rotate(tenantId, spentHash, successor, at);
        }

        @Override
        public int revokeByRegistration(String tenantId, String registrationId, Instant at) {
            count("refreshTokens.revokeByRegistration");
            return delegate.revokeByRegistration(tenantId, registrationId, at);
        }

        @Override
        public int sweep(Instant now) {
            count("refreshTokens.sweep");
            return delegate.sweep(now);
        }
    }
}
