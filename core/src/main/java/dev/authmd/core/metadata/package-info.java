/**
 * Discovery metadata (PROTOCOL.md §2): Protected Resource Metadata (RFC 9728) and Authorization
 * Server Metadata (RFC 8414) with the {@code agent_auth} block as plain immutable values
 * ({@link dev.authmd.core.metadata.ProtectedResourceMetadata},
 * {@link dev.authmd.core.metadata.AuthorizationServerMetadata},
 * {@link dev.authmd.core.metadata.AgentAuthMetadata}) that keep unknown members; their JSON codec
 * ({@link dev.authmd.core.metadata.MetadataJson}, the only class here that touches Jackson); the
 * policy checks a client runs after parsing ({@link dev.authmd.core.metadata.MetadataValidator});
 * this service's own documents built from its configuration
 * ({@link dev.authmd.core.metadata.DiscoveryDocuments}); and the well-known URL rules
 * ({@link dev.authmd.core.metadata.WellKnownUris}). Everything here is pure and thread-safe.
 */
package dev.authmd.core.metadata;
