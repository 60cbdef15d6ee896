package dev.authmd.spi.audit;

/**
 * The audit events of docs/protocol.md#v01-8 and of the current profile; {@link #wireName()} is the stable event name.
 * No event carries a secret: tokens, assertions and codes never appear, only ids.
 */
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
    RATE_LIMIT_EXCEEDED("rate_limit.exceeded"),
    /** Current profile: the service signed an identity assertion (registration_id, jti). */
    ASSERTION_ISSUED("identity_assertion.issued"),
    /** Current profile: an identity assertion was superseded or revoked (registration_id, jti or count, state). */
    ASSERTION_RETIRED("identity_assertion.retired"),
    /** Current profile: an access token was issued at the token endpoint (registration_id, resource, scope). */
    TOKEN_ISSUED("access_token.issued"),
    /** Current profile: an RFC 7009 revocation matched a token (registration_id, token_type). */
    TOKEN_REVOKED("token.revoked"),
    /** Current profile: a refresh token was spent and its successor issued (registration_id, generation). */
    REFRESH_ROTATED("refresh_token.rotated"),
    /** Current profile: a spent refresh token came back; the registration was torn down (registration_id). */
    REFRESH_REUSE_DETECTED("refresh_token.reuse_detected"),
    /** Current profile: a provider's security event was verified (iss, jti, outcome: accepted or replayed). */
    SECURITY_EVENT_RECEIVED("security_event.received"),
    /** Current profile: a security event tore a delegation down (iss, registrations_revoked). */
    SECURITY_EVENT_APPLIED("security_event.applied"),
    /** Current profile: the signed-in user confirmed a claim attempt on the page (registration_id, user_id). */
    CLAIM_APPROVED("claim.approved"),
    /** Current profile: the page revealed a code (registration_id). */
    USER_CODE_REVEALED("user_code.revealed"),
    /** Current profile: the signed-in user denied a claim attempt (registration_id, user_id). */
    CLAIM_DENIED("claim.denied"),
    /**
     * A v0.1 registration got another credential: an ID-JAG presented again for the same {@code (iss, sub)}
     * (registration_id, credential_type).
     */
    CREDENTIAL_ISSUED("credential.issued"),
    /**
     * An API key was revoked because its registration holds more than the cap of live keys; the oldest go
     * (registration_id, credential_id, reason).
     */
    CREDENTIAL_REVOKED("credential.revoked");

    private final String wireName;

    AuditEventType(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the stable name, e.g. {@code registration.created}} */
    public String wireName() {
        return wireName;
    }
}
