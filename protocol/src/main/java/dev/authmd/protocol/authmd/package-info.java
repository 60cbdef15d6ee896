/**
 * Reading the auth.md document (docs/protocol.md#v01-2-4): {@link dev.authmd.protocol.authmd.AuthMdParser} reads any
 * service's auth.md into an {@link dev.authmd.protocol.authmd.AuthMdDocument}, keeping what it understands and ignoring
 * the rest. Pure (no I/O) and thread-safe.
 */
@NullMarked
package dev.authmd.protocol.authmd;

import org.jspecify.annotations.NullMarked;
