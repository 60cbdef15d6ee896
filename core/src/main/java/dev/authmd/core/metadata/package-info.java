/**
 * Discovery metadata (PROTOCOL.md §2): Protected Resource Metadata (RFC 9728), Authorization Server Metadata (RFC 8414) with the {@code agent_auth} block, their JSON codec and the well-known URL rules.
 */
package dev.authmd.core.metadata;
