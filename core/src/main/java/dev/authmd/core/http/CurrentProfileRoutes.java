package dev.authmd.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.assertion.SecurityEventResult;
import dev.authmd.core.assertion.SecurityEventVerifier;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.internal.http.FormBody;
import dev.authmd.core.internal.http.Responses;
import dev.authmd.core.internal.json.StrictJson;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.ClaimAttemptStarted;
import dev.authmd.core.service.ClaimPageView;
import dev.authmd.core.service.CurrentOutcome;
import dev.authmd.core.service.IdentityRequest;
import dev.authmd.core.service.IdentityResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.service.TokenGrant;
import dev.authmd.core.service.TokenRequest;
import dev.authmd.protocol.challenge.AgentAuthChallenge;
import dev.authmd.protocol.error.CurrentProfileError;
import dev.authmd.protocol.error.SecurityEventError;
import dev.authmd.protocol.metadata.AgentAuthMetadata;
import dev.authmd.spi.account.SessionResolver;
import dev.authmd.spi.account.SignedInUser;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current profile's router and serializer (docs/protocol.md, current profile §1–§11): the identity endpoint, the
 * RFC 7523 token endpoint, RFC 7009 revocation, the RFC 8935 events endpoint and the service's JWKS. It parses and
 * shapes only; every decision is a use case of {@link AgentAuthService}, and every error code comes from
 * {@link CurrentProfileError} (or {@link SecurityEventError} at the events endpoint).
 *
 * <p>Bodies: identity errors are {@code {error, error_description, message, …}}; token and revocation errors RFC 6749
 * §5.2's {@code {error, error_description}}; event errors RFC 8935's {@code {err, description}}. Every JSON answer of
 * the identity and token endpoints carries {@code Cache-Control: no-store} and {@code Pragma: no-cache}.
 */
final class CurrentProfileRoutes {

    /** The RFC 7523 grant type, the only one the token endpoint takes. */
    static final String GRANT_JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static final String FORM = "application/x-www-form-urlencoded";

    private static final Logger LOG = LoggerFactory.getLogger(CurrentProfileRoutes.class);

    private final AgentAuthService service;
    private final IdentityClaimGuard guard;
    private final ClaimPageLayout layout;

    CurrentProfileRoutes(AgentAuthService service, IdentityClaimGuard guard, ClaimPageLayout layout) {
        this.service = service;
        this.guard = guard;
        this.layout = layout;
    }

    // --- identity endpoint (§3) ------------------------------------------------------------------

