package dev.authmd.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.protocol.error.ProtocolError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The claim page (docs/protocol.md#v01-4) in headless Chromium: a person opens the emailed link, the page shows what is
 * being claimed, mints a code only when the button is pressed, and the agent completes the claim with that code; stale
 * links say why they no longer work; hostile text is shown as text and nothing but the page's own nonce-bearing script
 * runs.
 *
 * <p>One browser for the class (Chromium starts slowly); a fresh demo, clock and mail directory per test.
 */
@ExtendWith(ChromiumRequired.class)
class ClaimPageBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private static final String DEMO_NAME = "authmd demo API";
    /** Markup in the service name, which the claim page prints twice (title and body). */
    private static final String HOSTILE_NAME =
            "<script>window.pwned=1;alert('pwned')</script><img src=x onerror=\"window.pwned=2\">";
    /**
     * The validator refuses {@code <} in an address, but allows {@code &}, {@code '}, {@code {}}: unescaped,
     * {@code &lt} would turn into a literal {@code <} on the page.
     */
    private static final String HOSTILE_EMAIL = "x'&ltscript&gt{window.pwned=1}&lt/script&gt@example.com";

    @TempDir
    static Path browserHome;

    private static ChromeDriver browser;

    @TempDir
    Path mailDir;

    private final List<DemoServer> running = new ArrayList<>();

    @BeforeAll
    static void startBrowser() {
        if (ChromiumBrowser.skippedHere()) {
            System.err.println("*** SKIPPED: " + ChromiumBrowser.MISSING_MESSAGE + " ***");
            return; // every test is reported as skipped by ChromiumRequired
        }
        browser = ChromiumBrowser.start(browserHome.resolve("profile"), Path.of("target", "chromedriver.log"));
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void stopDemos() {
        running.forEach(DemoServer::close);
    }

    @Test
    void claimLinkWhenOpenedInChromiumThenCodeIsMintedOnClickAndCompletesTheClaim() {
        Demo demo = startDemo(config -> {});
        Agent agent = demo.anonymousAgent();
        assertThat(demo.postNote(agent.key())).isEqualTo(403);
        String registrationId = demo.startClaim(agent.claimToken(), "carol@example.com");
        String link = demo.mailbox().lastLinkAbout(registrationId);
        assertThat(link).startsWith(demo.base() + "/agent/auth/claim/view?token=cvt_");

        browser.get(link);

        assertThat(navigationStatus()).isEqualTo(200);
        assertThat(text(By.tagName("h1"))).isEqualTo("Confirm an AI agent");
        assertThat(text(By.cssSelector("p > strong"))).isEqualTo(DEMO_NAME);
        assertThat(text(By.id("email"))).isEqualTo("carol@example.com");
        assertThat(text(By.id("otp"))).isEmpty();
        // the page is showing and no code exists yet: GET minted nothing
        assertError(demo.complete(agent.claimToken(), "000000"), ProtocolError.OTP_NOT_GENERATED);

        browser.findElement(By.id("show")).click();
        String otp = waitFor(b -> {
            String shown = b.findElement(By.id("otp")).getText();
            return shown.matches("\\d{6}") ? shown : null;
        });
        assertThat(text(By.id("show"))).isEqualTo("Show a new code");
        assertThat(text(By.id("status"))).startsWith("Give this code to your agent.");

        HttpResponse<String> completed = demo.complete(agent.claimToken(), otp);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        JsonNode body = json(completed);
        assertThat(body.get("status").asText()).isEqualTo("claimed");
        assertThat(body.get("registration_id").asText()).isEqualTo(registrationId);
        assertThat(demo.postNote(agent.key())).isEqualTo(201);

        browser.get(link);
        assertThat(navigationStatus()).isEqualTo(409);
        assertThat(text(By.tagName("h1"))).isEqualTo("Already confirmed");
    }

    @Test
    void claimLinkWhenSupersededBySecondEmailThenPageSaysSoWith410() {
        Demo demo = startDemo(config -> {});
        Agent agent = demo.anonymousAgent();
        String registrationId = demo.startClaim(agent.claimToken(), "carol@example.com");
        String first = demo.mailbox().lastLinkAbout(registrationId);
        browser.get(first);
        assertThat(text(By.id("email"))).isEqualTo("carol@example.com");

        demo.startClaim(agent.claimToken(), "dave@example.com");
        String second = demo.mailbox().lastLinkAbout(registrationId);
        assertThat(demo.mailbox().emailsAbout(registrationId)).hasSize(2);
        assertThat(second).isNotEqualTo(first);

        // the page that was already open can no longer mint
        browser.findElement(By.id("show")).click();
        waitFor(b -> b.findElement(By.id("status")).getText().equals(ProtocolError.CLAIM_SUPERSEDED.description()));
        assertThat(text(By.id("otp"))).isEmpty();

        browser.get(first);
        assertThat(navigationStatus()).isEqualTo(410);
        assertThat(text(By.tagName("h1"))).isEqualTo("Link no longer valid");
        assertThat(browser.findElements(By.id("show"))).isEmpty();

        browser.get(second);
        assertThat(navigationStatus()).isEqualTo(200);
        assertThat(text(By.id("email"))).isEqualTo("dave@example.com");
    }

    @Test
    void claimLinkWhenPastItsLifetimeThenPageSaysExpiredWith410() {
        MutableClock clock = new MutableClock(Instant.now());
        Duration linkLifetime = Duration.ofMinutes(30);
        Demo demo = startDemo(clock, config -> config.claimLinkTtl(linkLifetime));
        Agent agent = demo.anonymousAgent();
        String registrationId = demo.startClaim(agent.claimToken(), "carol@example.com");
        String link = demo.mailbox().lastLinkAbout(registrationId);
        browser.get(link);
        assertThat(navigationStatus()).isEqualTo(200);

        clock.advance(linkLifetime);

        // the page that was already open can no longer mint
        browser.findElement(By.id("show")).click();
        waitFor(b -> b.findElement(By.id("status")).getText().equals(ProtocolError.CLAIM_EXPIRED.description()));
        assertThat(text(By.id("otp"))).isEmpty();

        browser.get(link);
        assertThat(navigationStatus()).isEqualTo(410);
        assertThat(text(By.tagName("h1"))).isEqualTo("Link expired");
        assertThat(text(By.cssSelector("h1 + p"))).contains("This confirmation link has expired.");
        assertThat(browser.findElements(By.id("show"))).isEmpty();
        assertError(demo.complete(agent.claimToken(), "000000"), ProtocolError.OTP_NOT_GENERATED);
    }

    @Test
    void claimPageWhenNameAndEmailCarryMarkupThenShownAsTextAndNothingRuns() {
        Demo demo = startDemo(config -> config.resourceName(HOSTILE_NAME));
        Agent agent = demo.anonymousAgent();
        String registrationId = demo.startClaim(agent.claimToken(), HOSTILE_EMAIL);

        browser.get(demo.mailbox().lastLinkAbout(registrationId));

        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(script("return typeof window.pwned;")).isEqualTo("undefined");
        assertThat(browser.getTitle()).isEqualTo("Confirm an AI agent · " + HOSTILE_NAME);
        assertThat(text(By.cssSelector("p > strong"))).isEqualTo(HOSTILE_NAME);
        assertThat(text(By.id("email"))).isEqualTo(HOSTILE_EMAIL);
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThat(script("return Array.from(document.scripts).map(s => s.id).join(',');"))
                .isEqualTo("claim");

        // the page still works under hostile text
        browser.findElement(By.id("show")).click();
        waitFor(b -> b.findElement(By.id("otp")).getText().matches("\\d{6}"));
        assertThat(script("return typeof window.pwned;")).isEqualTo("undefined");
    }

    @Test
    void claimPageWhenInlineScriptLacksTheNonceThenCspBlocksIt() {
        Demo demo = startDemo(config -> config.resourceName(HOSTILE_NAME));
        Agent agent = demo.anonymousAgent();
        String link = demo.mailbox().lastLinkAbout(demo.startClaim(agent.claimToken(), "carol@example.com"));

        HttpResponse<String> page =
                demo.send(HttpRequest.newBuilder(URI.create(link)).GET());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .containsPattern("(^|; )default-src 'none'(;|$)")
                .containsPattern("(^|; )script-src 'nonce-[A-Za-z0-9+/]+={0,2}'(;|$)")
                .doesNotContain("unsafe-inline", "unsafe-eval", "strict-dynamic");

        browser.get(link);
        script("""
                window.violations = [];
                document.addEventListener('securitypolicyviolation', e => window.violations.push(e.effectiveDirective));
                var injected = document.createElement('script');
                injected.textContent = 'window.withoutNonce = 1';
                document.body.appendChild(injected);
                var control = document.createElement('script');
                control.nonce = document.getElementById('claim').nonce;
                control.textContent = 'window.withNonce = 1';
                document.body.appendChild(control);
                """);

        waitFor(b -> ((Number) script("return window.violations.length;")).intValue() > 0);
        assertThat(script("return window.violations.join(',');")).isEqualTo("script-src-elem");
        assertThat(script("return typeof window.withoutNonce;")).isEqualTo("undefined");
        // the probe itself works: the same script with the page's nonce runs
        assertThat(script("return window.withNonce;")).isEqualTo(1L);
    }

    private Demo startDemo(Consumer<AgentAuthConfig.Builder> overrides) {
        return startDemo(new MutableClock(Instant.now()), overrides);
    }

    private Demo startDemo(MutableClock clock, Consumer<AgentAuthConfig.Builder> overrides) {
        try {
            DemoServer server = DemoServer.start(
                    DemoOptions.parse(new String[] {"--port", "0", "--mail-dir", mailDir.toString()}, Map.of()),
                    clock,
                    overrides);
            running.add(server);
            return new Demo("http://localhost:" + server.port(), new Mailbox(mailDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(By locator) {
        return browser.findElement(locator).getText();
    }

    private static Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    /** The HTTP status of the page the browser shows, as the browser itself received it. */
    private static long navigationStatus() {
        return (Long) script("return performance.getEntriesByType('navigation')[0].responseStatus;");
    }

    private static <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, ChromiumBrowser.WAIT).until(condition);
    }

    private static void assertError(HttpResponse<String> response, ProtocolError error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(error.httpStatus());
        assertThat(json(response).get("error").asText()).isEqualTo(error.code());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Agent(String key, String claimToken) {}

    /** The demo over real HTTP, as an agent sees it. */
    private record Demo(String base, Mailbox mailbox) {

        Agent anonymousAgent() {
            JsonNode body = post("/agent/auth", JSON.createObjectNode().put("type", "anonymous"));
            return new Agent(
                    body.get("credential").asText(), body.get("claim_token").asText());
        }

        String startClaim(String claimToken, String email) {
            JsonNode body = post(
                    "/agent/auth/claim",
                    JSON.createObjectNode().put("claim_token", claimToken).put("email", email));
            assertThat(body.get("status").asText()).isEqualTo("initiated");
            return body.get("registration_id").asText();
        }

        HttpResponse<String> complete(String claimToken, String otp) {
            return send(jsonPost(
                    "/agent/auth/claim/complete",
                    JSON.createObjectNode().put("claim_token", claimToken).put("otp", otp)));
        }

        int postNote(String key) {
            return send(HttpRequest.newBuilder(URI.create(base + "/api/notes"))
                            .header("Authorization", "Bearer " + key)
                            .POST(HttpRequest.BodyPublishers.noBody()))
                    .statusCode();
        }

        private JsonNode post(String path, ObjectNode body) {
            HttpResponse<String> response = send(jsonPost(path, body));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json(response);
        }

        private HttpRequest.Builder jsonPost(String path, ObjectNode body) {
            return HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        }

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
