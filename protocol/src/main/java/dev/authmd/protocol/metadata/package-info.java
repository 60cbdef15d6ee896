/**
 * Discovery metadata (docs/protocol.md#v01-2): Protected Resource Metadata (RFC 9728) and Authorization Server Metadata
 * (RFC 8414) with the {@code agent_auth} block as plain immutable values
 * ({@link dev.authmd.protocol.metadata.ProtectedResourceMetadata},
 * {@link dev.authmd.protocol.metadata.AuthorizationServerMetadata},
 * {@link dev.authmd.protocol.metadata.AgentAuthMetadata}) that keep unknown members; their JSON codec
 * ({@link dev.authmd.protocol.metadata.MetadataJson}, the only class here that touches Jackson); the policy checks a
 * client runs after parsing ({@link dev.authmd.protocol.metadata.MetadataValidator}); and the well-known URL rules
 * ({@link dev.authmd.protocol.metadata.WellKnownUris}). Everything here is pure and thread-safe.
 */
@NullMarked
package dev.authmd.protocol.metadata;

import org.jspecify.annotations.NullMarked;
