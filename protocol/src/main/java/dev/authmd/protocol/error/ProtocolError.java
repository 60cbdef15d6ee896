package dev.authmd.protocol.error;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every error the library returns on the wire (§3–§7: docs/protocol.md#v01-3): the single source of truth for the code,
 * the HTTP status and the advice an agent should follow. The endpoints, the rendered auth.md error table and the docs
 * all read this enum; nothing restates a code.
 *
 * <p>Error bodies are always {@code {"error": code, "message": text}} with {@code Cache-Control: no-store}.
 */
public enum ProtocolError {

    // --- request shape ---------------------------------------------------------------------
    /** Malformed or incomplete request: bad JSON, wrong field type, missing field, bad assertion shape. */
    INVALID_REQUEST(
            "invalid_request",
            400,
            "The request is malformed or misses a required field.",
            "Fix the request as the message says; do not retry it unchanged."),
    /** No route at this path. */
    NOT_FOUND("not_found", 404, "No endpoint at this path.", "Re-read the discovery metadata for the right URL."),
    /** The path exists but not for this method. */
    METHOD_NOT_ALLOWED(
            "method_not_allowed",
            405,
            "This endpoint does not accept that HTTP method.",
            "Use the method shown in the Allow header."),

    // --- registration ----------------------------------------------------------------------
    /** Anonymous registration is switched off. */
    ANONYMOUS_NOT_ENABLED(
            "anonymous_not_enabled",
            400,
            "Anonymous registration is not enabled here.",
            "Register with an identity assertion instead."),
    /** Verified-email registration is switched off. */
    VERIFIED_EMAIL_NOT_ENABLED(
            "verified_email_not_enabled",
            400,
            "Registration by verified email is not enabled here.",
            "Use another method listed in identity_types_supported."),
    /** The credential type is not offered for this method. */
    UNSUPPORTED_CREDENTIAL_TYPE(
            "unsupported_credential_type",
            400,
            "That credential type is not offered for this registration method.",
            "Pick one from credential_types_supported in the metadata."),
    /** The ID-JAG issuer is not trusted (or ID-JAG registration is off). */
    INVALID_ISSUER(
            "invalid_issuer",
            400,
            "The assertion's issuer is not trusted by this service.",
            "Use a provider this service trusts, or another registration method.",
            "issuer_not_enabled"),
    /** Disallowed algorithm, unknown key, or a signature that does not verify. */
    INVALID_SIGNATURE(
            "invalid_signature",
            400,
            "The assertion's signature could not be verified.",
            "Ask your provider for a freshly signed assertion."),
    /** The audience is not this service. */
    INVALID_AUDIENCE(
            "invalid_audience",
            400,
            "The assertion's audience is not this service.",
            "Request an assertion whose aud is this service's issuer.",
            "audience_mismatch"),
    /** The assertion is past its {@code exp}. */
    EXPIRED(
            "expired",
            400,
            "The assertion has expired.",
            "Obtain a fresh assertion and register again.",
            "credential_expired"),
    /** The {@code client_id} is not acceptable for this issuer. */
    INVALID_CLIENT_ID(
            "invalid_client_id",
            400,
            "The assertion's client_id is not accepted for its issuer.",
            "Ask your provider to use a registered client_id."),
    /** The assertion's {@code jti} was already used. */
    REPLAY_DETECTED(
            "replay_detected",
            400,
            "This assertion was already used.",
            "Never resend an assertion; obtain a fresh one."),
    /** Neither a verified email nor a verified phone. */
    MISSING_VERIFIED_EMAIL(
            "missing_verified_email",
            400,
            "The assertion carries no verified email or phone number.",
            "Use a provider account with a verified email, or register by email."),
    /** The user's authentication does not meet the provider policy. */
    INSUFFICIENT_USER_AUTHENTICATION(
            "insufficient_user_authentication",
            400,
            "The user's authentication is too weak or too old for this service.",
            "Have the user re-authenticate (see max_age / acr_values) and present a fresh assertion."),

    // --- claim ceremony --------------------------------------------------------------------
    /** Unknown claim token. */
    INVALID_CLAIM_TOKEN(
            "invalid_claim_token",
            401,
            "The claim token is not valid.",
            "Use the claim_token from your registration response."),
    /** The registration cannot be claimed this way, or a claim is already complete. */
    CLAIMED_OR_IN_FLIGHT(
            "claimed_or_in_flight",
            409,
            "This registration is already claimed or is claimed by email verification.",
            "Do not start another claim; complete the one in progress."),
    /** The claim window closed. */
    CLAIM_EXPIRED("claim_expired", 410, "The claim window for this registration has closed.", "Register again."),
    /** The emailed link is unknown or was replaced by a newer one. */
    CLAIM_SUPERSEDED("claim_superseded", 410, "This claim link is no longer valid.", "Use the newest claim email."),
    /** The claim already completed (claim page). */
    CLAIM_COMPLETED(
            "claim_completed",
            409,
            "This claim is already complete.",
            "Nothing to do; the agent already has its credential."),
    /** No OTP was minted yet. */
    OTP_NOT_GENERATED(
            "otp_not_generated",
            400,
            "No one-time code has been generated yet.",
            "Ask the user to open the claim email and show the code, then retry."),
    /** Wrong OTP. */
    OTP_INVALID(
            "otp_invalid",
            401,
            "The one-time code is wrong.",
            "Ask the user for the code again; attempts are limited."),
    /** The OTP's lifetime ended. */
    OTP_EXPIRED(
            "otp_expired",
            410,
            "The one-time code has expired.",
            "Ask the user to reload the claim page for a new code."),
    /** The claim already completed (agent side). */
    PREVIOUSLY_CLAIMED(
            "previously_claimed",
            409,
            "This registration was already claimed.",
            "Use the credential you already received."),
    /** The OTP or the claim is locked after too many wrong codes. */
    TOO_MANY_ATTEMPTS(
            "too_many_attempts",
            429,
            "Too many wrong codes.",
            "Ask the user for a new code; after repeated failures register again."),

    // --- limits, resource side, server ------------------------------------------------------
    /** A rate limit refused the request; see {@code Retry-After}. */
    RATE_LIMITED("rate_limited", 429, "Too many requests.", "Wait for the number of seconds in Retry-After."),
    /** Missing, unknown, expired or revoked credential at the API (sent in {@code WWW-Authenticate}). */
    INVALID_TOKEN(
            "invalid_token",
            401,
            "The credential is missing, unknown, expired or revoked.",
            "Follow resource_metadata in WWW-Authenticate and register again."),
    /** The credential lacks a scope the API route requires. */
    INSUFFICIENT_SCOPE(
            "insufficient_scope",
            403,
            "The credential lacks a required scope.",
            "Claim the registration or register with an identity for more scopes."),
    /** Something failed on the server; nothing was half-written. */
    SERVER_ERROR("server_error", 500, "The server failed to handle the request.", "Retry later with a fresh request.");

    private final String code;
    private final int httpStatus;
    private final String description;
    private final String agentHint;

    @SuppressWarnings("ImmutableEnumChecker") // List.of in the constructor: unmodifiable
    private final List<String> aliases;

    ProtocolError(String code, int httpStatus, String description, String agentHint, String... aliases) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.description = description;
        this.agentHint = agentHint;
        this.aliases = List.of(aliases);
    }

    /** {@return the wire code, e.g. {@code invalid_request}} */
    public String code() {
        return code;
    }

    /** {@return the HTTP status the endpoints answer with} */
    public int httpStatus() {
        return httpStatus;
    }

    /** {@return a one-sentence description; safe as the default {@code message}} */
    public String description() {
        return description;
    }

    /** {@return what an agent should do next} */
    public String agentHint() {
        return agentHint;
    }

    /**
     * {@return other names used for the same case by the published auth.md error table (e.g. {@code audience_mismatch}
     * for {@link #INVALID_AUDIENCE}); this library never sends them}
     */
    public List<String> aliases() {
        return aliases;
    }

    /**
     * {@return the matching error, or empty}
     *
     * @param codeOrAlias a wire code or one of its published aliases; may be null
     */
    public static Optional<ProtocolError> fromCode(@Nullable String codeOrAlias) {
        if (codeOrAlias == null) {
            return Optional.empty();
        }
        for (ProtocolError error : values()) {
            if (error.code.equals(codeOrAlias) || error.aliases.contains(codeOrAlias)) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }
}
