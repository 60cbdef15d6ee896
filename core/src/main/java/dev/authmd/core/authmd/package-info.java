/**
 * Writing this service's auth.md document (docs/protocol.md#v01-2-4): {@link dev.authmd.core.authmd.AuthMdRenderer}
 * renders it from the service configuration, with every value escaped. Pure (no I/O) and thread-safe. Reading a
 * document is {@code dev.authmd.protocol.authmd.AuthMdParser}'s job.
 */
@NullMarked
package dev.authmd.core.authmd;

import org.jspecify.annotations.NullMarked;
