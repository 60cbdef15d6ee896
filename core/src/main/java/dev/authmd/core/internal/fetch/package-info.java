/**
 * Internal helpers for outbound fetches: the capped body reader, {@code Cache-Control} parsing, and the JSON document
 * fetcher every look-up goes through. Not exported.
 */
@NullMarked
package dev.authmd.core.internal.fetch;

import org.jspecify.annotations.NullMarked;
