package dev.authmd.adapters.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AgentPrincipal;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.RequestContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The resource-side check for the host's own JDK handlers: one call that either yields the calling agent or has already
 * written the {@code 401}/{@code 403} with its {@code WWW-Authenticate} challenge, which sends an agent without a
 * credential to discovery.
 *
 * <pre>{@code
 * AgentAuthentication auth = new AgentAuthentication(service);
 * server.createContext("/api/me", auth.protect(exchange -> {
 *     AgentPrincipal agent = AgentAuthentication.principal(exchange).orElseThrow();
 *     ...
 * }, "api.read"));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class AgentAuthentication {

    /** The exchange attribute under which an authenticated {@link AgentPrincipal} is stored. */
    public static final String PRINCIPAL_ATTRIBUTE = AgentPrincipal.class.getName();

    private final AgentAuthService service;
    private final Function<HttpExchange, RequestContext> contexts;

    /**
     * For single-tenant services; the client address is the peer address.
     *
     * @param service the registration service
     */
    public AgentAuthentication(AgentAuthService service) {
        this(service, exchange -> RequestContext.defaultTenant(peerAddress(exchange)));
    }

    /**
     * Creates the authentication glue for a registration service.
     *
     * @param service the registration service
     * @param contexts resolves an exchange's tenant and client address
     */
    public AgentAuthentication(AgentAuthService service, Function<HttpExchange, RequestContext> contexts) {
        this.service = Objects.requireNonNull(service, "service cannot be null");
        this.contexts = Objects.requireNonNull(contexts, "contexts cannot be null");
    }

    /**
     * Checks the request's bearer credential for every given scope.
     *
     * @param exchange the exchange
     * @param scopes scopes the route needs (none: any valid credential)
     * @return the agent, also stored as {@link #PRINCIPAL_ATTRIBUTE}; empty when denied, the denial already written and
     *     the exchange's response ended
     * @throws IOException when the denial cannot be written
     */
    public Optional<AgentPrincipal> require(HttpExchange exchange, String... scopes) throws IOException {
        Objects.requireNonNull(exchange, "exchange cannot be null");
        Set<String> required = Set.copyOf(Arrays.asList(scopes));
        List<String> authorization = exchange.getRequestHeaders().get("Authorization");
        // every value: two Authorization headers are refused, not resolved by picking one
        AuthenticationResult result = service.authenticate(
                contexts.apply(exchange), authorization == null ? List.of() : authorization, required);
        if (result instanceof AuthenticationResult.Denied denied) {
            JdkHttp.write(exchange, denied.toHttpResponse());
            return Optional.empty();
        }
        AgentPrincipal principal = result.principal().orElseThrow();
        exchange.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
        return Optional.of(principal);
    }

    /**
     * Guards a handler: it runs only for an agent holding every given scope, which it finds with
     * {@link #principal(HttpExchange)}; everyone else gets the {@code 401}/{@code 403}.
     *
     * @param handler the host's handler
     * @param scopes scopes the route needs (none: any valid credential)
     * @return the guarded handler
     */
    public HttpHandler protect(HttpHandler handler, String... scopes) {
        Objects.requireNonNull(handler, "handler cannot be null");
        String[] required = scopes.clone();
        for (String scope : required) {
            Objects.requireNonNull(scope, "scopes cannot contain null");
        }
        return exchange -> {
            if (require(exchange, required).isPresent()) {
                handler.handle(exchange);
            } else {
                exchange.close();
            }
        };
    }

    /**
     * {@return the agent stored there, if it was authenticated}
     *
     * @param exchange an exchange that went through {@link #require} or a {@link #protect}ed handler
     */
    public static Optional<AgentPrincipal> principal(HttpExchange exchange) {
        Objects.requireNonNull(exchange, "exchange cannot be null");
        return exchange.getAttribute(PRINCIPAL_ATTRIBUTE) instanceof AgentPrincipal principal
                ? Optional.of(principal)
                : Optional.empty();
    }

    private static String peerAddress(HttpExchange exchange) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? null
                : remote.getAddress().getHostAddress();
    }
}
