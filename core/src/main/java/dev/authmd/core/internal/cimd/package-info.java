/** Client ID Metadata Document resolution for the {@code client_id} binding check. Not exported. */
package dev.authmd.core.internal.cimd;
