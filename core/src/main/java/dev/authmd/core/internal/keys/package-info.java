/**
 * Signing-key retrieval for trusted providers: Nimbus's {@code JWKSourceBuilder} chain behind the guarded fetcher, with
 * {@code Cache-Control}-driven freshness, issuer-metadata discovery and per-key verifier caching. Not exported.
 */
@NullMarked
package dev.authmd.core.internal.keys;

import org.jspecify.annotations.NullMarked;
