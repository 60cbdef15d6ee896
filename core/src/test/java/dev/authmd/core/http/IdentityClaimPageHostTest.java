package dev.authmd.core.http;

import static dev.authmd.core.http.ClaimPageDriver.code;
import static dev.authmd.core.http.ClaimPageDriver.text;
import static dev.authmd.core.http.CurrentProfileFlowsTest.idJagBody;
import static dev.authmd.core.http.HttpWorld.IDENTITY;
import static dev.authmd.core.http.HttpWorld.NOW;
import static dev.authmd.core.http.HttpWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.service.ClaimPageView;
import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.http.HttpResponse;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The host's hands on the current profile's claim page: the advisories it shows, the guard, the layout. */
class IdentityClaimPageHostTest {

    private final List<ClaimPageView> guardSaw = new CopyOnWriteArrayList<>();
    private final AtomicReference<IdentityClaimGuard> policy = new AtomicReference<>(IdentityClaimGuard.ALLOW_ALL);
    private final HttpWorld world = HttpWorld.withSignIn(
            RateLimitPolicy.none(),
            endpoints -> endpoints.identityClaimGuard((request, user, view) -> {
                guardSaw.add(view);
                return policy.get().check(request, user, view);
            }));
    private final ClaimPageDriver driver = new ClaimPageDriver(world);

    // --- advisories -------------------------------------------------------------------------------------

    @Test
    void advisoriesWhenFirstAgentOfTheAccountThenFirstTimeAccountShownAndGoneOnceOneIsConnected() {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        ObjectNode first = driver.serviceAuth("ada@example.com");
        String firstPage = text(driver.page(link(first), "u-ada"));
        assertThat(firstPage).contains("data-advisory=\"first_time_account\"").doesNotContain("first_time_provider");
        String code = code(driver.decide(firstPage, "confirm", "u-ada"));
        assertThat(driver.complete(first.at("/claim/token").asText(), code).status())
                .isEqualTo(200);

        ObjectNode second = driver.serviceAuth("ada@example.com");
        String secondPage = text(driver.page(link(second), "u-ada"));

        assertThat(secondPage).contains("id=\"confirm\"").doesNotContain("data-advisory");
        assertThat(guardSaw.get(guardSaw.size() - 1).advisories()).isEmpty();
    }

    @Test
    void advisoriesWhenStepUpThroughANewProviderThenFirstTimeProviderNamesItFromTheTrustList() {
        world.accounts.add("u-bob", "new.user@example.com");
        world.sessionUsers.put("u-bob", List.of("new.user@example.com"));
        ObjectNode earlier = driver.serviceAuth("new.user@example.com");
        String earlierPage = text(driver.page(link(earlier), "u-bob"));
        assertThat(driver.complete(
                                earlier.at("/claim/token").asText(),
                                code(driver.decide(earlierPage, "confirm", "u-bob")))
                        .status())
                .isEqualTo(200);
        ObjectNode stepUp = json(world.postJson(
                IDENTITY, idJagBody(world.idJag().authTime(NOW.minusSeconds(60)).mint())));

        HttpResponse page = driver.page(link(stepUp), "u-bob");

        assertThat(text(page))
                .contains("data-advisory=\"first_time_provider\"")
                .contains("through Provider P to this account before")
                .doesNotContain("first_time_account");
        ClaimPageView seen = guardSaw.get(guardSaw.size() - 1);
        assertThat(seen.kind()).isEqualTo(ClaimPageView.Kind.STEP_UP);
        assertThat(seen.providerIssuer()).isEqualTo(HttpWorld.PROVIDER);
        assertThat(seen.registrationId()).isEqualTo(stepUp.get("id").asText());
        assertThat(seen.advisories()).containsExactly(ClaimPageView.Advisory.FIRST_TIME_PROVIDER);
    }

    // --- the guard --------------------------------------------------------------------------------------

    @Test
    void guardWhenRefusingThenItsAnswerStandsAndAConfirmPostedAnywayRecordsNothing() {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        ObjectNode registration = driver.serviceAuth("ada@example.com");
        String form = text(driver.page(link(registration), "u-ada"));
        policy.set((request, user, view) -> Optional.of(ClaimPageLayout.standard()
                .refusal(view.serviceName(), "Verify it's you", "Use your <security key> first.")));

        HttpResponse shown = driver.page(link(registration), "u-ada");
        HttpResponse posted = driver.decide(form, "confirm", "u-ada");

        assertThat(shown.status()).isEqualTo(403);
        assertThat(text(shown)).contains("Use your &lt;security key&gt; first.").doesNotContain("name=\"csrf\"");
        assertThat(posted.status()).isEqualTo(403);
        assertThat(text(posted)).doesNotContain("id=\"code\"");
        assertThat(json(driver.complete(registration.at("/claim/token").asText(), "123-456"))
                        .get("error")
                        .asText())
                .isEqualTo("claim_not_confirmed");
        assertThat(world.events.stream().map(AuditEvent::type))
                .doesNotContain(AuditEventType.CLAIM_APPROVED, AuditEventType.USER_CODE_REVEALED);
        assertThat(guardSaw).allSatisfy(v -> assertThat(v.kind()).isEqualTo(ClaimPageView.Kind.SERVICE_AUTH));
    }

