/** The library's strict JSON reader (duplicate member names are errors). Not exported. */
package dev.authmd.core.internal.json;
