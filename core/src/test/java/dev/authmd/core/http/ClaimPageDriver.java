package dev.authmd.core.http;

import static dev.authmd.core.http.HttpWorld.IDENTITY;
import static dev.authmd.core.http.HttpWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Drives the current profile's claim ceremony in a {@link HttpWorld} with sign-in: the agent's calls and the page. */
final class ClaimPageDriver {

    static final String CLAIM = "/agent/identity/claim";
    static final String COMPLETE = "/agent/identity/claim/complete";
    static final String PAGE = "/agent/identity/claim/view";

    private static final Pattern HIDDEN = Pattern.compile("name=\"(token|csrf)\" value=\"([^\"]*)\"");
    private static final Pattern CODE = Pattern.compile("<p id=\"code\">([0-9-]+)</p>");

    private final HttpWorld world;

    ClaimPageDriver(HttpWorld world) {
        this.world = world;
    }

    /** A {@code service_auth} registration for the hint; asserts it was accepted. */
    ObjectNode serviceAuth(String hint) {
        HttpResponse response = world.postJson(IDENTITY, "{\"type\":\"service_auth\",\"login_hint\":\"" + hint + "\"}");
        assertThat(response.status()).isEqualTo(200);
        return json(response);
    }

    /** Opens a verification link, signed in as {@code user} (a {@code session=} cookie) or as nobody. */
    HttpResponse page(String link, @Nullable String user) {
        URI uri = URI.create(link);
        HttpRequest.Builder request = HttpRequest.builder("GET", uri.getPath()).rawQuery(uri.getRawQuery());
        if (user != null) {
            request.header("Cookie", "session=" + user);
        }
        return world.handle(request.build());
    }

    /** Posts the page's form with one of its actions. */
    HttpResponse decide(String html, String action, String user) {
        return world.handle(HttpRequest.builder("POST", PAGE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "session=" + user)
                .body("token=" + hidden(html, "token") + "&csrf=" + hidden(html, "csrf") + "&action=" + action)
                .build());
    }

    /** The agent's completion call. */
    HttpResponse complete(String claimToken, String code) {
        return world.postJson(COMPLETE, "{\"claim_token\":\"" + claimToken + "\",\"user_code\":\"" + code + "\"}");
    }

    /** A hidden form field of a page, URL-encoded for posting back. */
    static String hidden(String html, String name) {
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return URLEncoder.encode(
                        m.group(2).replace("&#x2B;", "+").replace("&#x2F;", "/").replace("&#x3D;", "="),
                        StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no hidden " + name + " in " + html);
    }

    /** The code a page reveals; asserts there is one. */
    static String code(HttpResponse page) {
        Matcher m = CODE.matcher(text(page));
        assertThat(m.find()).as("a code on " + text(page)).isTrue();
        return m.group(1);
    }

    static String text(HttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