    HttpResponse identity(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        Optional<String> contentType = AgentAuthEndpoints.singleContentType(request);
        if (contentType.isEmpty() || !AgentAuthEndpoints.isJson(contentType.get())) {
            return identityError(CurrentProfileError.INVALID_REQUEST, "Content-Type must be application/json.");
        }
        if (request.bodyLength() > config.maxRequestBodyBytes()) {
            return identityError(
                    CurrentProfileError.INVALID_REQUEST,
                    "The body is larger than " + config.maxRequestBodyBytes() + " bytes.");
        }
        Optional<ObjectNode> parsed = StrictJson.parseObject(request.body());
        if (parsed.isEmpty()) {
            return identityError(
                    CurrentProfileError.INVALID_REQUEST,
                    "The body must be one JSON object (UTF-8, no duplicate members).");
        }
        ObjectNode body = parsed.get();
        Optional<IdentityRequest> typed = typeOnly(body.get("type"));
        if (typed.isEmpty()) {
            return identityError(
                    CurrentProfileError.INVALID_REQUEST,
                    "type must be anonymous, service_auth, identity_assertion or refresh.");
        }
        Optional<CurrentOutcome.Failure<IdentityResult>> refused = service.admitIdentity(ctx, typed.get());
        if (refused.isPresent()) {
            return identityFailure(refused.get());
        }
        IdentityRequest identityRequest;
        switch (typed.get().type()) {
            case "anonymous" -> identityRequest = new IdentityRequest.Anonymous();
            case "identity_assertion" -> {
                if (!AgentAuthMetadata.ASSERTION_TYPE_ID_JAG.equals(text(body, "assertion_type"))) {
                    return identityError(
                            CurrentProfileError.INVALID_REQUEST,
                            "assertion_type must be " + AgentAuthMetadata.ASSERTION_TYPE_ID_JAG + ".");
                }
                String assertion = text(body, "assertion");
                if (assertion == null || assertion.isEmpty()) {
                    return identityError(CurrentProfileError.INVALID_REQUEST, "assertion must be a string.");
                }
                identityRequest = new IdentityRequest.IdentityAssertion(assertion);
            }
            case "refresh" -> {
                String token = text(body, "refresh_token");
                if (token == null || token.isEmpty()) {
                    return identityError(CurrentProfileError.INVALID_REQUEST, "refresh_token must be a string.");
                }
                identityRequest = new IdentityRequest.Refresh(token);
            }
            default -> {
                String hint = text(body, "login_hint");
                if (hint == null) {
                    return identityError(CurrentProfileError.INVALID_REQUEST, "login_hint must be a string.");
                }
                identityRequest = new IdentityRequest.ServiceAuth(hint);
            }
        }
        CurrentOutcome<IdentityResult> outcome = service.identity(ctx, identityRequest);
        if (!outcome.isSuccess()) {
            return identityFailure(outcome.failure());
        }
        return noStore(Responses.json(200, identityBody(outcome.value()))).build();
    }

    /** The request's {@code type} alone; its members are read only once the request is admitted. */
    private static Optional<IdentityRequest> typeOnly(@Nullable JsonNode type) {
        if (type == null || !type.isTextual()) {
            return Optional.empty();
        }
        return switch (type.asText()) {
            case "anonymous" -> Optional.of(new IdentityRequest.Anonymous());
            case "service_auth" -> Optional.of(new IdentityRequest.ServiceAuth(""));
            case "identity_assertion" -> Optional.of(new IdentityRequest.IdentityAssertion(""));
            case "refresh" -> Optional.of(new IdentityRequest.Refresh(""));
            default -> Optional.empty();
        };
    }

