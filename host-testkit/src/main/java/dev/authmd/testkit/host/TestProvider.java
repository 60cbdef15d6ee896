package dev.authmd.testkit.host;

import com.sun.net.httpserver.HttpServer;
import dev.authmd.core.fetch.AddressGuard;
import dev.authmd.core.fetch.GuardedHttpFetcher;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.LogoutTokenMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.provider.SecurityEventMinter;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.http.HttpFetcher;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A fake agent provider for a host's tests: its own ES256 key, the trust-list entry for it, and minters for what real
 * providers send — ID-JAGs, logout tokens (v0.1) and security events (the current profile) — every one with a fresh
 * {@code jti} and the test's clock. Its keys are given to the service inline ({@link #trusted()}), or served over HTTP
 * on a local port ({@link #serveKeys()}) to exercise the service's key fetching too.
 *
 * <pre>{@code
 * TestProvider provider = TestProvider.create("https://agents.example", clock);
 * TrustList trust = TrustList.builder().add(provider.trusted()).build();
 * String idJag = provider.idJag("https://api.example.com", "user-1", "carol@example.com").mint();
 * }</pre>
 *
 * <p>Close it when {@link #serveKeys()} was called. Thread-safe once created.
 */
public final class TestProvider implements AutoCloseable {

    private final String issuer;
    private final Clock clock;
    private final ProviderKeys keys;
    private @Nullable HttpServer server;

    private TestProvider(String issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
        this.keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
    }

    /**
     * Creates a provider with a new P-256 key.
     *
     * @param issuer its issuer identifier, an https URL (it never has to resolve)
     * @param clock the test's clock, for {@code iat} and {@code auth_time}
     * @return the provider
     */
    public static TestProvider create(String issuer, Clock clock) {
        Objects.requireNonNull(issuer, "issuer cannot be null");
        Objects.requireNonNull(clock, "clock cannot be null");
        if (!issuer.startsWith("https://")) {
            throw new IllegalArgumentException("a provider's issuer is an https URL: " + issuer);
        }
        return new TestProvider(issuer, clock);
    }

    /** {@return the issuer identifier} */
    public String issuer() {
        return issuer;
    }

    /** {@return the provider's keys (public JWKS, rotation)} */
    public ProviderKeys keys() {
        return keys;
    }

    /** {@return the trust-list entry for this provider, its keys inline, ES256 only, the default policy} */
    public TrustedProvider trusted() {
        return trustedBuilder().keyLocation(KeyLocation.inline(keys.jwksJson())).build();
    }

    /**
     * {@return a trust-list entry builder for this provider with its display name and algorithm set, to add a policy or
     * a key location}
     */
    public TrustedProvider.Builder trustedBuilder() {
        return TrustedProvider.builder(issuer).displayName("Test provider").algorithms(List.of("ES256"));
    }

    /**
     * Serves the public JWKS at {@code http://127.0.0.1:<free port>/jwks.json} until {@link #close()}. Pair it with
     * {@code trustedBuilder().keyLocation(KeyLocation.pinned(uri))} and {@link #fetcherFor(URI)}: the service refuses
     * plain http and loopback addresses unless allowed.
     *
     * @return the JWKS URL
     * @throws UncheckedIOException when no port can be bound
     */
    public synchronized URI serveKeys() {
        if (server == null) {
            try {
                HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                started.createContext("/jwks.json", exchange -> {
                    byte[] body = keys.jwksJson().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
                started.start();
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve the test provider's keys", e);
            }
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    /**
     * {@return the service's outbound fetcher, allowed to reach exactly the origin of {@code jwksUri} besides the
     * public https it always may}
     *
     * @param jwksUri what {@link #serveKeys()} answered
     */
    public static HttpFetcher fetcherFor(URI jwksUri) {
        URI origin = URI.create(jwksUri.getScheme() + "://" + jwksUri.getRawAuthority());
        return GuardedHttpFetcher.create(
                AddressGuard.builder().allowOrigin(origin).build());
    }

    /**
     * An ID-JAG for a user, ready to mint: verified email, fresh {@code jti}, issued now on the test's clock, with an
     * {@code auth_time} a minute ago (the current profile requires a recent one). Change anything before
     * {@code mint()}.
     *
     * @param audience the service's issuer (or resource) identifier
     * @param subject the provider's user id
     * @param email the user's verified email
     * @return the minter
     */
    public IdJagMinter idJag(String audience, String subject, String email) {
        return IdJagMinter.builder(keys)
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .email(email)
                .emailVerified(true)
                .jti(UUID.randomUUID().toString())
                .issuedAt(clock.instant())
                .authTime(clock.instant().minusSeconds(60));
    }

    /**
     * A v0.1 logout token revoking everything of one user, ready to mint.
     *
     * @param audience the service's issuer identifier
     * @param subject the provider's user id
     * @return the minter
     */
    public LogoutTokenMinter logoutToken(String audience, String subject) {
        return LogoutTokenMinter.builder(keys)
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .jti(UUID.randomUUID().toString())
                .issuedAt(clock.instant());
    }

    /**
     * A current-profile security event revoking one user's delegation, ready to mint.
     *
     * @param audience the service's issuer identifier
     * @param subject the provider's user id
     * @return the minter
     */
    public SecurityEventMinter securityEvent(String audience, String subject) {
        return SecurityEventMinter.builder(keys)
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .jti(UUID.randomUUID().toString())
                .issuedAt(clock.instant());
    }

    /** Stops serving the keys, if {@link #serveKeys()} was called. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public String toString() {
        return "TestProvider[" + issuer + "]";
    }
}
