package dev.authmd.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Raw requests to the service under test, as a scanner or a careless agent sends them: no redirects followed, a
 * deadline, at most 1 MiB read. Remembers every 5xx it saw for the "never 5xx" check.
 */
final class Probe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 1024 * 1024;
    /** Members whose values are secrets: never copied into a report. */
    private static final java.util.regex.Pattern SECRETS = java.util.regex.Pattern.compile(
            "(\"(?:credential|assertion|access_token|refresh_token|claim_token|token|value|challenge)\"\\s*:\\s*\")[^\"]*\"");

    /** One answer. */
    record Answer(URI uri, int status, HttpHeaders headers, String body) {

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        Optional<JsonNode> json() {
            try {
                JsonNode node = JSON.readTree(body);
                return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        String error() {
            return json().map(j -> j.path("error").asText(j.path("err").asText("")))
                    .orElse("");
        }

        /** A short description for check details, secrets the answer carried replaced. */
        String seen() {
            String redacted = SECRETS.matcher(body).replaceAll("$1[redacted]\"");
            String shown = redacted.length() > 200 ? redacted.substring(0, 200) + "…" : redacted;
            return uri + " answered " + status + (shown.isBlank() ? "" : " " + shown.replaceAll("\\s+", " "));
        }
    }

    /** The service answered 429: it protects itself, which says nothing about conformance. */
    static final class RateLimited extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RateLimited(String seen) {
            super(seen, null, false, false);
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());

    Probe(Duration timeout) {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
        this.timeout = timeout;
    }

    List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    Answer get(URI uri, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET(), headers);
    }

    Answer postJson(URI uri, String body) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)),
                "Content-Type",
                "application/json");
    }

    Answer post(URI uri, String contentType, String body) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)),
                "Content-Type",
                contentType);
    }

    Answer send(HttpRequest.Builder builder, String... headers) throws IOException, InterruptedException {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        HttpRequest request = builder.timeout(timeout).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] bytes;
        // the request timeout ends at the headers: the body gets its own deadline, so a trickle cannot hang the run
        InputStream in = response.body();
        java.util.concurrent.CompletableFuture<byte[]> reading =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return in.readNBytes(MAX_BYTES);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        try {
            bytes = reading.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("no complete answer from " + request.uri() + " within " + timeout.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("the answer from " + request.uri() + " broke off", e.getCause());
        } finally {
            in.close();
        }
        Answer answer = new Answer(
                request.uri(), response.statusCode(), response.headers(), new String(bytes, StandardCharsets.UTF_8));
        if (answer.status() == 429) {
            throw new RateLimited(request.method() + " " + request.uri() + " answered 429"
                    + answer.header("Retry-After")
                            .map(s -> " (Retry-After: " + s + ")")
                            .orElse(""));
        }
        if (answer.status() >= 500) {
            serverErrors.add(request.method() + " " + request.uri().getRawPath() + " → " + answer.status());
        }
        return answer;
    }
}
