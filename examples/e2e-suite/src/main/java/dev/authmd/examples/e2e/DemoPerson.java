package dev.authmd.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the person of the demo's claim ceremonies over HTTP, as a browser would: reads the claim email from the mail
 * directory and presses the page's "Show my code" (v0.1), or signs in through the demo's development sign-in and
 * presses Confirm on the current profile's claim page. For tests that need a person, such as the conformance kit's.
 */
public final class DemoPerson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("<p id=\"code\">([0-9A-Z-]+)</p>");

    private final URI baseUrl;
    private final ClaimInbox inbox;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * @param baseUrl the demo's public URL
     * @param inbox the demo's mail directory
     */
    public DemoPerson(URI baseUrl, ClaimInbox inbox) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl cannot be null");
        this.inbox = Objects.requireNonNull(inbox, "inbox cannot be null");
    }

    /**
     * v0.1: opens the newest claim email of a registration and does what the page's button does.
     *
     * @param registrationId the registration being claimed
     * @return the one-time code the page shows
     * @throws IOException when the demo cannot be reached
     * @throws InterruptedException when interrupted
     */
    public String emailedCode(String registrationId) throws IOException, InterruptedException {
        URI link = inbox.latest(registrationId)
                .orElseThrow(() -> new IllegalStateException("no claim email for " + registrationId))
                .link();
        String token = query(link, "token");
        URI challenge = URI.create(link.getScheme() + "://" + link.getRawAuthority()
                + link.getRawPath().replaceFirst("/view$", "/attempt/challenge"));
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(challenge)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"claim_attempt_token\":\"" + token + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(answer.body());
        if (answer.statusCode() != 200 || !body.path("challenge").isTextual()) {
            throw new IllegalStateException("the claim page would show " + answer.statusCode() + " " + answer.body());
        }
        return body.path("challenge").asText();
    }

    /**
     * The current profile: signs in as {@code email} through the development sign-in, opens the claim page, confirms,
     * and reads the code.
     *
     * @param email who signs in
     * @param verificationUri the claim page the agent showed
     * @return the code the page reveals
     * @throws IOException when the demo cannot be reached
     * @throws InterruptedException when interrupted
     */
    public String pageCode(String email, URI verificationUri) throws IOException, InterruptedException {
        String cookie = signIn(email, verificationUri);
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(verificationUri)
                        .header("Cookie", cookie)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("the claim page answered " + page.statusCode() + ": " + page.body());
        }
        URI post = URI.create(
                verificationUri.getScheme() + "://" + verificationUri.getRawAuthority() + verificationUri.getRawPath());
        HttpResponse<String> confirmed = http.send(
                HttpRequest.newBuilder(post)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(hidden(page.body(), "token"))
                                + "&csrf=" + enc(hidden(page.body(), "csrf")) + "&action=confirm"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher code = CODE.matcher(confirmed.body());
        if (!code.find()) {
            throw new IllegalStateException("the claim page showed no code (" + confirmed.statusCode() + ")");
        }
        return code.group(1);
    }

    private String signIn(String email, URI returnTo) throws IOException, InterruptedException {
        HttpResponse<String> sent = http.send(
                HttpRequest.newBuilder(baseUrl.resolve("/dev/sign-in"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "email=" + enc(email) + "&return=" + enc(returnTo.toString())))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (sent.statusCode() != 200) {
            throw new IllegalStateException("the sign-in answered " + sent.statusCode());
        }
        URI link = inbox.latest("dev-sign-in")
                .orElseThrow(() -> new IllegalStateException("no sign-in email"))
                .link();
        HttpResponse<Void> opened =
                http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.discarding());
        String setCookie = opened.headers()
                .firstValue("Set-Cookie")
                .orElseThrow(() -> new IllegalStateException("the sign-in link set no cookie"));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** The value of a hidden form field of the claim page, HTML escapes undone. */
    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("the claim page has no " + name);
        }
        Matcher entity = Pattern.compile("&#x([0-9A-Fa-f]+);").matcher(m.group(1));
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            entity.appendReplacement(
                    out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(entity.group(1), 16))));
        }
        entity.appendTail(out);
        return out.toString().replace("&amp;", "&");
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&", -1)) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException(uri + " has no " + name);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
