package dev.authmd.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.service.RequestContext;
import dev.authmd.spi.store.WireProfile;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The claim ceremonies as a person really does them: step-ups, wrong codes, a code asked for before confirming. */
class ClientCeremonyTest {

    private LocalService local;

    @AfterEach
    void stop() {
        local.close();
    }

    private int callApi(AgentSession session) throws Exception {
        return session.send(HttpRequest.newBuilder(local.api()).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void connectWhenV01IdJagMatchesAnExistingAccountThenTheEmailedStepUpIsCompleted() throws Exception {
        local = new LocalService(WireProfile.V0_1);
        local.carolHasAnAccount();
        List<ClaimPrompt.EmailStep> asked = new ArrayList<>();
        ClaimPrompt carol = local.carolConfirms();
        AgentSession session = local.client()
                .assertionSource(local.carolsProvider())
                .claimPrompt(new ClaimPrompt() {
                    @Override
                    public Optional<String> codeFromEmail(EmailStep step) {
                        asked.add(step);
                        return carol.codeFromEmail(step);
                    }

                    @Override
                    public Optional<String> codeFromPage(PageStep step) {
                        throw new AssertionError("v0.1 has no page step");
                    }
                })
                .build()
                .connect(local.baseUrl());

        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).emailAddress()).isEmpty();
        assertThat(session.credentials().claimed()).isTrue();
        assertThat(callApi(session)).isEqualTo(200);
    }

    @Test
    void connectWhenCurrentIdJagMatchesAnExistingAccountThenTheStepUpIsConfirmedOnThePage() throws Exception {
        local = new LocalService(WireProfile.CURRENT);
        local.carolHasAnAccount();
        List<ClaimPrompt.PageStep> asked = new ArrayList<>();
        ClaimPrompt carol = local.carolConfirms();
        AgentSession session = local.client()
                .assertionSource(local.carolsProvider())
                .claimPrompt(new ClaimPrompt() {
                    @Override
                    public Optional<String> codeFromEmail(EmailStep step) {
                        throw new AssertionError("the current profile sends no claim mail");
                    }

                    @Override
                    public Optional<String> codeFromPage(PageStep step) {
                        asked.add(step);
                        return carol.codeFromPage(step);
                    }
                })
                .build()
                .connect(local.baseUrl());

        assertThat(asked).singleElement().satisfies(step -> {
            assertThat(step.verificationUri().toString())
                    .startsWith(local.baseUrl() + "/agent/identity/claim/view?token=att_");
            assertThat(step.service()).isEqualTo("Local test API");
        });
        assertThat(session.credentials().refreshToken())
                .as("never for ID-JAG registrations")
                .isNull();
        assertThat(callApi(session)).isEqualTo(200);
    }

    @Test
    void claimWhenTheFirstEmailedCodeIsWrongThenThePersonIsAskedAgainAndTheSecondCounts() throws Exception {
        local = new LocalService(WireProfile.V0_1);
        List<Integer> retries = new ArrayList<>();
        AgentSession session = local.client()
                .claimPrompt(new ClaimPrompt() {
                    @Override
                    public Optional<String> codeFromEmail(EmailStep step) {
                        retries.add(step.retry());
                        String right = local.inbox.otp(
                                local.service(), RequestContext.defaultTenant("127.0.0.1"), LocalService.CAROL);
                        String wrong = right.equals("000000") ? "111111" : "000000";
                        return Optional.of(
                                step.retry() == 0
                                        ? wrong
                                        : " " + right.substring(0, 3) + "-" + right.substring(3) + " ");
                    }

                    @Override
                    public Optional<String> codeFromPage(PageStep step) {
                        throw new AssertionError();
                    }
                })
                .build()
                .connect(local.baseUrl());

        AgentCredentials claimed = session.claim(LocalService.CAROL);

        assertThat(retries).containsExactly(0, 1);
        assertThat(claimed.claimed()).isTrue();
        assertThat(callApi(session)).isEqualTo(200);
    }

    @Test
    void claimWhenTheCodeIsGivenBeforeThePersonConfirmsThenTheClientWaitsFiveSecondsAndAsksAgain() throws Exception {
        local = new LocalService(WireProfile.CURRENT);
        List<Duration> pauses = new ArrayList<>();
        ClaimPrompt carol = local.carolConfirms();
        AgentSession session = AuthMdClient.builder()
                .allowHttpFor("localhost")
                .clock(local.clock)
                .pacer(pauses::add)
                .claimPrompt(new ClaimPrompt() {
                    @Override
                    public Optional<String> codeFromEmail(EmailStep step) {
                        throw new AssertionError();
                    }

                    @Override
                    public Optional<String> codeFromPage(PageStep step) {
                        // first: the agent's user answers before confirming; then confirms and reads the code
                        return step.retry() == 0 ? Optional.of("123-456") : carol.codeFromPage(step);
                    }
                })
                .build()
                .connect(local.baseUrl());

        AgentCredentials claimed = session.claim(LocalService.CAROL);

        assertThat(pauses).containsExactly(Duration.ofSeconds(5));
        assertThat(claimed.claimed()).isTrue();
        assertThat(claimed.refreshToken()).startsWith("art_");
    }

    @Test
    void claimWhenEveryCodeIsWrongThenTheClientStopsAfterFiveAndTheRegistrationIsKept() {
        local = new LocalService(WireProfile.CURRENT);
        List<Integer> asked = new ArrayList<>();
        AgentCredentialStore store = AgentCredentialStore.inMemory();
        AgentSession session = local.client()
                .store(store)
                .claimPrompt(new ClaimPrompt() {
                    @Override
                    public Optional<String> codeFromEmail(EmailStep step) {
                        throw new AssertionError();
                    }

                    @Override
                    public Optional<String> codeFromPage(PageStep step) {
                        asked.add(step.retry());
                        // the person confirms once, then keeps typing a wrong code
                        if (step.retry() == 0) {
                            local.carolConfirms().codeFromPage(step);
                        }
                        return Optional.of("000-000");
                    }
                })
                .build()
                .connect(local.baseUrl());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.claim(LocalService.CAROL))
                .isInstanceOf(ClaimAbandonedException.class)
                .hasMessageContaining("5 codes were refused");
        assertThat(asked).hasSize(5);
        assertThat(store.load(session.service().issuer()).orElseThrow().claimToken())
                .startsWith("clm_");
    }
}
