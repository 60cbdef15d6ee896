/**
 * Errors: {@link dev.authmd.core.error.ProtocolError}, the enum every wire code comes from,
 * and the exception hierarchy rooted at {@link dev.authmd.core.error.AgentAuthException}.
 */
package dev.authmd.core.error;
