package dev.authmd.protocol.error;

import java.util.Optional;

/**
 * The current profile's error table (docs/protocol.md, current profile §5, §6 and §11): the wire code, the HTTP status
 * and the advice an agent should follow, for the identity, token and revocation endpoints. The endpoints, the rendered
 * auth.md and the docs read this enum; the causes the profiles share (a refused ID-JAG, a switched-off method, a rate
 * limit) are expressed once as {@link ProtocolError}s and translated by {@link #of(ProtocolError)}, the one place where
 * the two profiles' names differ.
 *
 * <p>Bodies: {@code {"error", "error_description", "message"}} at the identity endpoint (both texts the same, because
 * agent clients read either), {@code {"error", "error_description"}} at the token and revocation endpoints (RFC 6749
 * §5.2). The events endpoint answers with {@link SecurityEventError}.
 */
public enum CurrentProfileError {

    /** Malformed request: content type, body, a missing or mistyped member; for an ID-JAG, see {@code reason}. */
    INVALID_REQUEST(
            "invalid_request", 400, "The request is malformed or misses a required member.", "Fix the request."),
    /** Anonymous registration is switched off. */
    ANONYMOUS_REGISTRATION_DISABLED(
            "anonymous_registration_disabled",
            400,
            "Anonymous registration is not enabled here.",
            "Use another type listed in identity_types_supported."),
    /** Registration by a user's email ({@code service_auth}) is switched off. */
    SERVICE_AUTH_REGISTRATION_DISABLED(
            "service_auth_registration_disabled",
            400,
            "Registration by the user's email is not enabled here.",
            "Use another type listed in identity_types_supported."),
    /** The ID-JAG's issuer is not trusted, or ID-JAG registration is off. */
    ISSUER_NOT_ENABLED(
            "issuer_not_enabled",
            400,
            "The assertion's issuer is not trusted by this service.",
            "Use a provider this service trusts, or another registration type."),
    /** The user must confirm the first link of this provider identity to an existing account. */
    INTERACTION_REQUIRED(
            "interaction_required",
            401,
            "Confirm at verification_uri.",
            "Show the user claim.attempt.verification_uri and complete the claim."),
    /** The user's sign-in at the provider is missing, too old, or too weak ({@code max_age}, {@code acr_values}). */
    LOGIN_REQUIRED(
            "login_required",
            401,
            "The user must sign in at the provider again.",
            "Re-authenticate the user at the provider and present a fresh assertion."),
    /** The refresh token is unknown, expired, spent, or its registration is gone. */
    INVALID_REFRESH_TOKEN(
            "invalid_refresh_token",
            400,
            "The refresh token is not valid.",
            "Register again; refresh tokens are single-use."),
    /** The {@code login_hint} is not an email address (at most 254 characters, one {@code @}, a dot in the domain). */
    INVALID_LOGIN_HINT(
            "invalid_login_hint",
            400,
            "The login_hint is not a valid email address.",
            "Send the user's email address as login_hint."),
    /** The claim token is unknown. */
    INVALID_CLAIM_TOKEN(
            "invalid_claim_token",
            401,
            "The claim token is not valid.",
            "Use claim.token from your registration answer."),
    /** The code is wrong. */
    INVALID_USER_CODE(
            "invalid_user_code",
            401,
            "The code is wrong.",
            "Ask the user to read the code on the page again; tries are limited."),
    /** Claiming by the user's sign-in is switched off. */
    AUTH_METHOD_DISABLED(
            "auth_method_disabled",
            403,
            "Claiming through the service's sign-in is not enabled here.",
            "Keep the registration as it is, or register with another type."),
    /** The user denied the attempt on the page. */
    CLAIM_DENIED(
            "claim_denied",
            403,
            "The user denied this claim attempt.",
            "Ask the user; start a new attempt if they change their mind."),
    /** The registration was already claimed. */
    ALREADY_CLAIMED(
            "already_claimed",
            409,
            "This registration is already claimed.",
            "Use the assertion (and refresh token) you received."),
    /** Nobody has confirmed on the page yet. */
    CLAIM_NOT_CONFIRMED(
            "claim_not_confirmed",
            409,
            "The user has not confirmed on the page yet.",
            "Ask the user to finish at verification_uri; retry at least 5 seconds apart."),
    /** The claim was revoked (a provider's security event, an operator, too many wrong codes). */
    CLAIM_REVOKED("claim_revoked", 410, "This claim was revoked.", "Register again."),
    /** The claim window closed. */
    CLAIM_EXPIRED("claim_expired", 410, "The claim window has closed.", "Register again."),
    /** No live attempt, or its code expired or is used up. */
    USER_CODE_EXPIRED(
            "user_code_expired",
            410,
            "The attempt or its code has expired or is used up.",
            "Start a new attempt at claim_endpoint and show the user the new verification_uri."),
    /** Too many attempts on one claim within an hour. */
    TOO_MANY_ATTEMPTS(
            "too_many_attempts", 429, "Too many claim attempts.", "Wait for the number of seconds in Retry-After."),
    /** The token endpoint's grant type is not the jwt-bearer URN. */
    UNSUPPORTED_GRANT_TYPE(
            "unsupported_grant_type",
            400,
            "Only urn:ietf:params:oauth:grant-type:jwt-bearer is supported.",
            "Exchange the identity assertion with the jwt-bearer grant."),
    /** The assertion cannot be exchanged: not ours, expired, superseded, revoked, or its registration is gone. */
    INVALID_GRANT(
            "invalid_grant", 400, "The assertion cannot be exchanged.", "Refresh the assertion, or register again."),
    /** The {@code resource} is not one this service serves. */
    INVALID_TARGET(
            "invalid_target",
            400,
            "The resource is not served by this authorization server.",
            "Send the protected resource's identifier, or omit resource."),
    /** The {@code scope} asks for more than the registration holds. */
    INVALID_SCOPE(
            "invalid_scope",
            400,
            "The scope asks for more than the registration may hold.",
            "Ask for a subset of the granted scopes, or omit scope."),
    /** A rate limit refused the request; see {@code Retry-After}. */
    RATE_LIMIT_EXCEEDED(
            "rate_limit_exceeded", 429, "Too many requests.", "Wait for the number of seconds in Retry-After."),
    /** No route at this path (or no tenant). */
    NOT_FOUND("not_found", 404, "No endpoint at this path.", "Re-read the discovery metadata for the right URL."),
    /** The path exists but not for this method. */
    METHOD_NOT_ALLOWED(
            "method_not_allowed",
            405,
            "This endpoint does not accept that HTTP method.",
            "Use the method shown in the Allow header."),
    /** Something failed on the server; nothing was half-written. */
    SERVER_ERROR("server_error", 500, "The server failed to handle the request.", "Retry later with a fresh request.");

