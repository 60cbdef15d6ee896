package dev.authmd.adapters.servlet;

import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.spi.http.HttpRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * Mounts the library's endpoints (discovery documents, {@code /auth.md}, registration, claim, revocation:
 * docs/protocol.md#v01-2 (§2–§6)) in any Jakarta Servlet 6 container. A request whose path the endpoints answer is
 * handled here and never reaches the chain; every other request passes on untouched, body unread, to the host's own
 * filters and servlets.
 *
 * <pre>{@code
 * AgentAuthEndpoints endpoints = AgentAuthEndpoints.builder(service).build();
 * context.addFilter(new FilterHolder(new AgentAuthFilter(endpoints, config.maxRequestBodyBytes())),
 *         "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 *
 * <p>Thread-safe; one instance serves all requests. Map it for {@code REQUEST} dispatches only.
 */
public final class AgentAuthFilter implements Filter {

    private final AgentAuthEndpoints endpoints;
    private final int maxBodyBytes;

    /**
     * Creates a filter that serves the library's endpoints.
     *
     * @param endpoints the library's endpoints
     * @param maxBodyBytes the library's body limit ({@code AgentAuthConfig.maxRequestBodyBytes()}); one byte more is
     *     read so the library can refuse an oversized body
     */
    public AgentAuthFilter(AgentAuthEndpoints endpoints, int maxBodyBytes) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints cannot be null");
        if (maxBodyBytes < 0 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBodyBytes must be between 0 and Integer.MAX_VALUE - 1");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        HttpRequest head = ServletHttp.headersOf(http).build();
        if (!endpoints.matches(head)) {
            chain.doFilter(request, response);
            return;
        }
        HttpRequest whole = ServletHttp.toRequest(http, maxBodyBytes);
        // the claim page's ServletSessionResolver reads the host's session from the servlet request itself
        ServletHttp.write(http, out, ServletSessionResolver.serving(http, () -> endpoints.handle(whole)));
    }
}
