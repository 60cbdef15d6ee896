/** HTTP response helpers shared by the endpoints. Internal. */
@NullMarked
package dev.authmd.core.internal.http;

import org.jspecify.annotations.NullMarked;
