package dev.authmd.core.ratelimit;

/**
 * What a rate-limit counter is keyed by (docs/protocol.md#v01-7). Every counter is also scoped to a tenant, so nothing
 * is shared across tenants.
 */
public enum LimitScope {
    /** Per client IP address (IPv6 addresses are grouped by their /64 prefix). */
    IP("ip"),
    /** Per tenant: every client of the tenant together. */
    TENANT("tenant"),
    /** Per email address, for the claim-email caps; the address is hashed in counter keys. */
    ADDRESS("address"),
    /** Per agent registration, for the current profile's token exchanges. */
    REGISTRATION("registration");

    private final String wireName;

    LimitScope(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the name used in audit events and logs, e.g. {@code ip}} */
    public String wireName() {
        return wireName;
    }
}
