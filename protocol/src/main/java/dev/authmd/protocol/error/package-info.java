/**
 * Errors: {@link dev.authmd.protocol.error.ProtocolError}, the enum every wire code comes from, and the exception
 * hierarchy rooted at {@link dev.authmd.protocol.error.AgentAuthException}.
 */
@NullMarked
package dev.authmd.protocol.error;

import org.jspecify.annotations.NullMarked;
