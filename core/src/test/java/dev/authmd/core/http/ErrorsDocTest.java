package dev.authmd.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.protocol.error.CurrentProfileError;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.protocol.error.SecurityEventError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/errors.md} is generated from {@link ProtocolError}, the single source of truth for wire codes, so the
 * reference cannot drift from what the endpoints send. When the enum changes, this test fails; regenerate and review
 * the diff:
 *
 * <pre>
 * mvn -B -o -pl core test -Dtest=ErrorsDocTest -Dauthmd.updateDocs=true
 * git diff docs/errors.md
 * </pre>
 */
class ErrorsDocTest {

    private static final Path DOC = Path.of("..", "docs", "errors.md");

    private static final String REGISTER = "`POST register_uri`";
    private static final String CLAIM = "`POST claim_uri`";
    private static final String CHALLENGE = "`POST {claim_uri}/attempt/challenge`";
    private static final String COMPLETE = "`POST {claim_uri}/complete`";
    private static final String REVOKE = "`POST revocation_uri`";
    private static final String API = "your API (`authenticate`)";

    /** Where each code can come from; a new enum constant without an entry fails the test. */
    private static final Map<ProtocolError, String> RETURNED_BY = new EnumMap<>(Map.ofEntries(
            Map.entry(ProtocolError.INVALID_REQUEST, "every POST endpoint"),
            Map.entry(ProtocolError.NOT_FOUND, "any path the handler does not serve; a request no tenant claims"),
            Map.entry(ProtocolError.METHOD_NOT_ALLOWED, "every endpoint and discovery document (see `Allow`)"),
            Map.entry(ProtocolError.ANONYMOUS_NOT_ENABLED, REGISTER),
            Map.entry(ProtocolError.VERIFIED_EMAIL_NOT_ENABLED, REGISTER),
            Map.entry(ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE, REGISTER),
            Map.entry(ProtocolError.INVALID_ISSUER, REGISTER + ", " + REVOKE),
            Map.entry(ProtocolError.INVALID_SIGNATURE, REGISTER + ", " + REVOKE),
            Map.entry(ProtocolError.INVALID_AUDIENCE, REGISTER + ", " + REVOKE),
            Map.entry(ProtocolError.EXPIRED, REGISTER + ", " + REVOKE),
            Map.entry(ProtocolError.INVALID_CLIENT_ID, REGISTER),
            Map.entry(ProtocolError.REPLAY_DETECTED, REGISTER + ", " + REVOKE),
            Map.entry(ProtocolError.MISSING_VERIFIED_EMAIL, REGISTER),
            Map.entry(ProtocolError.INSUFFICIENT_USER_AUTHENTICATION, REGISTER + " (with `max_age` / `acr_values`)"),
            Map.entry(ProtocolError.INVALID_CLAIM_TOKEN, CLAIM + ", " + COMPLETE),
            Map.entry(ProtocolError.CLAIMED_OR_IN_FLIGHT, CLAIM),
            Map.entry(ProtocolError.CLAIM_EXPIRED, CLAIM + ", " + CHALLENGE + ", " + COMPLETE),
            Map.entry(ProtocolError.CLAIM_SUPERSEDED, CHALLENGE),
            Map.entry(ProtocolError.CLAIM_COMPLETED, CHALLENGE),
            Map.entry(ProtocolError.OTP_NOT_GENERATED, COMPLETE),
            Map.entry(ProtocolError.OTP_INVALID, COMPLETE),
            Map.entry(ProtocolError.OTP_EXPIRED, COMPLETE),
            Map.entry(ProtocolError.PREVIOUSLY_CLAIMED, COMPLETE),
            Map.entry(ProtocolError.TOO_MANY_ATTEMPTS, CHALLENGE + ", " + COMPLETE),
            Map.entry(ProtocolError.RATE_LIMITED, REGISTER + ", " + CLAIM + " (with `Retry-After`)"),
            Map.entry(ProtocolError.INVALID_TOKEN, API + ": 401 with `WWW-Authenticate`"),
            Map.entry(ProtocolError.INSUFFICIENT_SCOPE, API + ": 403 with `WWW-Authenticate`"),
            Map.entry(ProtocolError.SERVER_ERROR, "any endpoint")));

