/**
 * This service's own discovery documents (docs/protocol.md#v01-2), built by
 * {@link dev.authmd.core.discovery.DiscoveryDocuments} from its {@link dev.authmd.core.config.AgentAuthConfig} so they
 * can never drift from what the endpoints do. Pure and thread-safe.
 */
@NullMarked
package dev.authmd.core.discovery;

import org.jspecify.annotations.NullMarked;
