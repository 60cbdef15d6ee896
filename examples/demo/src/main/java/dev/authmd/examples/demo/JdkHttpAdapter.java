package dev.authmd.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Bridges the JDK's built-in {@code com.sun.net.httpserver} to the library's framework-neutral
 * {@link HttpRequest}/{@link HttpResponse}. It reads at most {@code maxBodyBytes + 1} bytes of a body, so the library
 * can refuse an oversized body without the adapter buffering it whole.
 */
public final class JdkHttpAdapter implements HttpHandler {

    private final Function<HttpRequest, HttpResponse> handler;
    private final int maxBodyBytes;

    /**
     * @param handler the library handler (or a host router in front of it)
     * @param maxBodyBytes the library's body limit; one byte more is read to detect overflow
     */
    public JdkHttpAdapter(Function<HttpRequest, HttpResponse> handler, int maxBodyBytes) {
        this.handler = Objects.requireNonNull(handler, "handler cannot be null");
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpResponse response = handler.apply(toRequest(exchange));
            write(exchange, response);
        }
    }

    private HttpRequest toRequest(HttpExchange exchange) throws IOException {
        HttpRequest.Builder builder = HttpRequest.builder(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath() == null
                        ? "/"
                        : exchange.getRequestURI().getPath());
        builder.rawQuery(exchange.getRequestURI().getRawQuery());
        for (Map.Entry<String, List<String>> header :
                exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            builder.body(in.readNBytes(maxBodyBytes + 1));
        }
        InetSocketAddress remote = exchange.getRemoteAddress();
        if (remote != null && remote.getAddress() != null) {
            builder.remoteAddress(remote.getAddress().getHostAddress());
        }
        return builder.build();
    }

    private static void write(HttpExchange exchange, HttpResponse response) throws IOException {
        response.headers()
                .forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        byte[] body = response.body();
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        boolean noBody = head || response.status() == 204 || response.status() == 304;
        // -1: no body; for HEAD the JDK server ignores the length but we keep Content-Length honest
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : (body.length == 0 ? -1 : body.length));
        if (!noBody && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
