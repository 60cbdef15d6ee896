/**
 * The service's own signing keys: {@link dev.authmd.spi.keys.SigningKeySource} hands the library every key it holds
 * with its schedule ({@link dev.authmd.spi.keys.SigningKey}); the library picks the key to sign with and the keys to
 * publish. Used by the current profile, whose identity assertions the service signs itself (docs/protocol.md).
 */
@NullMarked
package dev.authmd.spi.keys;

import org.jspecify.annotations.NullMarked;
