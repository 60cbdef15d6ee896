package dev.authmd.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.protocol.challenge.AgentAuthChallenge;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The current profile end to end over real HTTP: discovery, anonymous registration, the RFC 7523 exchange and an API
 * call, the token's expiry without a refresh token, a clean ID-JAG match, {@code login_required}, the
 * {@code interaction_required} body, RFC 7009 revocation and a provider's security event — as an agent meets them,
 * every endpoint found through the metadata. Each adapter example extends it in a test that starts the demo on its
 * stack (the same server contract as {@link AgentAuthE2eSuite}: the demo provider, Bob's existing account, rate limits
 * off, one fresh server per class).
 */
public abstract class CurrentProfileE2eSuite {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final String ID_JAG = "urn:ietf:params:oauth:token-type:id-jag";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private Metadata metadata;

    /** @return the public base URL of the running server */
    protected abstract URI baseUrl();

    /** @return where the server's emails can be read: the development sign-in's links arrive there */
    protected abstract ClaimInbox claimInbox();

    /** @return the clock the server runs on, when the test shares one; default none */
    protected Optional<AdjustableClock> testClock() {
        return Optional.empty();
    }

    // --- the adversarial re-run on this profile's endpoints ---------------------------------------

    @Test
    void everyEndpointWhenSentAMegabyteOnOnePooledClientThenAnsweredAndTheNextRequestToo() throws Exception {
        // security finding 6, re-run on the current profile: identity, claim, token, revocation, events
        byte[] megabyte = new byte[1024 * 1024];
        java.util.Arrays.fill(megabyte, (byte) 'x');
        Metadata m = metadata();
        List<String[]> targets = List.of(
                new String[] {m.identity().toString(), "application/json"},
                new String[] {m.identity() + "/claim", "application/json"},
                new String[] {m.identity() + "/claim/complete", "application/json"},
                new String[] {m.token().toString(), "application/x-www-form-urlencoded"},
                new String[] {m.revocation().toString(), "application/x-www-form-urlencoded"},
                new String[] {m.events().toString(), "application/secevent+jwt"});
        for (String[] target : targets) {
            Reply oversized = send(HttpRequest.newBuilder(URI.create(target[0]))
                    .header("Content-Type", target[1])
                    .POST(HttpRequest.BodyPublishers.ofByteArray(megabyte)));
            assertThat(oversized.status()).as(target[0]).isEqualTo(400);
        }
        assertThat(postJson(m.identity(), "{\"type\":\"anonymous\"}").status()).isEqualTo(200);
    }

