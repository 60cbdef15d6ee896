package dev.authmd.spi.account;

import dev.authmd.spi.http.HttpRequest;
import java.net.URI;
import java.util.Optional;

/**
 * The host's own sign-in, as the current profile's claim page needs it (docs/protocol.md, current profile §7): who is
 * signed in on a request, and where to send someone who is not. The library never implements a login for production;
 * the host's rules — SSO, MFA, sign-up — apply because the user signs in where they always do.
 *
 * <pre>{@code
 * SessionResolver sessions = new SessionResolver() {
 *     public Optional<SignedInUser> signedIn(HttpRequest request) {
 *         return mySessions.userFor(request.header("Cookie").orElse(""))
 *                 .map(u -> new SignedInUser(u.id(), u.verifiedEmails()));
 *     }
 *     public URI loginUri(HttpRequest request, URI returnTo) {
 *         return URI.create("https://app.example.com/login?next="
 *                 + URLEncoder.encode(returnTo.toString(), UTF_8));
 *     }
 * };
 * }</pre>
 *
 * <p>Implementations are thread-safe and do not throw for an anonymous request: they answer empty.
 */
public interface SessionResolver {

    /**
     * Resolves the signed-in user of a request.
     *
     * @param request the claim page request, with its cookies and headers
     * @return the user, or empty when nobody is signed in
     */
    Optional<SignedInUser> signedIn(HttpRequest request);

    /**
     * Where to send someone who is not signed in.
     *
     * @param request the claim page request
     * @param returnTo the page to come back to after signing in (same origin as the claim page)
     * @return the host's login URL carrying the return address
     */
    URI loginUri(HttpRequest request, URI returnTo);
}
