/**
 * Framework-neutral endpoints: routing, size limits, JSON and error mapping over {@link dev.authmd.spi.http.HttpRequest}.
 */
package dev.authmd.core.http;
