package dev.authmd.core.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.authmd.core.ratelimit.LimitScope;
import dev.authmd.core.secret.SecretGenerator;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventsTest {

    @Test
    void registrationCreatedWhenAnonymousThenIdAndTypeOnly() {
        AuditDraft draft = AuditEvents.registrationCreated("reg_1", RegistrationType.ANONYMOUS);
        assertThat(draft.type()).isEqualTo(AuditEventType.REGISTRATION_CREATED);
        assertThat(draft.details())
                .containsExactly(entry("registration_id", "reg_1"), entry("registration_type", "anonymous"));
    }

    @Test
    void registrationCreatedWhenIdJagThenDelegationAndAgentMembersInOrder() {
        AuditDraft draft = AuditEvents.registrationCreated(
                "reg_1", RegistrationType.AGENT_PROVIDER, "https://idp.example", "u-42", "claude", "ctx-9");
        assertThat(draft.details())
                .containsExactly(
                        entry("registration_id", "reg_1"),
                        entry("registration_type", "agent-provider"),
                        entry("iss", "https://idp.example"),
                        entry("sub", "u-42"),
                        entry("agent_platform", "claude"),
                        entry("agent_context_id", "ctx-9"));
    }

    @Test
    void registrationCreatedWhenAgentMembersNullThenAbsent() {
        AuditDraft draft = AuditEvents.registrationCreated(
                "reg_1", RegistrationType.AGENT_PROVIDER, "https://idp.example", "u-42", null, null);
        assertThat(draft.details()).containsOnlyKeys("registration_id", "registration_type", "iss", "sub");
    }

    @Test
    void registrationCreatedWhenFromRegistrationThenSameMembers() {
        Registration registration = Registration.builder("t1", "reg_7")
                .type(RegistrationType.AGENT_PROVIDER)
                .status(RegistrationStatus.ACTIVE)
                .createdAt(Instant.EPOCH)
                .delegation("https://idp.example", "u-1")
                .agentContextId("ctx")
                .email("a@example.com")
                .build();
        assertThat(AuditEvents.registrationCreated(registration).details())
                .containsExactly(
                        entry("registration_id", "reg_7"),
                        entry("registration_type", "agent-provider"),
                        entry("iss", "https://idp.example"),
                        entry("sub", "u-1"),
                        entry("agent_context_id", "ctx"));
    }

    @Test
    void registrationCreatedWhenOnlyIssGivenThenClearError() {
        assertThatThrownBy(() -> AuditEvents.registrationCreated(
                        "reg_1", RegistrationType.AGENT_PROVIDER, "https://idp.example", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("iss and sub must be both set or both null");
    }

    @Test
    void claimEventsWhenBuiltThenExactMembers() {
        assertThat(AuditEvents.claimRequested("reg_1", "a@example.com").details())
                .containsExactly(entry("registration_id", "reg_1"), entry("email", "a@example.com"));
        assertThat(AuditEvents.otpGenerated("reg_1").details()).containsExactly(entry("registration_id", "reg_1"));
        assertThat(AuditEvents.claimConfirmed("reg_1", "user-1").details())
                .containsExactly(entry("registration_id", "reg_1"), entry("claimed_by_user_id", "user-1"));
        assertThat(AuditEvents.claimRequested("reg_1", "a@example.com").type())
                .isEqualTo(AuditEventType.CLAIM_REQUESTED);
        assertThat(AuditEvents.otpGenerated("reg_1").type()).isEqualTo(AuditEventType.OTP_GENERATED);
        assertThat(AuditEvents.claimConfirmed("reg_1", "u").type()).isEqualTo(AuditEventType.CLAIM_CONFIRMED);
    }

    @Test
    void registrationExpiredWhenBuiltThenIdOnly() {
        AuditDraft draft = AuditEvents.registrationExpired("reg_1");
        assertThat(draft.type()).isEqualTo(AuditEventType.REGISTRATION_EXPIRED);
        assertThat(draft.details()).containsExactly(entry("registration_id", "reg_1"));
    }

    @Test
    void registrationRevokedWhenLogoutTokenThenIssAndSub() {
        AuditDraft draft = AuditEvents.registrationRevoked("reg_1", "https://idp.example", "u-1");
        assertThat(draft.type()).isEqualTo(AuditEventType.REGISTRATION_REVOKED);
        assertThat(draft.details())
                .containsExactly(
                        entry("registration_id", "reg_1"), entry("iss", "https://idp.example"), entry("sub", "u-1"));
    }

    @Test
    void registrationRevokedWhenOperatorThenIssAndSubAbsent() {
        assertThat(AuditEvents.registrationRevoked("reg_1", null, null).details())
                .containsExactly(entry("registration_id", "reg_1"));
    }

    @Test
    void assertionRejectedWhenIssuerKnownThenErrorCodeAndIss() {
        AuditDraft draft = AuditEvents.assertionRejected(ProtocolError.INVALID_AUDIENCE, "https://idp.example");
        assertThat(draft.type()).isEqualTo(AuditEventType.ASSERTION_REJECTED);
        assertThat(draft.details())
                .containsExactly(entry("error", "invalid_audience"), entry("iss", "https://idp.example"));
        assertThat(AuditEvents.assertionRejected(ProtocolError.INVALID_REQUEST, null)
                        .details())
                .containsExactly(entry("error", "invalid_request"));
    }

    @Test
    void assertionRejectedWhenIssuerHugeThenCut() {
        String iss = "x".repeat(10_000);
        assertThat(AuditEvents.assertionRejected(ProtocolError.INVALID_ISSUER, iss)
                        .details()
                        .get("iss"))
                .hasSize(AuditEvents.MAX_UNTRUSTED_ISSUER_LENGTH);
    }

    @Test
    void claimFailedWhenRegistrationUnknownThenErrorOnly() {
        assertThat(AuditEvents.claimFailed(null, ProtocolError.INVALID_CLAIM_TOKEN)
                        .details())
                .containsExactly(entry("error", "invalid_claim_token"));
        AuditDraft known = AuditEvents.claimFailed("reg_1", ProtocolError.OTP_INVALID);
        assertThat(known.type()).isEqualTo(AuditEventType.CLAIM_FAILED);
        assertThat(known.details()).containsExactly(entry("registration_id", "reg_1"), entry("error", "otp_invalid"));
    }

    @Test
    void rateLimitExceededWhenBuiltThenLimitAndScope() {
        AuditDraft draft = AuditEvents.rateLimitExceeded("anonymous", LimitScope.IP);
        assertThat(draft.type()).isEqualTo(AuditEventType.RATE_LIMIT_EXCEEDED);
        assertThat(draft.details()).containsExactly(entry("limit", "anonymous"), entry("scope", "ip"));
        assertThat(AuditEvents.rateLimitExceeded("anonymous", LimitScope.TENANT).details())
                .containsEntry("scope", "tenant");
    }

    @Test
    void stampWhenDraftThenEventWithIdTimeTenantIpAndDetails() {
        Instant now = Instant.parse("2026-05-04T12:00:00.123456Z");
        AuditEvent event =
                AuditEvents.stamp(AuditEvents.otpGenerated("reg_1"), "t1", "203.0.113.7", now, new SecretGenerator());
        assertThat(event.eventId()).startsWith("evt_");
        assertThat(event.type()).isEqualTo(AuditEventType.OTP_GENERATED);
        assertThat(event.occurredAt()).isEqualTo(now);
        assertThat(event.tenantId()).isEqualTo("t1");
        assertThat(event.clientIp()).isEqualTo("203.0.113.7");
        assertThat(event.details()).containsExactly(entry("registration_id", "reg_1"));
    }

    @Test
    void stampWhenNoClientIpThenNull() {
        AuditEvent event =
                AuditEvents.stamp(AuditEvents.otpGenerated("reg_1"), "t1", null, Instant.EPOCH, new SecretGenerator());
        assertThat(event.clientIpAddress()).isEmpty();
    }

    @Test
    void draftWhenDetailNameReservedThenClearError() {
        assertThatThrownBy(() -> new AuditDraft(AuditEventType.CLAIM_FAILED, Map.of("tenant_id", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("detail name is reserved for the envelope: tenant_id");
    }

    @Test
    void draftWhenSourceMapChangesAfterwardsThenDraftUnchanged() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registration_id", "reg_1");
        AuditDraft draft = new AuditDraft(AuditEventType.OTP_GENERATED, details);
        details.put("email", "a@example.com");
        assertThat(draft.details()).containsOnlyKeys("registration_id");
        assertThatThrownBy(() -> draft.details().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void factoriesWhenRegistrationIdBlankThenClearError() {
        assertThatThrownBy(() -> AuditEvents.otpGenerated(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("registrationId cannot be blank");
        assertThatThrownBy(() -> AuditEvents.otpGenerated(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("registrationId cannot be null");
    }
}
