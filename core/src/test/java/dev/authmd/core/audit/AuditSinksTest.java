package dev.authmd.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.authmd.core.internal.audit.AuditEvents;
import dev.authmd.core.internal.audit.SafeAuditSink;
import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class AuditSinksTest {

    private static final AuditEvent EVENT = AuditEvents.stamp(
            AuditEvents.claimRequested("reg_1", "a@example.com"),
            "default",
            "203.0.113.7",
            Instant.parse("2026-05-04T12:00:00Z"),
            new dev.authmd.core.secret.SecretGenerator());

    @Test
    void slf4jSinkWhenEventThenOneInfoLineWithTheJson() {
        RecordingLogger logger = new RecordingLogger(Slf4jAuditSink.LOGGER_NAME);
        new Slf4jAuditSink(logger).emit(EVENT);
        assertThat(logger.lines()).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(Level.INFO);
            assertThat(line.message()).isEqualTo(AuditEventJson.write(EVENT));
        });
    }

    @Test
    void slf4jSinkWhenDefaultThenNamedAuditLogger() {
        assertThat(new Slf4jAuditSink().toString()).contains("dev.authmd.audit");
        assertThatCode(() -> new Slf4jAuditSink().emit(EVENT)).doesNotThrowAnyException();
    }

    @Test
    void safeSinkWhenDelegateSucceedsThenEventPassedThrough() {
        List<AuditEvent> received = new ArrayList<>();
        SafeAuditSink.wrap(received::add).emit(EVENT);
        assertThat(received).containsExactly(EVENT);
    }

    @Test
    void safeSinkWhenDelegateThrowsThenSwallowedAndWarnWithTypeOnly() {
        RecordingLogger logger = new RecordingLogger("test");
        AuditSink failing = event -> {
            throw new IllegalStateException("SIEM down while sending " + event.details());
        };
        assertThatCode(() -> SafeAuditSink.wrap(failing, logger).emit(EVENT)).doesNotThrowAnyException();
        assertThat(logger.lines()).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(Level.WARN);
            assertThat(line.message()).contains("claim.requested").contains("IllegalStateException");
            assertThat(line.throwable()).isNull();
        });
        assertThat(logger.allText())
                .doesNotContain("a@example.com")
                .doesNotContain("reg_1")
                .doesNotContain("SIEM down");
    }

    @Test
    void safeSinkWhenWrappedTwiceThenSameInstance() {
        SafeAuditSink once = SafeAuditSink.wrap(event -> {});
        assertThat(SafeAuditSink.wrap(once)).isSameAs(once);
    }

    @Test
    void safeSinkWhenDelegateThrowsErrorThenPropagates() {
        AuditSink broken = event -> {
            throw new AssertionError("boom");
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SafeAuditSink.wrap(broken).emit(EVENT))
                .isInstanceOf(AssertionError.class);
    }
}
