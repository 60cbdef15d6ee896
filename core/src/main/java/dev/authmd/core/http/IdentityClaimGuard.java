package dev.authmd.core.http;

import dev.authmd.core.service.ClaimPageView;
import dev.authmd.spi.account.SignedInUser;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.util.Optional;

/**
 * The host's policy on the current profile's claim page (docs/protocol.md, current profile §7, "a host hook may
 * refuse"): called once the signed-in user owns the bound address — before the page offers Confirm and Deny, and again
 * before any decision is recorded. Return a response (a refusal, a redirect to a step-up login, a page asking for MFA)
 * to stop there, and nothing is recorded or revealed; return empty to let the user decide.
 *
 * <pre>{@code
 * IdentityClaimGuard guard = (request, user, view) ->
 *         view.kind() == ClaimPageView.Kind.STEP_UP && !mfa.isFresh(request)
 *                 ? Optional.of(layout.refusal(view.serviceName(), "Verify it's you",
 *                         "Sign in again with your security key, then open the link again."))
 *                 : Optional.empty();
 * }</pre>
 *
 * <p>The answer is sent as given, with {@code Cache-Control: no-store} and {@code Referrer-Policy: no-referrer} added
 * when it has none (it is still the claim page's URL). Thread-safe. An exception from the guard refuses (fails closed).
 */
@FunctionalInterface
public interface IdentityClaimGuard {

    /** Lets every signed-in owner decide. */
    IdentityClaimGuard ALLOW_ALL = (request, user, view) -> Optional.empty();

    /**
     * Decides whether the signed-in user may see the Confirm/Deny form or record a decision.
     *
     * @param request the page request, with the host's session cookies
     * @param user the signed-in user, who owns the bound address
     * @param view what is being claimed: kind, registration, scopes, provider, advisories
     * @return the response to answer instead, or empty to proceed
     */
    Optional<HttpResponse> check(HttpRequest request, SignedInUser user, ClaimPageView view);
}
