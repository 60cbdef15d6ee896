package dev.authmd.spi.store;

/** The state of a refresh token (current profile §8). */
public enum RefreshTokenState {
    /** The family's current token: the next refresh spends it. */
    ACTIVE,
    /** Spent by a refresh that issued its successor; presenting it again is a reuse. */
    SPENT,
    /** Revoked with its family (RFC 7009, a reuse, a registration torn down). */
    REVOKED
}
