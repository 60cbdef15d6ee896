/** Implementation details; not exported, may change without notice. */
@NullMarked
package dev.authmd.core.internal;

import org.jspecify.annotations.NullMarked;