    @Test
    void accessTokenWhenSentInTwoAuthorizationHeadersThen400InvalidRequest() throws Exception {
        String assertion = text(
                postJson(metadata().identity(), "{\"type\":\"anonymous\"}")
                        .json()
                        .get("identity"),
                "assertion");
        String token = text(exchange(assertion).json(), "access_token");

        Reply reply = get(api("/api/me"), "Authorization", "Bearer " + token, "Authorization", "Bearer " + token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(get(api("/api/me"), "Authorization", "Bearer " + token).status())
                .isEqualTo(200);
    }

    // --- discovery ----------------------------------------------------------------------------

    @Test
    void discoveryWhenReadThenCurrentMembersBesideTheV01Aliases() throws Exception {
        Metadata m = metadata();
        JsonNode as = m.document();

        assertThat(strings(as, "grant_types_supported")).containsExactly(JWT_BEARER);
        assertThat(strings(as, "token_endpoint_auth_methods_supported")).containsExactly("none");
        assertThat(strings(as, "revocation_endpoint_auth_methods_supported")).containsExactly("none");
        assertThat(as.has("response_types_supported")).isFalse();
        JsonNode agentAuth = as.get("agent_auth");
        assertThat(text(agentAuth, "claim_endpoint")).isEqualTo(m.identity() + "/claim");
        assertThat(text(agentAuth, "register_uri")).isNotEqualTo(text(agentAuth, "skill"));
        for (URI endpoint : List.of(m.identity(), m.token(), m.revocation(), m.events(), m.jwks())) {
            assertThat(endpoint.toString()).startsWith(text(as, "issuer"));
        }
        Reply jwks = get(m.jwks());
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(JSON.readTree(jwks.body()).get("keys").size()).isPositive();
    }

    // --- anonymous → exchange → API → expiry ----------------------------------------------------

    @Test
    void anonymousWhenExchangedThenApiCallWorksWithinPreClaimScopeAndNoRefreshToken() throws Exception {
        Reply registered = postJson(metadata().identity(), "{\"type\":\"anonymous\"}");
        assertSecret(registered, 200);
        JsonNode body = registered.json();
        assertFields(body, "id", "type", "identity", "scopes", "claim");
        assertThat(text(body, "id")).startsWith("reg_");
        assertThat(text(body, "type")).isEqualTo("anonymous");
        assertFields(body.get("identity"), "assertion", "expires_at");
        timestamp(body.get("identity"), "expires_at");
        assertThat(strings(body.get("scopes"), "pre_claim")).containsExactly("api.read");
        assertThat(strings(body.get("scopes"), "post_claim")).containsExactly("api.read", "api.write");
        assertFields(body.get("claim"), "token", "expires_at", "url");
        assertThat(text(body.get("claim"), "token")).startsWith("clm_");
        assertThat(text(body.get("claim"), "url")).isEqualTo(metadata().identity() + "/claim");

        Reply exchanged = exchange(text(body.get("identity"), "assertion"));
        assertSecret(exchanged, 200);
        JsonNode grant = exchanged.json();
        assertFields(grant, "access_token", "token_type", "expires_in", "scope");
        assertThat(text(grant, "access_token")).startsWith("at_");
        assertThat(text(grant, "token_type")).isEqualTo("Bearer");
        assertThat(grant.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(text(grant, "scope")).isEqualTo("api.read");

        String token = text(grant, "access_token");
        assertThat(get(api("/api/me"), "Authorization", "Bearer " + token).status())
                .isEqualTo(200);
        assertThat(postJson(api("/api/notes"), "{\"text\":\"x\"}", "Authorization", "Bearer " + token)
                        .status())
                .isEqualTo(403);

        Optional<AdjustableClock> clock = testClock();
        Assumptions.assumeTrue(clock.isPresent(), "expiry needs the server's clock");
        clock.get().advance(Duration.ofSeconds(3601));
        assertThat(get(api("/api/me"), "Authorization", "Bearer " + token).status())
                .isEqualTo(401);
    }

    // --- ID-JAG ---------------------------------------------------------------------------------

    @Test
    void idJagWhenCleanMatchThenSameIdEachTimeAndExchangeable() throws Exception {
        String email = freshEmail();
        Reply first = postJson(metadata().identity(), idJagBody(mintIdJag(email, 0)));
        Reply second = postJson(metadata().identity(), idJagBody(mintIdJag(email, 0)));

        assertSecret(first, 200);
        JsonNode body = first.json();
        assertFields(body, "id", "type", "identity", "scopes");
        assertThat(text(body, "type")).isEqualTo("identity_assertion");
        assertThat(strings(body, "scopes")).containsExactly("api.read", "api.write");
        assertThat(text(second.json(), "id")).isEqualTo(text(body, "id"));
        JsonNode claims = payload(text(body.get("identity"), "assertion"));
        assertThat(text(claims, "email")).isEqualTo(email);

        String token = text(exchange(text(body.get("identity"), "assertion")).json(), "access_token");
        assertThat(postJson(api("/api/notes"), "{\"text\":\"x\"}", "Authorization", "Bearer " + token)
                        .status())
                .isIn(200, 201);
    }

    @Test
    void idJagWhenSignInTooOldThen401LoginRequiredWithChallenge() throws Exception {
        Reply reply = postJson(metadata().identity(), idJagBody(mintIdJag(freshEmail(), 7200)));

        assertThat(reply.status()).isEqualTo(401);
        JsonNode body = reply.json();
        assertFields(body, "error", "error_description", "message", "max_age");
        assertThat(text(body, "error")).isEqualTo("login_required");
        assertThat(body.get("max_age").asLong()).isEqualTo(3600);
        AgentAuthChallenge challenge = AgentAuthChallenge.parseAll(
                        reply.headers().firstValue("WWW-Authenticate").orElseThrow())
                .get(0);
        assertThat(challenge.error()).isEqualTo("login_required");
        assertThat(challenge.maxAge()).contains(3600L);
    }

    @Test
    void idJagWhenExistingAccountThen401InteractionRequiredWithClaimAttempt() throws Exception {
        Reply reply = postJson(metadata().identity(), idJagBody(mintIdJag("bob@example.com", 0)));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(AgentAuthChallenge.parseAll(
                                reply.headers().firstValue("WWW-Authenticate").orElseThrow())
                        .get(0)
                        .error())
                .isEqualTo("interaction_required");
        JsonNode body = reply.json();
        assertFields(body, "error", "error_description", "message", "id", "type", "scopes", "claim");
        assertThat(text(body, "error")).isEqualTo("interaction_required");
        assertFields(body.get("scopes"), "post_claim");
        assertFields(body.get("claim"), "token", "expires_at", "url", "attempt");
        assertFields(body.get("claim").get("attempt"), "verification_uri", "expires_at");
        assertThat(text(body.get("claim").get("attempt"), "verification_uri"))
                .startsWith(metadata().identity() + "/claim/view?token=att_");
        timestamp(body.get("claim").get("attempt"), "expires_at");
    }

    // --- revocation -----------------------------------------------------------------------------

    @Test
    void revocationWhenAccessTokenRevokedThenEmpty200AndApiRefusesIt() throws Exception {
        JsonNode registered =
                postJson(metadata().identity(), "{\"type\":\"anonymous\"}").json();
        String token =
                text(exchange(text(registered.get("identity"), "assertion")).json(), "access_token");

        Reply revoked = postForm(metadata().revocation(), "token", token, "token_type_hint", "access_token");

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body()).isEmpty();
        assertThat(get(api("/api/me"), "Authorization", "Bearer " + token).status())
                .isEqualTo(401);
        assertThat(postForm(metadata().revocation(), "token", token).status()).isEqualTo(200);
    }

    @Test
    void securityEventWhenProviderRevokesThenTokensOfTheDelegationDie() throws Exception {
        String email = freshEmail();
        JsonNode registered =
                postJson(metadata().identity(), idJagBody(mintIdJag(email, 0))).json();
        String assertion = text(registered.get("identity"), "assertion");
        String token = text(exchange(assertion).json(), "access_token");

        Reply pushed = postJson(api("/demo/provider/security-event"), "{\"email\":\"" + email + "\"}");

        assertThat(pushed.status()).isEqualTo(200);
        assertThat(pushed.json().get("events_status").asInt()).isEqualTo(202);
        assertThat(get(api("/api/me"), "Authorization", "Bearer " + token).status())
                .isEqualTo(401);
        Reply again = exchange(assertion);
        assertThat(again.status()).isEqualTo(400);
        assertThat(text(again.json(), "error")).isEqualTo("invalid_grant");
    }

    @Test
    void eventsWhenGarbagePushedThen400WithErr() throws Exception {
        Reply reply = send(HttpRequest.newBuilder(metadata().events())
                .header("Content-Type", "application/secevent+jwt")
                .POST(HttpRequest.BodyPublishers.ofString("not-a-jwt")));

        assertThat(reply.status()).isEqualTo(400);
        assertFields(reply.json(), "err", "description");
        assertThat(text(reply.json(), "err")).isEqualTo("invalid_request");
    }

    @Test
    void tokenWhenGrantTypeUnsupportedThenRfc6749Error() throws Exception {
        Reply reply = postForm(metadata().token(), "grant_type", "client_credentials");

        assertThat(reply.status()).isEqualTo(400);
        assertFields(reply.json(), "error", "error_description");
        assertThat(text(reply.json(), "error")).isEqualTo("unsupported_grant_type");
        assertThat(reply.headers().firstValue("Cache-Control")).contains("no-store");
    }

    // --- the sign-in claim ceremony --------------------------------------------------------------------

    @Test
    void serviceAuthWhenUserSignsInConfirmsAndAgentCompletesThenClaimedWithRefreshToken() throws Exception {
        String email = freshEmail();
        JsonNode registered = postJson(
                        metadata().identity(), "{\"type\":\"service_auth\",\"login_hint\":\"" + email + "\"}")
                .json();
        assertFields(registered, "id", "type", "scopes", "claim");
        String claimToken = text(registered.get("claim"), "token");
        URI page = URI.create(text(registered.get("claim").get("attempt"), "verification_uri"));

        Reply anonymousVisit = get(page);
        assertThat(anonymousVisit.status()).isEqualTo(303);
        String cookie = signIn(email, page);
        String stranger = signIn(freshEmail(), page);
        Reply wrongAccount = get(page, "Cookie", stranger);
        assertThat(wrongAccount.status()).isEqualTo(403);
        assertThat(wrongAccount.body()).doesNotContain("name=\"csrf\"");
        assertThat(text(
                        postJson(
                                        metadata().identity() + "/claim/complete",
                                        "{\"claim_token\":\"" + claimToken + "\",\"user_code\":\"000-000\"}")
                                .json(),
                        "error"))
                .isEqualTo("claim_not_confirmed");

        String code = confirmOnPage(page, cookie);

        Reply done = complete(claimToken, code);
        assertSecret(done, 200);
        assertFields(done.json(), "id", "status", "identity");
        assertFields(done.json().get("identity"), "assertion", "expires_at", "refresh_token");
        String token =
                text(exchange(text(done.json().get("identity"), "assertion")).json(), "access_token");
        assertThat(postJson(api("/api/notes"), "{\"text\":\"x\"}", "Authorization", "Bearer " + token)
                        .status())
                .isIn(200, 201);
    }

    @Test
    void refreshWhenRotatedTwiceAndTheFirstTokenReturnsThenTheRegistrationIsTornDown() throws Exception {
        JsonNode identity = claimedByServiceAuth(freshEmail()).get("identity");
        String first = text(identity.get("refresh_token"), "value");
        String token = text(exchange(text(identity, "assertion")).json(), "access_token");

        Reply second = refresh(first);
        assertSecret(second, 200);
        String secondValue = text(second.json().get("identity").get("refresh_token"), "value");
        Reply third = refresh(secondValue);
        assertSecret(third, 200);
        String thirdValue = text(third.json().get("identity").get("refresh_token"), "value");

        Reply replayed = refresh(first);

        assertThat(replayed.status()).isEqualTo(400);
        assertThat(text(replayed.json(), "error")).isEqualTo("invalid_refresh_token");
        assertThat(text(refresh(thirdValue).json(), "error"))
                .as("the whole family dies with the registration")
                .isEqualTo("invalid_refresh_token");
        assertThat(get(api("/api/me"), "Authorization", "Bearer " + token).status())
                .isEqualTo(401);
        assertThat(text(
                        exchange(text(third.json().get("identity"), "assertion"))
                                .json(),
                        "error"))
                .isEqualTo("invalid_grant");
    }

    @Test
    void anonymousWhenClaimedThenThePreClaimTokenDiesAndThePostClaimOneWrites() throws Exception {
        String email = freshEmail();
        JsonNode registered =
                postJson(metadata().identity(), "{\"type\":\"anonymous\"}").json();
        String preClaimAssertion = text(registered.get("identity"), "assertion");
        String preClaim = text(exchange(preClaimAssertion).json(), "access_token");
        assertThat(get(api("/api/me"), "Authorization", "Bearer " + preClaim).status())
                .isEqualTo(200);
        String claimToken = text(registered.get("claim"), "token");

        Reply started = postJson(
                URI.create(metadata().identity() + "/claim"),
                "{\"claim_token\":\"" + claimToken + "\",\"login_hint\":\"" + email + "\"}");
        assertSecret(started, 200);
        assertFields(started.json(), "id", "type", "attempt");
        assertThat(text(started.json(), "type")).isEqualTo("anonymous");
        URI page = URI.create(text(started.json().get("attempt"), "verification_uri"));
        Reply done = complete(claimToken, confirmOnPage(page, signIn(email, page)));

        assertSecret(done, 200);
        assertFields(done.json().get("identity"), "assertion", "expires_at", "refresh_token");
        assertThat(get(api("/api/me"), "Authorization", "Bearer " + preClaim).status())
                .as("pre-claim access tokens are revoked")
                .isEqualTo(401);
        assertThat(text(exchange(preClaimAssertion).json(), "error"))
                .as("the pre-claim assertion is superseded")
                .isEqualTo("invalid_grant");
        String postClaim =
                text(exchange(text(done.json().get("identity"), "assertion")).json(), "access_token");
        assertThat(postJson(api("/api/notes"), "{\"text\":\"x\"}", "Authorization", "Bearer " + postClaim)
                        .status())
                .isIn(200, 201);
        assertThat(text(complete(claimToken, "000-000").json(), "error")).isEqualTo("already_claimed");
    }

    @Test
    void stepUpWhenTheAccountConfirmsAndTheAgentCompletesThenNoRefreshTokenAndTheNextIdJagIsACleanMatch()
            throws Exception {
        String email = freshEmail();
        assertThat(postJson(metadata().identity(), idJagBody(mintIdJag(email, 0, "first-" + email)))
                        .status())
                .as("the first provider identity creates the account")
                .isEqualTo(200);
        Reply pending = postJson(metadata().identity(), idJagBody(mintIdJag(email, 0, "second-" + email)));
        assertThat(pending.status()).as(pending.body()).isEqualTo(401);
        String claimToken = text(pending.json().get("claim"), "token");
        URI page = URI.create(text(pending.json().get("claim").get("attempt"), "verification_uri"));

        Reply done = complete(claimToken, confirmOnPage(page, signIn(email, page)));

        assertSecret(done, 200);
        assertFields(done.json().get("identity"), "assertion", "expires_at");
        assertThat(text(exchange(text(done.json().get("identity"), "assertion")).json(), "token_type"))
                .isEqualToIgnoringCase("bearer");
        Reply next = postJson(metadata().identity(), idJagBody(mintIdJag(email, 0, "second-" + email)));
        assertSecret(next, 200);
        assertThat(text(next.json(), "id")).isEqualTo(text(pending.json(), "id"));
        assertThat(next.json().has("identity")).isTrue();
    }

    /** A {@code service_auth} registration claimed through the whole ceremony; returns the completion's body. */
    private JsonNode claimedByServiceAuth(String email) throws Exception {
        JsonNode registered = postJson(
                        metadata().identity(), "{\"type\":\"service_auth\",\"login_hint\":\"" + email + "\"}")
                .json();
        URI page = URI.create(text(registered.get("claim").get("attempt"), "verification_uri"));
        Reply done = complete(text(registered.get("claim"), "token"), confirmOnPage(page, signIn(email, page)));
        assertSecret(done, 200);
        return done.json();
    }

    /** Opens the page signed in, confirms with the form's tokens, and reads the revealed code. */
    private String confirmOnPage(URI page, String cookie) throws Exception {
        Reply form = get(page, "Cookie", cookie);
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("frame-ancestors 'none'");
        Reply confirmed = send(HttpRequest.newBuilder(URI.create(metadata().identity() + "/claim/view"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(hidden(form.body(), "token")) + "&csrf="
                        + enc(hidden(form.body(), "csrf")) + "&action=confirm")));
        java.util.regex.Matcher code =
                Pattern.compile("<p id=\"code\">([0-9-]+)</p>").matcher(confirmed.body());
        assertThat(code.find()).as(confirmed.body()).isTrue();
        return code.group(1);
    }

    private Reply complete(String claimToken, String code) throws Exception {
        return postJson(
                URI.create(metadata().identity() + "/claim/complete"),
                "{\"claim_token\":\"" + claimToken + "\",\"user_code\":\"" + code + "\"}");
    }

    private Reply refresh(String refreshToken) throws Exception {
        return postJson(metadata().identity(), "{\"type\":\"refresh\",\"refresh_token\":\"" + refreshToken + "\"}");
    }

    /** Signs in through the development sign-in as the demo offers it; returns the session cookie. */
    private String signIn(String email, URI returnTo) throws Exception {
        URI signIn = baseUrl().resolve("/dev/sign-in");
        Reply sent = send(HttpRequest.newBuilder(signIn)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "email=" + enc(email) + "&return=" + enc(returnTo.toString()))));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        ClaimInbox.Message mail = claimInbox().latest("dev-sign-in").orElseThrow();
        assertThat(mail.to()).isEqualTo(email);
        Reply opened = get(mail.link());
        assertThat(opened.status()).isEqualTo(303);
        String setCookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String hidden(String html, String name) {
        String value = DemoPerson.hidden(html, name);
        assertThat(value).as("hidden " + name).isNotNull();
        return value;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private record Metadata(JsonNode document, URI identity, URI token, URI revocation, URI events, URI jwks) {}

    private Metadata metadata() throws Exception {
        if (metadata == null) {
            JsonNode prm = get(baseUrl().resolve("/.well-known/oauth-protected-resource"))
                    .json();
            String issuer = strings(prm, "authorization_servers").get(0);
            JsonNode as = get(URI.create(issuer + "/.well-known/oauth-authorization-server"))
                    .json();
            JsonNode agentAuth = as.get("agent_auth");
            metadata = new Metadata(
                    as,
                    URI.create(text(agentAuth, "identity_endpoint")),
                    URI.create(text(as, "token_endpoint")),
                    URI.create(text(as, "revocation_endpoint")),
                    URI.create(text(agentAuth, "events_endpoint")),
                    URI.create(text(as, "jwks_uri")));
        }
        return metadata;
    }

    private Reply exchange(String assertion) throws Exception {
        return postForm(metadata().token(), "grant_type", JWT_BEARER, "assertion", assertion);
    }

    private String mintIdJag(String email, long authAgeSeconds) throws Exception {
        return mintIdJag(email, authAgeSeconds, null);
    }

    /** An ID-JAG from the demo provider; {@code subject} null for the one derived from the email. */
    private String mintIdJag(String email, long authAgeSeconds, String subject) throws Exception {
        Reply minted = postJson(
                api("/demo/provider/id-jag"),
                "{\"email\":\"" + email + "\",\"auth_age_seconds\":" + authAgeSeconds
                        + (subject == null ? "" : ",\"sub\":\"" + subject + "\"") + "}");
        assertThat(minted.status()).as(minted.body()).isEqualTo(200);
        return text(minted.json(), "assertion");
    }

    private static String idJagBody(String assertion) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "identity_assertion");
        node.put("assertion_type", ID_JAG);
        node.put("assertion", assertion);
        return node.toString();
    }

    private URI api(String path) {
        return URI.create(baseUrl() + path);
    }

    private static String freshEmail() {
        return "e2e-cur-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    private static JsonNode payload(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static void assertSecret(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(reply.headers().firstValue("Pragma")).contains("no-cache");
    }

    private static void assertFields(JsonNode node, String... names) {
        assertThat(node.isObject()).as("an object: " + node).isTrue();
        List<String> actual = new ArrayList<>();
        node.fieldNames().forEachRemaining(actual::add);
        assertThat(actual).as("members of " + node).containsExactlyInAnyOrder(names);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        assertThat(value).as(name + " in " + node).isNotNull();
        assertThat(value.isTextual()).as(name + " is a string in " + node).isTrue();
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String name) {
        JsonNode value = node.get(name);
        assertThat(value).as(name + " in " + node).isNotNull();
        List<String> out = new ArrayList<>();
        value.forEach(element -> out.add(element.asText()));
        return out;
    }

    private static Instant timestamp(JsonNode node, String name) {
        String value = text(node, name);
        assertThat(value).matches(TIMESTAMP);
        return Instant.parse(value);
    }

    private record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private Reply get(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private Reply postJson(String uri, String body) throws IOException, InterruptedException {
        return postJson(URI.create(uri), body);
    }

    private Reply postJson(URI uri, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private Reply postForm(URI uri, String... namesAndValues) throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.headers(), response.body());
    }
}
