package dev.authmd.core.internal.fetch;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A document fetched with status 200, and the cache lifetime it announced.
 *
 * @param body the body, decoded as UTF-8
 * @param contentType the {@code Content-Type}, or null
 * @param ttl the lifetime to cache it for, already clamped to the floor and ceiling
 */
public record FetchedDocument(String body, @Nullable String contentType, Duration ttl) {}
