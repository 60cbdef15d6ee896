/**
 * Secret material of the protocol (docs/protocol.md#v01-4, docs/architecture.md "Secrets never rest in plaintext"):
 * {@link dev.authmd.core.secret.SecretGenerator} mints prefixed opaque tokens, ids and one-time codes from a CSPRNG;
 * {@link dev.authmd.core.secret.SecretHasher} derives the SHA-256 lookup hash stores index by;
 * {@link dev.authmd.core.secret.OtpHasher} keys the hash of six-digit codes with a server-side secret;
 * {@link dev.authmd.core.internal.secret.ConstantTime} compares without leaking timing.
 *
 * <p>Nothing in this package logs, and no secret or key ever appears in a {@code toString} or an exception message.
 */
@NullMarked
package dev.authmd.core.secret;

import org.jspecify.annotations.NullMarked;
