/**
 * The auth.md document (PROTOCOL.md §2 item 4): {@link dev.authmd.core.authmd.AuthMdRenderer}
 * writes it from the service configuration, {@link dev.authmd.core.authmd.AuthMdParser} reads
 * any auth.md document on the agent side into an {@link dev.authmd.core.authmd.AuthMdDocument}.
 * Both are pure (no I/O) and thread-safe.
 */
package dev.authmd.core.authmd;
