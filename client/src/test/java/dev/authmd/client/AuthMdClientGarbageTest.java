package dev.authmd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.spi.store.WireProfile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Garbage into every public entry point: a clear error, and nothing sent, stored or registered. */
class AuthMdClientGarbageTest {

    @Test
    void builderWhenGivenGarbageThenSaysWhat() {
        AuthMdClient.Builder builder = AuthMdClient.builder();
        assertThatNullPointerException().isThrownBy(() -> builder.store(null)).withMessage("store cannot be null");
        assertThatNullPointerException().isThrownBy(() -> builder.assertionSource(null));
        assertThatNullPointerException().isThrownBy(() -> builder.claimPrompt(null));
        assertThatNullPointerException().isThrownBy(() -> builder.clock(null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.userEmail("carol"))
                .withMessage("not an email address: carol");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.userEmail("a@b@c"));
        assertThatIllegalArgumentException().isThrownBy(() -> builder.userEmail("ca rol@example.com"));
        assertThatIllegalArgumentException().isThrownBy(() -> builder.userEmail("carol@"));
        assertThatIllegalArgumentException().isThrownBy(() -> builder.allowHttpFor(" "));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.timeout(Duration.ZERO))
                .withMessage("timeout must be positive: PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.connectTimeout(Duration.ofSeconds(-1)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.methods())
                .withMessage("at least one registration method must be allowed");
    }

    @Test
    void discoverWhenTheUrlIsNotHttpsOrNotAbsoluteThenRefusedBeforeAnyRequest() {
        AuthMdClient client = AuthMdClient.builder().build();
        assertThatThrownBy(() -> client.discover(URI.create("ftp://api.example.com")))
                .isInstanceOf(UnsafeServiceException.class)
                .hasMessageContaining("is not https");
        assertThatThrownBy(() -> client.discover(URI.create("http://api.example.com")))
                .isInstanceOf(UnsafeServiceException.class)
                .hasMessageContaining("plain http is allowed only for development hosts");
        assertThatThrownBy(() -> client.discover(URI.create("/relative")))
                .isInstanceOf(UnsafeServiceException.class)
                .hasMessageContaining("not an absolute URL");
        assertThatThrownBy(() -> client.discover(URI.create("https://user:pw@api.example.com")))
                .isInstanceOf(UnsafeServiceException.class);
        assertThatNullPointerException().isThrownBy(() -> client.discover(null));
        assertThatNullPointerException().isThrownBy(() -> client.connect((URI) null));
    }

    @Test
    void connectWhenNoMethodBothSidesAllowThenSaysWhatEachOffersAndNothingIsRegistered() {
        try (LocalService local = new LocalService(WireProfile.CURRENT)) {
            AgentCredentialStore store = AgentCredentialStore.inMemory();
            AuthMdClient client = local.client()
                    .store(store)
                    .methods(RegistrationMethod.ID_JAG, RegistrationMethod.EMAIL)
                    .build();

            assertThatThrownBy(() -> client.connect(local.baseUrl()))
                    .isInstanceOf(AuthMdClientException.class)
                    .hasMessageContaining("offers ")
                    .hasMessageContaining("anonymous")
                    .hasMessageContaining("service_auth")
                    .hasMessageContaining("no assertion source for id_jag")
                    .hasMessageContaining("email needs userEmail and a claimPrompt");
            assertThat(store.load(local.baseUrl().toString())).isEmpty();
            assertThat(local.count("authmd.registrations")).isZero();
        }
    }

    @Test
    void sessionWhenAskedToSendElsewhereOrToClaimWrongThenRefusedAndNothingSent() throws Exception {
        try (LocalService local = new LocalService(WireProfile.CURRENT)) {
            AgentSession session = local.client().build().connect(local.baseUrl());

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> session.send(
                            HttpRequest.newBuilder(URI.create("https://elsewhere.example/steal"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding()))
                    .withMessageContaining("the bearer goes only to the resource's origin");
            assertThatThrownBy(session::claim)
                    .isInstanceOf(AuthMdClientException.class)
                    .hasMessageContaining("claim() needs AuthMdClient.Builder.userEmail");
            assertThatThrownBy(() -> session.claim(LocalService.CAROL))
                    .isInstanceOf(AuthMdClientException.class)
                    .hasMessageContaining("needs a person: set AuthMdClient.Builder.claimPrompt");
            assertThat(local.apiCalls).hasValue(0);
            assertThat(local.count("authmd.claim.steps")).isZero();
        }
    }

    @Test
    void claimWhenAlreadyClaimedThenRefusedWithoutAsking() {
        try (LocalService local = new LocalService(WireProfile.CURRENT)) {
            AgentSession session = local.client()
                    .userEmail(LocalService.CAROL)
                    .claimPrompt(local.carolConfirms())
                    .methods(RegistrationMethod.EMAIL)
                    .build()
                    .connect(local.baseUrl());
            double steps = local.count("authmd.claim.steps");

            assertThatThrownBy(() -> session.claim(LocalService.CAROL))
                    .isInstanceOf(AuthMdClientException.class)
                    .hasMessageEndingWith("is already claimed");
            assertThat(local.count("authmd.claim.steps")).isEqualTo(steps);
        }
    }

    @Test
    void profileNamesWhenUnknownThenRefused() {
        assertThat(ServiceProfile.fromWireName("current")).isEqualTo(ServiceProfile.CURRENT);
        assertThat(RegistrationMethod.fromWireName("id_jag")).isEqualTo(RegistrationMethod.ID_JAG);
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceProfile.fromWireName("v0.7"));
        assertThatIllegalArgumentException().isThrownBy(() -> RegistrationMethod.fromWireName("password"));
    }
}
