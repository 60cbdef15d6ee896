package dev.authmd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.spi.store.WireProfile;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The client against our own service over real HTTP, in both profiles, every method and ceremony. */
class ClientAgainstLocalServiceTest {

    private LocalService local;

    @AfterEach
    void stop() {
        if (local != null) {
            local.close();
        }
    }

    private HttpResponse<String> callApi(AgentSession session) throws Exception {
        return session.send(HttpRequest.newBuilder(local.api()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class V01 {

        @Test
        void connectWhenAnonymousThenAnApiKeyCallsTheApiAndAClaimUpgradesIt() throws Exception {
            local = new LocalService(WireProfile.V0_1);
            AgentSession session =
                    local.client().claimPrompt(local.carolConfirms()).build().connect(local.baseUrl());

            assertThat(session.profile()).isEqualTo(ServiceProfile.V0_1);
            assertThat(session.credentials().method()).isEqualTo(RegistrationMethod.ANONYMOUS);
            assertThat(session.credentials().bearer()).startsWith("sk_");
            assertThat(session.credentials().scopes()).containsExactly("api.read");
            assertThat(callApi(session).statusCode()).isEqualTo(200);

            AgentCredentials claimed = session.claim(LocalService.CAROL);

            assertThat(claimed.claimed()).isTrue();
            assertThat(claimed.claimToken()).isNull();
            assertThat(claimed.bearer()).isEqualTo(session.credentials().bearer());
            assertThat(callApi(session).statusCode()).isEqualTo(200);
        }

        @Test
        void connectWhenAnAssertionSourceIsSetThenIdJagGivesAnAccessTokenAndItIsRenewedWhenItExpires()
                throws Exception {
            local = new LocalService(WireProfile.V0_1);
            AgentSession session = local.client()
                    .assertionSource(local.carolsProvider())
                    .build()
                    .connect(local.baseUrl());

            assertThat(session.credentials().method()).isEqualTo(RegistrationMethod.ID_JAG);
            assertThat(session.credentials().claimed()).isTrue();
            String first = session.credentials().bearer();
            assertThat(callApi(session).statusCode()).isEqualTo(200);

            local.advance(Duration.ofHours(2));

            assertThat(callApi(session).statusCode()).isEqualTo(200);
            assertThat(session.credentials().bearer()).isNotEqualTo(first);
            assertThat(local.count("authmd.registrations", "type", "identity_assertion", "outcome", "success"))
                    .isEqualTo(2);
        }

        @Test
        void connectWhenAnEmailIsSetThenVerifiedEmailGivesACredentialAfterTheEmailedCode() throws Exception {
            local = new LocalService(WireProfile.V0_1);
            AgentSession session = local.client()
                    .userEmail(LocalService.CAROL)
                    .claimPrompt(local.carolConfirms())
                    .build()
                    .connect(local.baseUrl());

            assertThat(session.credentials().method()).isEqualTo(RegistrationMethod.EMAIL);
            assertThat(session.credentials().claimed()).isTrue();
            assertThat(callApi(session).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Current {

        @Test
        void connectWhenAnonymousThenTheAssertionIsExchangedAndAClaimOnThePageUpgradesIt() throws Exception {
            local = new LocalService(WireProfile.CURRENT);
            AgentSession session =
                    local.client().claimPrompt(local.carolConfirms()).build().connect(local.baseUrl());

            assertThat(session.profile()).isEqualTo(ServiceProfile.CURRENT);
            assertThat(session.credentials().bearer()).startsWith("at_");
            assertThat(session.credentials().refreshToken()).isNull();
            assertThat(callApi(session).statusCode()).isEqualTo(200);

            AgentCredentials claimed = session.claim(LocalService.CAROL);

            assertThat(claimed.claimed()).isTrue();
            assertThat(claimed.refreshToken()).startsWith("art_");
            assertThat(claimed.scopes()).containsExactly("api.read", "api.write");
            assertThat(callApi(session).statusCode()).isEqualTo(200);
        }

        @Test
        void connectWhenAnEmailIsSetThenServiceAuthConfirmedOnThePageGivesAnAssertionAndARefreshToken()
                throws Exception {
            local = new LocalService(WireProfile.CURRENT);
            AgentSession session = local.client()
                    .userEmail(LocalService.CAROL)
                    .claimPrompt(local.carolConfirms())
                    .build()
                    .connect(local.baseUrl());

            assertThat(session.credentials().method()).isEqualTo(RegistrationMethod.EMAIL);
            assertThat(session.credentials().refreshToken()).startsWith("art_");
            assertThat(callApi(session).statusCode()).isEqualTo(200);
        }

        @Test
        void connectWhenIdJagThenAnAccessTokenOrAConfirmedStepUp() throws Exception {
            local = new LocalService(WireProfile.CURRENT);
            AgentSession session = local.client()
                    .assertionSource(local.carolsProvider())
                    .claimPrompt(local.carolConfirms())
                    .build()
                    .connect(local.baseUrl());

            assertThat(session.credentials().method()).isEqualTo(RegistrationMethod.ID_JAG);
            assertThat(session.credentials().refreshToken()).isNull();
            assertThat(callApi(session).statusCode()).isEqualTo(200);
        }

        @Test
        void sendWhenTheAccessTokenAndAssertionExpireThenOneRefreshAndOneExchangeRenewThem() throws Exception {
            local = new LocalService(WireProfile.CURRENT);
            AgentSession session = local.client()
                    .userEmail(LocalService.CAROL)
                    .claimPrompt(local.carolConfirms())
                    .build()
                    .connect(local.baseUrl());
            String refreshBefore = session.credentials().refreshToken();
            double exchangesBefore = local.count("authmd.token.exchanges", "outcome", "success");

            local.advance(Duration.ofMinutes(61));

            assertThat(callApi(session).statusCode()).isEqualTo(200);
            assertThat(session.credentials().refreshToken()).isNotEqualTo(refreshBefore);
            assertThat(local.count("authmd.refreshes", "outcome", "success")).isEqualTo(1);
            assertThat(local.count("authmd.token.exchanges", "outcome", "success") - exchangesBefore)
                    .isEqualTo(1);
        }

        @Test
        void connectWhenThePromptGivesNoCodeThenClaimAbandonedAndTheRegistrationIsKept() {
            local = new LocalService(WireProfile.CURRENT);
            AgentCredentialStore store = AgentCredentialStore.inMemory();
            AuthMdClient client = local.client()
                    .store(store)
                    .userEmail(LocalService.CAROL)
                    .methods(RegistrationMethod.EMAIL)
                    .claimPrompt(new ClaimPrompt() {
                        @Override
                        public Optional<String> codeFromEmail(EmailStep step) {
                            return Optional.empty();
                        }

                        @Override
                        public Optional<String> codeFromPage(PageStep step) {
                            return Optional.empty();
                        }
                    })
                    .build();

            assertThatThrownBy(() -> client.connect(local.baseUrl())).isInstanceOf(ClaimAbandonedException.class);
            assertThat(store.load(local.baseUrl().toString()).orElseThrow().claimToken())
                    .startsWith("clm_");
        }
    }
}
