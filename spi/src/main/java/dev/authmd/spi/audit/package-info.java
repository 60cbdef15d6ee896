/** Audit events and where they go: {@link dev.authmd.spi.audit.AuditSink}. */
package dev.authmd.spi.audit;
