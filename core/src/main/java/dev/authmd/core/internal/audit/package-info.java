/**
 * Building, checking and safely delivering audit events: the typed drafts the use cases emit, the event factory, and
 * the sink wrapper that keeps a failing sink from failing a request. Not exported; may change without notice.
 */
@NullMarked
package dev.authmd.core.internal.audit;

import org.jspecify.annotations.NullMarked;
