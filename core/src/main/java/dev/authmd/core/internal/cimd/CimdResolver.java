package dev.authmd.core.internal.cimd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.internal.fetch.DocumentFetcher;
import dev.authmd.core.internal.fetch.ExpiringCache;
import dev.authmd.core.internal.fetch.FetchedDocument;
import dev.authmd.core.internal.json.StrictJson;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves a {@code client_id} URL to its Client ID Metadata Document (docs/protocol.md#v01-3a-step-7): fetched through
 * the guarded fetcher, the document's {@code client_id} must equal the URL exactly, and its {@code jwks_uri} is what
 * the binding check compares with the JWKS that verified the signature. Results are cached for the document's
 * {@code Cache-Control} lifetime (clamped); failures are cached for the negative TTL. Thread-safe; two first look-ups
 * of the same URL at once may both fetch.
 */
public final class CimdResolver {

    /**
     * A resolved document.
     *
     * @param clientId the URL, equal to the document's {@code client_id}
     * @param jwksUri the document's {@code jwks_uri}, when it has one
     */
    public record ClientMetadata(String clientId, Optional<URI> jwksUri) {}

    private static final Optional<ClientMetadata> FAILED = Optional.empty();

    private final DocumentFetcher documents;
    private final ExpiringCache<String, Optional<ClientMetadata>> cache;

    /**
     * Creates a resolver that fetches documents through a guarded fetcher.
     *
     * @param documents the guarded document fetcher
     */
    public CimdResolver(DocumentFetcher documents) {
        this.documents = documents;
        this.cache = new ExpiringCache<>(documents.settings().maxCachedDocuments());
    }

    /**
     * Tells whether a client id looks like a CIMD URL.
     *
     * @param clientId a candidate CIMD URL
     * @return whether it has the shape of a CIMD client id (absolute http(s) URL with a host and a path, no fragment,
     *     no user info)
     */
    public static boolean looksLikeCimdUrl(String clientId) {
        URI uri;
        try {
            uri = new URI(clientId);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("https") || scheme.equals("http"))
                && uri.getHost() != null
                && uri.getRawFragment() == null
                && uri.getRawUserInfo() == null
                && uri.getRawPath() != null
                && uri.getRawPath().length() > 1;
    }

    /**
     * Resolves a CIMD URL to its client metadata.
     *
     * @param clientId a CIMD URL (checked with {@link #looksLikeCimdUrl(String)})
     * @param now current time, epoch millis
     * @return the document, or empty when it could not be fetched or is not valid
     */
    public Optional<ClientMetadata> resolve(String clientId, long now) {
        Optional<ClientMetadata> cached = cache.get(clientId, now);
        if (cached != null) {
            return cached;
        }
        long negativeUntil = now + documents.settings().negativeCacheTtl().toMillis();
        FetchedDocument document;
        try {
            document = documents.fetch(URI.create(clientId));
        } catch (IOException | IllegalArgumentException e) {
            cache.put(clientId, FAILED, negativeUntil, now);
            return FAILED;
        }
        Optional<ClientMetadata> parsed = parse(clientId, document.body());
        cache.put(clientId, parsed, parsed.isPresent() ? now + document.ttl().toMillis() : negativeUntil, now);
        return parsed;
    }

    private static Optional<ClientMetadata> parse(String clientId, String body) {
        Optional<ObjectNode> json = StrictJson.parseObject(body.getBytes(StandardCharsets.UTF_8));
        if (json.isEmpty()) {
            return FAILED;
        }
        JsonNode declared = json.get().get("client_id");
        if (declared == null || !declared.isTextual() || !declared.asText().equals(clientId)) {
            return FAILED;
        }
        JsonNode jwksUri = json.get().get("jwks_uri");
        if (jwksUri == null) {
            return Optional.of(new ClientMetadata(clientId, Optional.empty()));
        }
        if (!jwksUri.isTextual()) {
            return FAILED;
        }
        try {
            URI uri = new URI(jwksUri.asText());
            return uri.isAbsolute() ? Optional.of(new ClientMetadata(clientId, Optional.of(uri))) : FAILED;
        } catch (java.net.URISyntaxException e) {
            return FAILED;
        }
    }
}