    private final String code;
    private final int httpStatus;
    private final String description;
    private final String agentHint;

    CurrentProfileError(String code, int httpStatus, String description, String agentHint) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.description = description;
        this.agentHint = agentHint;
    }

    /** {@return the wire code, e.g. {@code invalid_grant}} */
    public String code() {
        return code;
    }

    /** {@return the HTTP status the endpoints answer with} */
    public int httpStatus() {
        return httpStatus;
    }

    /** {@return a one-sentence description; the default {@code error_description}} */
    public String description() {
        return description;
    }

    /** {@return what an agent should do next} */
    public String agentHint() {
        return agentHint;
    }

    /**
     * Translates a cause the profiles share into this profile's error.
     *
     * <p>A refused ID-JAG becomes {@link #ISSUER_NOT_ENABLED} (untrusted issuer) or {@link #INVALID_REQUEST} (every
     * other check; the cause goes in {@code reason}); weak or stale user authentication becomes
     * {@link #LOGIN_REQUIRED}; a rate limit {@link #RATE_LIMIT_EXCEEDED}; a switched-off anonymous method
     * {@link #ANONYMOUS_REGISTRATION_DISABLED}.
     *
     * @param cause a cause expressed in v0.1's table
     * @return this profile's error for it
     */
    public static CurrentProfileError of(ProtocolError cause) {
        return switch (cause) {
            case INVALID_ISSUER -> ISSUER_NOT_ENABLED;
            case ANONYMOUS_NOT_ENABLED -> ANONYMOUS_REGISTRATION_DISABLED;
            case VERIFIED_EMAIL_NOT_ENABLED -> SERVICE_AUTH_REGISTRATION_DISABLED;
            case INSUFFICIENT_USER_AUTHENTICATION -> LOGIN_REQUIRED;
            case RATE_LIMITED -> RATE_LIMIT_EXCEEDED;
            case NOT_FOUND -> NOT_FOUND;
            case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
            case SERVER_ERROR -> SERVER_ERROR;
            default -> INVALID_REQUEST;
        };
    }

    /**
     * The {@code reason} an ID-JAG refusal carries at the identity endpoint (current profile §10), for the causes whose
     * v0.1 code already names it.
     *
     * @param cause a refusal cause of the shared ID-JAG verifier
     * @return the reason, or empty when the cause is not an assertion check (or the refusal names its own)
     */
    public static Optional<String> reasonOf(ProtocolError cause) {
        return switch (cause) {
            case INVALID_SIGNATURE -> Optional.of("invalid_signature");
            case INVALID_AUDIENCE -> Optional.of("invalid_audience");
            case EXPIRED -> Optional.of("expired");
            case INVALID_CLIENT_ID -> Optional.of("invalid_client_id");
            case REPLAY_DETECTED -> Optional.of("replay_detected");
            case MISSING_VERIFIED_EMAIL -> Optional.of("missing_verified_email");
            case INVALID_REQUEST -> Optional.of("malformed");
            default -> Optional.empty();
        };
    }
}
