package dev.authmd.adapters.servlet;

import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AgentPrincipal;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The resource-side check (docs/protocol.md#v01-5) for the host's own servlets: one call that either yields the calling
 * agent or has already written the {@code 401}/{@code 403} with its {@code WWW-Authenticate} challenge.
 *
 * <pre>{@code
 * protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
 *     Optional<AgentPrincipal> agent = auth.require(req, resp, "api.read");
 *     if (agent.isEmpty()) {
 *         return;                      // the denial is already written
 *     }
 *     ...                              // or later: AgentAuthentication.principal(req)
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class AgentAuthentication {

    /** The request attribute under which an authenticated {@link AgentPrincipal} is stored. */
    public static final String PRINCIPAL_ATTRIBUTE = AgentPrincipal.class.getName();

    private final AgentAuthService service;
    private final Function<HttpServletRequest, RequestContext> contexts;

    /**
     * For single-tenant services; the client address is the peer address.
     *
     * @param service the registration service
     */
    public AgentAuthentication(AgentAuthService service) {
        this(service, request -> RequestContext.defaultTenant(request.getRemoteAddr()));
    }

    /**
     * Creates the authentication glue for a registration service.
     *
     * @param service the registration service
     * @param contexts resolves a request's tenant and client address
     */
    public AgentAuthentication(AgentAuthService service, Function<HttpServletRequest, RequestContext> contexts) {
        this.service = Objects.requireNonNull(service, "service cannot be null");
        this.contexts = Objects.requireNonNull(contexts, "contexts cannot be null");
    }

    /**
     * Checks the request's bearer credential for every given scope.
     *
     * @param request the request
     * @param response the response; on denial the complete {@code 401}/{@code 403} is written to it
     * @param scopes scopes the route needs (none: any valid credential)
     * @return the agent, also stored as {@link #PRINCIPAL_ATTRIBUTE}; empty when denied
     * @throws IOException when the denial cannot be written
     */
    public Optional<AgentPrincipal> require(HttpServletRequest request, HttpServletResponse response, String... scopes)
            throws IOException {
        Objects.requireNonNull(request, "request cannot be null");
        Objects.requireNonNull(response, "response cannot be null");
        // every value: two Authorization headers are refused, not resolved by picking one
        AuthenticationResult result = service.authenticate(
                contexts.apply(request),
                Collections.list(request.getHeaders("Authorization")),
                Set.copyOf(Arrays.asList(scopes)));
        if (result instanceof AuthenticationResult.Denied denied) {
            ServletHttp.write(request, response, denied.toHttpResponse());
            return Optional.empty();
        }
        AgentPrincipal principal = result.principal().orElseThrow();
        request.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
        return Optional.of(principal);
    }

    /**
     * {@return the agent stored there, if it was authenticated}
     *
     * @param request a request that went through {@link #require}
     */
    public static Optional<AgentPrincipal> principal(HttpServletRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        return request.getAttribute(PRINCIPAL_ATTRIBUTE) instanceof AgentPrincipal principal
                ? Optional.of(principal)
                : Optional.empty();
    }
}
