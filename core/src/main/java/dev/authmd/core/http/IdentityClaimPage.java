package dev.authmd.core.http;

import dev.authmd.core.internal.text.Html;
import dev.authmd.core.service.ClaimPageView;
import dev.authmd.spi.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The current profile's claim page (docs/protocol.md, current profile §7): behind the host's sign-in, it shows who is
 * signed in, what the agent asks for and, for a step-up, the provider's name from the trust list; Confirm and Deny post
 * back with a form token bound to the link and the user; a Confirm reveals the code once. No script runs; every value
 * is escaped; the page is never cached, never sent as a referrer, never framed.
 */
final class IdentityClaimPage {

    private static final String TITLE = "Connect an AI agent";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private IdentityClaimPage() {}

    /**
     * Renders the page for a view.
     *
     * @param layout the host's layout, or the standard one
     * @param view what to show
     * @param formPath the path the form posts to
     * @param attemptToken the link's token, echoed in the form
     * @return the page, with its status: 200 for a form or a code, 403 wrong account, 409 claimed, 410 unusable
     */
    static HttpResponse render(ClaimPageLayout layout, ClaimPageView view, String formPath, String attemptToken) {
        String service = Html.escape(view.serviceName());
        String body;
        int status = 200;
        switch (view.state()) {
            case READY -> body = ready(view, service, formPath, attemptToken);
            case CONFIRMED -> body = confirmed(view, service, formPath, attemptToken);
            case DENIED ->
                body = message(
                        "Request denied",
                        "You denied this request. The agent was not connected to your " + service + " account.");
            case WRONG_ACCOUNT -> {
                status = 403;
                body = message(
                        "Wrong account",
                        "You are signed in with an account that does not own the address this request is for. Sign"
                                + " out, sign in with that account, and open the link again. No code was shown.");
            }
            case CLAIMED -> {
                status = 409;
                body = message("Already connected", "This agent is already connected. You can close this page.");
            }
            default -> {
                status = 410;
                body = message(
                        "Link not valid",
                        "This link has expired, was replaced by a newer one, or is not valid. Ask your agent for a"
                                + " new one.");
            }
        }
        return layout.page(status, TITLE, view.serviceName(), nonce -> body, ClaimPageLayout.Policy.NO_SCRIPT);
    }

    /**
     * The answer to a form whose token did not match: nothing changed.
     *
     * @param layout the host's layout, or the standard one
     * @param serviceName the service's name
     * @return a 403 page
     */
    static HttpResponse refused(ClaimPageLayout layout, String serviceName) {
        return layout.refusal(
                serviceName, "Form expired", "This form is no longer valid. Reload the page and try again.");
    }

    private static String ready(ClaimPageView view, String service, String formPath, String token) {
        String provider = view.provider() == null
                ? "An AI agent"
                : "An AI agent acting through <strong>" + Html.escape(view.provider()) + "</strong>";
        String until = view.expiresAt() == null ? "" : Html.escape(WHEN.format(view.expiresAt()));
        return """
                <h1>Connect an AI agent</h1>
                <p>%1$s asks to act for <strong id="email">%2$s</strong> on %3$s, with these permissions:</p>
                <ul id="scopes">%4$s</ul>
                %9$s<p>If you asked your agent to do this, confirm: this page then shows a code to give to your agent.
                If you did not, deny.</p>
                <form method="post" action="%5$s">
                <input type="hidden" name="token" value="%6$s">
                <input type="hidden" name="csrf" value="%7$s">
                <button id="confirm" type="submit" name="action" value="confirm">Confirm</button>
                <button id="deny" type="submit" name="action" value="deny">Deny</button>
                </form>
                <p class="muted">This link works until %8$s.</p>
                """.formatted(
                        provider,
                        Html.escape(view.boundAddress()),
                        service,
                        scopes(view),
                        Html.escape(formPath),
                        Html.escape(token),
                        Html.escape(view.csrfToken()),
                        until,
                        advisories(view));
    }

    private static String advisories(ClaimPageView view) {
        if (view.advisories().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<ul id=\"advisories\" class=\"advisory\">");
        for (ClaimPageView.Advisory advisory : view.advisories()) {
            String text = switch (advisory) {
                case FIRST_TIME_PROVIDER ->
                    "You have not connected an agent through "
                            + Html.escape(view.provider() == null ? view.providerIssuer() : view.provider())
                            + " to this account before.";
                case FIRST_TIME_ACCOUNT -> "This is the first AI agent to be connected to this account.";
            };
            out.append("<li data-advisory=\"")
                    .append(advisory.wireName())
                    .append("\">")
                    .append(text)
                    .append("</li>");
        }
        return out.append("</ul>\n").toString();
    }

    private static String confirmed(ClaimPageView view, String service, String formPath, String token) {
        String code = view.code() == null
                ? "<p>You confirmed this request. If your agent did not get the code, ask for a new one.</p>"
                : "<p>Give this code to your agent:</p>\n<p id=\"code\">" + Html.escape(view.code()) + "</p>\n"
                        + "<p class=\"muted\">It works until "
                        + Html.escape(view.codeExpiresAt() == null ? "" : WHEN.format(view.codeExpiresAt()))
                        + " and is shown only once.</p>";
        return """
                <h1>Connect an AI agent</h1>
                <p>You confirmed the request for <strong id="email">%1$s</strong> on %2$s.</p>
                %3$s
                <form method="post" action="%4$s">
                <input type="hidden" name="token" value="%5$s">
                <input type="hidden" name="csrf" value="%6$s">
                <button id="new-code" type="submit" name="action" value="new_code">Show a new code</button>
                </form>
                """.formatted(
                        Html.escape(view.boundAddress()),
                        service,
                        code,
                        Html.escape(formPath),
                        Html.escape(token),
                        Html.escape(view.csrfToken()));
    }

    private static String scopes(ClaimPageView view) {
        StringBuilder out = new StringBuilder();
        for (String scope : view.scopes()) {
            out.append("<li><code>").append(Html.escape(scope)).append("</code></li>");
        }
        return out.toString();
    }

    private static String message(String title, String text) {
        return "<h1>" + Html.escape(title) + "</h1>\n<p>" + text + "</p>\n";
    }
}
