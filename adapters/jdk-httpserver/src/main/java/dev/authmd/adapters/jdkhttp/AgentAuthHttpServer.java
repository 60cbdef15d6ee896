package dev.authmd.adapters.jdkhttp;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.authmd.core.http.AgentAuthEndpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's endpoints on the JDK's built-in {@link HttpServer}, set up to be safe and fast as shipped: no Nagle
 * stall on keep-alive connections, deadlines on slow clients, a bounded worker pool and connection count, and answers
 * that reach a client still sending its body ({@link JdkHttp}).
 *
 * <pre>{@code
 * AgentAuthHttpServer server = AgentAuthHttpServer.builder(endpoints)
 *         .port(8080)
 *         .context("/api/me", auth.protect(meHandler, "api.read"))   // your routes; AgentAuthentication guards them
 *         .start();
 * ...
 * server.close();
 * }</pre>
 *
 * <h2>JVM-wide settings</h2>
 *
 * The JDK server reads the properties below <em>once per JVM</em>, when the first {@code HttpServer} is created.
 * {@link Builder#start()} (through {@link #applyJvmSettings}) sets each of them that the host has not set, before it
 * creates its server; a value the host set is kept and logged at WARN when it differs, and so is every value that can
 * no longer change because a JDK server existed already. They apply to every JDK {@code HttpServer} of the JVM, the
 * host's own included:
 *
 * <table>
 *   <caption>What the builder sets</caption>
 *   <tr><th>property</th><th>default</th><th>why</th></tr>
 *   <tr><td>{@code sun.net.httpserver.nodelay}</td><td>{@code true}</td><td>the JDK sends an answer's headers and body
 *       as two TCP segments; with Nagle's algorithm and the client's delayed ACK every keep-alive answer waits
 *       ~40 ms</td></tr>
 *   <tr><td>{@code sun.net.httpserver.maxReqTime}</td><td>10 s</td><td>{@link Builder#requestDeadline}: from a
 *       request's first byte until its body has been read to the end; the JDK reads headers on a worker thread, so
 *       without it one idle byte holds a worker forever. While a body is left unread (an early answer) the handler's
 *       work and the answer run on this deadline too</td></tr>
 *   <tr><td>{@code sun.net.httpserver.maxRspTime}</td><td>10 s</td><td>{@link Builder#responseDeadline}: from the end
 *       of the request (at once when it has no body) to the end of the answer, the handler's work included, so a client
 *       that reads slowly cannot hold a worker</td></tr>
 *   <tr><td>{@code jdk.httpserver.maxConnections}</td><td>1024</td><td>{@link Builder#maxConnections}: open connections
 *       beyond it are closed on accept</td></tr>
 *   <tr><td>{@code sun.net.httpserver.clockTick}</td><td>1000 ms</td><td>how often the JDK closes idle connections: a
 *       connection that sends nothing at all is closed after the request deadline, checked this often (the JDK's
 *       default, 10 s, let a silent connection stay up to 20 s)</td></tr>
 * </table>
 *
 * <p>A connection past a deadline is closed by the JDK's timer (it runs every second). The JDK server reads a request's
 * headers on a worker thread in blocking mode, so a slow client holds a thread until its deadline. The workers
 * therefore grow on demand ({@link Builder#workers}, by default up to the connection cap, eight kept when idle): a slow
 * client holds its own thread and never makes another request wait. What slow clients can exhaust is the connection
 * cap: a connection that sends a request slowly, or nothing, for at most the request deadline plus a second; an idle
 * keep-alive connection for the JDK's idle interval ({@code sun.net.httpserver.idleInterval}, 30 s, not changed here).
 * An internet-facing service with no reverse proxy in front is better served by Jetty or Tomcat through the servlet
 * adapter, which read headers without holding a thread.
 *
 * <p>The JDK's own logger ({@code com.sun.net.httpserver}) writes the first 80 characters of each request line at
 * DEBUG, a claim link's {@code ?token=} included: keep it above DEBUG in production.
 *
 * <p>Thread-safe. {@link #close()} stops the server at once and its workers.
 */
public final class AgentAuthHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentAuthHttpServer.class);

    private final HttpServer server;
    private final WorkerPool workers;
    private final Map<String, String> settings;

    private AgentAuthHttpServer(HttpServer server, WorkerPool workers, Map<String, String> settings) {
        this.server = server;
        this.workers = workers;
        this.settings = settings;
    }

    /**
     * Starts configuring a server that serves the given endpoints on every context it creates.
     *
     * @param endpoints the library's endpoints
     * @return a builder: port 8080 on every interface, 10 s deadlines, at most 1024 connections and as many workers
     */
    public static Builder builder(AgentAuthEndpoints endpoints) {
        Objects.requireNonNull(endpoints, "endpoints cannot be null");
        return new Builder(address -> endpoints);
    }

    /**
     * Starts configuring a server whose endpoints are made once its address is bound: for a host whose public URL
     * contains the port it gets (port 0 in tests).
     *
     * @param endpointsForAddress makes the endpoints, given the bound address; called once, by {@link Builder#start()}
     * @return a builder with the same defaults as {@link #builder(AgentAuthEndpoints)}
     */
    public static Builder builder(Function<InetSocketAddress, AgentAuthEndpoints> endpointsForAddress) {
        return new Builder(Objects.requireNonNull(endpointsForAddress, "endpointsForAddress cannot be null"));
    }

    /**
     * Sets the JDK server's JVM-wide settings, for a host that creates its own {@link HttpServer} and mounts
     * {@link AgentAuthFilter}: call it before the JVM's first {@code HttpServer.create}. {@link Builder#start()} calls
     * it with the builder's values. Each property the host has set is kept (logged at WARN when it differs); see the
     * class comment.
     *
     * @param requestDeadline first byte to last byte of a request; whole seconds, at least 1 (10 s by default)
     * @param responseDeadline end of the request to end of the answer; whole seconds, at least 1 (10 s by default)
     * @param maxConnections the most open connections, at least 1 (1024 by default)
     * @return the settings in effect: property name to value, in the JDK's units
     */
    public static Map<String, String> applyJvmSettings(
            Duration requestDeadline, Duration responseDeadline, int maxConnections) {
        Builder.wholeSeconds(requestDeadline, "requestDeadline");
        Builder.wholeSeconds(responseDeadline, "responseDeadline");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(JdkServerTuning.NODELAY, "true");
        wanted.put(JdkServerTuning.MAX_REQ_TIME, Long.toString(requestDeadline.toSeconds()));
        wanted.put(JdkServerTuning.MAX_RSP_TIME, Long.toString(responseDeadline.toSeconds()));
        wanted.put(JdkServerTuning.MAX_CONNECTIONS, Integer.toString(maxConnections));
        wanted.put(JdkServerTuning.IDLE_CHECK_MILLIS, "1000");
        // past this the JDK closes the connection unanswered; below it HeaderLimitFilter answers 431
        wanted.put(JdkServerTuning.MAX_REQ_HEADERS, Integer.toString(HeaderLimitFilter.JDK_MAX_HEADERS));
        return JdkServerTuning.apply(wanted, warning -> LOG.warn("authmd JDK server: {}", warning));
    }

    /** @return the bound address (the actual port when 0 was asked for) */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** @return the bound port */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The underlying JDK server, for contexts added after start. Put an {@link AgentAuthFilter} on any context whose
     * path covers one of the library's paths.
     *
     * @return the running JDK server
     */
    public HttpServer httpServer() {
        return server;
    }

    /**
     * The JDK server settings in effect for this JVM: the ones this server asked for, or the host's where the host set
     * them first (see the class comment).
     *
     * @return property name to value, in the JDK's units (seconds for the deadlines)
     */
    public Map<String, String> jvmSettings() {
        return settings;
    }

    /** Stops accepting, closes every connection and stops the workers. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("authmd JDK server: workers still busy 5 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Configures and starts an {@link AgentAuthHttpServer}. Not thread-safe. */
    public static final class Builder {

        private final Function<InetSocketAddress, AgentAuthEndpoints> endpointsForAddress;
        private final Map<String, HttpHandler> contexts = new LinkedHashMap<>();
        private InetSocketAddress address = new InetSocketAddress(8080);
        private int maxBodyBytes = 64 * 1024;
        private int workers; // 0: as many as maxConnections
        private int queueCapacity = 1024;
        private int backlog = 128;
        private int maxConnections = 1024;
        private Duration requestDeadline = Duration.ofSeconds(10);
        private Duration responseDeadline = Duration.ofSeconds(10);

        private Builder(Function<InetSocketAddress, AgentAuthEndpoints> endpointsForAddress) {
            this.endpointsForAddress = endpointsForAddress;
        }

        /**
         * Listens on a port of every interface.
         *
         * @param port the port; 0 picks a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
            this.address = new InetSocketAddress(port);
            return this;
        }

        /**
         * Listens on one address, such as loopback only.
         *
         * @param address the address and port
         * @return this builder
         */
        public Builder address(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address, "address cannot be null");
            return this;
        }

        /**
         * Sets the largest request body the endpoints accept; set it to the configuration's.
         *
         * @param bytes {@code AgentAuthConfig.maxRequestBodyBytes()} (default 64 KiB, the configuration's default)
         * @return this builder
         */
        public Builder maxBodyBytes(int bytes) {
            JdkHttp.requireBodyLimit(bytes);
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Adds one of the host's routes. The library's endpoints are answered first on every context. Without a
         * {@code "/"} context, the root answers the library's JSON {@code 404} for paths nobody serves.
         *
         * @param path the context path (a prefix, as in {@link HttpServer#createContext})
         * @param handler the host's handler; guard it with {@link AgentAuthentication#protect}
         * @return this builder
         */
        public Builder context(String path, HttpHandler handler) {
            Objects.requireNonNull(path, "path cannot be null");
            Objects.requireNonNull(handler, "handler cannot be null");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a context path starts with '/': " + path);
            }
            if (contexts.putIfAbsent(path, handler) != null) {
                throw new IllegalArgumentException("context already added: " + path);
            }
            return this;
        }

        /**
         * Sets the most worker threads. A thread is started for a request when none is idle, so by default (the
         * connection cap) every connection that is sending a request has its own and a slow client never makes another
         * wait; a lower value caps threads, at the price that requests then queue behind slow clients, their deadline
         * running. Idle threads above 8 end after 30 seconds.
         *
         * @param count at least 1 (default: {@link #maxConnections})
         * @return this builder
         */
        public Builder workers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("workers must be at least 1: " + count);
            }
            this.workers = count;
            return this;
        }

        /**
         * Sets how many requests may wait once every worker is busy; a connection that finds the queue full is closed.
         *
         * @param capacity at least 1 (default 1024)
         * @return this builder
         */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1: " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * Sets the accept backlog.
         *
         * @param backlog pending connections the OS holds; 0 uses the system default (default 128)
         * @return this builder
         */
        public Builder backlog(int backlog) {
            if (backlog < 0) {
                throw new IllegalArgumentException("backlog cannot be negative: " + backlog);
            }
            this.backlog = backlog;
            return this;
        }

        /**
         * Sets the most open connections (JVM-wide, see the class comment).
         *
         * @param count at least 1 (default 1024)
         * @return this builder
         */
        public Builder maxConnections(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1: " + count);
            }
            this.maxConnections = count;
            return this;
        }

        /**
         * Sets the time a client has from a request's first byte to its last (JVM-wide, see the class comment).
         *
         * @param deadline whole seconds, at least 1 (default 10 s)
         * @return this builder
         */
        public Builder requestDeadline(Duration deadline) {
            this.requestDeadline = wholeSeconds(deadline, "requestDeadline");
            return this;
        }

        /**
         * Sets the time from the end of a request to the end of its answer: the handler's work and the sending, so a
         * client that reads slowly cannot hold a worker (JVM-wide, see the class comment). A handler that may work
         * longer (a long poll) needs a longer deadline.
         *
         * @param deadline whole seconds, at least 1 (default 10 s)
         * @return this builder
         */
        public Builder responseDeadline(Duration deadline) {
            this.responseDeadline = wholeSeconds(deadline, "responseDeadline");
            return this;
        }

        /**
         * Applies the JVM-wide settings (where still possible), creates the server and starts it.
         *
         * @return the running server
         * @throws IOException when the address cannot be bound
         */
        public AgentAuthHttpServer start() throws IOException {
            Map<String, String> settings = applyJvmSettings(requestDeadline, responseDeadline, maxConnections);
            HttpServer server = HttpServer.create(address, backlog);
            int threads = workers == 0 ? maxConnections : workers;
            WorkerPool pool = WorkerPool.create(threads, queueCapacity);
            try {
                AgentAuthEndpoints endpoints = Objects.requireNonNull(
                        endpointsForAddress.apply(server.getAddress()), "endpointsForAddress returned null");
                AgentAuthFilter filter = new AgentAuthFilter(endpoints, maxBodyBytes);
                HeaderLimitFilter headerLimit = new HeaderLimitFilter();
                if (!contexts.containsKey("/")) {
                    HttpContext root = server.createContext("/", JdkHttp.handler(endpoints::handle, maxBodyBytes));
                    root.getFilters().add(headerLimit);
                    root.getFilters().add(filter);
                }
                contexts.forEach((path, handler) -> {
                    HttpContext context = server.createContext(path, handler);
                    context.getFilters().add(headerLimit);
                    context.getFilters().add(filter);
                });
                server.setExecutor(pool);
                server.start();
            } catch (RuntimeException | Error e) {
                server.stop(0); // frees the port
                pool.shutdownNow();
                throw e;
            }
            LOG.info(
                    "authmd JDK server on {}: {} workers, queue {}, JVM settings {}",
                    server.getAddress(),
                    threads,
                    queueCapacity,
                    settings);
            return new AgentAuthHttpServer(server, pool, settings);
        }

        private static Duration wholeSeconds(Duration deadline, String name) {
            Objects.requireNonNull(deadline, name + " cannot be null");
            if (deadline.getSeconds() < 1 || deadline.getNano() != 0) {
                throw new IllegalArgumentException(
                        name + " must be a whole number of seconds, at least 1 (the JDK's unit): " + deadline);
            }
            return deadline;
        }
    }
}
