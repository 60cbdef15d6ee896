/**
 * Audit events of docs/protocol.md#v01-8 as the core builds them: pure code returns
 * {@link dev.authmd.core.internal.audit.AuditDraft}s made by {@link dev.authmd.core.internal.audit.AuditEvents}; the
 * service stamps them with an id, the time, the tenant and the client IP
 * ({@link dev.authmd.core.internal.audit.AuditEvents#stamp}) and hands the resulting
 * {@link dev.authmd.spi.audit.AuditEvent} to an {@link dev.authmd.spi.audit.AuditSink}.
 * {@link dev.authmd.core.audit.AuditEventJson} is the stable JSON form; {@link dev.authmd.core.audit.Slf4jAuditSink}
 * the default sink; {@link dev.authmd.core.internal.audit.SafeAuditSink} keeps a failing sink from changing a protocol
 * outcome.
 *
 * <p>No event carries a secret (token, OTP, credential, key). Emails and subjects are personal data, not secrets, and
 * appear where §8 lists them.
 */
@NullMarked
package dev.authmd.core.audit;

import org.jspecify.annotations.NullMarked;
