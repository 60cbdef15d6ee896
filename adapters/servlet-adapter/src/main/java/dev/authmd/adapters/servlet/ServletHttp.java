package dev.authmd.adapters.servlet;

import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Converts between the Servlet API and the library's framework-neutral {@link HttpRequest} / {@link HttpResponse}.
 * Stateless and thread-safe.
 *
 * <p>The path handed to the library is the decoded path <em>from the origin</em>: context path, servlet path and path
 * info. The library compares it with the absolute paths of the public URLs in {@code AgentAuthConfig} (the issuer's
 * {@code /agent/auth…}, the well-known documents at the host root), so a webapp under {@code /app} is configured with
 * issuer {@code https://host/app} and then serves {@code /app/agent/auth}.
 */
public final class ServletHttp {

    private ServletHttp() {}

    /**
     * Everything but the body: method, path, raw query, every header value, the peer address. Enough to decide whether
     * a request is the library's without consuming its body.
     *
     * @param request the servlet request
     * @return a builder to which the body may still be added
     */
    public static HttpRequest.Builder headersOf(HttpServletRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        HttpRequest.Builder builder =
                HttpRequest.builder(request.getMethod(), pathOf(request)).rawQuery(request.getQueryString());
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            while (values != null && values.hasMoreElements()) {
                builder.header(name, values.nextElement());
            }
        }
        String remote = request.getRemoteAddr();
        if (remote != null && !remote.isEmpty()) {
            builder.remoteAddress(remote);
        }
        return builder;
    }

    /**
     * The whole request. At most {@code maxBodyBytes + 1} bytes of the body are read, so the library can refuse an
     * oversized body ({@code 400 invalid_request}) without the adapter buffering it whole; the rest is left to the
     * container.
     *
     * @param request the servlet request
     * @param maxBodyBytes the library's body limit ({@code AgentAuthConfig.maxRequestBodyBytes()})
     * @return the framework-neutral request
     * @throws IOException when the body cannot be read
     */
    public static HttpRequest toRequest(HttpServletRequest request, int maxBodyBytes) throws IOException {
        if (maxBodyBytes < 0 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBodyBytes must be between 0 and Integer.MAX_VALUE - 1");
        }
        HttpRequest.Builder builder = headersOf(request);
        // not closed: the stream belongs to the container, which drains or drops what is left
        InputStream in = request.getInputStream();
        return builder.body(in.readNBytes(maxBodyBytes + 1)).build();
    }

    /**
     * Writes a library response: status, every header value, and the body unless the request was {@code HEAD} or the
     * status has none (204, 304). {@code Content-Length} is the answer's own when it has one (a {@code HEAD} answer
     * announcing the length of the body it leaves out), else the body's length.
     *
     * @param request the request being answered (for its method)
     * @param response the servlet response, not yet committed
     * @param answer what the library answered
     * @throws IOException when the client went away
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpResponse answer)
            throws IOException {
        Objects.requireNonNull(request, "request cannot be null");
        Objects.requireNonNull(response, "response cannot be null");
        Objects.requireNonNull(answer, "answer cannot be null");
        response.setStatus(answer.status());
        for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
            for (String value : header.getValue()) {
                response.addHeader(header.getKey(), value);
            }
        }
        Remainder remainder = drain(request);
        if (remainder != Remainder.NONE) {
            // answered before the whole body was read (an oversized one, say): this connection carries no further
            // request, and a client that pools connections must be told so, or its next request meets a closed socket
            response.setHeader("Connection", "close");
        }
        byte[] body = answer.body();
        boolean noBody = answer.status() == 204 || answer.status() == 304;
        if (noBody) {
            return;
        }
        if (answer.header("Content-Length").isEmpty()) {
            // a HEAD answer may carry the length of the body it leaves out; keep that one
            response.setContentLength(body.length);
        }
        if (!"HEAD".equalsIgnoreCase(request.getMethod()) && body.length > 0) {
            OutputStream out = response.getOutputStream();
            out.write(body);
            out.flush();
            if (remainder == Remainder.TOO_LARGE) {
                // the answer is on its way: keep reading so the client's last bytes do not reset the connection
                linger(request);
            }
            out.close();
        } else if (remainder == Remainder.TOO_LARGE) {
            response.flushBuffer();
            linger(request);
        }
    }

    /** The most of an unread request body discarded before answering, so the answer reaches a client still sending. */
    static final int DRAIN_LIMIT = 1 << 20;

    /** After an early answer to a larger body: how much more is read and discarded while the client finishes. */
    static final long LINGER_LIMIT = 64L << 20;

    /** ... and for how long at most. */
    static final Duration LINGER_TIME = Duration.ofSeconds(2);

    /** What was left of the request body when the answer was about to be written. */
    enum Remainder {
        /** Nothing: the body was read (or there was none). */
        NONE,
        /** Some was left, and has been read and discarded. */
        DRAINED,
        /** More than the drain limit was left; the client is still sending. */
        TOO_LARGE
    }

    private static Remainder drain(HttpServletRequest request) {
        try {
            InputStream in = request.getInputStream();
            byte[] buffer = new byte[8192];
            long discarded = 0;
            while (discarded <= DRAIN_LIMIT) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, DRAIN_LIMIT + 1L - discarded));
                if (n < 0) {
                    return discarded == 0 ? Remainder.NONE : Remainder.DRAINED;
                }
                discarded += n;
            }
            return Remainder.TOO_LARGE;
        } catch (IllegalStateException e) {
            // the host read the body as characters: it was the host's to read
            return Remainder.NONE;
        } catch (IOException e) {
            return Remainder.DRAINED;
        }
    }

    /** After an early answer: read and discard until the client stops sending, or the budget or time runs out. */
    private static void linger(HttpServletRequest request) {
        long deadline = System.nanoTime() + LINGER_TIME.toNanos();
        byte[] buffer = new byte[8192];
        long discarded = 0;
        try {
            InputStream in = request.getInputStream();
            while (discarded < LINGER_LIMIT && System.nanoTime() - deadline < 0) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                discarded += n;
            }
        } catch (IllegalStateException | IOException e) {
            // the client went away, or the body was the host's: nothing more to wait for
        }
    }

    /**
     * {@return the decoded path from the origin: context path, servlet path and path info}
     *
     * @param request the servlet request
     */
    static String pathOf(HttpServletRequest request) {
        String path = nullToEmpty(request.getContextPath())
                + nullToEmpty(request.getServletPath())
                + nullToEmpty(request.getPathInfo());
        return path.isEmpty() ? "/" : path;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
