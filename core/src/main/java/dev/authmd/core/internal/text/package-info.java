/** Text escaping helpers. Internal. */
@NullMarked
package dev.authmd.core.internal.text;

import org.jspecify.annotations.NullMarked;
