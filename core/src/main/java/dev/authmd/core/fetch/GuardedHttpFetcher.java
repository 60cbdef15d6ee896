package dev.authmd.core.fetch;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.spi.http.FetchRequest;
import dev.authmd.spi.http.FetchResponse;
import dev.authmd.spi.http.HttpFetcher;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The library's default {@link HttpFetcher}: one GET on the JDK's {@code java.net.http} client, behind an
 * {@link AddressGuard} (§3a step 4, §3a step 7: docs/protocol.md#v01-3a-step-4).
 *
 * <ul>
 *   <li>the guard runs first: https only, public addresses only, unless the origin is an allowed development origin — a
 *       refused URL makes no network call at all;
 *   <li>redirects are never followed ({@link HttpClient.Redirect#NEVER}): a 3xx is returned as a response, and every
 *       caller in the library treats anything but 200 as a failure;
 *   <li>the connect timeout bounds the connection, the read timeout bounds the whole exchange (headers and body) — a
 *       server trickling bytes cannot hold a thread longer;
 *   <li>the body is streamed and the exchange is abandoned as soon as it exceeds the request's {@code maxBodyBytes} (a
 *       {@code Content-Length} over the cap is refused before reading).
 * </ul>
 *
 * <p>Thread-safe; one instance per application is enough (clients are cached per connect timeout).
 */
public final class GuardedHttpFetcher implements HttpFetcher {

    private final AddressGuard guard;
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    private GuardedHttpFetcher(AddressGuard guard) {
        this.guard = guard;
    }

    /**
     * Creates a fetcher whose every request passes the address guard.
     *
     * @param guard the address guard every fetch passes
     * @return a fetcher
     */
    public static GuardedHttpFetcher create(AddressGuard guard) {
        return new GuardedHttpFetcher(Objects.requireNonNull(guard, "guard cannot be null"));
    }

    /**
     * A fetcher whose guard allows the configuration's {@code developmentHosts} (any port, http or https) and nothing
     * else that is not public https.
     *
     * @param config the service configuration
     * @return a fetcher
     */
    public static GuardedHttpFetcher forConfig(AgentAuthConfig config) {
        Objects.requireNonNull(config, "config cannot be null");
        AddressGuard.Builder guard = AddressGuard.builder();
        config.developmentHosts().forEach(guard::allowHost);
        return new GuardedHttpFetcher(guard.build());
    }

    /** {@return the guard this fetcher applies} */
    public AddressGuard guard() {
        return guard;
    }

    @Override
    public FetchResponse fetch(FetchRequest request) throws IOException {
        Objects.requireNonNull(request, "request cannot be null");
        guard.check(request.uri());
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(request.uri()).GET().timeout(request.readTimeout());
        try {
            request.headers().forEach(builder::header);
        } catch (IllegalArgumentException e) {
            throw new IOException("refused request header", e);
        }
        HttpClient client = clients.computeIfAbsent(request.connectTimeout(), GuardedHttpFetcher::newClient);
        int cap = request.maxBodyBytes();
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(builder.build(), info -> CappedBodySubscriber.create(info, cap));
        long deadline = request.connectTimeout().plus(request.readTimeout()).toMillis();
        try {
            HttpResponse<byte[]> response = exchange.get(deadline, TimeUnit.MILLISECONDS);
            return new FetchResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException(
                    "no complete response from " + request.uri().getHost() + " within " + deadline + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(
                    "interrupted while fetching from " + request.uri().getHost());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("fetch from " + request.uri().getHost() + " failed", cause);
        }
    }

    private static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }
}
