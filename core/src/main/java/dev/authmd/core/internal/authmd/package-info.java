/**
 * Helpers of the auth.md renderer (Markdown escaping and writing, durations). Not exported; may change without notice.
 */
package dev.authmd.core.internal.authmd;
