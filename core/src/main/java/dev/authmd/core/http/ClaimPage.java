package dev.authmd.core.http;

import dev.authmd.core.internal.text.Html;
import dev.authmd.core.service.ClaimView;
import dev.authmd.spi.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders the claim page (docs/protocol.md#v01-4). Showing it mints nothing: a button asks the challenge endpoint for a
 * code, so mail scanners that follow the link burn no codes. All dynamic text is escaped; a per-response nonce is the
 * only way scripts and styles run (strict CSP); the page is never cached and never leaks its URL as a referrer.
 */
final class ClaimPage {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ClaimPage() {}

    static HttpResponse render(ClaimPageLayout layout, ClaimView view, String challengePath, String attemptToken) {
        String service = Html.escape(view.serviceName());
        int status =
                view.state() == ClaimView.State.READY ? 200 : view.state() == ClaimView.State.COMPLETED ? 409 : 410;
        return layout.page(
                status,
                "Confirm an AI agent",
                view.serviceName(),
                nonce -> switch (view.state()) {
                    case READY -> ready(view, service, challengePath, attemptToken, nonce);
                    case COMPLETED ->
                        message(
                                "Already confirmed",
                                "This agent is already connected to your " + service
                                        + " account. You can close this page.");
                    case EXPIRED ->
                        message("Link expired", "This confirmation link has expired. Ask your agent to start again.");
                    case SUPERSEDED ->
                        message(
                                "Link no longer valid",
                                "This link was replaced by a newer one, or it is not valid. Use the most recent"
                                        + " email.");
                },
                ClaimPageLayout.Policy.OWN_SCRIPT);
    }

    private static String ready(
            ClaimView view, String service, String challengePath, String attemptToken, String nonce) {
        String email = Html.escape(view.recipient().orElse(""));
        String until = view.expiresAt() == null ? "" : Html.escape(WHEN.format(view.expiresAt()));
        return """
                <h1>Confirm an AI agent</h1>
                <p>An AI agent asked to be connected to the <strong>%1$s</strong> account of
                <strong id="email">%2$s</strong>.</p>
                <p>If you asked your agent to do this, show the code and give it to your agent.
                If you did not, close this page: nothing happens without the code.</p>
                <p><button id="show" type="button">Show my code</button></p>
                <p id="otp" aria-live="polite"></p>
                <p id="status" class="muted">This link works until %3$s.</p>
                <noscript><p>This page needs JavaScript to show the code.</p></noscript>
                <script nonce="%4$s" id="claim" data-path="%5$s" data-token="%6$s">
                (function () {
                  var cfg = document.getElementById('claim').dataset;
                  var button = document.getElementById('show');
                  var otp = document.getElementById('otp');
                  var status = document.getElementById('status');
                  button.addEventListener('click', function () {
                    button.disabled = true;
                    status.textContent = 'Getting your code…';
                    fetch(cfg.path, {
                      method: 'POST',
                      headers: { 'Content-Type': 'application/json' },
                      body: JSON.stringify({ claim_attempt_token: cfg.token }),
                      credentials: 'same-origin',
                      cache: 'no-store'
                    }).then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
                      .then(function (res) {
                        if (res.ok && res.body.type === 'otp') {
                          otp.textContent = res.body.challenge;
                          status.textContent = 'Give this code to your agent. It expires at '
                            + new Date(res.body.expires_at).toUTCString() + '.';
                          button.textContent = 'Show a new code';
                        } else {
                          status.textContent = (res.body && res.body.message) || 'This link can no longer be used.';
                        }
                        button.disabled = false;
                      })
                      .catch(function () { status.textContent = 'Something went wrong. Try again.'; button.disabled = false; });
                  });
                })();
                </script>
                """.formatted(service, email, until, nonce, Html.escape(challengePath), Html.escape(attemptToken));
    }

    private static String message(String title, String text) {
        return "<h1>" + Html.escape(title) + "</h1>\n<p>" + text + "</p>";
    }
}