    private static final String IDENTITY = "`POST identity_endpoint`";
    private static final String TOKEN = "`POST token_endpoint`";
    private static final String TOKEN_REVOKE = "`POST revocation_endpoint`";
    private static final String CLAIM_START = "`POST claim_endpoint`";
    private static final String CLAIM_COMPLETE = "`POST {claim_endpoint}/complete`";

    /** Where each current-profile code can come from; a new constant without an entry fails the test. */
    private static final Map<CurrentProfileError, String> CURRENT_RETURNED_BY = new EnumMap<>(Map.ofEntries(
            Map.entry(CurrentProfileError.INVALID_REQUEST, IDENTITY + ", " + TOKEN + ", " + TOKEN_REVOKE),
            Map.entry(CurrentProfileError.ANONYMOUS_REGISTRATION_DISABLED, IDENTITY),
            Map.entry(CurrentProfileError.SERVICE_AUTH_REGISTRATION_DISABLED, IDENTITY),
            Map.entry(CurrentProfileError.ISSUER_NOT_ENABLED, IDENTITY),
            Map.entry(
                    CurrentProfileError.INTERACTION_REQUIRED,
                    IDENTITY + " (with the pending registration and `WWW-Authenticate: AgentAuth`)"),
            Map.entry(
                    CurrentProfileError.LOGIN_REQUIRED,
                    IDENTITY + " (with `max_age` and `WWW-Authenticate: AgentAuth`)"),
            Map.entry(CurrentProfileError.INVALID_REFRESH_TOKEN, IDENTITY),
            Map.entry(CurrentProfileError.INVALID_LOGIN_HINT, IDENTITY + " (`service_auth`), " + CLAIM_START),
            Map.entry(CurrentProfileError.INVALID_CLAIM_TOKEN, CLAIM_START + ", " + CLAIM_COMPLETE),
            Map.entry(
                    CurrentProfileError.INVALID_USER_CODE, CLAIM_COMPLETE + " (the 20th wrong code revokes the claim)"),
            Map.entry(CurrentProfileError.AUTH_METHOD_DISABLED, CLAIM_START + ", " + CLAIM_COMPLETE),
            Map.entry(CurrentProfileError.CLAIM_DENIED, CLAIM_COMPLETE),
            Map.entry(CurrentProfileError.ALREADY_CLAIMED, CLAIM_START + ", " + CLAIM_COMPLETE),
            Map.entry(CurrentProfileError.CLAIM_NOT_CONFIRMED, CLAIM_COMPLETE),
            Map.entry(CurrentProfileError.CLAIM_REVOKED, CLAIM_START + ", " + CLAIM_COMPLETE),
            Map.entry(CurrentProfileError.CLAIM_EXPIRED, CLAIM_START + ", " + CLAIM_COMPLETE),
            Map.entry(CurrentProfileError.USER_CODE_EXPIRED, CLAIM_COMPLETE),
            Map.entry(CurrentProfileError.TOO_MANY_ATTEMPTS, CLAIM_START + " (with `Retry-After`)"),
            Map.entry(CurrentProfileError.UNSUPPORTED_GRANT_TYPE, TOKEN),
            Map.entry(CurrentProfileError.INVALID_GRANT, TOKEN),
            Map.entry(CurrentProfileError.INVALID_TARGET, TOKEN),
            Map.entry(CurrentProfileError.INVALID_SCOPE, TOKEN),
            Map.entry(
                    CurrentProfileError.RATE_LIMIT_EXCEEDED,
                    IDENTITY + ", " + TOKEN + " (per IP, per tenant, per registration; with `retry_after` and"
                            + " `Retry-After`)"),
            Map.entry(CurrentProfileError.NOT_FOUND, "any path the handler does not serve"),
            Map.entry(CurrentProfileError.METHOD_NOT_ALLOWED, "every endpoint of the profile (see `Allow`)"),
            Map.entry(CurrentProfileError.SERVER_ERROR, "any endpoint")));

    /** The causes the current profile meets through the shared verifier, switches and limiter. */
    private static final List<ProtocolError> SHARED_CAUSES = List.of(
            ProtocolError.ANONYMOUS_NOT_ENABLED,
            ProtocolError.INVALID_ISSUER,
            ProtocolError.INVALID_REQUEST,
            ProtocolError.INVALID_SIGNATURE,
            ProtocolError.INVALID_AUDIENCE,
            ProtocolError.EXPIRED,
            ProtocolError.INVALID_CLIENT_ID,
            ProtocolError.REPLAY_DETECTED,
            ProtocolError.MISSING_VERIFIED_EMAIL,
            ProtocolError.INSUFFICIENT_USER_AUTHENTICATION,
            ProtocolError.RATE_LIMITED);

