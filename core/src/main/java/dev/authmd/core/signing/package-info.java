/**
 * Sources of the service's own signing keys ({@link dev.authmd.spi.keys.SigningKeySource}):
 * {@link dev.authmd.core.signing.InMemorySigningKeySource}, the development default that generates a key per process,
 * and {@link dev.authmd.core.signing.JwkSetFileSigningKeySource}, private keys and their schedule in a JWK Set file.
 * The current profile signs its identity assertions with them (docs/protocol.md).
 */
@NullMarked
package dev.authmd.core.signing;

import org.jspecify.annotations.NullMarked;
