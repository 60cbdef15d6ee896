package dev.authmd.adapters.jdkhttp;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import dev.authmd.spi.http.HttpResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Answers {@code 431 Request Header Fields Too Large} to a request whose header set is larger than any agent sends:
 * more than {@value #MAX_HEADERS} fields or {@value #MAX_HEADER_BYTES} bytes of names and values. The JDK server itself
 * closes the connection without an answer only past {@value #JDK_MAX_HEADERS} fields (the adapter raises its default of
 * 200 to that), so between the two a client gets a status it can act on instead of a reset.
 */
final class HeaderLimitFilter extends Filter {

    /** The most header fields a request may carry. */
    static final int MAX_HEADERS = 100;
    /** The most bytes of header names and values a request may carry. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Where the JDK server stops reading and closes the connection ({@code sun.net.httpserver.maxReqHeaders}). */
    static final int JDK_MAX_HEADERS = 1000;

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        int fields = 0;
        long bytes = 0;
        for (Map.Entry<String, List<String>> header :
                exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                fields++;
                bytes += header.getKey().length() + (value == null ? 0 : value.length());
            }
        }
        if (fields > MAX_HEADERS || bytes > MAX_HEADER_BYTES) {
            JdkHttp.write(
                    exchange,
                    HttpResponse.builder(431)
                            .body(
                                    "{\"error\":\"invalid_request\",\"message\":\"Request header fields too large.\"}",
                                    "application/json")
                            .header("Cache-Control", "no-store")
                            .header("Connection", "close")
                            .build());
            return;
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "431 for a header set larger than " + MAX_HEADERS + " fields or " + MAX_HEADER_BYTES + " bytes";
    }
}
