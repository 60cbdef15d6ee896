/** Client ID Metadata Document resolution for the {@code client_id} binding check. Not exported. */
@NullMarked
package dev.authmd.core.internal.cimd;

import org.jspecify.annotations.NullMarked;
