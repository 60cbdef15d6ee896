package dev.authmd.examples.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AgentPrincipal;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sample protected API: what a host's own routes look like with the library's one-call resource-side check.
 * {@code GET /api/me} needs {@code api.read}; {@code POST /api/notes} needs {@code api.write}, which an unclaimed
 * anonymous key does not have (403). Other adapter examples serve the same bodies ({@link #describe},
 * {@link #noteCreated}) from their own routes.
 */
public final class DemoApi {

    /** The scope {@code GET /api/me} needs. */
    public static final String READ_SCOPE = "api.read";
    /** The scope {@code POST /api/notes} needs. */
    public static final String WRITE_SCOPE = "api.write";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentAuthService service;

    DemoApi(AgentAuthService service) {
        this.service = service;
    }

    Optional<HttpResponse> handle(HttpRequest request, RequestContext ctx) {
        return switch (request.path()) {
            case "/api/me" ->
                Optional.of(
                        // HEAD is GET without the body (the adapters leave it out): same guard, same answer
                        request.method().equals("GET") || request.method().equals("HEAD")
                                ? guarded(request, ctx, READ_SCOPE, principal -> json(200, describe(principal)))
                                : methodNotAllowed("GET, HEAD"));
            case "/api/notes" ->
                Optional.of(
                        request.method().equals("POST")
                                ? guarded(request, ctx, WRITE_SCOPE, principal -> json(201, noteCreated(principal)))
                                : methodNotAllowed("POST"));
            default -> Optional.empty();
        };
    }

    private HttpResponse guarded(
            HttpRequest request,
            RequestContext ctx,
            String scope,
            java.util.function.Function<AgentPrincipal, HttpResponse> route) {
        AuthenticationResult result = service.authenticate(ctx, request.headers("Authorization"), Set.of(scope));
        if (result instanceof AuthenticationResult.Denied denied) {
            return denied.toHttpResponse();
        }
        return route.apply(result.principal().orElseThrow());
    }

    /**
     * @param principal the caller
     * @return the body of {@code GET /api/me}: registration, user, credential type and scopes
     */
    public static Map<String, Object> describe(AgentPrincipal principal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registration_id", principal.registrationId());
        body.put("registration_type", principal.registrationType().wireName());
        body.put("user_id", principal.userId());
        body.put("credential_type", principal.credentialType().wireName());
        body.put("scopes", principal.scopes());
        return body;
    }

    /**
     * @param principal the caller
     * @return the body of {@code POST /api/notes} (201)
     */
    public static Map<String, Object> noteCreated(AgentPrincipal principal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("created", true);
        body.put("by_registration", principal.registrationId());
        return body;
    }

    private static HttpResponse json(int status, Object body) {
        try {
            return HttpResponse.builder(status)
                    .body(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n", "application/json")
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse methodNotAllowed(String allow) {
        return HttpResponse.builder(405)
                .header("Allow", allow)
                .body("{\"error\":\"method_not_allowed\",\"message\":\"Use " + allow + ".\"}\n", "application/json")
                .build();
    }
}
