package dev.authmd.client.internal;

import dev.authmd.client.AuthMdClientException;
import dev.authmd.client.UnsafeServiceException;
import dev.authmd.protocol.metadata.WellKnownUris;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every protocol exchange with a service, behind the guards: https only (plain http only to hosts allowed for
 * development), no redirects followed, a 128 KiB cap on what is read, a connect timeout and a deadline on the whole
 * answer (a server that trickles its body is cut off). Thread-safe.
 */
public final class ServiceHttp {

    /** The most a protocol answer may be. */
    public static final int MAX_RESPONSE_BYTES = 128 * 1024;

    private final HttpClient client;
    private final Duration timeout;
    private final Set<String> developmentHosts;

    /**
     * @param connectTimeout how long to wait for a connection
     * @param timeout how long a whole answer may take
     * @param developmentHosts hosts where plain http is allowed (lower case)
     */
    public ServiceHttp(Duration connectTimeout, Duration timeout, Set<String> developmentHosts) {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
        this.timeout = Objects.requireNonNull(timeout, "timeout cannot be null");
        this.developmentHosts = Set.copyOf(developmentHosts);
    }

    /** {@return the underlying client: no redirects, the connect timeout} */
    public HttpClient client() {
        return client;
    }

    /** {@return the deadline on a whole answer} */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Refuses a URL the client must not talk to.
     *
     * @param uri the URL
     * @param what what it is, for the message
     * @throws UnsafeServiceException when it is not absolute https (or http to a development host), or carries user
     *     information or a fragment
     */
    public void checkUrl(URI uri, String what) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute()
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            throw new UnsafeServiceException(what + " is not an absolute URL without user info or fragment: " + uri);
        }
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && developmentHosts.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return;
        }
        throw new UnsafeServiceException(what + " is not https: " + uri
                + (scheme.equals("http") ? " (plain http is allowed only for development hosts)" : ""));
    }

    /**
     * Refuses a URL that is not on an expected origin.
     *
     * @param uri the URL
     * @param origin the origin it must be on ({@code scheme://host[:port]})
     * @param what what it is, for the message
     * @throws UnsafeServiceException when it is elsewhere
     */
    public void checkOrigin(URI uri, String origin, String what) {
        checkUrl(uri, what);
        if (!origin(uri).equals(origin)) {
            throw new UnsafeServiceException(what + " " + uri + " is not on the service's origin " + origin);
        }
    }

    /**
     * {@return {@code scheme://host[:port]} of any absolute http(s) URL, query and fragment ignored}
     *
     * @param uri the URL
     */
    public static String origin(URI uri) {
        return WellKnownUris.origin(URI.create(uri.getScheme() + "://" + uri.getRawAuthority()));
    }

    /**
     * GETs a document.
     *
     * @param uri the URL
     * @param accept the Accept header
     * @return the answer, whatever its status
     */
    public Reply get(URI uri, String accept) {
        checkUrl(uri, "URL");
        return exchange(HttpRequest.newBuilder(uri).header("Accept", accept).GET());
    }

    /**
     * POSTs JSON.
     *
     * @param uri the endpoint
     * @param json the body
     * @return the answer, whatever its status
     */
    public Reply postJson(URI uri, String json) {
        checkUrl(uri, "endpoint");
        return exchange(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * POSTs a form.
     *
     * @param uri the endpoint
     * @param form the encoded body
     * @return the answer, whatever its status
     */
    public Reply postForm(URI uri, String form) {
        checkUrl(uri, "endpoint");
        return exchange(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private Reply exchange(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(timeout).build();
        AtomicBoolean overCap = new AtomicBoolean();
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(
                request,
                info -> new CappedBody(
                        MAX_RESPONSE_BYTES,
                        overCap,
                        info.headers().firstValueAsLong("content-length").orElse(-1)));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new AuthMdClientException(
                    "no complete answer from " + request.uri() + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new AuthMdClientException("interrupted while waiting for " + request.uri(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (overCap.get() || cause instanceof CappedBody.TooLarge) {
                throw new UnsafeServiceException(
                        "the answer from " + request.uri() + " is over " + MAX_RESPONSE_BYTES / 1024 + " KiB");
            }
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new AuthMdClientException(
                        "no answer from " + request.uri() + " within " + timeout.toSeconds() + " s", cause);
            }
            throw new AuthMdClientException(
                    "cannot reach " + request.uri() + ": " + (cause == null ? e : cause), cause);
        }
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            throw new UnsafeServiceException(request.uri() + " answered a redirect (" + status + " to "
                    + response.headers().firstValue("Location").orElse("nowhere")
                    + "); the client follows none");
        }
        return new Reply(request.uri(), status, response.headers(), response.body());
    }
}
