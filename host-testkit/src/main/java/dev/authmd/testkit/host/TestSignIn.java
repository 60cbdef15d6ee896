package dev.authmd.testkit.host;

import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.spi.account.SessionResolver;
import dev.authmd.spi.account.SignedInUser;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's sign-in, for tests of the current profile's claim page: pass it to
 * {@code AgentAuthService.Builder.sessionResolver(...)}, {@link #addUser register} the users your account resolver
 * knows, and {@link #confirm} drives the claim page as one of them — it opens the verification link signed in, presses
 * Confirm, and answers the code the page reveals, the one the user would read back to the agent. A request is signed in
 * when it carries the header {@value #HEADER} naming a registered user; nothing else is ever signed in.
 *
 * <pre>{@code
 * signIn.addUser("u-carol", "carol@example.com");
 * String code = signIn.confirm(endpoints, started.verificationUri(), "u-carol");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TestSignIn implements SessionResolver {

    /** The request header that signs a request in, naming the user. */
    public static final String HEADER = "X-Authmd-Test-User";

    private static final URI LOGIN = URI.create("https://login.test.invalid/sign-in");
    private static final Pattern FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]*)\">");
    private static final Pattern HIDDEN = Pattern.compile("name=\"(token|csrf)\" value=\"([^\"]*)\"");
    private static final Pattern CODE = Pattern.compile("<p id=\"code\">([^<]+)</p>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);");

    private final Map<String, List<String>> users = new ConcurrentHashMap<>();

    /** Creates a sign-in with no user. */
    public TestSignIn() {}

    /**
     * Registers a user who can sign in.
     *
     * @param userId the id your account resolver gives the user
     * @param verifiedEmails the addresses the user has verified (lower case, as the service normalises them)
     * @return this sign-in
     */
    public TestSignIn addUser(String userId, String... verifiedEmails) {
        Objects.requireNonNull(userId, "userId cannot be null");
        users.put(userId, List.of(verifiedEmails));
        return this;
    }

    @Override
    public Optional<SignedInUser> signedIn(HttpRequest request) {
        return request.header(HEADER)
                .flatMap(id -> Optional.ofNullable(users.get(id)).map(emails -> new SignedInUser(id, emails)));
    }

    @Override
    public URI loginUri(HttpRequest request, URI returnTo) {
        return LOGIN;
    }

    /**
     * Opens the verification link signed in as {@code userId}, confirms, and reads the code the page shows.
     *
     * @param endpoints the service's endpoints (the claim page is one of them)
     * @param verificationUri the {@code verification_uri} the agent was given
     * @param userId a user {@link #addUser added} before
     * @return the code, as the page shows it
     * @throws AssertionError when the page does not offer a confirmation or shows no code (what it showed instead is in
     *     the message)
     */
    public String confirm(AgentAuthEndpoints endpoints, URI verificationUri, String userId) {
        Objects.requireNonNull(endpoints, "endpoints cannot be null");
        Objects.requireNonNull(verificationUri, "verificationUri cannot be null");
        if (!users.containsKey(userId)) {
            throw new IllegalArgumentException("no such test user: " + userId + " (addUser first)");
        }
        HttpResponse page = endpoints.handle(HttpRequest.builder("GET", verificationUri.getRawPath())
                .rawQuery(verificationUri.getRawQuery())
                .header(HEADER, userId)
                .remoteAddress("192.0.2.10")
                .build());
        String html = page.bodyAsString();
        Matcher form = FORM.matcher(html);
        if (page.status() != 200 || !form.find()) {
            throw new AssertionError("the claim page offered no confirmation (" + page.status() + "): " + html);
        }
        StringBuilder body = new StringBuilder("action=confirm");
        Matcher hidden = HIDDEN.matcher(html);
        while (hidden.find()) {
            body.append('&')
                    .append(hidden.group(1))
                    .append('=')
                    .append(URLEncoder.encode(unescape(hidden.group(2)), StandardCharsets.UTF_8));
        }
        URI action = verificationUri.resolve(unescape(form.group(1)));
        HttpResponse confirmed = endpoints.handle(HttpRequest.builder("POST", action.getRawPath())
                .rawQuery(action.getRawQuery())
                .header(HEADER, userId)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(body.toString())
                .remoteAddress("192.0.2.10")
                .build());
        Matcher code = CODE.matcher(confirmed.bodyAsString());
        if (!code.find()) {
            throw new AssertionError(
                    "the claim page showed no code (" + confirmed.status() + "): " + confirmed.bodyAsString());
        }
        return unescape(code.group(1));
    }

    /** Undoes the page's HTML escaping of an attribute or text. */
    private static String unescape(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default ->
                    Character.toString(
                            entity.startsWith("#x")
                                    ? Integer.parseInt(entity.substring(2), 16)
                                    : Integer.parseInt(entity.substring(1)));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
