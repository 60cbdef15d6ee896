/**
 * Helpers shared by the auth.md parser and the renderer in core (wire names, table and HTTP block scanning, URL
 * candidates). Exported to {@code dev.authmd.core} only; may change without notice.
 */
@NullMarked
package dev.authmd.protocol.internal.authmd;

import org.jspecify.annotations.NullMarked;
