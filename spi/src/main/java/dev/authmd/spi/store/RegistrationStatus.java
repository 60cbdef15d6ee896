package dev.authmd.spi.store;

/**
 * Lifecycle of a registration (docs/protocol.md#v01-4): {@code unclaimed → pending_claim → claimed}; unclaimed or
 * pending registrations become {@code expired} at their TTL; any becomes {@code revoked}. A registration that received
 * its credential directly from an ID-JAG is {@code active}.
 */
public enum RegistrationStatus {
    /** Created, no claim started (anonymous) or started by the registration itself. */
    UNCLAIMED("unclaimed"),
    /** A claim attempt exists and its email was sent. */
    PENDING_CLAIM("pending_claim"),
    /** The claim completed; the registration belongs to a user. */
    CLAIMED("claimed"),
    /** Issued directly from a trusted ID-JAG; no claim involved. */
    ACTIVE("active"),
    /** The unclaimed TTL passed; its credential was revoked. Terminal. */
    EXPIRED("expired"),
    /** Revoked by a logout token or an operator. Terminal. */
    REVOKED("revoked");

    private final String wireName;

    RegistrationStatus(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the value used on the wire and in storage, e.g. {@code pending_claim}} */
    public String wireName() {
        return wireName;
    }

    /** {@return whether no transition leaves this state} */
    public boolean isTerminal() {
        return this == EXPIRED || this == REVOKED;
    }

    /** {@return whether a claim may still start or complete in this state} */
    public boolean isClaimable() {
        return this == UNCLAIMED || this == PENDING_CLAIM;
    }
}
