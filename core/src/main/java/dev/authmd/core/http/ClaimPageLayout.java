package dev.authmd.core.http;

import dev.authmd.core.internal.text.Html;
import dev.authmd.spi.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML around the claim pages of both profiles, replaceable by the host so the pages look like the rest of its
 * site. The library renders the page's content — every value escaped — and places it in the layout; the host's layout
 * supplies the frame and the styling.
 *
 * <p>A layout is HTML with four placeholders: {@code {{content}}} (required, exactly once: the page's own markup),
 * {@code {{title}}} (the page's title, escaped), {@code {{service}}} (the service's name, escaped) and
 * {@code {{nonce}}} (the per-response CSP nonce, for the layout's own {@code <style nonce="{{nonce}}">}). Anything else
 * in double braces is refused, so a typo fails at start, not on a user's screen. The pages keep their strict
 * Content-Security-Policy whatever the layout says: no script from the layout runs (a layout that contains a
 * {@code <script} tag is refused), and stylesheets load only from the origins given to {@link #withStyleSource}.
 *
 * <pre>{@code
 * ClaimPageLayout layout = ClaimPageLayout.of("""
 *         <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
 *         <title>{{title}} · {{service}}</title>
 *         <link rel="stylesheet" href="https://static.example.com/site.css">
 *         </head><body><header class="site">{{service}}</header><main>{{content}}</main></body></html>
 *         """).withStyleSource(URI.create("https://static.example.com"));
 * AgentAuthEndpoints endpoints = AgentAuthEndpoints.builder(service).claimPageLayout(layout).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ClaimPageLayout {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");
    private static final Set<String> PLACEHOLDERS = Set.of("content", "title", "service", "nonce");
    private static final Pattern SCRIPT = Pattern.compile("<\\s*script", Pattern.CASE_INSENSITIVE);
    private static final int MAX_LAYOUT_CHARS = 256 * 1024;
    private static final SecureRandom NONCES = new SecureRandom();

    private static final String STANDARD_HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex, nofollow">
            <title>{{title}} · {{service}}</title>
            <style nonce="{{nonce}}">
            body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }
            #code, #otp { font: 700 2.5rem/1.2 ui-monospace, monospace; letter-spacing: .3rem; }
            button { font-size: 1rem; padding: .6rem 1.2rem; margin-right: .5rem; }
            .muted { color: #555; }
            .advisory { border-left: .25rem solid #b26a00; padding-left: .75rem; }
            </style>
            </head>
            <body>
            {{content}}
            </body>
            </html>
            """;

    private static final ClaimPageLayout STANDARD = new ClaimPageLayout(STANDARD_HTML, List.of());

    private final String html;
    private final List<String> styleSources;

    private ClaimPageLayout(String html, List<String> styleSources) {
        this.html = html;
        this.styleSources = List.copyOf(styleSources);
    }

    /** {@return the library's own layout: a plain, readable page} */
    public static ClaimPageLayout standard() {
        return STANDARD;
    }

    /**
     * A host's layout.
     *
     * @param html the layout, with {@code {{content}}} exactly once and only the documented placeholders
     * @return the layout
     * @throws NullPointerException if {@code html} is null
     * @throws IllegalArgumentException if {@code {{content}}} is missing or repeated, a placeholder is unknown, the
     *     layout carries a {@code <script} tag, or it is longer than 256 KiB
     */
    public static ClaimPageLayout of(String html) {
        Objects.requireNonNull(html, "html cannot be null");
        if (html.length() > MAX_LAYOUT_CHARS) {
            throw new IllegalArgumentException("a claim page layout is at most 256 KiB");
        }
        if (SCRIPT.matcher(html).find()) {
            throw new IllegalArgumentException(
                    "a claim page layout cannot carry scripts (the pages' CSP refuses them)");
        }
        int content = 0;
        Matcher m = PLACEHOLDER.matcher(html);
        while (m.find()) {
            String name = m.group(1);
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder {{" + name
                        + "}} in the claim page layout; known: " + "{{content}}, {{title}}, {{service}}, {{nonce}}");
            }
            if (name.equals("content")) {
                content++;
            }
        }
        if (content != 1) {
            throw new IllegalArgumentException(
                    "a claim page layout must contain {{content}} exactly once, found " + content);
        }
        return new ClaimPageLayout(html, List.of());
    }

    /**
     * Allows the layout's stylesheets from an origin (added to the pages' {@code style-src}); nothing else is loaded
     * from it.
     *
     * @param origin an {@code https} (or {@code http}) origin, such as {@code https://static.example.com}
     * @return a layout that also allows stylesheets from {@code origin}
     * @throws IllegalArgumentException if {@code origin} is not a bare http(s) origin
     */
    public ClaimPageLayout withStyleSource(URI origin) {
        Objects.requireNonNull(origin, "origin cannot be null");
        String scheme = origin.getScheme() == null ? "" : origin.getScheme().toLowerCase(Locale.ROOT);
        String path = origin.getRawPath() == null ? "" : origin.getRawPath();
        if (!(scheme.equals("https") || scheme.equals("http"))
                || origin.getHost() == null
                || origin.getRawUserInfo() != null
                || !(path.isEmpty() || path.equals("/"))
                || origin.getRawQuery() != null
                || origin.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "a style source is a bare http(s) origin such as https://cdn.example.com");
        }
        String source = scheme + "://" + origin.getHost().toLowerCase(Locale.ROOT)
                + (origin.getPort() == -1 ? "" : ":" + origin.getPort());
        List<String> sources = new ArrayList<>(styleSources);
        if (!sources.contains(source)) {
            sources.add(source);
        }
        return new ClaimPageLayout(html, sources);
    }

    /**
     * A refusal page in this layout, for a {@link IdentityClaimGuard} or {@link ClaimPageGuard} that stops a claim:
     * 403, the pages' strict headers, the texts escaped.
     *
     * @param serviceName the service's name
     * @param title the page's heading
     * @param text what the user should know, as plain text
     * @return the page
     */
    public HttpResponse refusal(String serviceName, String title, String text) {
        Objects.requireNonNull(serviceName, "serviceName cannot be null");
        Objects.requireNonNull(title, "title cannot be null");
        Objects.requireNonNull(text, "text cannot be null");
        String content = "<h1>" + Html.escape(title) + "</h1>\n<p>" + Html.escape(text) + "</p>\n";
        return page(403, title, serviceName, nonce -> content, Policy.NO_SCRIPT);
    }

    /** What a page may run: nothing, or its own nonce'd script posting to its own origin. */
    enum Policy {
        NO_SCRIPT,
        OWN_SCRIPT
    }

    /**
     * A complete page: the layout around the content (already escaped markup), with the pages' headers.
     *
     * @param content the page's markup for this response's CSP nonce (its own script carries it)
     */
    HttpResponse page(int status, String title, String serviceName, Function<String, String> content, Policy policy) {
        byte[] nonceBytes = new byte[16];
        NONCES.nextBytes(nonceBytes);
        String nonce = Base64.getEncoder().encodeToString(nonceBytes);
        String markup = content.apply(nonce);
        StringBuilder out = new StringBuilder(html.length() + markup.length() + 256);
        Matcher m = PLACEHOLDER.matcher(html);
        int last = 0;
        while (m.find()) {
            out.append(html, last, m.start());
            switch (m.group(1)) {
                case "content" -> out.append(markup);
                case "title" -> out.append(Html.escape(title));
                case "service" -> out.append(Html.escape(serviceName));
                default -> out.append(nonce);
            }
            last = m.end();
        }
        out.append(html, last, html.length());
        String styles = "'nonce-" + nonce + "'" + (styleSources.isEmpty() ? "" : " " + String.join(" ", styleSources));
        String csp = policy == Policy.OWN_SCRIPT
                ? "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src " + styles
                        + "; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
                : "default-src 'none'; style-src " + styles
                        + "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return HttpResponse.builder(status)
                .body(out.toString().getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "text/html; charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", csp)
                .build();
    }
}
