/**
 * Internal helpers for outbound fetches: the capped body reader, {@code Cache-Control} parsing, and the JSON document
 * fetcher every look-up goes through. Not exported.
 */
package dev.authmd.core.internal.fetch;
