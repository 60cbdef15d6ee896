package dev.authmd.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.assertion.AssertionResult;
import dev.authmd.core.assertion.LogoutTokenVerifier;
import dev.authmd.core.authmd.AuthMdRenderOptions;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.internal.http.Responses;
import dev.authmd.core.internal.json.StrictJson;
import dev.authmd.core.ratelimit.ClientAddressResolver;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.ClaimCompleted;
import dev.authmd.core.service.ClaimStarted;
import dev.authmd.core.service.ClaimView;
import dev.authmd.core.service.IssuedCredential;
import dev.authmd.core.service.OtpChallenge;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.protocol.error.CurrentProfileError;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.protocol.metadata.AgentAuthMetadata;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.WireProfile;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework-neutral HTTP face of the library: one handler for the discovery documents, every v0.1 endpoint of
 * docs/protocol.md#v01-2 (§2–§6) and the current profile's endpoints (identity, token, RFC 7009 revocation, events,
 * JWKS: docs/protocol.md#current), for the profiles the tenant's configuration serves, translating {@link HttpRequest}
 * to the use cases of {@link AgentAuthService} and their outcomes to exact statuses, codes and headers. The v0.1 routes
 * are translated here; the current profile's by its own router and serializer, with its own error envelope.
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
    private static final String ASSERTION_TYPE_ID_JAG = AgentAuthMetadata.ASSERTION_TYPE_ID_JAG;
    private static final String ASSERTION_TYPE_VERIFIED_EMAIL = AgentAuthMetadata.ASSERTION_TYPE_VERIFIED_EMAIL;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final AgentAuthService service;
    private final Function<HttpRequest, Optional<String>> tenantResolver;
    private final ClientAddressResolver addresses;
    private final ClaimPageGuard guard;
    private final Map<String, TenantRoutes> routes;
    private final CurrentProfileRoutes current;

    private AgentAuthEndpoints(Builder builder) {
        this.service = builder.service;
        this.current = new CurrentProfileRoutes(builder.service);
        this.tenantResolver = builder.tenantResolver;
        this.addresses = builder.addresses;
        this.guard = builder.guard;
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
                                    builder.authMdOptions,
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
            if (!request.method().equals(method)
                    && !(method.equals("GET") && request.method().equals("HEAD"))) {
                String allow = method.equals("GET") ? "GET, HEAD" : "POST";
                HttpResponse refused = route.current
                        ? CurrentProfileRoutes.identityError(CurrentProfileError.METHOD_NOT_ALLOWED, null)
                        : Responses.error(ProtocolError.METHOD_NOT_ALLOWED, null);
                HttpResponse.Builder withAllow = HttpResponse.builder(refused.status());
                refused.headers().forEach((name, values) -> values.forEach(value -> withAllow.header(name, value)));
                return withAllow.body(refused.body()).header("Allow", allow).build();
            }
            return switch (route) {
                case REGISTER -> register(ctx, request, tenant.config());
                case CLAIM -> claim(ctx, request, tenant.config());
                case CLAIM_VIEW -> view(ctx, request, tenant.config());
                case CHALLENGE -> challenge(ctx, request, tenant.config());
                case COMPLETE -> complete(ctx, request, tenant.config());
                case REVOKE -> revoke(ctx, request, tenant.config());
                case IDENTITY -> current.identity(ctx, request, tenant.config());
                case TOKEN -> current.token(ctx, request, tenant.config());
                case TOKEN_REVOKE -> current.revoke(ctx, request, tenant.config());
                case EVENTS -> current.event(ctx, request, tenant.config());
                case JWKS -> current.jwks(ctx, request);
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

    // --- routes -------------------------------------------------------------------------------

    private HttpResponse register(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        Body body = jsonBody(request, config);
        if (body.error != null) {
            return body.error;
        }
        Field type = body.string("type", true);
        if (type.error != null) {
            return type.error;
        }
        Field credential = body.string("requested_credential_type", false);
        if (credential.error != null) {
            return credential.error;
        }
        // §3 order: an unknown type or assertion_type first, then a switched-off method, then the
        // credential type; the service decides the last two for every credential type it can name
        Method method;
        String assertion = null;
        switch (type.present()) {
            case "anonymous" -> method = Method.ANONYMOUS;
            case "identity_assertion" -> {
                Field assertionType = body.string("assertion_type", true);
                if (assertionType.error != null) {
                    return assertionType.error;
                }
                Field assertionField = body.string("assertion", true);
                if (assertionField.error != null) {
                    return assertionField.error;
                }
                assertion = assertionField.present();
                switch (assertionType.present()) {
                    case ASSERTION_TYPE_ID_JAG -> method = Method.ID_JAG;
                    case ASSERTION_TYPE_VERIFIED_EMAIL -> method = Method.VERIFIED_EMAIL;
                    default -> {
                        return Responses.error(
                                ProtocolError.INVALID_REQUEST,
                                "assertion_type must be " + ASSERTION_TYPE_ID_JAG + " or "
                                        + ASSERTION_TYPE_VERIFIED_EMAIL + ".");
                    }
                }
            }
            default -> {
                return Responses.error(ProtocolError.INVALID_REQUEST, "type must be anonymous or identity_assertion.");
            }
        }
        CredentialType credentialType = null;
        if (credential.value != null) {
            Optional<CredentialType> known = CredentialType.fromWireName(credential.value);
            if (known.isEmpty()) {
                // a name no method offers: the service cannot be asked, so answer as it would
                return method.disabledIn(config)
                        .map(error -> Responses.error(error, null))
                        .orElseGet(() -> Responses.error(
                                ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE,
                                "requested_credential_type must be one of " + offered(method, config) + "."));
            }
            credentialType = known.get();
        }
        RegisterRequest registerRequest = switch (method) {
            case ANONYMOUS -> new RegisterRequest.Anonymous(credentialType);
            case ID_JAG -> new RegisterRequest.IdJag(Objects.requireNonNull(assertion), credentialType);
            case VERIFIED_EMAIL -> new RegisterRequest.VerifiedEmail(Objects.requireNonNull(assertion), credentialType);
        };
        return answer(service.register(ctx, registerRequest), AgentAuthEndpoints::registrationBody);
    }

    private static String offered(Method method, AgentAuthConfig config) {
        List<CredentialType> types =
                method == Method.ANONYMOUS ? config.anonymousCredentialTypes() : config.identityCredentialTypes();
        return String.join(", ", types.stream().map(CredentialType::wireName).toList());
    }

    /** The three registration methods of §3 and the switch that turns each off. */
    private enum Method {
        ANONYMOUS,
        ID_JAG,
        VERIFIED_EMAIL;

        Optional<ProtocolError> disabledIn(AgentAuthConfig config) {
            return switch (this) {
                case ANONYMOUS ->
                    config.anonymousEnabled() ? Optional.empty() : Optional.of(ProtocolError.ANONYMOUS_NOT_ENABLED);
                case ID_JAG -> config.idJagEnabled() ? Optional.empty() : Optional.of(ProtocolError.INVALID_ISSUER);
                case VERIFIED_EMAIL ->
                    config.verifiedEmailEnabled()
                            ? Optional.empty()
                            : Optional.of(ProtocolError.VERIFIED_EMAIL_NOT_ENABLED);
            };
        }
    }

    private HttpResponse claim(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        Body body = jsonBody(request, config);
        if (body.error != null) {
            return body.error;
        }
        Field token = body.string("claim_token", true);
        if (token.error != null) {
            return token.error;
        }
        Field email = body.string("email", true);
        if (email.error != null) {
            return email.error;
        }
        return answer(service.startClaim(ctx, token.present(), email.present()), AgentAuthEndpoints::claimStartedBody);
    }

    private HttpResponse view(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        String token = request.queryParameter("token").orElse("");
        Outcome<ClaimView> view = service.viewClaim(ctx, token);
        if (!view.isSuccess()) {
            return failure(view.failure());
        }
        Optional<HttpResponse> refused = guard.check(request, view.value());
        if (refused.isPresent()) {
            return refused.get();
        }
        HttpResponse page =
                ClaimPage.render(view.value(), config.claimChallengeUri().getRawPath(), token);
        return request.method().equals("HEAD") ? headOf(page) : page;
    }

    private HttpResponse challenge(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        Body body = jsonBody(request, config);
        if (body.error != null) {
            return body.error;
        }
        Field token = body.string("claim_attempt_token", true);
        if (token.error != null) {
            return token.error;
        }
        Outcome<ClaimView> view = service.viewClaim(ctx, token.present());
        if (view.isSuccess()) {
            Optional<HttpResponse> refused = guard.check(request, view.value());
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return answer(service.mintChallenge(ctx, token.present()), AgentAuthEndpoints::challengeBody);
    }

    private HttpResponse complete(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        Body body = jsonBody(request, config);
        if (body.error != null) {
            return body.error;
        }
        Field token = body.string("claim_token", true);
        if (token.error != null) {
            return token.error;
        }
        Field otp = body.string("otp", true);
        if (otp.error != null) {
            return otp.error;
        }
        return answer(service.completeClaim(ctx, token.present(), otp.present()), AgentAuthEndpoints::completedBody);
    }

    private HttpResponse revoke(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        if (request.bodyLength() > config.maxRequestBodyBytes()) {
            return Responses.error(ProtocolError.INVALID_REQUEST, "The body is larger than the limit.");
        }
        AssertionResult<String> token =
                LogoutTokenVerifier.extractToken(singleContentType(request).orElse(null), request.body());
        if (!token.isValid()) {
            return Responses.error(token.rejection().error(), token.rejection().message());
        }
        Outcome<Integer> revoked = service.revoke(ctx, token.value());
        if (!revoked.isSuccess()) {
            return failure(revoked.failure());
        }
        // the same answer whether or not anything matched
        return Responses.json(200, Map.of("status", "ok")).build();
    }

    /** The same status and headers as {@code page}, plus its {@code Content-Length}, without the body. */
    static HttpResponse headOf(HttpResponse page) {
        HttpResponse.Builder head = HttpResponse.builder(page.status());
        page.headers().forEach((name, values) -> values.forEach(value -> head.header(name, value)));
        return head.setHeader("Content-Length", Integer.toString(page.body().length))
                .build();
    }

    // --- bodies -------------------------------------------------------------------------------

    private static Map<String, Object> registrationBody(RegistrationResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registration_id", result.registrationId());
        body.put("registration_type", result.type().wireName());
        result.issuedCredential().ifPresent(credential -> putCredential(body, credential));
        result.claimHandle().ifPresent(claim -> {
            body.put("claim_url", claim.claimUrl().toString());
            body.put("claim_token", claim.claimToken());
            body.put("claim_token_expires", timestamp(claim.expiresAt()));
            body.put("post_claim_scopes", result.postClaimScopes());
        });
        return body;
    }

    private static Map<String, Object> claimStartedBody(ClaimStarted started) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registration_id", started.registrationId());
        body.put("claim_attempt_id", started.claimAttemptId());
        body.put("status", "initiated");
        body.put("expires_at", timestamp(started.expiresAt()));
        return body;
    }

    private static Map<String, Object> challengeBody(OtpChallenge challenge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "otp");
        body.put("challenge", challenge.otp());
        body.put("expires_at", timestamp(challenge.expiresAt()));
        return body;
    }

    private static Map<String, Object> completedBody(ClaimCompleted completed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registration_id", completed.registrationId());
        body.put("status", "claimed");
        completed.issuedCredential().ifPresent(credential -> putCredential(body, credential));
        return body;
    }

    private static void putCredential(Map<String, Object> body, IssuedCredential credential) {
        body.put("credential_type", credential.type().wireName());
        body.put("credential", credential.secret());
        body.put(
                "credential_expires",
                credential.expiry().map(AgentAuthEndpoints::timestamp).orElse(null));
        body.put("scopes", credential.scopes());
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

    private static <T> HttpResponse answer(Outcome<T> outcome, Function<T, Map<String, Object>> body) {
        if (!outcome.isSuccess()) {
            return failure(outcome.failure());
        }
        return Responses.json(200, body.apply(outcome.value())).build();
    }

    private static HttpResponse failure(Outcome.Failure<?> failure) {
        HttpResponse.Builder response =
                Responses.errorBuilder(failure.error(), failure.message(), failure.extraMembers());
        if (failure.retryAfterSeconds() > 0) {
            response.header("Retry-After", Long.toString(failure.retryAfterSeconds()));
        }
        return response.build();
    }

    // --- request parsing ----------------------------------------------------------------------

    private static Body jsonBody(HttpRequest request, AgentAuthConfig config) {
        if (!isJson(singleContentType(request).orElse(""))) {
            return Body.failed("Content-Type must be application/json (sent once).");
        }
        if (request.bodyLength() > config.maxRequestBodyBytes()) {
            return Body.failed("The body is larger than " + config.maxRequestBodyBytes() + " bytes.");
        }
        if (request.bodyLength() == 0) {
            return Body.failed("The body is empty; a JSON object is required.");
        }
        Optional<ObjectNode> json = StrictJson.parseObject(request.body());
        return json.map(Body::new)
                .orElseGet(() -> Body.failed("The body must be one JSON object (UTF-8, no duplicate members)."));
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

    private static final class Body {
        final @Nullable ObjectNode json;
        final @Nullable HttpResponse error;

        Body(ObjectNode json) {
            this.json = json;
            this.error = null;
        }

        private Body(HttpResponse error) {
            this.json = null;
            this.error = error;
        }

        static Body failed(String message) {
            return new Body(Responses.error(ProtocolError.INVALID_REQUEST, message));
        }

        Field string(String name, boolean required) {
            JsonNode node =
                    Objects.requireNonNull(json, "read only when error is null").get(name);
            if (node == null || node.isNull()) {
                return required ? Field.failed(name + " is required.") : new Field(null, null);
            }
            if (!node.isTextual()) {
                return Field.failed(name + " must be a string.");
            }
            if (required && node.asText().isEmpty()) {
                return Field.failed(name + " must not be empty.");
            }
            return new Field(node.asText(), null);
        }
    }

    private record Field(@Nullable String value, @Nullable HttpResponse error) {
        static Field failed(String message) {
            return new Field(null, Responses.error(ProtocolError.INVALID_REQUEST, message));
        }

        /** The value of a required field once {@code error} is null: never null then. */
        String present() {
            return Objects.requireNonNull(value, "a required field without an error has a value");
        }
    }

    /** Builds {@link AgentAuthEndpoints}. Not thread-safe. */
    public static final class Builder {
        private final AgentAuthService service;
        private Function<HttpRequest, Optional<String>> tenantResolver =
                request -> Optional.of(RequestContext.DEFAULT_TENANT);
        private ClientAddressResolver addresses = ClientAddressResolver.peerOnly();
        private ClaimPageGuard guard = ClaimPageGuard.ALLOW_ALL;
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
