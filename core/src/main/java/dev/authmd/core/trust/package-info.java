/**
 * The agent providers this service trusts (docs/protocol.md#v01-3a): a {@link dev.authmd.core.trust.TrustList} of
 * {@link dev.authmd.core.trust.TrustedProvider}s, each with where its signing keys come from
 * ({@link dev.authmd.core.trust.KeyLocation}) and what its assertions must satisfy
 * ({@link dev.authmd.core.trust.ProviderPolicy}), built in code or read from JSON with
 * {@link dev.authmd.core.trust.TrustListJson}. Immutable values, thread-safe.
 */
@NullMarked
package dev.authmd.core.trust;

import org.jspecify.annotations.NullMarked;
