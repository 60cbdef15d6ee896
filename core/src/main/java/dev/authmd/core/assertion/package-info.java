/**
 * Verification of signed assertions against a {@link dev.authmd.core.trust.TrustList}: ID-JAGs with
 * {@link dev.authmd.core.assertion.IdJagVerifier} (docs/protocol.md#v01-3a) and logout tokens with
 * {@link dev.authmd.core.assertion.LogoutTokenVerifier} (§6). Keys come from
 * {@link dev.authmd.core.assertion.ProviderKeySource} (Nimbus {@code JWKSourceBuilder} behind the guarded fetcher).
 * Results are {@link dev.authmd.core.assertion.AssertionResult} values whose rejections carry the
 * {@link dev.authmd.protocol.error.ProtocolError} of the first failed step.
 */
@NullMarked
package dev.authmd.core.assertion;

import org.jspecify.annotations.NullMarked;
