/**
 * The {@code WWW-Authenticate: Bearer} challenge of RFC 6750 §3 and RFC 9728 §5.1 (§2 step 1, §5:
 * docs/protocol.md#v01-2-1): {@link dev.authmd.protocol.challenge.BearerChallenge} builds the 401/403 challenges this
 * service sends and parses the ones an agent receives, tolerating other schemes and hostile header values. Pure and
 * thread-safe.
 */
@NullMarked
package dev.authmd.protocol.challenge;

import org.jspecify.annotations.NullMarked;
