/**
 * The agent-provider kit: signing keys, JWKS and CIMD documents, minting ID-JAGs and logout tokens (PROTOCOL.md §9).
 */
package dev.authmd.core.provider;
