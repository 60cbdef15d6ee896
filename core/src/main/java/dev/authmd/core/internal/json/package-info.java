/** Strict JSON reading for untrusted input. Internal. */
@NullMarked
package dev.authmd.core.internal.json;

import org.jspecify.annotations.NullMarked;
