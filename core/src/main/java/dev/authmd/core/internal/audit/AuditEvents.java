package dev.authmd.core.internal.audit;

import dev.authmd.core.ratelimit.LimitScope;
import dev.authmd.core.secret.SecretGenerator;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Factories for every audit event of docs/protocol.md#v01-8, each with exactly its members in a fixed order, and
 * {@link #stamp} to turn a draft into an {@link AuditEvent}.
 *
 * <p>Member names: {@code registration_id}, {@code registration_type}, {@code iss}, {@code sub},
 * {@code agent_platform}, {@code agent_context_id}, {@code email}, {@code claimed_by_user_id}, {@code error} (a
 * {@link ProtocolError#code()}), {@code limit}, {@code scope}. Optional members are absent, never null or empty. No
 * factory takes a secret.
 *
 * <p>Thread-safe; stateless.
 */
public final class AuditEvents {

    /** Longest {@code iss} copied into an {@code assertion.rejected} event; longer ones are cut. */
    public static final int MAX_UNTRUSTED_ISSUER_LENGTH = 256;

    private AuditEvents() {}

    /**
     * {@code registration.created} for a registration without a delegation (anonymous, verified email).
     *
     * @param registrationId the {@code reg_…} id
     * @param type its type
     * @return members {@code registration_id, registration_type}
     */
    public static AuditDraft registrationCreated(String registrationId, RegistrationType type) {
        return registrationCreated(registrationId, type, null, null, null, null);
    }

    /**
     * {@code registration.created}, with the ID-JAG members when the registration came from one.
     *
     * @param registrationId the {@code reg_…} id
     * @param type its type
     * @param iss the ID-JAG issuer; null (together with {@code sub}) when there is none
     * @param sub the ID-JAG subject; null (together with {@code iss}) when there is none
     * @param agentPlatform the ID-JAG {@code agent_platform}; null when absent
     * @param agentContextId the ID-JAG {@code agent_context_id}; null when absent
     * @return members {@code registration_id, registration_type[, iss, sub][, agent_platform][, agent_context_id]}
     */
    public static AuditDraft registrationCreated(
            String registrationId,
            RegistrationType type,
            @Nullable String iss,
            @Nullable String sub,
            @Nullable String agentPlatform,
            @Nullable String agentContextId) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registration_id", requireId(registrationId));
        details.put(
                "registration_type",
                Objects.requireNonNull(type, "type cannot be null").wireName());
        putDelegation(details, iss, sub);
        putIfPresent(details, "agent_platform", agentPlatform);
        putIfPresent(details, "agent_context_id", agentContextId);
        return new AuditDraft(AuditEventType.REGISTRATION_CREATED, details);
    }

    /**
     * {@code registration.created} from a registration's own values.
     *
     * @param registration the new registration
     * @return as {@link #registrationCreated(String, RegistrationType, String, String, String, String)}
     */
    public static AuditDraft registrationCreated(Registration registration) {
        Objects.requireNonNull(registration, "registration cannot be null");
        return registrationCreated(
                registration.id(),
                registration.type(),
                registration.issuer().orElse(null),
                registration.subject().orElse(null),
                registration.agentPlatform().orElse(null),
                registration.agentContextId().orElse(null));
    }

    /**
     * {@code claim.requested}: a claim email was sent.
     *
     * @param registrationId the {@code reg_…} id
     * @param email the normalised address the email went to
     * @return members {@code registration_id, email}
     */
    public static AuditDraft claimRequested(String registrationId, String email) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registration_id", requireId(registrationId));
        details.put("email", Objects.requireNonNull(email, "email cannot be null"));
        return new AuditDraft(AuditEventType.CLAIM_REQUESTED, details);
    }

    /**
     * {@code otp.generated}: the claim page minted a code (never the code itself).
     *
     * @param registrationId the {@code reg_…} id
     * @return members {@code registration_id}
     */
    public static AuditDraft otpGenerated(String registrationId) {
        return new AuditDraft(AuditEventType.OTP_GENERATED, Map.of("registration_id", requireId(registrationId)));
    }

    /**
     * {@code claim.confirmed}: the claim completed.
     *
     * @param registrationId the {@code reg_…} id
     * @param claimedByUserId the host's user id that now owns it
     * @return members {@code registration_id, claimed_by_user_id}
     */
    public static AuditDraft claimConfirmed(String registrationId, String claimedByUserId) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registration_id", requireId(registrationId));
        details.put("claimed_by_user_id", Objects.requireNonNull(claimedByUserId, "claimedByUserId cannot be null"));
        return new AuditDraft(AuditEventType.CLAIM_CONFIRMED, details);
    }

    /**
     * {@code registration.expired}: an unclaimed registration reached its TTL.
     *
     * @param registrationId the {@code reg_…} id
     * @return members {@code registration_id}
     */
    public static AuditDraft registrationExpired(String registrationId) {
        return new AuditDraft(
                AuditEventType.REGISTRATION_EXPIRED, Map.of("registration_id", requireId(registrationId)));
    }

    /**
     * {@code registration.revoked}.
     *
     * @param registrationId the {@code reg_…} id
     * @param iss the logout token's issuer; null (with {@code sub}) for an operator revocation
     * @param sub the logout token's subject; null (with {@code iss}) for an operator revocation
     * @return members {@code registration_id[, iss, sub]}
     */
    public static AuditDraft registrationRevoked(String registrationId, @Nullable String iss, @Nullable String sub) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registration_id", requireId(registrationId));
        putDelegation(details, iss, sub);
        return new AuditDraft(AuditEventType.REGISTRATION_REVOKED, details);
    }

    /**
     * {@code assertion.rejected}: an ID-JAG or logout token failed validation.
     *
     * @param error the protocol error it failed with
     * @param iss the token's {@code iss} when it could be read, else null; it is untrusted input, cut to
     *     {@value #MAX_UNTRUSTED_ISSUER_LENGTH} characters
     * @return members {@code error[, iss]}
     */
    public static AuditDraft assertionRejected(ProtocolError error, @Nullable String iss) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(
                "error", Objects.requireNonNull(error, "error cannot be null").code());
        if (iss != null) {
            details.put(
                    "iss",
                    iss.length() > MAX_UNTRUSTED_ISSUER_LENGTH ? iss.substring(0, MAX_UNTRUSTED_ISSUER_LENGTH) : iss);
        }
        return new AuditDraft(AuditEventType.ASSERTION_REJECTED, details);
    }

    /**
     * {@code claim.failed}: a claim step was refused.
     *
     * @param registrationId the {@code reg_…} id when the presented token resolved to one, else null
     * @param error the protocol error returned
     * @return members {@code [registration_id, ]error}
     */
    public static AuditDraft claimFailed(@Nullable String registrationId, ProtocolError error) {
        return claimFailed(
                registrationId,
                Objects.requireNonNull(error, "error cannot be null").code());
    }

    /**
     * {@code claim.failed}, with the wire code of the profile that answered.
     *
     * @param registrationId the {@code reg_…} id when the presented token resolved to one, else null
     * @param code the error code returned
     * @return members {@code [registration_id, ]error}
     */
    public static AuditDraft claimFailed(@Nullable String registrationId, String code) {
        Map<String, String> details = new LinkedHashMap<>();
        if (registrationId != null) {
            details.put("registration_id", requireId(registrationId));
        }
        details.put("error", Objects.requireNonNull(code, "code cannot be null"));
        return new AuditDraft(AuditEventType.CLAIM_FAILED, details);
    }

    /**
     * {@code rate_limit.exceeded}: a limit refused a request.
     *
     * @param limitName the limit's name, e.g. {@code anonymous}
     * @param scope which counter refused it
     * @return members {@code limit, scope}
     */
    public static AuditDraft rateLimitExceeded(String limitName, LimitScope scope) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("limit", Objects.requireNonNull(limitName, "limitName cannot be null"));
        details.put(
                "scope", Objects.requireNonNull(scope, "scope cannot be null").wireName());
        return new AuditDraft(AuditEventType.RATE_LIMIT_EXCEEDED, details);
    }

    /**
     * {@code identity_assertion.issued}.
     *
     * @param registrationId the {@code reg_…} id (the assertion's {@code sub})
     * @param jti the assertion's {@code jti}: an identifier, not a secret
     * @return members {@code registration_id, jti}
     */
    public static AuditDraft assertionIssued(String registrationId, String jti) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registration_id", requireId(registrationId));
        details.put("jti", Objects.requireNonNull(jti, "jti cannot be null"));
        return new AuditDraft(AuditEventType.ASSERTION_ISSUED, details);
    }

    /**
     * {@code identity_assertion.retired}: one assertion (RFC 7009) or every assertion of a registration was superseded
     * or revoked.
     *
     * @param registrationId the {@code reg_…} id
     * @param state {@code superseded} or {@code revoked}
     * @param count how many records changed
     * @return members {@code registration_id, state, count}
     */
    public static AuditDraft assertionRetired(String registrationId, String state, int count) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registration_id", requireId(registrationId));
        details.put("state", Objects.requireNonNull(state, "state cannot be null"));
        details.put("count", Integer.toString(count));
        return new AuditDraft(AuditEventType.ASSERTION_RETIRED, details);
    }

    /**
     * {@code access_token.issued}.
     *
     * @param registrationId the {@code reg_…} id
     * @param resource the resource the token is bound to
     * @param scopes the scopes granted
     * @return members {@code registration_id, resource, scope}
     */
    public static AuditDraft tokenIssued(String registrationId, String resource, List<String> scopes) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registration_id", requireId(registrationId));
        details.put("resource", Objects.requireNonNull(resource, "resource cannot be null"));
        details.put("scope", String.join(" ", scopes));
        return new AuditDraft(AuditEventType.TOKEN_ISSUED, details);
    }

    /**
     * {@code token.revoked}: an RFC 7009 request matched a token.
     *
     * @param registrationId the {@code reg_…} id the token belonged to
     * @param tokenType {@code access_token}, {@code refresh_token} or {@code identity_assertion}
     * @return members {@code registration_id, token_type}
     */
    public static AuditDraft tokenRevoked(String registrationId, String tokenType) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registration_id", requireId(registrationId));
        details.put("token_type", Objects.requireNonNull(tokenType, "tokenType cannot be null"));
        return new AuditDraft(AuditEventType.TOKEN_REVOKED, details);
    }

    /**
     * {@code credential.issued}: another credential on an existing v0.1 registration.
     *
     * @param registrationId the {@code reg_…} id
     * @param credentialType {@code api_key} or {@code access_token}
     * @return members {@code registration_id, credential_type}
     */
    public static AuditDraft credentialIssued(String registrationId, String credentialType) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registration_id", requireId(registrationId));
        details.put("credential_type", Objects.requireNonNull(credentialType, "credentialType cannot be null"));
        return new AuditDraft(AuditEventType.CREDENTIAL_ISSUED, details);
    }

    /**
     * {@code credential.revoked}: a credential revoked by the library's own policy (not by a provider or operator).
     *
     * @param registrationId the {@code reg_…} id
     * @param credentialId the credential's id (never its secret)
     * @param reason why, e.g. {@code api_key_cap}
     * @return members {@code registration_id, credential_id, reason}
     */
    public static AuditDraft credentialRevoked(String registrationId, String credentialId, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registration_id", requireId(registrationId));
        details.put("credential_id", Objects.requireNonNull(credentialId, "credentialId cannot be null"));
        details.put("reason", Objects.requireNonNull(reason, "reason cannot be null"));
        return new AuditDraft(AuditEventType.CREDENTIAL_REVOKED, details);
    }

    /**
     * {@code refresh_token.rotated}.
     *
     * @param registrationId the {@code reg_…} id
     * @param generation the successor's generation
     * @return members {@code registration_id, generation}
     */
    public static AuditDraft refreshRotated(String registrationId, long generation) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registration_id", requireId(registrationId));
        details.put("generation", Long.toString(generation));
        return new AuditDraft(AuditEventType.REFRESH_ROTATED, details);
    }

    /**
     * {@code refresh_token.reuse_detected}: a spent refresh token came back and the registration was torn down.
     *
     * @param registrationId the {@code reg_…} id
     * @return members {@code registration_id}
     */
    public static AuditDraft refreshReuseDetected(String registrationId) {
        return new AuditDraft(
                AuditEventType.REFRESH_REUSE_DETECTED, Map.of("registration_id", requireId(registrationId)));
    }

    /**
     * {@code security_event.received}: a provider's security event passed verification.
     *
     * @param iss the provider
     * @param jti the event's {@code jti}
     * @param outcome {@code accepted} or {@code replayed}
     * @return members {@code iss, jti, outcome}
     */
    public static AuditDraft securityEventReceived(String iss, String jti, String outcome) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("iss", Objects.requireNonNull(iss, "iss cannot be null"));
        details.put("jti", Objects.requireNonNull(jti, "jti cannot be null"));
        details.put("outcome", Objects.requireNonNull(outcome, "outcome cannot be null"));
        return new AuditDraft(AuditEventType.SECURITY_EVENT_RECEIVED, details);
    }

    /**
     * {@code security_event.applied}: a delegation was torn down.
     *
     * @param iss the provider
     * @param revoked how many registrations this revoked
     * @return members {@code iss, registrations_revoked}
     */
    public static AuditDraft securityEventApplied(String iss, int revoked) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("iss", Objects.requireNonNull(iss, "iss cannot be null"));
        details.put("registrations_revoked", Integer.toString(revoked));
        return new AuditDraft(AuditEventType.SECURITY_EVENT_APPLIED, details);
    }

    /**
     * {@code claim.approved} or {@code claim.denied}: the signed-in user's decision on the current profile's page.
     *
     * @param registrationId the {@code reg_…} id
     * @param userId the signed-in user who decided
     * @param approved whether they confirmed
     * @return members {@code registration_id, user_id}
     */
    public static AuditDraft claimDecided(String registrationId, String userId, boolean approved) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registration_id", requireId(registrationId));
        details.put("user_id", Objects.requireNonNull(userId, "userId cannot be null"));
        return new AuditDraft(approved ? AuditEventType.CLAIM_APPROVED : AuditEventType.CLAIM_DENIED, details);
    }

    /**
     * {@code user_code.revealed}: the page minted and showed a code (never the code itself).
     *
     * @param registrationId the {@code reg_…} id
     * @return members {@code registration_id}
     */
    public static AuditDraft userCodeRevealed(String registrationId) {
        return new AuditDraft(AuditEventType.USER_CODE_REVEALED, Map.of("registration_id", requireId(registrationId)));
    }

    /**
     * Completes a draft into the event a sink receives.
     *
     * @param draft what happened
     * @param tenantId the tenant of the request
     * @param clientIp the client IP when known, else null
     * @param now when it happened (the JSON form keeps milliseconds)
     * @param ids where the {@code evt_…} id comes from
     * @return the event
     */
    public static AuditEvent stamp(
            AuditDraft draft, String tenantId, @Nullable String clientIp, Instant now, SecretGenerator ids) {
        Objects.requireNonNull(draft, "draft cannot be null");
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        Objects.requireNonNull(ids, "ids cannot be null");
        return new AuditEvent(ids.eventId(), draft.type(), now, tenantId, clientIp, draft.details());
    }

    private static void putDelegation(Map<String, String> details, @Nullable String iss, @Nullable String sub) {
        if ((iss == null) != (sub == null)) {
            throw new IllegalArgumentException("iss and sub must be both set or both null");
        }
        if (iss != null) {
            details.put("iss", iss);
            details.put("sub", sub);
        }
    }

    private static void putIfPresent(Map<String, String> details, String name, @Nullable String value) {
        if (value != null) {
            details.put(name, value);
        }
    }

    private static String requireId(String registrationId) {
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        if (registrationId.isBlank()) {
            throw new IllegalArgumentException("registrationId cannot be blank");
        }
        return registrationId;
    }
}
