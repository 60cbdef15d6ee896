package dev.authmd.core.http;

import dev.authmd.core.internal.text.Html;
import dev.authmd.core.service.ClaimView;
import dev.authmd.spi.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Renders the claim page (docs/protocol.md#v01-4). Showing it mints nothing: a button asks the challenge endpoint for a
 * code, so mail scanners that follow the link burn no codes. All dynamic text is escaped; a per-response nonce is the
 * only way scripts and styles run (strict CSP); the page is never cached and never leaks its URL as a referrer.
 */
final class ClaimPage {

    private static final SecureRandom NONCES = new SecureRandom();
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ClaimPage() {}

    static HttpResponse render(ClaimView view, String challengePath, String attemptToken) {
        byte[] nonceBytes = new byte[16];
        NONCES.nextBytes(nonceBytes);
        String nonce = Base64.getEncoder().encodeToString(nonceBytes);
        String service = Html.escape(view.serviceName());
        String body = switch (view.state()) {
            case READY -> ready(view, service, challengePath, attemptToken, nonce);
            case COMPLETED ->
                message(
                        "Already confirmed",
                        "This agent is already connected to your " + service + " account. You can close this page.");
            case EXPIRED ->
                message("Link expired", "This confirmation link has expired. Ask your agent to start again.");
            case SUPERSEDED ->
                message(
                        "Link no longer valid",
                        "This link was replaced by a newer one, or it is not valid. Use the most recent email.");
        };
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex, nofollow">
                <title>Confirm an AI agent · %s</title>
                <style nonce="%s">
                body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }
                #otp { font: 700 2.5rem/1.2 ui-monospace, monospace; letter-spacing: .3rem; }
                button { font-size: 1rem; padding: .6rem 1.2rem; }
                .muted { color: #555; }
                </style>
                </head>
                <body>
                %s
                </body>
                </html>
                """.formatted(service, nonce, body);
        int status =
                view.state() == ClaimView.State.READY ? 200 : view.state() == ClaimView.State.COMPLETED ? 409 : 410;
        return HttpResponse.builder(status)
                .body(html.getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "text/html; charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; script-src 'nonce-" + nonce
                                + "'; style-src 'nonce-" + nonce + "'; connect-src 'self'; form-action 'none'; "
                                + "frame-ancestors 'none'; base-uri 'none'")
                .build();
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
