package dev.authmd.adapters.jdkhttp;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.authmd.core.http.AgentAuthEndpoints;
import java.io.IOException;
import java.util.Objects;

/**
 * Mounts the library's endpoints (discovery documents, {@code /auth.md}, registration, claim, revocation) on a JDK
 * {@code HttpServer} context. A request whose path the endpoints answer is handled here and never reaches the context's
 * handler; every other request passes on untouched, body unread.
 *
 * <pre>{@code
 * HttpContext root = server.createContext("/", myHandler);
 * root.getFilters().add(new AgentAuthFilter(endpoints, config.maxRequestBodyBytes()));
 * }</pre>
 *
 * <p>Add it to every context whose path prefix covers one of the library's paths (the root context covers them all).
 * {@link AgentAuthHttpServer} does this for the contexts it creates. Thread-safe; one instance serves all requests.
 */
public final class AgentAuthFilter extends Filter {

    private final AgentAuthEndpoints endpoints;
    private final HttpHandler handler;

    /**
     * Creates a filter that serves the library's endpoints.
     *
     * @param endpoints the library's endpoints
     * @param maxBodyBytes the library's body limit ({@code AgentAuthConfig.maxRequestBodyBytes()}); one byte more is
     *     read so the library can refuse an oversized body
     */
    public AgentAuthFilter(AgentAuthEndpoints endpoints, int maxBodyBytes) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints cannot be null");
        this.handler = JdkHttp.handler(endpoints::handle, maxBodyBytes);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (!endpoints.matches(JdkHttp.headersOf(exchange).build())) {
            chain.doFilter(exchange);
            return;
        }
        handler.handle(exchange);
    }

    @Override
    public String description() {
        return "auth.md endpoints (discovery, /auth.md, agent registration, claim, revocation)";
    }
}
