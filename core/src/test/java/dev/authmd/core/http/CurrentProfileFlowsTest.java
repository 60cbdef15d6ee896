package dev.authmd.core.http;

import static dev.authmd.core.http.HttpWorld.EVENTS;
import static dev.authmd.core.http.HttpWorld.IDENTITY;
import static dev.authmd.core.http.HttpWorld.JWKS;
import static dev.authmd.core.http.HttpWorld.NOW;
import static dev.authmd.core.http.HttpWorld.RESOURCE;
import static dev.authmd.core.http.HttpWorld.TOKEN;
import static dev.authmd.core.http.HttpWorld.TOKEN_REVOKE;
import static dev.authmd.core.http.HttpWorld.fieldNames;
import static dev.authmd.core.http.HttpWorld.json;
import static dev.authmd.core.http.HttpWorld.timestamp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AgentPrincipal;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.protocol.challenge.AgentAuthChallenge;
import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.store.AssertionState;
import dev.authmd.spi.store.RefreshToken;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.WireProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Full flows of the current profile over {@link AgentAuthEndpoints}, asserting every response member. */
class CurrentProfileFlowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String ID_JAG = "urn:ietf:params:oauth:token-type:id-jag";

    private final HttpWorld world = HttpWorld.standard();
    private final RequestContext ctx = RequestContext.defaultTenant(HttpWorld.CLIENT_IP);

    // --- anonymous -------------------------------------------------------------------------------

    @Test
    void identityWhenAnonymousThenEnvelopeWithPreClaimAssertionScopesAndClaim() {
        HttpResponse response = world.postJson(IDENTITY, "{\"type\":\"anonymous\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.header("Pragma")).contains("no-cache");
        ObjectNode body = json(response);
        assertThat(fieldNames(body)).containsExactly("id", "type", "identity", "scopes", "claim");
        assertThat(body.get("id").asText()).startsWith("reg_");
        assertThat(body.get("type").asText()).isEqualTo("anonymous");
        assertThat(fieldNames(body.get("identity"))).containsExactly("assertion", "expires_at");
        assertThat(body.at("/identity/expires_at").asText()).isEqualTo(timestamp(NOW.plusSeconds(3600)));
        assertThat(fieldNames(body.get("scopes"))).containsExactly("pre_claim", "post_claim");
        assertThat(strings(body.at("/scopes/pre_claim"))).containsExactly("api.read");
        assertThat(strings(body.at("/scopes/post_claim"))).containsExactly("api.read", "api.write");
        assertThat(fieldNames(body.get("claim"))).containsExactly("token", "expires_at", "url");
        assertThat(body.at("/claim/token").asText()).startsWith("clm_");
        assertThat(body.at("/claim/expires_at").asText()).isEqualTo(timestamp(NOW.plus(Duration.ofHours(24))));
        assertThat(body.at("/claim/url").asText()).isEqualTo(RESOURCE + "/agent/identity/claim");

        ObjectNode claims = payload(body.at("/identity/assertion").asText());
        assertThat(fieldNames(claims)).containsExactlyInAnyOrder("iss", "sub", "aud", "jti", "iat", "exp");
        assertThat(claims.get("iss").asText()).isEqualTo(RESOURCE);
        assertThat(claims.get("aud").asText()).isEqualTo(RESOURCE);
        assertThat(claims.get("sub").asText()).isEqualTo(body.get("id").asText());
        ObjectNode header = header(body.at("/identity/assertion").asText());
        assertThat(header.get("typ").asText()).isEqualTo("oauth-id-jag+jwt");
        assertThat(header.get("alg").asText()).isEqualTo("ES256");

        assertThat(world.stores.registrations.findById("default", body.get("id").asText()))
                .hasValueSatisfying(r -> {
                    assertThat(r.profile()).isEqualTo(WireProfile.CURRENT);
                    assertThat(r.status()).isEqualTo(RegistrationStatus.UNCLAIMED);
                });
        assertThat(types()).contains(AuditEventType.REGISTRATION_CREATED, AuditEventType.ASSERTION_ISSUED);
    }

    @Test
    void tokenWhenAnonymousAssertionExchangedThenBearerTokenWithPreClaimScopeThatAuthenticates() {
        ObjectNode registration = anonymous();
        String assertion = registration.at("/identity/assertion").asText();

        HttpResponse response = world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.header("Pragma")).contains("no-cache");
        ObjectNode body = json(response);
        assertThat(fieldNames(body)).containsExactly("access_token", "token_type", "expires_in", "scope");
        assertThat(body.get("access_token").asText()).startsWith("at_");
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.get("scope").asText()).isEqualTo("api.read");
        assertThat(body.has("refresh_token")).isFalse();

        String token = body.get("access_token").asText();
        AgentPrincipal principal = world.service
                .authenticate(ctx, "Bearer " + token, Set.of("api.read"))
                .principal()
                .orElseThrow();
        assertThat(principal.registrationId()).isEqualTo(registration.get("id").asText());
        assertThat(principal.scopes()).containsExactly("api.read");
        assertThat(world.service
                        .authenticate(ctx, "Bearer " + token, Set.of("api.write"))
                        .principal())
                .isEmpty();
        // the assertion may be exchanged again until it expires
        assertThat(world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void tokenWhenOneRegistrationExchangesPastItsBudgetThen429AndOtherRegistrationsUnaffected() {
        String assertion = anonymous().at("/identity/assertion").asText();
        for (int i = 0; i < 120; i++) {
            assertThat(world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion)
                            .status())
                    .isEqualTo(200);
        }
        int tokensBefore = world.stores.writes().getOrDefault("accessTokens.insert", 0);

        HttpResponse refused = world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion);

        assertThat(refused.status()).isEqualTo(429);
        ObjectNode body = json(refused);
        assertThat(fieldNames(body)).containsExactly("error", "error_description", "retry_after");
        assertThat(body.get("error").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.header("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(world.stores.writes().getOrDefault("accessTokens.insert", 0)).isEqualTo(tokensBefore);
        assertThat(exchange(anonymous().at("/identity/assertion").asText())).startsWith("at_");
    }

    @Test
    void tokenWhenScopeNarrowsAndResourceExactThenGranted() {
        ObjectNode registration = anonymous();

        HttpResponse response = world.postForm(
                TOKEN,
                "grant_type",
                JWT_BEARER,
                "assertion",
                registration.at("/identity/assertion").asText(),
                "resource",
                RESOURCE,
                "scope",
                "api.read");

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).get("scope").asText()).isEqualTo("api.read");
    }

    @Test
    void tokenWhenAssertionPastExpiryAndSkewThenInvalidGrant() {
        String assertion = anonymous().at("/identity/assertion").asText();
        world.clock.advance(Duration.ofSeconds(3600 + 61));

        HttpResponse late = world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion);

        assertThat(late.status()).isEqualTo(400);
        assertThat(json(late).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(world.stores.writes()).doesNotContainKey("accessTokens.insert");
    }

    @Test
    void tokenWhenAnonymousWindowEndsWithinTheHourThenTokenStopsAtTheWindow() {
        String id = anonymous().get("id").asText();
        String refresh = seedRefresh(id);
        world.clock.advance(Duration.ofHours(23).plusMinutes(30));
        String assertion = json(refresh(refresh)).at("/identity/assertion").asText();

        ObjectNode grant = json(world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion));

        assertThat(grant.get("expires_in").asLong()).isEqualTo(1800);
    }

    @Test
    void authenticateWhenTokenBoundToAnotherResourceThenInvalidToken() {
        String id = anonymous().get("id").asText();
        Instant now = world.clock.instant();
        world.stores.accessTokens.insert(new dev.authmd.spi.store.AccessToken(
                "default",
                SecretHasher.hash("at_elsewhere"),
                id,
                null,
                List.of("api.read"),
                "https://other.example.com",
                "jti-x",
                now,
                now.plusSeconds(3600),
                null));
        world.stores.accessTokens.insert(new dev.authmd.spi.store.AccessToken(
                "default",
                SecretHasher.hash("at_here"),
                id,
                null,
                List.of("api.read"),
                RESOURCE,
                "jti-x",
                now,
                now.plusSeconds(3600),
                null));

        AuthenticationResult elsewhere = world.service.authenticate(ctx, "Bearer at_elsewhere", Set.of());

        assertThat(elsewhere).isInstanceOf(AuthenticationResult.Denied.class);
        assertThat(((AuthenticationResult.Denied) elsewhere).status()).isEqualTo(401);
        assertThat(world.service.authenticate(ctx, "Bearer at_here", Set.of()).principal())
                .isPresent();
    }

    // --- RFC 7009 --------------------------------------------------------------------------------

    @Test
    void revokeWhenAccessTokenThenEmpty200AndTokenNoLongerAuthenticates() {
        String token = exchange(anonymous().at("/identity/assertion").asText());

        HttpResponse response = world.postForm(TOKEN_REVOKE, "token", token, "token_type_hint", "access_token");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(world.service.authenticate(ctx, "Bearer " + token, Set.of()))
                .isInstanceOf(AuthenticationResult.Denied.class);
        assertThat(types()).contains(AuditEventType.TOKEN_REVOKED);
    }

    @Test
    void revokeWhenAssertionThenItsTokensDieAndItCannotBeExchangedButRegistrationSurvives() {
        ObjectNode registration = anonymous();
        String assertion = registration.at("/identity/assertion").asText();
        String token = exchange(assertion);

        assertThat(world.postForm(TOKEN_REVOKE, "token", assertion).status()).isEqualTo(200);

        assertThat(world.service.authenticate(ctx, "Bearer " + token, Set.of()))
                .isInstanceOf(AuthenticationResult.Denied.class);
        HttpResponse again = world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion);
        assertThat(json(again).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(world.stores.registrations.findById(
                        "default", registration.get("id").asText()))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(RegistrationStatus.UNCLAIMED));
    }

    @Test
    void revokeWhenTokenUnknownOrRevokedTwiceThenStillEmpty200() {
        String token = exchange(anonymous().at("/identity/assertion").asText());
        assertThat(world.postForm(TOKEN_REVOKE, "token", token).status()).isEqualTo(200);

        assertThat(world.postForm(TOKEN_REVOKE, "token", token).status()).isEqualTo(200);
        assertThat(world.postForm(TOKEN_REVOKE, "token", "at_unknown").status()).isEqualTo(200);
        assertThat(world.postForm(TOKEN_REVOKE, "token", "x.y.z", "token_type_hint", "something_else")
                        .status())
                .isEqualTo(200);
    }

    // --- identity_assertion ---------------------------------------------------------------------

    @Test
    void identityWhenCleanIdJagThenSameIdEachTimeFreshAssertionFlatScopesAndExchangeable() {
        ObjectNode first = idJag(world.idJag().authTime(NOW.minusSeconds(60)).mint());
        ObjectNode second = idJag(world.idJag().authTime(NOW.minusSeconds(60)).mint());

        assertThat(fieldNames(first)).containsExactly("id", "type", "identity", "scopes");
        assertThat(first.get("type").asText()).isEqualTo("identity_assertion");
        assertThat(strings(first.get("scopes"))).containsExactly("api.read", "api.write");
        assertThat(second.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(second.at("/identity/assertion").asText())
                .isNotEqualTo(first.at("/identity/assertion").asText());
        ObjectNode claims = payload(first.at("/identity/assertion").asText());
        assertThat(claims.get("email").asText()).isEqualTo("new.user@example.com");
        assertThat(claims.get("email_verified").asBoolean()).isTrue();
        assertThat(claims.has("scope")).isFalse();

        String token = exchange(first.at("/identity/assertion").asText());
        assertThat(world.service
                        .authenticate(ctx, "Bearer " + token, Set.of("api.write"))
                        .principal())
                .isPresent();
    }

    @Test
    void identityWhenIdJagWithoutAuthTimeThen401LoginRequiredWithChallengeAndNothingRegistered() {
        HttpResponse response = world.postJson(IDENTITY, idJagBody(world.idJag().mint()));

        assertThat(response.status()).isEqualTo(401);
        ObjectNode body = json(response);
        assertThat(fieldNames(body)).containsExactly("error", "error_description", "message", "max_age");
        assertThat(body.get("error").asText()).isEqualTo("login_required");
        assertThat(body.get("max_age").asLong()).isEqualTo(3600);
        assertThat(body.get("message").asText())
                .isEqualTo(body.get("error_description").asText());
        AgentAuthChallenge challenge = AgentAuthChallenge.parseAll(
                        response.header("WWW-Authenticate").orElseThrow())
                .get(0);
        assertThat(challenge.error()).isEqualTo("login_required");
        assertThat(challenge.maxAge()).contains(3600L);
        assertThat(world.stores.writes()).doesNotContainKeys("registrations.insert", "assertions.insert");
    }

    @Test
    void identityWhenAuthTimeTooOldThen401LoginRequiredNamingTheAge() {
        HttpResponse response = world.postJson(
                IDENTITY,
                idJagBody(world.idJag().authTime(NOW.minusSeconds(5400)).mint()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(json(response).get("error_description").asText()).isEqualTo("auth_time is 5400 s old; limit 3600 s");
    }

    @Test
    void identityWhenIdJagMatchesExistingAccountThen401InteractionRequiredWithClaimAndAttempt() {
        world.accounts.add("u-existing", "new.user@example.com");

        HttpResponse response = world.postJson(
                IDENTITY, idJagBody(world.idJag().authTime(NOW.minusSeconds(60)).mint()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(AgentAuthChallenge.parseAll(
                                response.header("WWW-Authenticate").orElseThrow())
                        .get(0)
                        .error())
                .isEqualTo("interaction_required");
        ObjectNode body = json(response);
        assertThat(fieldNames(body))
                .containsExactly("error", "error_description", "message", "id", "type", "scopes", "claim");
        assertThat(body.get("error").asText()).isEqualTo("interaction_required");
        assertThat(body.get("error_description").asText()).isEqualTo("Confirm at verification_uri");
        assertThat(fieldNames(body.get("scopes"))).containsExactly("post_claim");
        assertThat(fieldNames(body.get("claim"))).containsExactly("token", "expires_at", "url", "attempt");
        assertThat(fieldNames(body.at("/claim/attempt"))).containsExactly("verification_uri", "expires_at");
        assertThat(body.at("/claim/attempt/verification_uri").asText())
                .startsWith(RESOURCE + "/agent/identity/claim/view?token=att_");
        assertThat(body.at("/claim/attempt/expires_at").asText()).isEqualTo(timestamp(NOW.plusSeconds(600)));
        assertThat(world.stores.registrations.findById("default", body.get("id").asText()))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(RegistrationStatus.PENDING_CLAIM));
        assertThat(world.service.listRegistrations("default", "u-existing")).hasSize(1);

        // a new presentation while pending re-issues token and attempt on the same registration
        ObjectNode again = json(world.postJson(
                IDENTITY, idJagBody(world.idJag().authTime(NOW.minusSeconds(30)).mint())));
        assertThat(again.get("id").asText()).isEqualTo(body.get("id").asText());
        assertThat(again.at("/claim/token").asText())
                .isNotEqualTo(body.at("/claim/token").asText());
    }

    // --- security events -------------------------------------------------------------------------

    @Test
    void eventWhenDelegationRevokedThen202AndEveryRegistrationAndTokenOfItDies() {
        ObjectNode registration =
                idJag(world.idJag().authTime(NOW.minusSeconds(60)).mint());
        String assertion = registration.at("/identity/assertion").asText();
        String token = exchange(assertion);
        String set = world.securityEvent().mint();

        HttpResponse response = world.post(EVENTS, "application/secevent+jwt", set.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(world.service.authenticate(ctx, "Bearer " + token, Set.of()))
                .isInstanceOf(AuthenticationResult.Denied.class);
        assertThat(json(world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion))
                        .get("error")
                        .asText())
                .isEqualTo("invalid_grant");
        assertThat(world.stores.registrations.findById(
                        "default", registration.get("id").asText()))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(RegistrationStatus.REVOKED));
        assertThat(types()).contains(AuditEventType.SECURITY_EVENT_RECEIVED, AuditEventType.SECURITY_EVENT_APPLIED);

        // a later ID-JAG finds the account but no delegation: the user confirms again, on a new registration
        HttpResponse later = world.postJson(
                IDENTITY, idJagBody(world.idJag().authTime(NOW.minusSeconds(10)).mint()));
        assertThat(later.status()).isEqualTo(401);
        assertThat(json(later).get("error").asText()).isEqualTo("interaction_required");
        assertThat(json(later).get("id").asText())
                .isNotEqualTo(registration.get("id").asText());
    }

    @Test
    void eventWhenReplayedThen202AndNothingReapplied() {
        String set = world.securityEvent().mint();
        assertThat(world.post(EVENTS, "application/secevent+jwt", set.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(202);
        ObjectNode registration =
                idJag(world.idJag().authTime(NOW.minusSeconds(60)).mint());

        HttpResponse replay = world.post(EVENTS, "application/secevent+jwt", set.getBytes(StandardCharsets.UTF_8));

        assertThat(replay.status()).isEqualTo(202);
        assertThat(world.stores.registrations.findById(
                        "default", registration.get("id").asText()))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(RegistrationStatus.ACTIVE));
    }

    @Test
    void eventWhenSignedByUnknownKeyThen400ErrInvalidKey() {
        String set = dev.authmd.core.provider.SecurityEventMinter.builder(
                        dev.authmd.core.provider.ProviderKeys.generate(
                                dev.authmd.core.provider.ProviderKeys.KeyType.EC_P256))
                .issuer(HttpWorld.PROVIDER)
                .subject("user-1")
                .audience(RESOURCE)
                .issuedAt(NOW)
                .jti("j-1")
                .mint();

        HttpResponse response = world.post(EVENTS, "application/secevent+jwt", set.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(400);
        ObjectNode body = json(response);
        assertThat(fieldNames(body)).containsExactly("err", "description");
        assertThat(body.get("err").asText()).isIn("invalid_key", "authentication_failed");
    }

    // --- refresh ---------------------------------------------------------------------------------

    @Test
    void identityWhenRefreshThenRotatedTokenAndFreshAssertion() {
        String id = anonymous().get("id").asText();
        String refresh = seedRefresh(id);

        HttpResponse response = refresh(refresh);

        assertThat(response.status()).isEqualTo(200);
        ObjectNode body = json(response);
        assertThat(fieldNames(body)).containsExactly("id", "type", "identity");
        assertThat(body.get("id").asText()).isEqualTo(id);
        assertThat(body.get("type").asText()).isEqualTo("refresh");
        assertThat(fieldNames(body.get("identity"))).containsExactly("assertion", "expires_at", "refresh_token");
        String successor = body.at("/identity/refresh_token/value").asText();
        assertThat(successor).startsWith("art_").isNotEqualTo(refresh);
        assertThat(body.at("/identity/refresh_token/expires_at").asText())
                .isEqualTo(timestamp(NOW.plus(Duration.ofDays(30))));
        assertThat(refresh(successor).status()).isEqualTo(200);
    }

    @Test
    void identityWhenSpentRefreshWithinGraceThenInvalidRefreshTokenAndNothingTornDown() {
        String id = anonymous().get("id").asText();
        String refresh = seedRefresh(id);
        String successor =
                json(refresh(refresh)).at("/identity/refresh_token/value").asText();
        world.clock.advance(Duration.ofSeconds(5));

        HttpResponse again = refresh(refresh);

        assertThat(again.status()).isEqualTo(400);
        assertThat(json(again).get("error").asText()).isEqualTo("invalid_refresh_token");
        assertThat(refresh(successor).status()).isEqualTo(200);
        assertThat(world.stores.registrations.findById("default", id))
                .hasValueSatisfying(r -> assertThat(r.status()).isNotEqualTo(RegistrationStatus.REVOKED));
    }

    @Test
    void identityWhenSpentRefreshReturnsAfterGraceThenFamilyAssertionsTokensAndRegistrationRevoked() {
        ObjectNode registration = anonymous();
        String id = registration.get("id").asText();
        String token = exchange(registration.at("/identity/assertion").asText());
        String refresh = seedRefresh(id);
        String successor =
                json(refresh(refresh)).at("/identity/refresh_token/value").asText();
        world.clock.advance(Duration.ofSeconds(11));

        HttpResponse reuse = refresh(refresh);

        assertThat(json(reuse).get("error").asText()).isEqualTo("invalid_refresh_token");
        assertThat(json(refresh(successor)).get("error").asText()).isEqualTo("invalid_refresh_token");
        assertThat(world.service.authenticate(ctx, "Bearer " + token, Set.of()))
                .isInstanceOf(AuthenticationResult.Denied.class);
        assertThat(world.stores.registrations.findById("default", id))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(RegistrationStatus.REVOKED));
        assertThat(types()).contains(AuditEventType.REFRESH_REUSE_DETECTED);
        assertThat(world.stores
                        .assertions
                        .find(
                                "default",
                                payload(registration.at("/identity/assertion").asText())
                                        .get("jti")
                                        .asText())
                        .orElseThrow()
                        .state())
                .isEqualTo(AssertionState.REVOKED);
    }

    // --- operator calls ---------------------------------------------------------------------------

    @Test
    void revokeUserWhenCurrentProfileRegistrationThenListedThenItsAssertionsAndTokensDie() {
        ObjectNode registration =
                idJag(world.idJag().authTime(NOW.minusSeconds(60)).mint());
        String assertion = registration.at("/identity/assertion").asText();
        String token = exchange(assertion);
        String userId = world.stores
                .registrations
                .findById("default", registration.get("id").asText())
                .orElseThrow()
                .userId()
                .orElseThrow();
        assertThat(world.service.listRegistrations("default", userId))
                .extracting(r -> r.id())
                .containsExactly(registration.get("id").asText());

        assertThat(world.service.revokeUser("default", userId)).isEqualTo(1);

        assertThat(world.service.authenticate(ctx, "Bearer " + token, Set.of()))
                .isInstanceOf(AuthenticationResult.Denied.class);
        assertThat(json(world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion))
                        .get("error")
                        .asText())
                .isEqualTo("invalid_grant");
        assertThat(world.stores
                        .assertions
                        .find("default", payload(assertion).get("jti").asText())
                        .orElseThrow()
                        .state())
                .isEqualTo(AssertionState.REVOKED);
    }

    @Test
    void revokeRegistrationWhenAnonymousWithRefreshFamilyThenFamilyAndTokensRevoked() {
        ObjectNode registration = anonymous();
        String id = registration.get("id").asText();
        String token = exchange(registration.at("/identity/assertion").asText());
        String refresh = seedRefresh(id);

        assertThat(world.service.revokeRegistration("default", id)).isTrue();

        assertThat(world.service.authenticate(ctx, "Bearer " + token, Set.of()))
                .isInstanceOf(AuthenticationResult.Denied.class);
        assertThat(json(refresh(refresh)).get("error").asText()).isEqualTo("invalid_refresh_token");
        assertThat(world.stores.refreshTokens.findByHash("default", SecretHasher.hash(refresh)))
                .hasValueSatisfying(
                        t -> assertThat(t.state()).isEqualTo(dev.authmd.spi.store.RefreshTokenState.REVOKED));
    }

    @Test
    void revokeTenantWhenBothProfilesHaveRegistrationsThenEveryTokenOfEitherDies() {
        String current = exchange(anonymous().at("/identity/assertion").asText());
        ObjectNode v01 = json(world.postJson(HttpWorld.REGISTER, "{\"type\":\"anonymous\"}"));
        String apiKey = v01.get("credential").asText();

        assertThat(world.service.revokeTenant("default")).isEqualTo(2);

        assertThat(world.service.authenticate(ctx, "Bearer " + current, Set.of()))
                .isInstanceOf(AuthenticationResult.Denied.class);
        assertThat(world.service.authenticate(ctx, "Bearer " + apiKey, Set.of()))
                .isInstanceOf(AuthenticationResult.Denied.class);
    }

    @Test
    void sweepExpiredTokensWhenPastExpiryThenRecordsRemoved() {
        String assertion = anonymous().at("/identity/assertion").asText();
        exchange(assertion);
        world.clock.advance(Duration.ofHours(2));

        assertThat(world.service.sweepExpiredTokens()).isEqualTo(2);
        assertThat(world.stores.assertions.find(
                        "default", payload(assertion).get("jti").asText()))
                .isEmpty();
    }

    @Test
    void housekeepingWhenRevokedByEventAndRetentionPassedThenRegistrationAndItsRecordsAreGone() {
        ObjectNode registration =
                idJag(world.idJag().authTime(NOW.minusSeconds(60)).mint());
        String id = registration.get("id").asText();
        String assertion = registration.at("/identity/assertion").asText();
        exchange(assertion);
        assertThat(world.post(
                                EVENTS,
                                "application/secevent+jwt",
                                world.securityEvent().mint().getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(202);
        world.clock.advance(Duration.ofDays(30).minusSeconds(1));
        world.service.runHousekeeping(100);
        assertThat(world.stores.registrations.findById("default", id))
                .as("kept for the retention")
                .isPresent();
        world.clock.advance(Duration.ofSeconds(1));

        assertThat(world.service.runHousekeeping(100).purged()).isEqualTo(1);

        assertThat(world.stores.registrations.findById("default", id)).isEmpty();
        assertThat(world.stores.assertions.find(
                        "default", payload(assertion).get("jti").asText()))
                .as("swept at its own expiry, long before")
                .isEmpty();
        assertThat(json(world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion))
                        .get("error")
                        .asText())
                .isEqualTo("invalid_grant");
    }

    // --- discovery, keys, profiles ----------------------------------------------------------------

    @Test
    void jwksWhenFetchedThenPublishesTheKeyThatSignsAssertions() throws Exception {
        String assertion = anonymous().at("/identity/assertion").asText();

        HttpResponse response = world.get(JWKS);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains("application/jwk-set+json");
        JsonNode keys = JSON.readTree(response.body()).get("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("kid").asText())
                .isEqualTo(header(assertion).get("kid").asText());
        assertThat(keys.get(0).has("d")).as("no private part").isFalse();
    }

    @Test
    void endpointsWhenOnlyV01ServedThenCurrentPathsAre404() {
        HttpWorld v01 = HttpWorld.with(c -> c.profiles(WireProfile.V0_1));

        assertThat(v01.postJson(IDENTITY, "{\"type\":\"anonymous\"}").status()).isEqualTo(404);
        assertThat(v01.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", "x")
                        .status())
                .isEqualTo(404);
        assertThat(v01.get(JWKS).status()).isEqualTo(404);
    }

    @Test
    void endpointsWhenOnlyCurrentServedThenV01PathsAre404() {
        HttpWorld current = HttpWorld.with(c -> c.profiles(WireProfile.CURRENT));

        assertThat(current.postJson(HttpWorld.REGISTER, "{\"type\":\"anonymous\"}")
                        .status())
                .isEqualTo(404);
        assertThat(current.postJson(IDENTITY, "{\"type\":\"anonymous\"}").status())
                .isEqualTo(200);
    }

    @Test
    void buildWhenCurrentPathCollidesWithV01PathThenIllegalArgumentNamingBoth() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpWorld.with(c -> c.identityPath("/agent/auth")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identity endpoint's path /agent/auth is already the register endpoint's");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpWorld.with(c -> c.tokenPath("/oauth2/revoke")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token revoke endpoint's path /oauth2/revoke is already the token endpoint's");
    }

    @Test
    void metadataWhenOnlyCurrentAndNoProviderTrustedThenNoIdJagOffered() throws Exception {
        AgentAuthService lonely = AgentAuthService.builder()
                .config(
                        HttpWorld.baseConfig().profiles(WireProfile.CURRENT).build(),
                        dev.authmd.core.trust.TrustList.builder().build())
                .build();
        AgentAuthEndpoints endpoints = AgentAuthEndpoints.builder(lonely).build();

        JsonNode agentAuth = JSON.readTree(endpoints
                        .handle(dev.authmd.spi.http.HttpRequest.builder(
                                        "GET", "/.well-known/oauth-authorization-server")
                                .build())
                        .body())
                .get("agent_auth");

        assertThat(strings(agentAuth.get("identity_types_supported"))).containsExactly("anonymous");
        assertThat(agentAuth.has("identity_assertion")).isFalse();
        JsonNode withProvider = JSON.readTree(
                        world.get("/.well-known/oauth-authorization-server").body())
                .get("agent_auth");
        assertThat(strings(withProvider.at("/identity_assertion/assertion_types_supported")))
                .contains("urn:ietf:params:oauth:token-type:id-jag");
    }

    @Test
    void identityWhenMethodWrongThen405WithAllowAndCurrentEnvelope() {
        HttpResponse response = world.get(IDENTITY);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).contains("POST");
        assertThat(fieldNames(json(response))).containsExactly("error", "error_description", "message");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private ObjectNode anonymous() {
        HttpResponse response = world.postJson(IDENTITY, "{\"type\":\"anonymous\"}");
        assertThat(response.status()).as("anonymous registration").isEqualTo(200);
        return json(response);
    }

    private ObjectNode idJag(String assertion) {
        HttpResponse response = world.postJson(IDENTITY, idJagBody(assertion));
        assertThat(response.status())
                .as("ID-JAG registration: " + new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return json(response);
    }

    static String idJagBody(String assertion) {
        return "{\"type\":\"identity_assertion\",\"assertion_type\":\"" + ID_JAG + "\",\"assertion\":\"" + assertion
                + "\"}";
    }

    private String exchange(String assertion) {
        HttpResponse response = world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion);
        assertThat(response.status()).as("exchange").isEqualTo(200);
        return json(response).get("access_token").asText();
    }

    private HttpResponse refresh(String token) {
        return world.postJson(IDENTITY, "{\"type\":\"refresh\",\"refresh_token\":\"" + token + "\"}");
    }

    /** A refresh family's first token, as a completed claim will issue it (the claim ceremony is not served yet). */
    private String seedRefresh(String registrationId) {
        String token = "art_seed_" + registrationId;
        Instant now = world.clock.instant();
        world.stores.refreshTokens.insert(RefreshToken.active(
                "default", SecretHasher.hash(token), "rtf_1", registrationId, 0, now, now.plus(Duration.ofDays(30))));
        return token;
    }

    private List<AuditEventType> types() {
        return world.events.stream().map(AuditEvent::type).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static ObjectNode payload(String jwt) {
        return part(jwt, 1);
    }

    static ObjectNode header(String jwt) {
        return part(jwt, 0);
    }

    private static ObjectNode part(String jwt, int index) {
        try {
            return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
