package dev.authmd.adapters.jdkhttp;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts between the JDK's {@code com.sun.net.httpserver} and the library's framework-neutral {@link HttpRequest} /
 * {@link HttpResponse}, and makes sure an answer reaches the client even when the request body was not read. Stateless
 * and thread-safe.
 *
 * <p><b>Answers that arrive.</b> The JDK server closes a connection whose request body is unread when the exchange
 * ends; the client's unread data then makes the kernel reset the connection, and a client still sending its body loses
 * the answer (an early {@code 400} to an oversized body, say). {@link #write} therefore first reads and discards up to
 * {@value #DRAIN_LIMIT} bytes of what is left of the body, and whenever anything was left the answer says
 * {@code Connection: close}. When more than that is left, the adapter keeps reading and discarding for up to
 * {@link #LINGER_TIME} or {@value #LINGER_LIMIT} bytes, whichever comes first: after sending an answer with a body, so
 * the client reads it while it finishes sending; before sending an answer without one (the JDK ends such an exchange,
 * and closes the connection, as soon as the headers are out). On a server with a request deadline
 * ({@link AgentAuthHttpServer} sets one) that deadline bounds all of it too; without one, a client that stalls while
 * sending holds the worker thread.
 */
public final class JdkHttp {

    /** Bytes of an unread request body that are read and discarded before answering. */
    static final int DRAIN_LIMIT = 1 << 20;

    /** Bytes read and discarded around an early answer, while the client finishes sending. */
    static final long LINGER_LIMIT = 64L << 20;

    /** How long the adapter keeps reading around an early answer. */
    static final Duration LINGER_TIME = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(JdkHttp.class);

    private JdkHttp() {}

    /**
     * Wraps a framework-neutral handler (the library's endpoints, or a host router in front of them) as a JDK
     * {@link HttpHandler}. A handler that throws gets a {@code 500 server_error} (logged without the request's headers,
     * query or body); a request whose body cannot be read (malformed chunking, a client gone quiet past the deadline)
     * gets a {@code 400 invalid_request} when the connection can still carry one.
     *
     * @param handler the framework-neutral handler
     * @param maxBodyBytes the largest body the handler accepts ({@code AgentAuthConfig.maxRequestBodyBytes()}); one
     *     byte more is read so it can refuse an oversized body
     * @return a JDK handler
     */
    public static HttpHandler handler(Function<HttpRequest, HttpResponse> handler, int maxBodyBytes) {
        Objects.requireNonNull(handler, "handler cannot be null");
        requireBodyLimit(maxBodyBytes);
        return exchange -> {
            try (exchange) {
                HttpRequest request;
                try {
                    request = toRequest(exchange, maxBodyBytes);
                } catch (IOException e) {
                    answerUnreadable(exchange);
                    return;
                }
                write(exchange, apply(handler, request));
            }
        };
    }

    /**
     * Everything but the body: method, path, raw query, every header value, the peer address. Enough to decide whether
     * a request is the library's without consuming its body.
     *
     * @param exchange the JDK exchange
     * @return a builder to which the body may still be added
     */
    public static HttpRequest.Builder headersOf(HttpExchange exchange) {
        Objects.requireNonNull(exchange, "exchange cannot be null");
        URI uri = exchange.getRequestURI();
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        HttpRequest.Builder builder =
                HttpRequest.builder(exchange.getRequestMethod(), path).rawQuery(uri.getRawQuery());
        for (Map.Entry<String, List<String>> header :
                exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        InetSocketAddress remote = exchange.getRemoteAddress();
        if (remote != null && remote.getAddress() != null) {
            builder.remoteAddress(remote.getAddress().getHostAddress());
        }
        return builder;
    }

    /**
     * The whole request. At most {@code maxBodyBytes + 1} bytes of the body are read, so the library can refuse an
     * oversized body without the adapter buffering it whole; {@link #write} deals with the rest.
     *
     * @param exchange the JDK exchange
     * @param maxBodyBytes the library's body limit
     * @return the framework-neutral request
     * @throws IOException when the body cannot be read (malformed chunking, connection closed or timed out)
     */
    public static HttpRequest toRequest(HttpExchange exchange, int maxBodyBytes) throws IOException {
        requireBodyLimit(maxBodyBytes);
        HttpRequest.Builder builder = headersOf(exchange);
        // not closed: closing would make the JDK drain or drop the rest before write() can decide
        InputStream in = exchange.getRequestBody();
        return builder.body(in.readNBytes(maxBodyBytes + 1)).build();
    }

    /**
     * Writes a library response and ends the exchange's response: status, every header value, and the body unless the
     * request was {@code HEAD} or the status has none (204, 304). What is left of the request body is drained first, as
     * the class comment describes, so the answer reaches a client that is still sending.
     *
     * @param exchange the exchange being answered; its response headers are not yet sent
     * @param answer what the library (or the host) answered
     * @throws IOException when the client went away
     */
    public static void write(HttpExchange exchange, HttpResponse answer) throws IOException {
        Objects.requireNonNull(exchange, "exchange cannot be null");
        Objects.requireNonNull(answer, "answer cannot be null");
        InputStream requestBody = exchange.getRequestBody();
        Remainder remainder = drain(requestBody, DRAIN_LIMIT);
        Headers headers = exchange.getResponseHeaders();
        answer.headers().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        if (remainder != Remainder.NONE) {
            // the body was not the handler's to read: this connection carries no further request
            headers.set("Connection", "close");
        }
        byte[] body = answer.body();
        boolean noBody = "HEAD".equalsIgnoreCase(exchange.getRequestMethod())
                || answer.status() == 204
                || answer.status() == 304
                || body.length == 0;
        if (noBody && remainder == Remainder.TOO_LARGE) {
            // with -1 the JDK ends the exchange and closes the connection right after the headers: linger first
            linger(requestBody);
        }
        // -1: no body (the JDK then sends Content-Length: 0, or nothing for HEAD, 204 and 304)
        exchange.sendResponseHeaders(answer.status(), noBody ? -1 : body.length);
        OutputStream out = exchange.getResponseBody();
        if (!noBody) {
            out.write(body);
            out.flush();
            if (remainder == Remainder.TOO_LARGE) {
                linger(requestBody);
            }
        }
        out.close();
    }

    /** What was left of a request body when the answer was about to be written. */
    enum Remainder {
        /** The handler read the whole body (or there was none). */
        NONE,
        /** Some was left and has now been read and discarded. */
        DRAINED,
        /** More than the drain limit was left; the client is still sending. */
        TOO_LARGE
    }

    static Remainder drain(InputStream in, int limit) throws IOException {
        byte[] buffer = new byte[8192];
        long discarded = 0;
        while (discarded <= limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1L - discarded));
            if (n < 0) {
                return discarded == 0 ? Remainder.NONE : Remainder.DRAINED;
            }
            discarded += n;
        }
        return Remainder.TOO_LARGE;
    }

    /** Around an early answer: read and discard until the client stops sending, or the budget or time runs out. */
    private static void linger(InputStream in) {
        long deadline = System.nanoTime() + LINGER_TIME.toNanos();
        byte[] buffer = new byte[8192];
        long discarded = 0;
        try {
            while (discarded < LINGER_LIMIT && System.nanoTime() - deadline < 0) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                discarded += n;
            }
        } catch (IOException e) {
            // the client closed or reset after reading the answer: exactly what lingering waits for
        }
    }

    private static HttpResponse apply(Function<HttpRequest, HttpResponse> handler, HttpRequest request) {
        try {
            return Objects.requireNonNull(handler.apply(request), "the handler answered null");
        } catch (RuntimeException e) {
            LOG.error("handler failed for {} {}", printable(request.method()), printable(request.path()), e);
            return error(ProtocolError.SERVER_ERROR);
        }
    }

    /** A request's text for a log line: control characters (forged line breaks) become {@code ?}. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return text.length() > 200 ? out.append("…").toString() : out.toString();
    }

    /** The body could not be read; answer if the connection still can carry it, never reuse the connection. */
    private static void answerUnreadable(HttpExchange exchange) {
        try {
            HttpResponse answer = error(ProtocolError.INVALID_REQUEST);
            exchange.getResponseHeaders().set("Connection", "close");
            answer.headers()
                    .forEach((name, values) -> exchange.getResponseHeaders().put(name, new ArrayList<>(values)));
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (IOException | RuntimeException e) {
            // the connection is already gone (deadline, reset): nothing can carry an answer
        }
    }

    static HttpResponse error(ProtocolError error) {
        String body = "{\"error\":\"" + error.code() + "\",\"message\":\"" + jsonText(error.description()) + "\"}";
        return HttpResponse.builder(error.httpStatus())
                .header("Cache-Control", "no-store")
                .body(body, "application/json")
                .build();
    }

    private static String jsonText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static void requireBodyLimit(int maxBodyBytes) {
        if (maxBodyBytes < 0 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBodyBytes must be between 0 and Integer.MAX_VALUE - 1");
        }
    }
}