    @Test
    void guardWhenThrowingThenRefusedClosedAndNothingRecorded() {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        ObjectNode registration = driver.serviceAuth("ada@example.com");
        String form = text(driver.page(link(registration), "u-ada"));
        policy.set((request, user, view) -> {
            throw new IllegalStateException("policy service down");
        });

        HttpResponse shown = driver.page(link(registration), "u-ada");
        HttpResponse posted = driver.decide(form, "deny", "u-ada");

        assertThat(shown.status()).isEqualTo(403);
        assertThat(text(shown)).contains("cannot be confirmed right now").doesNotContain("policy service down");
        assertThat(posted.status()).isEqualTo(403);
        assertThat(json(driver.complete(registration.at("/claim/token").asText(), "123-456"))
                        .get("error")
                        .asText())
                .as("the deny was not recorded either")
                .isEqualTo("claim_not_confirmed");
    }

    @Test
    void guardWhenItsAnswerLacksCachingHeadersThenNoStoreAndNoReferrerAreAdded() {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        ObjectNode registration = driver.serviceAuth("ada@example.com");
        policy.set((request, user, view) -> Optional.of(HttpResponse.builder(302)
                .header("Location", "https://login.example.com/mfa")
                .build()));

        HttpResponse shown = driver.page(link(registration), "u-ada");

        assertThat(shown.status()).isEqualTo(302);
        assertThat(shown.header("Location")).contains("https://login.example.com/mfa");
        assertThat(shown.header("Cache-Control")).contains("no-store");
        assertThat(shown.header("Referrer-Policy")).contains("no-referrer");
    }

    @Test
    void guardWhenNobodyIsSignedInOrTheAccountIsWrongThenNotAskedAndTheLibraryAnswers() {
        world.sessionUsers.put("u-eve", List.of("eve@example.com"));
        ObjectNode registration = driver.serviceAuth("ada@example.com");
        policy.set((request, user, view) -> {
            throw new AssertionError("the guard is asked only where the owner could decide");
        });

        assertThat(driver.page(link(registration), null).status()).isEqualTo(303);
        assertThat(driver.page(link(registration), "u-eve").status()).isEqualTo(403);
        assertThat(guardSaw).isEmpty();
    }

    // --- the layout -------------------------------------------------------------------------------------

    @Test
    void layoutWhenTheHostReplacesItThenThePageWearsItWithValuesEscapedAndTheCspKept() {
        HttpWorld styled = HttpWorld.withSignIn(
                RateLimitPolicy.none(),
                endpoints -> endpoints.claimPageLayout(
                        ClaimPageLayout.of("""
                                <!DOCTYPE html><html><head><title>{{title}} | {{service}}</title>
                                <link rel="stylesheet" href="https://static.example.com/site.css">
                                <style nonce="{{nonce}}">main { color: navy; }</style></head>
                                <body><header id="site">{{service}}</header><main>{{content}}</main></body></html>
                                """).withStyleSource(URI.create("https://static.example.com"))));
        styled.sessionUsers.put("u-ada", List.of("ada@example.com"));
        ClaimPageDriver styledDriver = new ClaimPageDriver(styled);
        ObjectNode registration = styledDriver.serviceAuth("ada@example.com");

        HttpResponse page = styledDriver.page(link(registration), "u-ada");

        String html = text(page);
        assertThat(page.status()).isEqualTo(200);
        assertThat(html).contains("<header id=\"site\">").contains("<main><h1>Connect an AI agent</h1>");
        assertThat(html).doesNotContain(HttpWorld.HOSTILE_NAME).contains("id=\"confirm\"");
        String csp = page.header("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("style-src 'nonce-").contains(" https://static.example.com;");
        assertThat(csp).contains("frame-ancestors 'none'").doesNotContain("script-src");
        String nonce = csp.replaceAll(".*'nonce-([^']+)'.*", "$1");
        assertThat(html).contains("<style nonce=\"" + nonce + "\">");
    }

    @Test
    void renderWhenEveryValueIsHostileThenAllOfItIsTextAndNothingRuns() {
        String hostile = "<img src=x onerror=alert(1)>\"'&";
        ClaimPageView view = new ClaimPageView(
                ClaimPageView.State.READY,
                hostile,
                "reg_1",
                ClaimPageView.Kind.STEP_UP,
                "o'brien&co@example.com",
                List.of("api.write", "<script>alert(2)</script>"),
                "https://provider.example",
                "Provider <b onclick=x>P</b>",
                NOW.plusSeconds(600),
                java.util.EnumSet.allOf(ClaimPageView.Advisory.class),
                null,
                null,
                "csrf\"><script>alert(3)</script>");

        HttpResponse page =
                IdentityClaimPage.render(ClaimPageLayout.standard(), view, "/agent/identity/claim/view", "att_\"><b>");

        String html = text(page);
        assertThat(html).doesNotContain("<img", "<script", "<b>", "<b onclick");
        assertThat(html)
                .contains("o&#39;brien&amp;co@example.com")
                .contains("Provider &lt;b onclick=x&gt;P&lt;/b&gt;")
                .contains("&lt;script&gt;alert(2)&lt;/script&gt;")
                .contains("data-advisory=\"first_time_provider\"", "data-advisory=\"first_time_account\"");
        assertThat(page.header("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).doesNotContain("script-src"));
    }

    private static String link(ObjectNode registration) {
        return registration.at("/claim/attempt/verification_uri").asText();
    }
}
