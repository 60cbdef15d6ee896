package dev.authmd.core.http;

import dev.authmd.core.authmd.AuthMdRenderOptions;
import dev.authmd.core.authmd.AuthMdRenderer;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.discovery.DiscoveryDocuments;
import dev.authmd.core.internal.http.Responses;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.protocol.metadata.MetadataJson;
import dev.authmd.protocol.metadata.WellKnownUris;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Serves the three discovery documents of docs/protocol.md#v01-2, all generated once from one {@link AgentAuthConfig}
 * so they cannot disagree:
 *
 * <ul>
 *   <li>Protected Resource Metadata at {@code /.well-known/oauth-protected-resource} and, when the resource identifier
 *       has a path, at the path-specific RFC 9728 location as well;
 *   <li>Authorization Server Metadata at the RFC 8414 location and, when different, at the location auth.md agents
 *       build by appending the well-known path to the issuer;
 *   <li>the auth.md document ({@code text/markdown; charset=utf-8}).
 * </ul>
 *
 * {@code GET} and {@code HEAD} are answered; other methods get {@code 405} with {@code Allow}. Documents are public and
 * cacheable ({@code Cache-Control: public, max-age=300}).
 *
 * <p>Immutable and thread-safe; build it once at startup.
 *
 * <pre>{@code
 * DiscoveryEndpoints discovery = DiscoveryEndpoints.of(config);
 * Optional<HttpResponse> answer = discovery.handle(request); // empty: not a discovery path
 * }</pre>
 */
final class DiscoveryEndpoints {

    /** {@code Cache-Control} of the discovery documents. */
    public static final String CACHE_CONTROL = "public, max-age=300";
    /** Media type of the auth.md document. */
    public static final String MARKDOWN = "text/markdown; charset=utf-8";

    private final Map<String, Document> documents;

    private DiscoveryEndpoints(Map<String, Document> documents) {
        this.documents = Map.copyOf(documents);
    }

    /**
     * Creates the discovery endpoints of a service.
     *
     * @param config the service configuration
     * @return the endpoints with the auth.md rendered with default options
     */
    public static DiscoveryEndpoints of(AgentAuthConfig config) {
        return of(config, AuthMdRenderOptions.defaults());
    }

    /**
     * Creates the discovery endpoints of a service with extra auth.md render options.
     *
     * @param config the service configuration
     * @param authMdOptions extra facts for the auth.md document (description, trusted providers)
     * @return the endpoints
     */
    public static DiscoveryEndpoints of(AgentAuthConfig config, AuthMdRenderOptions authMdOptions) {
        return of(config, authMdOptions, true);
    }

    /**
     * Creates the discovery endpoints of a service, knowing whether its trust list names any provider.
     *
     * @param config the service configuration
     * @param authMdOptions extra facts for the auth.md document
     * @param providerTrusted whether any provider is trusted (the current profile offers ID-JAGs only then)
     * @return the endpoints
     */
    static DiscoveryEndpoints of(AgentAuthConfig config, AuthMdRenderOptions authMdOptions, boolean providerTrusted) {
        Objects.requireNonNull(config, "config cannot be null");
        Objects.requireNonNull(authMdOptions, "authMdOptions cannot be null");
        Map<String, Document> documents = new LinkedHashMap<>();
        Document prm =
                new Document(MetadataJson.writePretty(DiscoveryDocuments.protectedResource(config)), Responses.JSON);
        documents.put("/.well-known/" + WellKnownUris.PROTECTED_RESOURCE, prm);
        RoutePaths.put(documents, config.protectedResourceMetadataUri(), prm);
        Document as = new Document(
                MetadataJson.writePretty(
                        DiscoveryDocuments.authorizationServer(config, providerTrusted, authMdOptions.claimBySignIn())),
                Responses.JSON);
        RoutePaths.put(documents, config.authorizationServerMetadataUri(), as);
        RoutePaths.put(documents, WellKnownUris.appendedAuthorizationServerMetadata(config.issuer()), as);
        documents.put(
                config.authMdPath(),
                new Document(AuthMdRenderer.of(config, authMdOptions).render(), MARKDOWN));
        return new DiscoveryEndpoints(documents);
    }

    /** {@return every path this handler answers} */
    public Set<String> paths() {
        return documents.keySet();
    }

    /**
     * Handles a request to a discovery endpoint.
     *
     * @param request any request
     * @return the answer when the path is a discovery path; empty otherwise
     */
    public Optional<HttpResponse> handle(HttpRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        Document document = documents.get(request.path());
        if (document == null) {
            return Optional.empty();
        }
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            return Optional.of(Responses.errorBuilder(ProtocolError.METHOD_NOT_ALLOWED, null, Map.of())
                    .header("Allow", "GET, HEAD")
                    .build());
        }
        HttpResponse.Builder response = HttpResponse.builder(200)
                .header("Content-Type", document.contentType())
                .header("Cache-Control", CACHE_CONTROL)
                .header("X-Content-Type-Options", "nosniff")
                .header("Access-Control-Allow-Origin", "*");
        if (head) {
            response.header("Content-Length", Integer.toString(document.body().length));
        } else {
            response.body(document.body());
        }
        return Optional.of(response.build());
    }

    // bytes rendered once and written as they are; never mutated, compared or hashed
    @SuppressWarnings("ArrayRecordComponent")
    private record Document(byte[] body, String contentType) {
        Document(String text, String contentType) {
            this(text.getBytes(StandardCharsets.UTF_8), contentType);
        }
    }
}
