package dev.authmd.spi.audit;

/** The audit events of docs/protocol.md#v01-8; {@link #wireName()} is the stable event name. */
public enum AuditEventType {
    /** A registration was created (details: registration_id, registration_type). */
    REGISTRATION_CREATED("registration.created"),
    /** A claim email was requested (registration_id, email). */
    CLAIM_REQUESTED("claim.requested"),
    /** The claim page minted an OTP (registration_id). */
    OTP_GENERATED("otp.generated"),
    /** A claim completed (registration_id, claimed_by_user_id). */
    CLAIM_CONFIRMED("claim.confirmed"),
    /** An unclaimed registration reached its TTL (registration_id). */
    REGISTRATION_EXPIRED("registration.expired"),
    /** A registration was revoked (registration_id, iss, sub). */
    REGISTRATION_REVOKED("registration.revoked"),
    /** A signed assertion was refused (error, iss when known). */
    ASSERTION_REJECTED("assertion.rejected"),
    /** A claim step failed (registration_id when known, error). */
    CLAIM_FAILED("claim.failed"),
    /** A rate limit refused a request (limit, scope). */
    RATE_LIMIT_EXCEEDED("rate_limit.exceeded");

    private final String wireName;

    AuditEventType(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the stable name, e.g. {@code registration.created}} */
    public String wireName() {
        return wireName;
    }
}
