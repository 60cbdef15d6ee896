/**
 * The client's machinery behind {@code dev.authmd.client}: the guarded HTTP exchange, discovery and profile detection,
 * and one wire class per profile. Not exported; nothing here is API.
 */
@NullMarked
package dev.authmd.client.internal;

import org.jspecify.annotations.NullMarked;
