/**
 * Helpers of the auth.md renderer and parser (Markdown escaping, durations, table and HTTP
 * block scanning, URL candidates). Not exported; may change without notice.
 */
package dev.authmd.core.internal.authmd;
