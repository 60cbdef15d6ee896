package dev.authmd.protocol.error;

/**
 * The error codes a security-event receiver answers a provider with (RFC 8935 §2.4), in the body {@code {"err": "…",
 * "description": "…"}} with status 400. The current profile's events endpoint uses them (docs/protocol.md, current
 * profile §9); {@code err}, not {@code error}, as RFC 8935 says.
 */
public enum SecurityEventError {

    /** The request or the token is malformed: content type, structure, {@code typ}, a claim missing or wrong. */
    INVALID_REQUEST("invalid_request", "The request or the security event token is malformed."),
    /** The token's {@code iss} is not a provider this service trusts. */
    INVALID_ISSUER("invalid_issuer", "The issuer is not trusted by this service."),
    /** The algorithm is not accepted, or no key of the issuer's key set matches the token. */
    INVALID_KEY("invalid_key", "No accepted key of the issuer matches the token."),
    /** The signature does not verify. */
    AUTHENTICATION_FAILED("authentication_failed", "The token's signature does not verify."),
    /** The audience is not exactly one of this service's identifiers. */
    INVALID_AUDIENCE("invalid_audience", "The audience is not this service.");

    private final String code;
    private final String description;

    SecurityEventError(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** {@return the wire code, the value of {@code err}} */
    public String code() {
        return code;
    }

    /** {@return the HTTP status: always 400} */
    public int httpStatus() {
        return 400;
    }

    /** {@return a description to send when there is nothing more precise} */
    public String description() {
        return description;
    }
}
