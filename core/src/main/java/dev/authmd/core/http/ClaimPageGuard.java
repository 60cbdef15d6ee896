package dev.authmd.core.http;

import dev.authmd.core.service.ClaimView;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.util.Optional;

/**
 * The host's policy choke-point on the claim page (docs/protocol.md#v01-4): called before the page is shown and before
 * a code is minted. Return a response (a redirect to SSO login, a page asking for MFA, a refusal) to stop there; return
 * empty to let the claim proceed.
 *
 * <p>Thread-safe. The default lets every request through.
 */
@FunctionalInterface
public interface ClaimPageGuard {

    /** Lets every request through. */
    ClaimPageGuard ALLOW_ALL = (request, view) -> Optional.empty();

    /**
     * Decides whether a claim page or challenge request may proceed.
     *
     * @param request the page or challenge request (cookies of a signed-in human included)
     * @param view what is being claimed, for whom
     * @return the response to answer instead, or empty to proceed
     */
    Optional<HttpResponse> check(HttpRequest request, ClaimView view);
}
