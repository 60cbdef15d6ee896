/** Audit events and where they go: {@link dev.authmd.spi.audit.AuditSink}. */
@NullMarked
package dev.authmd.spi.audit;

import org.jspecify.annotations.NullMarked;
