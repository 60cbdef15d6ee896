/**
 * Framework-neutral HTTP values: the {@link dev.authmd.spi.http.HttpRequest} an adapter builds from its framework's
 * request, the {@link dev.authmd.spi.http.HttpResponse} it writes back, and {@link dev.authmd.spi.http.HttpFetcher} for
 * outbound fetches.
 */
@NullMarked
package dev.authmd.spi.http;

import org.jspecify.annotations.NullMarked;
