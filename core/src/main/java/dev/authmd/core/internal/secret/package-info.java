/** Secret generation and constant-time comparison used by the use cases. Not exported; may change without notice. */
@NullMarked
package dev.authmd.core.internal.secret;

import org.jspecify.annotations.NullMarked;