    private static @Nullable String text(ObjectNode body, String name) {
        JsonNode node = body.get(name);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    static Map<String, Object> identityBody(IdentityResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", result.registrationId());
        body.put("type", result.type());
        IdentityResult.Identity identity = result.identity();
        if (identity != null) {
            Map<String, Object> block = new LinkedHashMap<>();
            block.put("assertion", identity.assertion());
            block.put("expires_at", AgentAuthEndpoints.timestamp(identity.expiresAt()));
            if (identity.refreshToken() != null && identity.refreshExpiresAt() != null) {
                Map<String, Object> refresh = new LinkedHashMap<>();
                refresh.put("value", identity.refreshToken());
                refresh.put("expires_at", AgentAuthEndpoints.timestamp(identity.refreshExpiresAt()));
                block.put("refresh_token", refresh);
            }
            body.put("identity", block);
        }
        IdentityResult.Scopes scopes = result.scopes();
        if (scopes != null) {
            if (scopes.granted() != null) {
                body.put("scopes", scopes.granted());
            } else {
                Map<String, Object> object = new LinkedHashMap<>();
                if (scopes.preClaim() != null) {
                    object.put("pre_claim", scopes.preClaim());
                }
                object.put("post_claim", scopes.postClaim());
                body.put("scopes", object);
            }
        }
        IdentityResult.Claim claim = result.claim();
        if (claim != null) {
            Map<String, Object> block = new LinkedHashMap<>();
            block.put("token", claim.token());
            block.put("expires_at", AgentAuthEndpoints.timestamp(claim.expiresAt()));
            block.put("url", claim.url().toString());
            if (claim.verificationUri() != null && claim.attemptExpiresAt() != null) {
                Map<String, Object> attempt = new LinkedHashMap<>();
                attempt.put("verification_uri", claim.verificationUri().toString());
                attempt.put("expires_at", AgentAuthEndpoints.timestamp(claim.attemptExpiresAt()));
                block.put("attempt", attempt);
            }
            body.put("claim", block);
        }
        return body;
    }

    private static HttpResponse identityFailure(CurrentOutcome.Failure<?> failure) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", failure.error().code());
        body.put("error_description", failure.description());
        body.put("message", failure.description());
        body.putAll(failure.members());
        if (failure.registration() != null) {
            body.putAll(identityBody(failure.registration()));
        }
        HttpResponse.Builder response = noStore(Responses.json(failure.error().httpStatus(), body));
        if (failure.retryAfterSeconds() > 0) {
            response.header("Retry-After", Long.toString(failure.retryAfterSeconds()));
        }
        if (failure.error() == CurrentProfileError.LOGIN_REQUIRED) {
            Object maxAge = failure.members().getOrDefault("max_age", 0L);
            Object acr = failure.members().get("acr_values");
            response.header(
                    "WWW-Authenticate",
                    AgentAuthChallenge.loginRequired(
                                    ((Number) maxAge).longValue(),
                                    failure.description(),
                                    acr == null ? null : acr.toString())
                            .toHeaderValue());
        } else if (failure.error() == CurrentProfileError.INTERACTION_REQUIRED) {
            response.header(
                    "WWW-Authenticate",
                    AgentAuthChallenge.interactionRequired(failure.description())
                            .toHeaderValue());
        }
        return response.build();
    }

    static HttpResponse identityError(CurrentProfileError error, @Nullable String description) {
        String text = description == null ? error.description() : description;
        return identityFailure(new CurrentOutcome.Failure<>(error, text, Map.of(), 0, null));
    }

    // --- claim endpoints (§7) ----------------------------------------------------------------------

