package dev.authmd.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes every endpoint of both wire profiles through {@link AgentAuthEndpoints#handle}, as an adapter hands requests
 * in: registration and claim bodies, the token and revocation endpoints' form bodies, logout tokens and security
 * events, and the claim pages' queries and forms. Contract: every request gets an answer (never an exception), never a
 * 5xx, with a content type and a bounded body; a refused request (4xx) wrote nothing to any store and sent no mail.
 *
 * <p>The first byte of an input picks the endpoint and the content type; the rest is the body (or the query).
 */
class EndpointsFuzzTest {

    private static final List<String> V01_PATHS = List.of(
            HttpWorld.REGISTER,
            HttpWorld.CLAIM,
            HttpWorld.CHALLENGE,
            HttpWorld.COMPLETE,
            HttpWorld.REVOKE,
            HttpWorld.VIEW);
    private static final List<String> CURRENT_PATHS = List.of(
            HttpWorld.IDENTITY,
            HttpWorld.TOKEN,
            HttpWorld.TOKEN_REVOKE,
            HttpWorld.EVENTS,
            "/agent/identity/claim",
            "/agent/identity/claim/complete",
            "/agent/identity/claim/view");
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/x-www-form-urlencoded",
            "application/logout+jwt",
            "application/secevent+jwt",
            "text/plain",
            "application/json; charset=utf-8");
    private static final List<String> PAGES =
            List.of(HttpWorld.VIEW, "/agent/identity/claim/view", "/agent/identity/claim/complete", HttpWorld.COMPLETE);
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** A fresh service now and then, so that what garbage did register never piles up across a long run. */
    private static final int INPUTS_PER_WORLD = 2_000;

    private static HttpWorld world = newWorld();
    private static int inputs;

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void v01BodiesAnswerWithoutServerErrors(byte[] input) {
        post(V01_PATHS, input);
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void currentProfileBodiesAnswerWithoutServerErrors(byte[] input) {
        post(CURRENT_PATHS, input);
    }

    /** The rest of the input is the raw query of a GET, or the form of a POST, to a claim page; maybe signed in. */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void claimPagesAnswerAnyQueryOrForm(byte[] input) {
        HttpWorld w = currentWorld();
        int selector = input.length == 0 ? 0 : input[0] & 0xff;
        String path = PAGES.get(selector % PAGES.size());
        byte[] rest = rest(input);
        HttpRequest.Builder request;
        if ((selector & 0x10) == 0) {
            request = HttpRequest.builder("GET", path).rawQuery(new String(rest, StandardCharsets.ISO_8859_1));
        } else {
            request = HttpRequest.builder("POST", path)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .body(rest);
        }
        if ((selector & 0x20) != 0) {
            request.header("Cookie", "session=u-fuzz");
        }
        assertRefusalChangedNothing(
                w, w.handle(request.remoteAddress(HttpWorld.CLIENT_IP).build()));
    }

    /**
     * The rest of the input is a JWT claims set that the trusted provider signs, so the fuzzer reaches the claim checks
     * behind the signature: as an ID-JAG in either profile, a logout token, or a security event.
     */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void signedAssertionsAnswerWithoutServerErrors(byte[] input) throws JOSEException {
        HttpWorld w = currentWorld();
        int selector = input.length == 0 ? 0 : input[0] & 0xff;
        byte[] claims = rest(input);
        HttpResponse response = switch (selector % 4) {
            case 0 ->
                w.postJson(HttpWorld.REGISTER, EndpointGarbageTest.idJagBody(signed(claims, "oauth-id-jag+jwt"), null));
            case 1 ->
                w.postJson(HttpWorld.IDENTITY, EndpointGarbageTest.idJagBody(signed(claims, "oauth-id-jag+jwt"), null));
            case 2 -> w.post(HttpWorld.REVOKE, "application/logout+jwt", bytes(signed(claims, "logout+jwt")));
            default -> w.post(HttpWorld.EVENTS, "application/secevent+jwt", bytes(signed(claims, "secevent+jwt")));
        };
        assertAnswered(response);
    }

    private static void post(List<String> paths, byte[] input) {
        HttpWorld w = currentWorld();
        int selector = input.length == 0 ? 0 : input[0] & 0xff;
        String path = paths.get(selector % paths.size());
        String contentType = CONTENT_TYPES.get((selector / paths.size()) % CONTENT_TYPES.size());
        assertRefusalChangedNothing(w, w.post(path, contentType, rest(input)));
    }

    private static void assertRefusalChangedNothing(HttpWorld w, HttpResponse response) {
        assertAnswered(response);
        if (response.status() >= 400) {
            assertThat(w.stores.writes())
                    .as("store writes of a refused request")
                    .isEmpty();
            assertThat(w.mails).as("mail sent for a refused request").isEmpty();
        }
    }

    private static void assertAnswered(HttpResponse response) {
        assertThat(response.status()).as("status").isBetween(200, 499);
        assertThat(response.body().length).as("answer size").isLessThanOrEqualTo(MAX_ANSWER_BYTES);
        if (response.body().length > 0) {
            assertThat(response.header("Content-Type")).as("Content-Type").isPresent();
        }
    }

    private static HttpWorld currentWorld() {
        if (++inputs % INPUTS_PER_WORLD == 0) {
            world = newWorld();
        }
        world.resetRecords();
        return world;
    }

    private static HttpWorld newWorld() {
        HttpWorld w = HttpWorld.withSignIn(RateLimitPolicy.none());
        w.sessionUsers.put("u-fuzz", List.of("new.user@example.com"));
        w.accounts.add("user-1", "new.user@example.com");
        return w;
    }

    private static String signed(byte[] claims, String type) throws JOSEException {
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(new JOSEObjectType(type))
                        .keyID(PROVIDER_KEY.getKeyID())
                        .build(),
                new Payload(claims));
        jws.sign(SIGNER);
        return jws.serialize();
    }

    private static final ECKey PROVIDER_KEY = providerKey();
    private static final ECDSASigner SIGNER = signer();

    private static ECKey providerKey() {
        try {
            return (ECKey) JWKSet.parse(HttpWorld.PROVIDER_KEYS.privateJwksJson())
                    .getKeyByKeyId(HttpWorld.PROVIDER_KEYS.currentKid());
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECDSASigner signer() {
        try {
            return new ECDSASigner(PROVIDER_KEY);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] rest(byte[] input) {
        return input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
