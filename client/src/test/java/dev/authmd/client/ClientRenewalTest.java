package dev.authmd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.spi.store.WireProfile;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keeping the bearer fresh against our own service: expiry, revocation mid-use, refresh failure, and many threads. */
class ClientRenewalTest {

    private LocalService local;

    @BeforeEach
    void start() {
        local = new LocalService(WireProfile.CURRENT);
    }

    @AfterEach
    void stop() {
        local.close();
    }

    private HttpResponse<String> callApi(AgentSession session) throws Exception {
        return session.send(HttpRequest.newBuilder(local.api()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private AgentSession claimedByEmail() {
        return local.client()
                .userEmail(LocalService.CAROL)
                .claimPrompt(local.carolConfirms())
                .methods(RegistrationMethod.EMAIL)
                .build()
                .connect(local.baseUrl());
    }

    private void revoke(String token) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(local.baseUrl().resolve("/oauth2/revoke"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    private double exchanges() {
        return local.count("authmd.token.exchanges", "outcome", "success");
    }

    @Test
    void sendWhenTheAccessTokenIsRevokedMidUseThenOneNewExchangeAndTheCallSucceeds() throws Exception {
        AgentSession session = claimedByEmail();
        assertThat(callApi(session).statusCode()).isEqualTo(200);
        String revoked = session.credentials().bearer();
        double before = exchanges();

        revoke(revoked);
        HttpResponse<String> after = callApi(session);

        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(session.credentials().bearer()).isNotEqualTo(revoked);
        assertThat(exchanges() - before).isEqualTo(1);
        assertThat(local.count("authmd.refreshes", "outcome", "success")).isZero();
    }

    @Test
    void sendWhenTheRefreshTokenIsRevokedAndEverythingExpiredThenTheRefusalIsThrownAndTheEntryKept() throws Exception {
        AgentCredentialStore store = AgentCredentialStore.inMemory();
        AgentSession session = local.client()
                .store(store)
                .userEmail(LocalService.CAROL)
                .claimPrompt(local.carolConfirms())
                .methods(RegistrationMethod.EMAIL)
                .build()
                .connect(local.baseUrl());
        revoke(session.credentials().refreshToken());
        local.advance(Duration.ofMinutes(61));

        assertThatThrownBy(() -> callApi(session))
                .isInstanceOfSatisfying(
                        ServiceErrorException.class,
                        e -> assertThat(e.errorCode()).contains("invalid_refresh_token"));
        assertThat(store.load(session.service().issuer())).isPresent();
        assertThat(local.apiCalls).hasValue(0);
    }

    @Test
    void sendWhenAnUnclaimedAnonymousRegistrationCanNoLongerBeRenewedThenItRegistersAgain() throws Exception {
        AgentSession session = local.client().build().connect(local.baseUrl());
        String firstId = session.credentials().registrationId();

        local.advance(Duration.ofMinutes(61));

        assertThat(callApi(session).statusCode()).isEqualTo(200);
        assertThat(session.credentials().registrationId()).isNotEqualTo(firstId);
        assertThat(local.count("authmd.registrations", "type", "anonymous", "outcome", "success"))
                .isEqualTo(2);
    }

    @Test
    void sendWhenTheApiStillRefusesAfterEveryStepThenItsLast401IsAnsweredWithoutLooping() throws Exception {
        AgentSession session = claimedByEmail();
        // the service forgets every registration: nothing the client holds can work again
        local.service()
                .revokeRegistration(
                        dev.authmd.core.service.RequestContext.DEFAULT_TENANT,
                        session.credentials().registrationId());

        HttpResponse<String> answer = callApi(session);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(local.count("authmd.token.exchanges", "outcome", "rejected")).isEqualTo(1);
        assertThat(local.count("authmd.refreshes", "outcome", "rejected")).isEqualTo(1);
    }

    @Test
    void sendWhenSixteenThreadsFindTheTokenExpiredThenOneRefreshOneExchangeAndNoRequestLost() throws Exception {
        AgentSession session = claimedByEmail();
        double exchangesBefore = exchanges();
        local.advance(Duration.ofMinutes(61));

        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return callApi(session).statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(local.count("authmd.refreshes", "outcome", "success")).isEqualTo(1);
        assertThat(exchanges() - exchangesBefore).isEqualTo(1);
        assertThat(local.apiCalls).hasValue(threads);
    }
}
