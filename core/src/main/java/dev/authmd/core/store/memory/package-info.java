/**
 * In-memory implementations of every storage SPI of {@code dev.authmd.spi.store}, and of the host's user directory
 * ({@code AccountResolver}): the embedded defaults, right for one replica, lost on restart.
 *
 * <ul>
 *   <li>{@link dev.authmd.core.store.memory.InMemoryRegistrationStore} and
 *       {@link dev.authmd.core.store.memory.InMemoryCredentialStore} keep records per tenant with keyed indexes (hash
 *       maps for hashes and ids, sorted sets read as ranges for "oldest first" lookups and the expiry sweep), so no
 *       lookup scans;
 *   <li>{@link dev.authmd.core.store.memory.InMemoryDelegationStore} keeps the {@code (iss, sub)} → user links;
 *   <li>{@link dev.authmd.core.store.memory.InMemoryReplayCache} and
 *       {@link dev.authmd.core.store.memory.InMemoryRateLimitStore} are bounded and sweep expired entries as they go;
 *       the replay cache fails closed when full;
 *   <li>{@link dev.authmd.core.store.memory.InMemoryAccountResolver} is a development user table: it finds users by
 *       verified email or phone, provisions them just in time and, like any user table, grows with the users.
 * </ul>
 *
 * <p>All are final and thread-safe: reads take no lock, writes to one record are serialised (striped monitors, a
 * per-tenant monitor, or the map's own per-key atomicity), and race-deciding operations (put-if-absent,
 * compare-and-set, first use, increment) have exactly one winner. Each store passes its contract from
 * {@code authmd-testkit}.
 *
 * <pre>{@code
 * RegistrationStore registrations = new InMemoryRegistrationStore();
 * ReplayCache replay = new InMemoryReplayCache(100_000);
 * }</pre>
 */
@NullMarked
package dev.authmd.core.store.memory;

import org.jspecify.annotations.NullMarked;
