/**
 * Verification of signed assertions: ID-JAGs (PROTOCOL.md §3a) and logout tokens (§6) against a trust list.
 */
package dev.authmd.core.assertion;
