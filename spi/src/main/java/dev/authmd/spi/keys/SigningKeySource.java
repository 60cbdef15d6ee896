package dev.authmd.spi.keys;

import java.util.List;

/**
 * Where the service's signing keys come from: a key file, a vault, an HSM-backed provider, or the in-memory default
 * that generates one key per process. The library decides from each key's schedule which key signs and which keys are
 * published at {@code jwks_uri}; the source only says what it holds.
 *
 * <p>A rotation is a new key in the list: published now, active from at least the assertion lifetime plus ten minutes
 * later (so every verifier's cached key set has it before the first assertion it signs), and the old key retired at the
 * new one's activation. The library keeps publishing a retired key until the last assertion it signed has expired.
 *
 * <p>Implementations must be thread-safe. {@link #keys()} is called for every signature and every key-set request:
 * return a list held in memory, not one read from disk each time.
 */
@FunctionalInterface
public interface SigningKeySource {

    /**
     * Every key the service holds, retired, active and upcoming, in any order.
     *
     * @return the keys; never empty
     */
    List<SigningKey> keys();
}
