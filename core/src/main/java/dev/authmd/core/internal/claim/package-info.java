/**
 * The claim ceremony of docs/protocol.md#v01-4 as pure code: {@link dev.authmd.core.internal.claim.ClaimStateMachine}
 * takes a {@link dev.authmd.spi.store.Registration}, the current instant and fresh secret material (already hashed) and
 * returns a {@link dev.authmd.core.internal.claim.ClaimResult}: the next registration version and the audit drafts of
 * the transition, or the protocol error. No I/O, no clock, no randomness: the service supplies them, persists the
 * result with the store's compare-and-set, and sends mail.
 */
@NullMarked
package dev.authmd.core.internal.claim;

import org.jspecify.annotations.NullMarked;
