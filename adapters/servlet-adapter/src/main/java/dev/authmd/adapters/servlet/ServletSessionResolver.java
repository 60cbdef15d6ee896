package dev.authmd.adapters.servlet;

import dev.authmd.spi.account.SessionResolver;
import dev.authmd.spi.account.SignedInUser;
import dev.authmd.spi.http.HttpRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's servlet login as the current profile's {@link SessionResolver}: it answers from the
 * {@link HttpServletRequest} that {@link AgentAuthFilter} is serving, so the host reads its own session the way it
 * always does — {@code request.getSession(false)}, {@code request.getUserPrincipal()}, or Spring Security's
 * {@code SecurityContextRepository}.
 *
 * <pre>{@code
 * SessionResolver sessions = ServletSessionResolver.of(
 *         request -> Optional.ofNullable(request.getSession(false))
 *                 .map(session -> (AppUser) session.getAttribute("user"))
 *                 .map(user -> new SignedInUser(user.id(), user.verifiedEmails())),
 *         (request, returnTo) -> URI.create("https://app.example.com/login?next="
 *                 + URLEncoder.encode(returnTo.toString(), StandardCharsets.UTF_8)));
 * AgentAuthService service = AgentAuthService.builder().sessionResolver(sessions)...build();
 * }</pre>
 *
 * <p>Only requests that pass through {@link AgentAuthFilter} carry a servlet request; anywhere else (another
 * integration, a test calling the service directly) nobody is signed in, and the first such call is logged at WARN.
 * Thread-safe.
 */
public final class ServletSessionResolver implements SessionResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ServletSessionResolver.class);
    private static final ThreadLocal<HttpServletRequest> SERVING = new ThreadLocal<>();

    private final SignedInLookup lookup;
    private final LoginLocation login;
    private final AtomicBoolean warned = new AtomicBoolean();

    private ServletSessionResolver(SignedInLookup lookup, LoginLocation login) {
        this.lookup = lookup;
        this.login = login;
    }

    /**
     * Creates a resolver over the host's servlet session.
     *
     * @param lookup who is signed in on a servlet request (empty for nobody; never throws for an anonymous request)
     * @param login where to send someone who is not signed in, carrying the return address
     * @return the resolver
     */
    public static ServletSessionResolver of(SignedInLookup lookup, LoginLocation login) {
        return new ServletSessionResolver(
                Objects.requireNonNull(lookup, "lookup cannot be null"),
                Objects.requireNonNull(login, "login cannot be null"));
    }

    @Override
    public Optional<SignedInUser> signedIn(HttpRequest request) {
        HttpServletRequest servlet = SERVING.get();
        if (servlet == null) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("ServletSessionResolver was asked outside AgentAuthFilter: nobody is signed in there");
            }
            return Optional.empty();
        }
        return lookup.signedIn(servlet);
    }

    @Override
    public URI loginUri(HttpRequest request, URI returnTo) {
        HttpServletRequest servlet = SERVING.get();
        return login.loginUri(servlet, returnTo);
    }

    /** Runs {@code call} with {@code request} visible to every resolver of this class on this thread. */
    static <T, E extends Exception> T serving(HttpServletRequest request, ServletCall<T, E> call) throws E {
        SERVING.set(request);
        try {
            return call.run();
        } finally {
            SERVING.remove();
        }
    }

    /** A call made while a servlet request is served. */
    @FunctionalInterface
    interface ServletCall<T, E extends Exception> {
        T run() throws E;
    }

    /** Who is signed in on a servlet request. */
    @FunctionalInterface
    public interface SignedInLookup {
        /**
         * Resolves the signed-in user.
         *
         * @param request the servlet request the claim page arrived on
         * @return the user with the addresses the host has verified, or empty for nobody
         */
        Optional<SignedInUser> signedIn(HttpServletRequest request);
    }

    /** Where the host's login is. */
    @FunctionalInterface
    public interface LoginLocation {
        /**
         * Builds the login address.
         *
         * @param request the servlet request the claim page arrived on; null outside {@link AgentAuthFilter}
         * @param returnTo the claim page to come back to after signing in
         * @return the host's login URL carrying {@code returnTo}
         */
        URI loginUri(@Nullable HttpServletRequest request, URI returnTo);
    }
}