    @Test
    void currentReturnedByWhenEnumListedThenEveryConstantHasAnEntry() {
        assertThat(CURRENT_RETURNED_BY.keySet()).containsExactlyInAnyOrder(CurrentProfileError.values());
    }

    @Test
    void errorsDocWhenComparedWithEnumThenUpToDate() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("authmd.updateDocs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }

        assertThat(DOC)
                .as("docs/errors.md (run with -Dauthmd.updateDocs=true to regenerate)")
                .exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/errors.md is stale: run with -Dauthmd.updateDocs=true and review the diff")
                .isEqualTo(expected);
    }

    @Test
    void errorsDocWhenReadThenEveryCodeStatusAndAliasAppears() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);

        for (ProtocolError error : ProtocolError.values()) {
            assertThat(doc).contains("| `" + error.code() + "` | " + error.httpStatus() + " |");
            for (String alias : error.aliases()) {
                assertThat(doc).contains("| `" + alias + "` | `" + error.code() + "` |");
            }
        }
    }

    @Test
    void returnedByWhenEnumListedThenEveryConstantHasAnEntry() {
        assertThat(RETURNED_BY.keySet()).containsExactlyInAnyOrder(ProtocolError.values());
    }

    private static String render() {
        StringBuilder out = new StringBuilder();
        out.append("""
                # Error reference

                <!-- Generated from dev.authmd.protocol.error.ProtocolError by ErrorsDocTest; do not edit by hand.
                     Regenerate: mvn -B -o -pl core test -Dtest=ErrorsDocTest -Dauthmd.updateDocs=true -->

                Every error the library sends is one constant of `ProtocolError`: the endpoints, the rendered
                auth.md error table and this page all read that enum, so a code is never restated by hand.

                ## Shape

                Every error answer ([protocol §7](protocol.md#v01-7)) is

                ```http
                HTTP/1.1 400 Bad Request
                Content-Type: application/json
                Cache-Control: no-store
                X-Content-Type-Options: nosniff

                {"error":"invalid_request","message":"The body must be one JSON object (UTF-8, no duplicate members)."}
                ```

                - `error` is the code below; act on it. `message` is for people, never holds a secret, a
                  stack trace or an exception's text, and may change between versions.
                - A few errors add members: `insufficient_user_authentication` may carry `max_age` (seconds)
                  and `acr_values` (space-separated) so the agent knows what to ask its provider for.
                - `429 rate_limited` carries `Retry-After` (delta-seconds); waiting that long with no further
                  requests is always enough.
                - `405 method_not_allowed` carries `Allow` (`POST` for the endpoints, `GET, HEAD` for the claim
                  page and the discovery documents).
                - On the resource side, `invalid_token` (401) and `insufficient_scope` (403) come with
                  `WWW-Authenticate: Bearer resource_metadata="…"` (plus `error`, `error_description` and, for
                  403, `scope`). A request without any credential gets the 401 and the hint without an
                  `error` attribute (RFC 6750 §3.1).
                - Request-shape failures are all `400 invalid_request`, consistently: wrong or repeated
                  `Content-Type`, a charset other than UTF-8, an empty, malformed or oversized body (limit
                  `maxRequestBodyBytes`, 64 KiB by default), a JSON array or scalar instead of an object,
                  duplicate members, a missing member, a member of the wrong JSON type, an unknown `type` or
                  `assertion_type`. We never answer `415`. A rejected request changes nothing: no store write,
                  no email, no outbound fetch.
                - For registration the order of §3 holds: an unknown `type`/`assertion_type` first
                  (`invalid_request`), then a switched-off method (`anonymous_not_enabled`,
                  `verified_email_not_enabled`, `invalid_issuer`), then the credential type
                  (`unsupported_credential_type`, also for a `requested_credential_type` no method knows).
                - `500 server_error` means nothing was half-written; retry with a fresh request.

                ## Codes

                | Code | HTTP | Returned by | Meaning | What the agent should do |
                |---|---|---|---|---|
                """);
        for (ProtocolError error : ProtocolError.values()) {
            String where = RETURNED_BY.get(error);
            assertThat(where).as("RETURNED_BY entry for %s", error).isNotNull();
            codeRow(out, error.code(), error.httpStatus(), where, error.description(), error.agentHint());
        }
        out.append("""

                ## Aliases

                The published auth.md text names a few cases differently from its service guide and reference
                server. In the v0.1 profile this library sends only the codes above; `ProtocolError.fromCode`
                also reads these aliases, so an agent-side parser can map them:

                | Published alias | Code sent here |
                |---|---|
                """);
        for (ProtocolError error : ProtocolError.values()) {
            for (String alias : error.aliases()) {
                out.append("| `")
                        .append(alias)
                        .append("` | `")
                        .append(error.code())
                        .append("` |\n");
            }
        }
        renderCurrent(out);
        return out.toString();
    }

    private static void renderCurrent(StringBuilder out) {
        out.append("""

                ## The current profile

                The current profile ([protocol Part 2](protocol.md#current)) has its own table,
                `CurrentProfileError`. The causes both profiles share are decided once (as a `ProtocolError`)
                and translated by `CurrentProfileError.of`, the one place where the two profiles' names differ.

                - At the identity endpoint an error is `{"error", "error_description", "message"}` with
                  `Cache-Control: no-store` and `Pragma: no-cache`; `error_description` and `message` carry
                  the same text. A refused ID-JAG adds `reason` (`malformed`, `invalid_type`,
                  `invalid_signature`, `invalid_audience`, `expired`, `missing_claim`, `invalid_client_id`,
                  `unsupported_cnf`, `invalid_target`, `replay_detected`, `missing_verified_email`,
                  `no_matching_account`).
                - The token and revocation endpoints answer RFC 6749 §5.2's `{"error", "error_description"}`.
                  `invalid_client` is never sent: there is no client authentication.
                - Request-shape failures are `400 invalid_request` everywhere: the identity endpoint takes
                  JSON, the token and revocation endpoints `application/x-www-form-urlencoded` (UTF-8; a
                  repeated parameter is refused).
                - The revocation endpoint answers `200` with an empty body for any token, known or not.

                | Code | HTTP | Returned by | Meaning | What the agent should do |
                |---|---|---|---|---|
                """);
        for (CurrentProfileError error : CurrentProfileError.values()) {
            String where = CURRENT_RETURNED_BY.get(error);
            assertThat(where).as("CURRENT_RETURNED_BY entry for %s", error).isNotNull();
            codeRow(out, error.code(), error.httpStatus(), where, error.description(), error.agentHint());
        }
        out.append("""

                The causes both profiles meet — a switched-off method, a refused ID-JAG, a rate limit — and
                what each sends for them:

                | v0.1 code | Current profile code | `reason` |
                |---|---|---|
                """);
        for (ProtocolError cause : SHARED_CAUSES) {
            CurrentProfileError current = CurrentProfileError.of(cause);
            out.append("| `")
                    .append(cause.code())
                    .append("` | `")
                    .append(current.code())
                    .append("` | ")
                    .append(
                            current == CurrentProfileError.INVALID_REQUEST
                                    ? CurrentProfileError.reasonOf(cause)
                                            .map(r -> "`" + r + "`")
                                            .orElse("")
                                    : "")
                    .append(" |\n");
        }
        out.append("""

                ### Security events

                The events endpoint (`POST events_endpoint`, [protocol current §9](protocol.md#current-9))
                answers a provider `202` with no body, or `400` with RFC 8935's `{"err", "description"}`:

                | `err` | Meaning |
                |---|---|
                """);
        for (SecurityEventError error : SecurityEventError.values()) {
            out.append("| `")
                    .append(error.code())
                    .append("` | ")
                    .append(cell(error.description()))
                    .append(" |\n");
        }
    }

    private static void codeRow(
            StringBuilder out, String code, int status, String where, String description, String hint) {
        out.append("| `")
                .append(code)
                .append("` | ")
                .append(status)
                .append(" | ")
                .append(where)
                .append(" | ")
                .append(cell(description))
                .append(" | ")
                .append(cell(hint))
                .append(" |\n");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
