package dev.authmd.spi.store;

/** The state of an identity assertion the service signed (current profile §4). */
public enum AssertionState {
    /** May be exchanged at the token endpoint until it expires. */
    ACTIVE,
    /** Replaced by a newer assertion (an anonymous registration was claimed); no longer exchanged. */
    SUPERSEDED,
    /** Revoked (RFC 7009, a provider's security event, an operator); no longer exchanged. */
    REVOKED
}
