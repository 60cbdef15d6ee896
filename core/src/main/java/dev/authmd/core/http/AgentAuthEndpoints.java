package dev.authmd.core.http;

import dev.authmd.core.authmd.AuthMdRenderOptions;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.internal.http.Responses;
import dev.authmd.core.ratelimit.ClientAddressResolver;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.RequestContext;
import dev.authmd.protocol.error.CurrentProfileError;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.store.WireProfile;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework-neutral HTTP face of the library: one handler for the discovery documents, every v0.1 endpoint of
 * docs/protocol.md#v01-2 (§2–§6) and the current profile's endpoints (identity, token, RFC 7009 revocation, events,
 * JWKS: docs/protocol.md#current), for the profiles the tenant's configuration serves, translating {@link HttpRequest}
 * to the use cases of {@link AgentAuthService} and their outcomes to exact statuses, codes and headers. Each profile
 * has its own router and serializer, side by side ({@code V01Routes}, {@code CurrentProfileRoutes}); this class
 * resolves the tenant, serves discovery, matches the path of a profile the tenant serves and checks the method.
 *
 * <p>Every request resolves to a tenant first (no tenant → {@code 404 not_found}). Paths are matched in decoded and raw
 * form. Bodies are size-limited ({@code maxRequestBodyBytes}) and parsed strictly (duplicate keys, trailing data and
 * wrong types are {@code 400 invalid_request}); a wrong, missing or repeated {@code Content-Type}, or a charset other
 * than UTF-8, is {@code 400 invalid_request} too, consistently, never 415. A rejected request reaches no use case, so
 * it changes nothing. Registration checks follow docs/protocol.md#v01-3's order: unknown
 * {@code type}/{@code assertion_type}, then a switched-off method, then the credential type. Every JSON answer is
 * {@code Cache-Control: no-store}; the claim page is {@code no-store}, {@code Referrer-Policy: no-referrer} and under a
 * nonce-based CSP. Nothing here throws: an unexpected failure is {@code 500 server_error}.
 *
 * <p>Immutable and thread-safe once built.
 *
 * <pre>{@code
 * AgentAuthEndpoints endpoints = AgentAuthEndpoints.builder(service).build();
 * // in your framework's handler:
 * if (endpoints.matches(request)) return endpoints.handle(request);
 * }</pre>
 */
