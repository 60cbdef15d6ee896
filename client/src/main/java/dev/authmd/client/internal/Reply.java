package dev.authmd.client.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** One answer from a service, its body already capped at {@link ServiceHttp#MAX_RESPONSE_BYTES}. */
public final class Reply {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        JSON.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private final URI uri;
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    Reply(URI uri, int status, HttpHeaders headers, byte[] body) {
        this.uri = uri;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** {@return what was asked} */
    public URI uri() {
        return uri;
    }

    /** {@return the HTTP status} */
    public int status() {
        return status;
    }

    /** {@return the body; a copy} */
    public byte[] body() {
        return body.clone();
    }

    /** {@return the body as a JSON object; empty when it is not one} */
    public Optional<JsonNode> json() {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@return the body as UTF-8 text} */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * {@return the first value of a header}
     *
     * @param name the header name
     */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** {@return whether the status is 2xx} */
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
