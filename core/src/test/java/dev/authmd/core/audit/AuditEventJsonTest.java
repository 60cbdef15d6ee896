package dev.authmd.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.core.internal.audit.AuditDraft;
import dev.authmd.core.internal.audit.AuditEvents;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.store.RegistrationType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventJsonTest {

    private static final Instant NOW = Instant.parse("2026-05-04T12:00:00.123456789Z");

    @Test
    void writeWhenClientIpKnownThenEnvelopeThenDetailsInOrder() {
        AuditEvent event = event(AuditEvents.claimRequested("reg_1", "a@example.com"), "203.0.113.7");
        assertThat(AuditEventJson.write(event))
                .isEqualTo("{\"event_id\":\"evt_1\",\"type\":\"claim.requested\","
                        + "\"occurred_at\":\"2026-05-04T12:00:00.123Z\",\"tenant_id\":\"default\","
                        + "\"client_ip\":\"203.0.113.7\",\"registration_id\":\"reg_1\",\"email\":\"a@example.com\"}");
    }

    @Test
    void writeWhenClientIpUnknownThenMemberOmitted() {
        AuditEvent event = event(
                AuditEvents.registrationCreated(
                        "reg_1", RegistrationType.AGENT_PROVIDER, "https://idp.example", "u-1", "claude", "ctx"),
                null);
        assertThat(AuditEventJson.write(event))
                .isEqualTo("{\"event_id\":\"evt_1\",\"type\":\"registration.created\","
                        + "\"occurred_at\":\"2026-05-04T12:00:00.123Z\",\"tenant_id\":\"default\","
                        + "\"registration_id\":\"reg_1\",\"registration_type\":\"agent-provider\","
                        + "\"iss\":\"https://idp.example\",\"sub\":\"u-1\",\"agent_platform\":\"claude\","
                        + "\"agent_context_id\":\"ctx\"}");
    }

    @Test
    void writeWhenWholeSecondThenThreeFractionDigits() {
        AuditEvent event = new AuditEvent(
                "evt_1",
                AuditEventType.OTP_GENERATED,
                Instant.parse("2026-01-02T03:04:05Z"),
                "t",
                null,
                Map.of("registration_id", "reg_1"));
        assertThat(AuditEventJson.write(event)).contains("\"occurred_at\":\"2026-01-02T03:04:05.000Z\"");
    }

    @Test
    void writeWhenValuesHaveQuotesControlAndNonAsciiThenEscapedOnOneAsciiLine() {
        AuditEvent event =
                event(AuditEvents.assertionRejected(ProtocolError.INVALID_ISSUER, "evil\"\n\u2028caf\u00e9"), null);
        String json = AuditEventJson.write(event);
        assertThat(json).endsWith("\"error\":\"invalid_issuer\",\"iss\":\"evil\\\"\\n\\u2028caf\\u00E9\"}");
        assertThat(json).doesNotContain("\n").matches("\\p{ASCII}+");
    }

    @Test
    void writeWhenParsedBackThenSameMembers() throws Exception {
        String json = AuditEventJson.write(event(AuditEvents.claimFailed("reg_1", ProtocolError.OTP_INVALID), "::1"));
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = new ObjectMapper().readValue(json, Map.class);
        assertThat(parsed)
                .containsEntry("type", "claim.failed")
                .containsEntry("client_ip", "::1")
                .containsEntry("error", "otp_invalid")
                .hasSize(7);
    }

    @Test
    void writeWhenDetailReusesEnvelopeNameThenClearError() {
        AuditEvent event =
                new AuditEvent("evt_1", AuditEventType.OTP_GENERATED, NOW, "t", null, Map.of("type", "spoofed"));
        assertThatThrownBy(() -> AuditEventJson.write(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("detail name is reserved for the envelope: type");
    }

    private static AuditEvent event(AuditDraft draft, String ip) {
        return new AuditEvent("evt_1", draft.type(), NOW, "default", ip, draft.details());
    }
}