public final class AgentAuthEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(AgentAuthEndpoints.class);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final AgentAuthService service;
    private final Function<HttpRequest, Optional<String>> tenantResolver;
    private final ClientAddressResolver addresses;
    private final Map<String, TenantRoutes> routes;
    private final V01Routes v01;
    private final CurrentProfileRoutes current;

    private AgentAuthEndpoints(Builder builder) {
        this.service = builder.service;
        this.v01 = new V01Routes(builder.service, builder.guard, builder.layout);
        this.current = new CurrentProfileRoutes(builder.service, builder.identityGuard, builder.layout);
        this.tenantResolver = builder.tenantResolver;
        this.addresses = builder.addresses;
        Map<String, TenantRoutes> byTenant = new HashMap<>();
        for (String tenantId : service.tenantIds()) {
            AgentAuthConfig config = service.config(tenantId).orElseThrow();
            byTenant.put(
                    tenantId,
                    TenantRoutes.of(
                            tenantId,
                            config,
                            DiscoveryEndpoints.of(
                                    config,
                                    builder.authMdOptions.withClaimBySignIn(service.claimingEnabled()),
                                    service.trustList(tenantId)
                                            .map(list -> !list.isEmpty())
                                            .orElse(false))));
        }
        this.routes = Map.copyOf(byTenant);
    }

    /**
     * Starts a builder for the registration endpoints.
     *
     * @param service the registration service
     * @return a builder: single tenant, peer address only, no claim page guard
     */
    public static Builder builder(AgentAuthService service) {
        return new Builder(service);
    }

    /**
     * Tells whether a request's path belongs to these endpoints.
     *
     * @param request any request
     * @return whether the path is one this handler answers (for filter-style adapters that pass other paths on to the
     *     host's own routes)
     */
    public boolean matches(HttpRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        return tenantOf(request)
                .map(r -> r.route(request.path()) != Route.NONE
                        || r.discovery().paths().contains(request.path()))
                .orElse(false);
    }

    /**
     * Handles a request to one of these endpoints.
     *
     * @param request any request
     * @return the answer; {@code 404 not_found} for a path this handler does not serve
     */
    public HttpResponse handle(HttpRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        try {
            Optional<String> tenantId = resolveTenantId(request);
            TenantRoutes tenant = tenantId.map(routes::get).orElse(null);
            if (tenant == null) {
                return Responses.error(ProtocolError.NOT_FOUND, null);
            }
            Optional<HttpResponse> discovery = tenant.discovery().handle(request);
            if (discovery.isPresent()) {
                return discovery.get();
            }
            RequestContext ctx = new RequestContext(
                    tenantId.get(), addresses.resolve(request).orElse(null));
            Route route = tenant.route(request.path());
            if (route == Route.NONE) {
                return Responses.error(ProtocolError.NOT_FOUND, null);
            }
            String method = route == Route.CLAIM_VIEW || route == Route.JWKS ? "GET" : "POST";
            boolean pageMethod = route == Route.ID_CLAIM_PAGE
                    && List.of("GET", "HEAD", "POST").contains(request.method());
            if (!pageMethod
                    && !request.method().equals(method)
                    && !(method.equals("GET") && request.method().equals("HEAD"))) {
                String allow =
                        route == Route.ID_CLAIM_PAGE ? "GET, HEAD, POST" : method.equals("GET") ? "GET, HEAD" : "POST";
                HttpResponse refused = route.current
                        ? CurrentProfileRoutes.identityError(CurrentProfileError.METHOD_NOT_ALLOWED, null)
                        : Responses.error(ProtocolError.METHOD_NOT_ALLOWED, null);
                HttpResponse.Builder withAllow = HttpResponse.builder(refused.status());
                refused.headers().forEach((name, values) -> values.forEach(value -> withAllow.header(name, value)));
                return withAllow.body(refused.body()).header("Allow", allow).build();
            }
            return switch (route) {
                case REGISTER -> v01.register(ctx, request, tenant.config());
                case CLAIM -> v01.claim(ctx, request, tenant.config());
                case CLAIM_VIEW -> v01.view(ctx, request, tenant.config());
                case CHALLENGE -> v01.challenge(ctx, request, tenant.config());
                case COMPLETE -> v01.complete(ctx, request, tenant.config());
                case REVOKE -> v01.revoke(ctx, request, tenant.config());
                case IDENTITY -> current.identity(ctx, request, tenant.config());
                case TOKEN -> current.token(ctx, request, tenant.config());
                case TOKEN_REVOKE -> current.revoke(ctx, request, tenant.config());
                case EVENTS -> current.event(ctx, request, tenant.config());
                case JWKS -> current.jwks(ctx, request);
                case ID_CLAIM -> current.claimStart(ctx, request, tenant.config());
                case ID_CLAIM_COMPLETE -> current.claimComplete(ctx, request, tenant.config());
                case ID_CLAIM_PAGE -> current.claimPage(ctx, request, tenant.config());
                case NONE -> Responses.error(ProtocolError.NOT_FOUND, null);
            };
        } catch (RuntimeException e) {
            LOG.error("request {} failed: {}", request, e.getClass().getName(), e);
            return Responses.error(ProtocolError.SERVER_ERROR, null);
        }
    }

    private Optional<TenantRoutes> tenantOf(HttpRequest request) {
        return resolveTenantId(request).map(routes::get);
    }

    /** The host's resolver, with a null answer read as "no tenant" rather than a failure. */
    private Optional<String> resolveTenantId(HttpRequest request) {
        Optional<String> tenantId = tenantResolver.apply(request);
        return tenantId == null ? Optional.empty() : tenantId;
    }

    /** The same status and headers as {@code page}, plus its {@code Content-Length}, without the body. */
    static HttpResponse headOf(HttpResponse page) {
        HttpResponse.Builder head = HttpResponse.builder(page.status());
        page.headers().forEach((name, values) -> values.forEach(value -> head.header(name, value)));
        return head.setHeader("Content-Length", Integer.toString(page.body().length))
                .build();
    }

    /**
     * Formats an instant as a protocol timestamp.
     *
     * @param instant an instant
     * @return it as the protocol writes timestamps: ISO-8601 UTC with milliseconds
     */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /**
     * Returns the {@code Content-Type}, or empty when it is absent or sent more than once (two values leave it open
     * which one a proxy or the framework honoured: refuse to guess).
     *
     * @return the {@code Content-Type}, or empty when it is absent or sent more than once (two values leave it open
     *     which one a proxy or the framework honoured: refuse to guess)
     */
    static Optional<String> singleContentType(HttpRequest request) {
        List<String> values = request.headers("Content-Type");
        return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
    }

    /** {@code application/json}, optionally with {@code charset=utf-8}; any other charset is refused. */
    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    private enum Route {
        REGISTER(false),
        CLAIM(false),
        CLAIM_VIEW(false),
        CHALLENGE(false),
        COMPLETE(false),
        REVOKE(false),
        IDENTITY(true),
        TOKEN(true),
        TOKEN_REVOKE(true),
        EVENTS(true),
        JWKS(true),
        ID_CLAIM(true),
        ID_CLAIM_COMPLETE(true),
        ID_CLAIM_PAGE(true),
        NONE(false);

        /** Whether the route belongs to the current profile (its errors use that profile's envelope). */
        final boolean current;

        Route(boolean current) {
            this.current = current;
        }
    }

    /** One tenant's routes, keyed by path in decoded and raw form (adapters differ). */
    private record TenantRoutes(AgentAuthConfig config, DiscoveryEndpoints discovery, Map<String, Route> byPath) {

        static TenantRoutes of(String tenantId, AgentAuthConfig config, DiscoveryEndpoints discovery) {
            Map<String, Route> byPath = new HashMap<>();
            if (config.serves(WireProfile.V0_1)) {
                RoutePaths.put(byPath, config.registerUri(), Route.REGISTER);
                RoutePaths.put(byPath, config.claimUri(), Route.CLAIM);
                RoutePaths.put(byPath, config.claimViewUri(), Route.CLAIM_VIEW);
                RoutePaths.put(byPath, config.claimChallengeUri(), Route.CHALLENGE);
                RoutePaths.put(byPath, config.claimCompleteUri(), Route.COMPLETE);
                RoutePaths.put(byPath, config.revocationUri(), Route.REVOKE);
            }
            if (config.serves(WireProfile.CURRENT)) {
                putUnique(tenantId, byPath, config.identityEndpoint(), Route.IDENTITY);
                putUnique(tenantId, byPath, config.tokenEndpoint(), Route.TOKEN);
                putUnique(tenantId, byPath, config.tokenRevocationEndpoint(), Route.TOKEN_REVOKE);
                putUnique(tenantId, byPath, config.eventsEndpoint(), Route.EVENTS);
                putUnique(tenantId, byPath, config.jwksUri(), Route.JWKS);
                putUnique(tenantId, byPath, config.claimEndpoint(), Route.ID_CLAIM);
                putUnique(tenantId, byPath, URI.create(config.claimEndpoint() + "/complete"), Route.ID_CLAIM_COMPLETE);
                putUnique(tenantId, byPath, URI.create(config.claimEndpoint() + "/view"), Route.ID_CLAIM_PAGE);
            }
            for (String path : discovery.paths()) {
                if (byPath.containsKey(path)) {
                    throw new IllegalArgumentException("tenant " + tenantId + ": the discovery document at " + path
                            + " would hide the " + byPath.get(path).name().toLowerCase(Locale.ROOT)
                            + " endpoint; change authMdPath or agentAuthPath");
                }
            }
            return new TenantRoutes(config, discovery, Map.copyOf(byPath));
        }

        private static void putUnique(String tenantId, Map<String, Route> byPath, URI uri, Route route) {
            Route taken = byPath.get(uri.getRawPath());
            if (taken != null) {
                throw new IllegalArgumentException("tenant " + tenantId + ": the " + name(route) + " endpoint's path "
                        + uri.getRawPath() + " is already the " + name(taken) + " endpoint's; change one of them");
            }
            RoutePaths.put(byPath, uri, route);
        }

        private static String name(Route route) {
            return route.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        Route route(String path) {
            return byPath.getOrDefault(path, Route.NONE);
        }
    }

    /** Builds {@link AgentAuthEndpoints}. Not thread-safe. */
    public static final class Builder {
        private final AgentAuthService service;
        private Function<HttpRequest, Optional<String>> tenantResolver =
                request -> Optional.of(RequestContext.DEFAULT_TENANT);
        private ClientAddressResolver addresses = ClientAddressResolver.peerOnly();
        private ClaimPageGuard guard = ClaimPageGuard.ALLOW_ALL;
        private IdentityClaimGuard identityGuard = IdentityClaimGuard.ALLOW_ALL;
        private ClaimPageLayout layout = ClaimPageLayout.standard();
        private AuthMdRenderOptions authMdOptions = AuthMdRenderOptions.defaults();

        private Builder(AgentAuthService service) {
            this.service = Objects.requireNonNull(service, "service cannot be null");
        }

        /**
         * Sets how a request is mapped to its tenant id.
         *
         * @param resolver maps a request to its tenant id (by host, path prefix…); empty → 404. Default: every request
         *     belongs to {@link RequestContext#DEFAULT_TENANT}
         * @return this builder
         */
        public Builder tenantResolver(Function<HttpRequest, Optional<String>> resolver) {
            this.tenantResolver = Objects.requireNonNull(resolver, "resolver cannot be null");
            return this;
        }

        /**
         * Sets how the client IP is resolved.
         *
         * @param resolver client IP resolution; default the peer address only
         * @return this builder
         */
        public Builder clientAddressResolver(ClientAddressResolver resolver) {
            this.addresses = Objects.requireNonNull(resolver, "resolver cannot be null");
            return this;
        }

        /**
         * Sets the host's claim page policy.
         *
         * @param guard the host's claim page policy; default allows all
         * @return this builder
         */
        public Builder claimPageGuard(ClaimPageGuard guard) {
            this.guard = Objects.requireNonNull(guard, "guard cannot be null");
            return this;
        }

        /**
         * Sets the host's policy on the current profile's sign-in claim page.
         *
         * @param guard called before the signed-in owner may confirm or deny; default allows all
         * @return this builder
         */
        public Builder identityClaimGuard(IdentityClaimGuard guard) {
            this.identityGuard = Objects.requireNonNull(guard, "guard cannot be null");
            return this;
        }

        /**
         * Sets the HTML around both profiles' claim pages.
         *
         * @param layout the host's layout; default {@link ClaimPageLayout#standard()}
         * @return this builder
         */
        public Builder claimPageLayout(ClaimPageLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout cannot be null");
            return this;
        }

        /**
         * Sets the extra facts for the rendered auth.md.
         *
         * @param options extra facts for the rendered auth.md
         * @return this builder
         */
        public Builder authMdOptions(AuthMdRenderOptions options) {
            this.authMdOptions = Objects.requireNonNull(options, "options cannot be null");
            return this;
        }

        /**
         * Builds the endpoints.
         *
         * @return the endpoints
         * @throws IllegalArgumentException when a tenant's discovery paths and endpoint paths collide (e.g.
         *     {@code authMdPath} equal to {@code agentAuthPath})
         */
        public AgentAuthEndpoints build() {
            return new AgentAuthEndpoints(this);
        }
    }
}
