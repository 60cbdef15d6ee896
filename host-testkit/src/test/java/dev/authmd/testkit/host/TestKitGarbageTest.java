package dev.authmd.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.trust.TrustList;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.mail.ClaimMail;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each piece of the kit refuses what it cannot do with a message that says what to fix. */
class TestKitGarbageTest {

    private static final Instant T0 = Instant.parse("2026-05-04T12:00:00Z");

    @Test
    void clockWhenAdvancedThenMovesAndNeverRunsBack() {
        TestClock clock = TestClock.at(T0);

        assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(T0.plusSeconds(300));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(300));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .withMessage("a test clock only moves forward: PT-1S");
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(300));
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
        assertThatThrownBy(() -> clock.withZone(ZoneId.of("Europe/Paris")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatNullPointerException().isThrownBy(() -> TestClock.at(null)).withMessage("start cannot be null");
    }

    @Test
    void inboxWhenNothingWasSentThenSaysSo() {
        TestInbox inbox = new TestInbox();

        assertThat(inbox.latestTo("nobody@example.com")).isEmpty();
        assertThatThrownBy(() -> inbox.claimLink("nobody@example.com"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("no claim email was sent to nobody@example.com");
    }

    @Test
    void inboxWhenLinkCarriesNoTokenThenSaysSoAndKeepsOnlyTheNewest() {
        TestInbox inbox = new TestInbox();
        inbox.send(mail("https://api.example.com/claim?token=first"));
        inbox.send(mail("https://api.example.com/claim"));

        assertThat(inbox.all()).hasSize(2);
        assertThatThrownBy(() -> inbox.attemptToken("carol@example.com"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("the claim link sent to carol@example.com carries no token");
        inbox.clear();
        assertThat(inbox.all()).isEmpty();
    }

    @Test
    void signInWhenHeaderNamesNoRegisteredUserThenNobodyIsSignedIn() {
        TestSignIn signIn = new TestSignIn().addUser("u-carol", "carol@example.com");

        assertThat(signIn.signedIn(HttpRequest.builder("GET", "/").build())).isEmpty();
        assertThat(signIn.signedIn(HttpRequest.builder("GET", "/")
                        .header(TestSignIn.HEADER, "u-mallory")
                        .build()))
                .isEmpty();
        assertThat(signIn.signedIn(HttpRequest.builder("GET", "/")
                                .header(TestSignIn.HEADER, "u-carol")
                                .build())
                        .orElseThrow()
                        .verifiedEmails())
                .containsExactly("carol@example.com");
    }

    @Test
    void signInWhenConfirmingAsAnUnknownUserOrOnADeadLinkThenRefused() {
        TestSignIn signIn = new TestSignIn().addUser("u-carol", "carol@example.com");
        AgentAuthService service = AgentAuthService.builder()
                .config(
                        AgentAuthConfig.builder(URI.create("https://api.example.com"))
                                .build(),
                        TrustList.of(List.of()))
                .sessionResolver(signIn)
                .claimMailer(new TestInbox())
                .build();
        AgentAuthEndpoints endpoints = AgentAuthEndpoints.builder(service).build();
        URI dead = URI.create("https://api.example.com/agent/identity/claim/view?token=nothing");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> signIn.confirm(endpoints, dead, "u-nobody"))
                .withMessage("no such test user: u-nobody (addUser first)");
        assertThatThrownBy(() -> signIn.confirm(endpoints, dead, "u-carol"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("the claim page offered no confirmation");
    }

    @Test
    void providerWhenIssuerIsNotHttpsThenRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TestProvider.create("http://agents.example", TestClock.at(T0)))
                .withMessage("a provider's issuer is an https URL: http://agents.example");
        assertThatNullPointerException()
                .isThrownBy(() -> TestProvider.create("https://agents.example", null))
                .withMessage("clock cannot be null");
    }

    @Test
    void agentWhenAStepFailsThenSaysWhichStepAndTheCode() {
        AgentAuthService service = AgentAuthService.builder()
                .config(
                        AgentAuthConfig.builder(URI.create("https://api.example.com"))
                                .anonymousEnabled(false)
                                .build(),
                        TrustList.of(List.of()))
                .claimMailer(new TestInbox())
                .build();
        TestAgent agent =
                TestAgent.of(service, AgentAuthEndpoints.builder(service).build(), new TestInbox(), new TestSignIn());

        assertThatThrownBy(() -> agent.registerAnonymouslyAndClaim("carol@example.com"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("anonymous registration failed: anonymous_not_enabled");
        assertThatNullPointerException()
                .isThrownBy(() -> TestAgent.of(service, null, new TestInbox(), new TestSignIn()))
                .withMessage("endpoints cannot be null");
    }

    private static ClaimMail mail(String link) {
        return new ClaimMail(
                RequestContext.DEFAULT_TENANT,
                "reg_1",
                "carol@example.com",
                "Claim your agent",
                "text",
                "<p>html</p>",
                link,
                T0.plusSeconds(3600));
    }
}
