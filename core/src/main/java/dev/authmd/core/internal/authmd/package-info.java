/**
 * Helpers of the auth.md renderer (Markdown escaping and writing, durations). Not exported; may change without notice.
 */
@NullMarked
package dev.authmd.core.internal.authmd;

import org.jspecify.annotations.NullMarked;
