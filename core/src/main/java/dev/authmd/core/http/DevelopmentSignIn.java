package dev.authmd.core.http;

import dev.authmd.core.internal.http.FormBody;
import dev.authmd.core.internal.text.Html;
import dev.authmd.core.secret.SecretGenerator;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.core.service.RequestContext;
import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.account.SessionResolver;
import dev.authmd.spi.account.SignedInUser;
import dev.authmd.spi.account.UserAccount;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.mail.ClaimMail;
import dev.authmd.spi.mail.ClaimMailer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sign-in for development only, so the current profile's claim ceremony can be walked without a real login: a form
 * takes an email address, a sign-in link goes to that address through the service's {@link ClaimMailer} (the demo's
 * prints it and writes it to its mail directory), and opening the link sets a session cookie for a user whose one
 * verified address is that email. It is a {@link SessionResolver} for {@code sessionResolver(...)} and serves its own
 * pages under {@value #PATH} through {@link #handle}.
 *
 * <p><b>Never use it in production:</b> its users are not your users, its sessions live in memory, and it is announced
 * with a WARN when created. Production services pass their own login to {@code sessionResolver(...)}.
 *
 * <pre>{@code
 * DevelopmentSignIn signIn = DevelopmentSignIn.create(baseUrl, mailer, clock);
 * AgentAuthService service = AgentAuthService.builder().config(config, trust).sessionResolver(signIn).build();
 * // in the request handler, before the library's endpoints:
 * Optional<HttpResponse> page = signIn.handle(request);
 * }</pre>
 *
 * <p>Thread-safe; sessions and pending links are bounded and expire.
 */
public final class DevelopmentSignIn implements SessionResolver {

    /** Where its pages live. */
    public static final String PATH = "/dev/sign-in";

    /** The session cookie's name. */
    public static final String COOKIE = "authmd_dev_session";

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentSignIn.class);
    private static final Duration LINK_TTL = Duration.ofMinutes(10);
    private static final Duration SESSION_TTL = Duration.ofHours(8);
    private static final int MAX_ENTRIES = 10_000;

    private final URI baseUrl;
    private final ClaimMailer mailer;
    private final Clock clock;
    private final SecretGenerator secrets = new SecretGenerator();
    private final Map<String, Pending> links = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final @Nullable AccountResolver accounts;

    private record Pending(String email, URI returnTo, Instant expiresAt) {}

    private record Session(String email, Instant expiresAt) {}

    private DevelopmentSignIn(URI baseUrl, ClaimMailer mailer, Clock clock, @Nullable AccountResolver accounts) {
        this.accounts = accounts;
        this.baseUrl = baseUrl;
        this.mailer = mailer;
        this.clock = clock;
    }

    /**
     * Creates the development sign-in, with a WARN that it must never run in production. Its users' ids are
     * {@code dev:<email>}.
     *
     * @param baseUrl the service's public origin, where {@value #PATH} is served
     * @param mailer delivers the sign-in links
     * @param clock the clock for link and session lifetimes
     * @return the sign-in
     */
    public static DevelopmentSignIn create(URI baseUrl, ClaimMailer mailer, Clock clock) {
        return create(baseUrl, mailer, clock, null);
    }

    /**
     * Creates the development sign-in over the service's accounts, with a WARN that it must never run in production: an
     * address that belongs to an account of the default tenant signs in as that account (its id), as a host's own login
     * would, so an ID-JAG step-up bound to that account can be confirmed; any other address signs in as
     * {@code dev:<email>}.
     *
     * @param baseUrl the service's public origin, where {@value #PATH} is served
     * @param mailer delivers the sign-in links
     * @param clock the clock for link and session lifetimes
     * @param accounts the service's accounts, or null for {@code dev:<email>} ids only
     * @return the sign-in
     */
    public static DevelopmentSignIn create(
            URI baseUrl, ClaimMailer mailer, Clock clock, @Nullable AccountResolver accounts) {
        Objects.requireNonNull(baseUrl, "baseUrl cannot be null");
        Objects.requireNonNull(mailer, "mailer cannot be null");
        Objects.requireNonNull(clock, "clock cannot be null");
        LOG.warn("DEVELOPMENT SIGN-IN is on: anyone who can read the sign-in emails signs in as any address. Never"
                + " use DevelopmentSignIn in production; pass your own login to sessionResolver(...).");
        return new DevelopmentSignIn(URI.create(stripSlash(baseUrl.toString())), mailer, clock, accounts);
    }

    @Override
    public Optional<SignedInUser> signedIn(HttpRequest request) {
        Optional<String> token = cookie(request);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Session session;
        synchronized (this) {
            session = sessions.get(SecretHasher.hash(token.get()));
        }
        if (session == null || !clock.instant().isBefore(session.expiresAt())) {
            return Optional.empty();
        }
        String email = session.email();
        String userId = accounts == null
                ? "dev:" + email
                : accounts.findByVerifiedEmail(RequestContext.DEFAULT_TENANT, email)
                        .map(UserAccount::userId)
                        .orElse("dev:" + email);
        return Optional.of(new SignedInUser(userId, List.of(email)));
    }

    @Override
    public URI loginUri(HttpRequest request, URI returnTo) {
        return URI.create(baseUrl + PATH + "?return=" + URLEncoder.encode(returnTo.toString(), StandardCharsets.UTF_8));
    }

    /**
     * Serves the sign-in pages: {@code GET} {@value #PATH} (the form), {@code POST} {@value #PATH} (sends the link),
     * {@code GET} {@value #PATH}{@code /link?code=…} (opens the session and returns to where the visitor came from).
     *
     * @param request any request
     * @return the answer, or empty for a path that is not the sign-in's
     */
    public Optional<HttpResponse> handle(HttpRequest request) {
        String path = request.path();
        if (path.equals(PATH) && request.method().equals("GET")) {
            return Optional.of(form(request.queryParameter("return").orElse(baseUrl + "/"), null));
        }
        if (path.equals(PATH) && request.method().equals("POST")) {
            return Optional.of(sendLink(request));
        }
        if (path.equals(PATH + "/link") && request.method().equals("GET")) {
            return Optional.of(openSession(request.queryParameter("code").orElse("")));
        }
        if (path.equals(PATH) || path.equals(PATH + "/link")) {
            return Optional.of(HttpResponse.builder(405)
                    .header("Allow", path.equals(PATH) ? "GET, POST" : "GET")
                    .build());
        }
        return Optional.empty();
    }

    private HttpResponse sendLink(HttpRequest request) {
        Map<String, List<String>> form = FormBody.parse(request.body()).orElse(Map.of());
        String email = first(form, "email")
                .map(e -> e.strip().toLowerCase(Locale.ROOT))
                .orElse("");
        String returnTo = first(form, "return").orElse(baseUrl + "/");
        if (!email.matches("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]{1,63}")) {
            return form(returnTo, "Enter an email address.");
        }
        if (!returnTo.startsWith(baseUrl + "/")) {
            returnTo = baseUrl + "/"; // never an open redirect
        }
        String code = secrets.claimToken();
        Instant expiresAt = clock.instant().plus(LINK_TTL);
        synchronized (this) {
            evict(links, clock.instant());
            links.put(SecretHasher.hash(code), new Pending(email, URI.create(returnTo), expiresAt));
        }
        String link = baseUrl + PATH + "/link?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
        mailer.send(new ClaimMail(
                "development",
                "dev-sign-in",
                email,
                "Sign in (development only)",
                "Open this link to sign in (development only): " + link,
                "<p>Open this link to sign in (development only): <a href=\"" + Html.escape(link) + "\">"
                        + Html.escape(link) + "</a></p>",
                link,
                expiresAt));
        return page(
                200,
                "<h1>Check the mail</h1><p>A sign-in link went to <strong>" + Html.escape(email)
                        + "</strong>. In the demo it is printed by the server and written to its mail directory.</p>");
    }

    private HttpResponse openSession(String code) {
        Instant now = clock.instant();
        Pending pending;
        synchronized (this) {
            pending = links.remove(SecretHasher.hash(code));
        }
        if (pending == null || !now.isBefore(pending.expiresAt())) {
            return page(410, "<h1>Link not valid</h1><p>This sign-in link expired or was used. Sign in again.</p>");
        }
        String session = secrets.claimToken();
        synchronized (this) {
            evict(sessions, now);
            sessions.put(SecretHasher.hash(session), new Session(pending.email(), now.plus(SESSION_TTL)));
        }
        return HttpResponse.builder(303)
                .header("Location", pending.returnTo().toString())
                .header(
                        "Set-Cookie",
                        COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + SESSION_TTL.toSeconds())
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    private HttpResponse form(String returnTo, @Nullable String problem) {
        return page(
                200,
                "<h1>Sign in</h1><p><strong>Development sign-in: never use this in production.</strong></p>"
                        + (problem == null ? "" : "<p>" + Html.escape(problem) + "</p>")
                        + "<form method=\"post\" action=\"" + Html.escape(PATH) + "\">"
                        + "<input type=\"hidden\" name=\"return\" value=\"" + Html.escape(returnTo) + "\">"
                        + "<label>Email <input id=\"email\" name=\"email\" type=\"email\" required></label> "
                        + "<button id=\"send\" type=\"submit\">Send a sign-in link</button></form>");
    }

    private static HttpResponse page(int status, String body) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in (development)"
                + "</title></head><body>" + body + "</body></html>\n";
        return HttpResponse.builder(status)
                .body(html, "text/html; charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'")
                .build();
    }

    private static Optional<String> cookie(HttpRequest request) {
        for (String header : request.headers("Cookie")) {
            for (String part : header.split(";", -1)) {
                String trimmed = part.strip();
                if (trimmed.startsWith(COOKIE + "=")) {
                    return Optional.of(trimmed.substring(COOKIE.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> first(Map<String, List<String>> form, String name) {
        List<String> values = form.getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Drops expired entries, then the oldest, so neither map grows past its bound. */
    private static <V> void evict(Map<String, V> map, Instant now) {
        map.values().removeIf(v -> !now.isBefore(expiry(v)));
        while (map.size() >= MAX_ENTRIES) {
            map.remove(map.keySet().iterator().next());
        }
    }

    private static Instant expiry(Object entry) {
        return entry instanceof Pending p ? p.expiresAt() : ((Session) entry).expiresAt();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "DevelopmentSignIn[" + baseUrl + "]";
    }
}
