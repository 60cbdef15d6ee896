package dev.authmd.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.core.provider.ClientIdMetadataDocument;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.LogoutTokenMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.provider.SecurityEventMinter;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A built-in agent provider for trying the ID-JAG flow and revocation with {@code curl}: a signing key generated at
 * start, its JWKS and Client ID Metadata Document served under {@code /demo/provider}, and development-only endpoints
 * that mint an ID-JAG for a test user, send a logout token (v0.1) and push a security event (current profile). Trusted
 * by the demo service by default. Never deploy this.
 */
final class DemoProvider {

    static final String PATH = "/demo/provider";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final String audience;
    private final ProviderKeys keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
    private final Function<HttpRequest, HttpResponse> service;
    private final String revocationPath;
    private final String eventsPath;
    private final Clock clock;

    DemoProvider(
            URI baseUrl,
            String audience,
            String revocationPath,
            String eventsPath,
            Function<HttpRequest, HttpResponse> handler,
            Clock clock) {
        this.clock = clock;
        this.eventsPath = eventsPath;
        this.issuer = baseUrl + PATH;
        this.audience = audience;
        this.revocationPath = revocationPath;
        this.service = handler;
    }

    String issuer() {
        return issuer;
    }

    /** The trust entry: keys inline, so the service verifies without fetching from itself. */
    TrustedProvider trustEntry() {
        return TrustedProvider.builder(issuer)
                .displayName("authmd demo provider")
                .keyLocation(KeyLocation.inline(keys.jwksJson()))
                .build();
    }

    Optional<HttpResponse> handle(HttpRequest request) {
        String path = request.path();
        if (!path.startsWith(PATH + "/")) {
            return Optional.empty();
        }
        return Optional.of(
                switch (path.substring(PATH.length())) {
                    case "/jwks.json" -> json(200, keys.jwksJson());
                    case "/client.json" ->
                        json(
                                200,
                                ClientIdMetadataDocument.builder(URI.create(issuer + "/client.json"))
                                        .clientName("authmd demo agent")
                                        .jwksUri(URI.create(issuer + "/jwks.json"))
                                        .build()
                                        .toJson());
                    case "/id-jag" -> request.method().equals("POST") ? mint(request) : methodNotAllowed();
                    case "/id-jags" -> request.method().equals("POST") ? mintMany(request) : methodNotAllowed();
                    case "/logout" -> request.method().equals("POST") ? logout(request) : methodNotAllowed();
                    case "/security-event" ->
                        request.method().equals("POST") ? securityEvent(request) : methodNotAllowed();
                    default -> json(404, "{\"error\":\"not_found\",\"message\":\"No demo provider endpoint here.\"}");
                });
    }

    /**
     * {@code POST /demo/provider/id-jag {"email": "...", "name": "...", "auth_age_seconds": n, "sub": "..."}} → a fresh
     * ID-JAG for that user, who signed in {@code auth_age_seconds} ago (default: just now). {@code sub} defaults to one
     * derived from the email; another {@code sub} with an address the service already knows is a second provider
     * identity of that person, which the current profile answers with a step-up.
     */
    private HttpResponse mint(HttpRequest request) {
        JsonNode body = body(request);
        String email = text(body, "email").orElse("alice@example.com").strip().toLowerCase(Locale.ROOT);
        String subject = text(body, "sub")
                .filter(sub -> sub.length() <= 128 && sub.chars().allMatch(c -> c > 0x20 && c < 0x7f))
                .orElse(subjectFor(email));
        IdJagMinter minter = IdJagMinter.builder(keys)
                .clock(clock)
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .email(email)
                .emailVerified(true)
                .agentPlatform("authmd-demo")
                .agentContextId("demo-session")
                .authTime(clock.instant()
                        .minusSeconds(Math.max(0, body.path("auth_age_seconds").asLong(0))));
        text(body, "name").ifPresent(minter::name);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("assertion", minter.mint());
        answer.put("sub", subject);
        answer.put("email", email);
        return json(200, write(answer));
    }

    /** The most ID-JAGs one bulk request mints. */
    static final int MAX_BULK = 20_000;