    HttpResponse claimStart(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        Optional<ObjectNode> body = jsonObject(request, config);
        if (body.isEmpty()) {
            return identityError(CurrentProfileError.INVALID_REQUEST, "The body must be one JSON object.");
        }
        JsonNode type = body.get().get("type");
        if (type != null && !(type.isTextual() && type.asText().equals("service_auth"))) {
            return identityError(CurrentProfileError.INVALID_REQUEST, "type must be service_auth, or left out.");
        }
        String claimToken = text(body.get(), "claim_token");
        JsonNode hint = body.get().get("login_hint");
        if (claimToken == null || claimToken.isEmpty() || (hint != null && !hint.isTextual())) {
            return identityError(
                    CurrentProfileError.INVALID_REQUEST,
                    "claim_token must be a string, and login_hint a string when given.");
        }
        CurrentOutcome<ClaimAttemptStarted> outcome =
                service.startIdentityClaim(ctx, claimToken, hint == null ? null : hint.asText());
        if (!outcome.isSuccess()) {
            return identityFailure(outcome.failure());
        }
        ClaimAttemptStarted started = outcome.value();
        Map<String, Object> attempt = new LinkedHashMap<>();
        attempt.put("verification_uri", started.verificationUri().toString());
        attempt.put("expires_at", AgentAuthEndpoints.timestamp(started.expiresAt()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", started.registrationId());
        answer.put("type", started.type());
        answer.put("attempt", attempt);
        return noStore(Responses.json(200, answer)).build();
    }

    HttpResponse claimComplete(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        Optional<ObjectNode> body = jsonObject(request, config);
        if (body.isEmpty()) {
            return identityError(CurrentProfileError.INVALID_REQUEST, "The body must be one JSON object.");
        }
        String claimToken = text(body.get(), "claim_token");
        String code = text(body.get(), "user_code");
        if (claimToken == null || claimToken.isEmpty() || code == null || code.isEmpty() || code.length() > 64) {
            return identityError(
                    CurrentProfileError.INVALID_REQUEST, "claim_token and user_code must be non-empty strings.");
        }
        CurrentOutcome<IdentityResult> outcome = service.completeIdentityClaim(ctx, claimToken, code);
        if (!outcome.isSuccess()) {
            return identityFailure(outcome.failure());
        }
        Map<String, Object> identity = identityBody(outcome.value());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", outcome.value().registrationId());
        answer.put("status", "claimed");
        answer.put("identity", identity.get("identity"));
        return noStore(Responses.json(200, answer)).build();
    }

    /**
     * {@code GET} shows the page, {@code POST} records the signed-in user's decision (a form with its token). The
     * host's guard sees every visit where the owner could decide, and every decision before it is recorded.
     */
    HttpResponse claimPage(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        String path = config.claimEndpoint().getRawPath() + "/view";
        Optional<SessionResolver> sessions = service.sessionResolver();
        if (request.method().equals("POST")) {
            Optional<Map<String, List<String>>> form = form(request, config);
            String token = form.map(f -> single(f, "token")).orElse(null);
            String action = form.map(f -> single(f, "action")).orElse(null);
            String csrf = form.map(f -> single(f, "csrf")).orElse(null);
            Optional<ClaimPageView.Decision> decision = decision(action);
            Optional<SignedInUser> user = sessions.flatMap(s -> s.signedIn(request));
            if (token == null || csrf == null || decision.isEmpty() || user.isEmpty()) {
                return IdentityClaimPage.refused(layout, config.resourceName());
            }
            Optional<HttpResponse> stopped =
                    guarded(request, user.get(), service.viewIdentityClaim(ctx, token, user.get()));
            if (stopped.isPresent()) {
                return stopped.get();
            }
            return service.decideIdentityClaim(ctx, token, user.get(), decision.get(), csrf)
                    .map(view -> IdentityClaimPage.render(layout, view, path, token))
                    .orElseGet(() -> IdentityClaimPage.refused(layout, config.resourceName()));
        }
        String token = request.queryParameter("token").orElse("");
        SignedInUser user = sessions.flatMap(s -> s.signedIn(request)).orElse(null);
        ClaimPageView view = service.viewIdentityClaim(ctx, token, user);
        if (view.state() == ClaimPageView.State.SIGN_IN && sessions.isPresent()) {
            URI returnTo = URI.create(config.claimEndpoint() + "/view?token="
                    + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
            return HttpResponse.builder(303)
                    .header(
                            "Location",
                            sessions.get().loginUri(request, returnTo).toString())
                    .header("Cache-Control", Responses.NO_STORE)
                    .header("Referrer-Policy", "no-referrer")
                    .build();
        }
        HttpResponse page = user == null
                ? IdentityClaimPage.render(layout, view, path, token)
                : guarded(request, user, view).orElseGet(() -> IdentityClaimPage.render(layout, view, path, token));
        return request.method().equals("HEAD") ? AgentAuthEndpoints.headOf(page) : page;
    }

    /** The host guard's answer where the owner could decide; empty elsewhere. A guard that throws refuses. */
    private Optional<HttpResponse> guarded(HttpRequest request, SignedInUser user, ClaimPageView view) {
        if (view.state() != ClaimPageView.State.READY && view.state() != ClaimPageView.State.CONFIRMED) {
            return Optional.empty();
        }
        Optional<HttpResponse> answer;
        try {
            answer = guard.check(request, user, view);
        } catch (RuntimeException e) {
            LOG.error(
                    "the identity claim guard failed ({}); refusing the claim page",
                    e.getClass().getName(),
                    e);
            return Optional.of(layout.refusal(
                    view.serviceName(),
                    "Not available",
                    "This request cannot be confirmed right now. Try again later."));
        }
        return answer.map(CurrentProfileRoutes::privatePage);
    }

    /** A guard's answer still stands at the claim page's URL: never cached, never sent as a referrer. */
    private static HttpResponse privatePage(HttpResponse response) {
        if (response.header("Cache-Control").isPresent()
                && response.header("Referrer-Policy").isPresent()) {
            return response;
        }
        HttpResponse.Builder copy = HttpResponse.builder(response.status()).body(response.body());
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            header.getValue().forEach(value -> copy.header(header.getKey(), value));
        }
        if (response.header("Cache-Control").isEmpty()) {
            copy.header("Cache-Control", Responses.NO_STORE);
        }
        if (response.header("Referrer-Policy").isEmpty()) {
            copy.header("Referrer-Policy", "no-referrer");
        }
        return copy.build();
    }

    private static Optional<ClaimPageView.Decision> decision(@Nullable String action) {
        if (action == null) {
            return Optional.empty();
        }
        return switch (action) {
            case "confirm" -> Optional.of(ClaimPageView.Decision.CONFIRM);
            case "deny" -> Optional.of(ClaimPageView.Decision.DENY);
            case "new_code" -> Optional.of(ClaimPageView.Decision.NEW_CODE);
            default -> Optional.empty();
        };
    }

    private static Optional<ObjectNode> jsonObject(HttpRequest request, AgentAuthConfig config) {
        Optional<String> contentType = AgentAuthEndpoints.singleContentType(request);
        if (contentType.isEmpty()
                || !AgentAuthEndpoints.isJson(contentType.get())
                || request.bodyLength() > config.maxRequestBodyBytes()) {
            return Optional.empty();
        }
        return StrictJson.parseObject(request.body());
    }

    // --- token endpoint (§5) -----------------------------------------------------------------------

    HttpResponse token(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        Optional<Map<String, List<String>>> form = form(request, config);
        if (form.isEmpty()) {
            return oauthError(
                    CurrentProfileError.INVALID_REQUEST,
                    "The body must be application/x-www-form-urlencoded, UTF-8, within the size limit.",
                    0);
        }
        Map<String, List<String>> parameters = form.get();
        for (String name : List.of("grant_type", "assertion", "resource", "scope")) {
            if (parameters.getOrDefault(name, List.of()).size() > 1) {
                return oauthError(CurrentProfileError.INVALID_REQUEST, name + " was sent more than once.", 0);
            }
        }
        String grantType = single(parameters, "grant_type");
        if (grantType == null || grantType.isEmpty()) {
            return oauthError(CurrentProfileError.INVALID_REQUEST, "grant_type is required.", 0);
        }
        if (!grantType.equals(GRANT_JWT_BEARER)) {
            return oauthError(CurrentProfileError.UNSUPPORTED_GRANT_TYPE, null, 0);
        }
        String assertion = single(parameters, "assertion");
        if (assertion == null || assertion.isEmpty()) {
            return oauthError(CurrentProfileError.INVALID_REQUEST, "assertion is required.", 0);
        }
        CurrentOutcome<TokenGrant> outcome = service.exchangeToken(
                ctx, new TokenRequest(assertion, single(parameters, "resource"), single(parameters, "scope")));
        if (!outcome.isSuccess()) {
            CurrentOutcome.Failure<TokenGrant> failure = outcome.failure();
            return oauthError(failure.error(), failure.description(), failure.retryAfterSeconds());
        }
        TokenGrant grant = outcome.value();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", grant.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", grant.expiresInSeconds());
        body.put("scope", String.join(" ", grant.scopes()));
        return noStore(Responses.json(200, body)).build();
    }

    // --- revocation endpoint (§6) ------------------------------------------------------------------

    HttpResponse revoke(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        Optional<Map<String, List<String>>> form = form(request, config);
        if (form.isEmpty()) {
            return oauthError(
                    CurrentProfileError.INVALID_REQUEST,
                    "The body must be application/x-www-form-urlencoded, UTF-8, within the size limit.",
                    0);
        }
        List<String> tokens = form.get().getOrDefault("token", List.of());
        if (tokens.size() != 1 || tokens.get(0).isEmpty()) {
            return oauthError(CurrentProfileError.INVALID_REQUEST, "Exactly one token is required.", 0);
        }
        List<String> hints = form.get().getOrDefault("token_type_hint", List.of());
        CurrentOutcome<Boolean> outcome =
                service.revokeToken(ctx, tokens.get(0), hints.size() == 1 ? hints.get(0) : null);
        if (!outcome.isSuccess()) {
            return oauthError(outcome.failure().error(), outcome.failure().description(), 0);
        }
        // RFC 7009 §2.2: the same empty 200 whether or not anything matched
        return HttpResponse.builder(200)
                .header("Cache-Control", Responses.NO_STORE)
                .header("Pragma", "no-cache")
                .build();
    }

    private static Optional<Map<String, List<String>>> form(HttpRequest request, AgentAuthConfig config) {
        Optional<String> contentType = AgentAuthEndpoints.singleContentType(request);
        if (contentType.isEmpty()
                || !isForm(contentType.get())
                || request.bodyLength() > config.maxRequestBodyBytes()) {
            return Optional.empty();
        }
        return FormBody.parse(request.body());
    }

    /** {@code application/x-www-form-urlencoded}, optionally with {@code charset=utf-8}. */
    static boolean isForm(String contentType) {
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals(FORM)) {
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

    private static @Nullable String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    static HttpResponse oauthError(CurrentProfileError error, @Nullable String description, long retryAfter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("error_description", description == null ? error.description() : description);
        if (retryAfter > 0) {
            body.put("retry_after", retryAfter);
        }
        HttpResponse.Builder response = noStore(Responses.json(error.httpStatus(), body));
        if (retryAfter > 0) {
            response.header("Retry-After", Long.toString(retryAfter));
        }
        return response.build();
    }

    // --- events endpoint (§9) ----------------------------------------------------------------------

    HttpResponse event(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        if (request.bodyLength() > config.maxRequestBodyBytes()) {
            return eventError(SecurityEventError.INVALID_REQUEST, "The body is larger than the limit.");
        }
        Optional<String> token = SecurityEventVerifier.extractToken(
                AgentAuthEndpoints.singleContentType(request).orElse(null), request.body());
        if (token.isEmpty()) {
            return eventError(
                    SecurityEventError.INVALID_REQUEST,
                    "The body must be one compact JWS with Content-Type: " + SecurityEventVerifier.MEDIA_TYPE + ".");
        }
        SecurityEventResult result = service.receiveSecurityEvent(ctx, token.get());
        if (result instanceof SecurityEventResult.Rejected rejected) {
            return eventError(rejected.error(), rejected.description());
        }
        return HttpResponse.builder(202)
                .header("Cache-Control", Responses.NO_STORE)
                .build();
    }

    private static HttpResponse eventError(SecurityEventError error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("err", error.code());
        body.put("description", description);
        return Responses.json(error.httpStatus(), body).build();
    }

    // --- JWKS (§4) ---------------------------------------------------------------------------------

    HttpResponse jwks(RequestContext ctx, HttpRequest request) {
        String json = service.jwks(ctx.tenantId());
        HttpResponse response = HttpResponse.builder(200)
                .header("Cache-Control", "public, max-age=300")
                .header("X-Content-Type-Options", "nosniff")
                .body(json, "application/jwk-set+json")
                .build();
        return request.method().equals("HEAD") ? AgentAuthEndpoints.headOf(response) : response;
    }

    private static HttpResponse.Builder noStore(HttpResponse.Builder response) {
        return response.setHeader("Cache-Control", Responses.NO_STORE).header("Pragma", "no-cache");
    }
}
