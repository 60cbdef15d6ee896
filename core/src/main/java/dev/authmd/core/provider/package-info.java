/**
 * The agent-provider kit (docs/protocol.md#v01-9), for providers written in Java, for tests and for the demo:
 * {@link dev.authmd.core.provider.ProviderKeys} generates and rotates signing keys and publishes the JWKS,
 * {@link dev.authmd.core.provider.ClientIdMetadataDocument} writes the CIMD,
 * {@link dev.authmd.core.provider.IdJagMinter} and {@link dev.authmd.core.provider.LogoutTokenMinter} sign ID-JAGs and
 * logout tokens.
 */
@NullMarked
package dev.authmd.core.provider;

import org.jspecify.annotations.NullMarked;
