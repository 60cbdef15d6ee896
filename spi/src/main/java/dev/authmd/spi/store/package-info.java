/**
 * Storage contracts: registrations with their claim state, credentials, delegations, the replay cache and rate-limit
 * counters, and the immutable values they exchange.
 *
 * <p>Each interface has an in-memory implementation in {@code authmd-core} ({@code dev.authmd.core.store.memory}) and
 * an abstract contract test in {@code authmd-testkit} that every implementation — in memory, JDBC, or the host's own —
 * must pass. Race-deciding operations are atomic in the contract (put-if-absent, compare-and-set on a version).
 */
@NullMarked
package dev.authmd.spi.store;

import org.jspecify.annotations.NullMarked;
