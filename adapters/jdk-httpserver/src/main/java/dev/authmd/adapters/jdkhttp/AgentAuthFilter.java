package dev.authmd.adapters.jdkhttp;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.authmd.core.http.AgentAuthEndpoints;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * {@link AgentAuthHttpServer} does this for the contexts it creates. On a server you create yourself, call
 * {@link AgentAuthHttpServer#applyJvmSettings} before the JVM's first {@code HttpServer.create}: without a request
 * deadline the JDK lets a client that stalls hold a worker thread for ever (the constructor warns when none is set).
 * Thread-safe; one instance serves all requests.
 */
public final class AgentAuthFilter extends Filter {

    private static final Logger LOG = LoggerFactory.getLogger(AgentAuthFilter.class);

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
        warnWithoutRequestDeadline(System.getProperty(JdkServerTuning.MAX_REQ_TIME));
    }

    /** Warns when the JDK server has no request deadline: the property unset, not a number, or not positive. */
    static boolean warnWithoutRequestDeadline(String maxReqTime) {
        try {
            if (maxReqTime != null && Long.parseLong(maxReqTime.trim()) > 0) {
                return false;
            }
        } catch (NumberFormatException e) {
            // not a number: the JDK ignores it too
        }
        LOG.warn(
                "authmd: the JDK HttpServer has no request deadline (sun.net.httpserver.maxReqTime={}), so a client "
                        + "that stalls holds a worker thread for ever; call AgentAuthHttpServer.applyJvmSettings(...) "
                        + "before the first HttpServer.create, or use AgentAuthHttpServer",
                maxReqTime);
        return true;
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