    /**
     * {@code POST /demo/provider/id-jags {"count": n, "prefix": "bench"}} → {@code text/plain}, one fresh ID-JAG per
     * line, each for its own user ({@code <prefix>-<run>-<i>@example.com}, a subject derived from it), signed in just
     * now: unique tokens for a load test of ID-JAG registration ({@code benchmarks/http-load.sh}). At most
     * {@value #MAX_BULK} a request.
     */
    private HttpResponse mintMany(HttpRequest request) {
        JsonNode body = body(request);
        int count = body.path("count").asInt(0);
        if (count < 1 || count > MAX_BULK) {
            return json(400, "{\"error\":\"invalid_request\",\"message\":\"count must be 1 to " + MAX_BULK + ".\"}");
        }
        String prefix =
                text(body, "prefix").filter(p -> p.matches("[a-z0-9-]{1,32}")).orElse("bench");
        String run = Long.toString(System.nanoTime(), 36);
        StringBuilder out = new StringBuilder(count * 700);
        for (int i = 0; i < count; i++) {
            String email = prefix + "-" + run + "-" + i + "@example.com";
            out.append(IdJagMinter.builder(keys)
                            .clock(clock)
                            .issuer(issuer)
                            .subject(subjectFor(email))
                            .audience(audience)
                            .email(email)
                            .emailVerified(true)
                            .authTime(clock.instant())
                            .mint())
                    .append('\n');
        }
        return HttpResponse.builder(200)
                .body(out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** {@code POST /demo/provider/logout {"email": "..."}} → a logout token delivered to the revocation endpoint. */
    private HttpResponse logout(HttpRequest request) {
        JsonNode body = body(request);
        String email = text(body, "email").orElse("alice@example.com").strip().toLowerCase(Locale.ROOT);
        String token = LogoutTokenMinter.builder(keys)
                .clock(clock)
                .issuer(issuer)
                .subject(subjectFor(email))
                .audience(audience)
                .mint();
        return deliver(email, revocationPath, "application/logout+jwt", token, "revocation");
    }

    /**
     * {@code POST /demo/provider/security-event {"email": "..."}} → an RFC 8417 security event revoking that user's
     * delegation, pushed to the current profile's events endpoint (RFC 8935).
     */
    private HttpResponse securityEvent(HttpRequest request) {
        JsonNode body = body(request);
        String email = text(body, "email").orElse("alice@example.com").strip().toLowerCase(Locale.ROOT);
        String token = SecurityEventMinter.builder(keys)
                .clock(clock)
                .issuer(issuer)
                .subject(subjectFor(email))
                .audience(audience)
                .mint();
        return deliver(email, eventsPath, "application/secevent+jwt", token, "events");
    }

    /** Posts a provider token to the service and answers what came back, under {@code {prefix}_status/_response}. */
    private HttpResponse deliver(String email, String path, String contentType, String token, String prefix) {
        HttpResponse delivered = service.apply(HttpRequest.builder("POST", path)
                .header("Content-Type", contentType)
                .body(token)
                .build());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sub", subjectFor(email));
        answer.put(prefix + "_status", delivered.status());
        answer.put(prefix + "_response", delivered.bodyAsString());
        return json(200, write(answer));
    }

    private static String subjectFor(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
            return "demo-user-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode body(HttpRequest request) {
        if (request.bodyLength() == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(request.body());
            return node != null && node.isObject() ? node : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Optional<String> text(JsonNode body, String name) {
        JsonNode node = body.get(name);
        return node != null && node.isTextual() && !node.asText().isBlank()
                ? Optional.of(node.asText())
                : Optional.empty();
    }

    private static String write(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse methodNotAllowed() {
        return HttpResponse.builder(405)
                .header("Allow", "POST")
                .body("{\"error\":\"method_not_allowed\",\"message\":\"Use POST.\"}", "application/json")
                .build();
    }

    private static HttpResponse json(int status, String body) {
        return HttpResponse.builder(status)
                .body(body + "\n", "application/json")
                .header("Cache-Control", "no-store")
                .build();
    }
}
