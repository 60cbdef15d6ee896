package dev.authmd.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The current profile's claim page (docs/protocol.md, current profile §7) in headless Chromium: the agent registers
 * with {@code service_auth}, the person opens {@code verification_uri}, signs in through the demo's development login,
 * confirms, and reads the code that the agent then completes the claim with; another account gets no code; Deny answers
 * {@code claim_denied}; the page refuses framing; a hostile service name is shown as text.
 */
@ExtendWith(ChromiumRequired.class)
class IdentityClaimPageBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final Pattern SIGN_IN_LINK =
            Pattern.compile("https?://\\S+/dev/sign-in/link\\?code=[A-Za-z0-9_%.~-]+");
    private static final String HOSTILE_NAME = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";

    @TempDir
    static Path browserHome;

    private static ChromeDriver browser;

    @TempDir
    Path mailDir;

    private DemoServer server;
    private String base;

    @BeforeAll
    static void startBrowser() {
        if (ChromiumBrowser.skippedHere()) {
            System.err.println("*** SKIPPED: " + ChromiumBrowser.MISSING_MESSAGE + " ***");
            return;
        }
        browser = ChromiumBrowser.start(
                browserHome.resolve("profile-identity"), Path.of("target", "chromedriver-id.log"));
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void startDemo() throws IOException {
        server = DemoServer.start(
                DemoOptions.parse(new String[] {"--port", "0", "--mail-dir", mailDir.toString()}, Map.of()),
                new MutableClock(Instant.now()),
                config -> config.resourceName(HOSTILE_NAME));
        base = "http://localhost:" + server.port();
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void stopDemo() {
        server.close();
    }

    @Test
    void claimWhenUserSignsInAndConfirmsInChromiumThenTheAgentCompletesWithTheCode() {
        JsonNode registration = serviceAuth("dana@example.com");
        String page = registration.at("/claim/attempt/verification_uri").asText();

        signIn(page, "dana@example.com");

        assertThat(browser.getCurrentUrl()).isEqualTo(page);
        assertThat(text(By.tagName("h1"))).isEqualTo("Connect an AI agent");
        assertThat(text(By.id("email"))).isEqualTo("dana@example.com");
        assertThat(browser.getPageSource()).contains("&lt;script&gt;window.pwned=1");
        assertThat(script("return typeof window.pwned;")).isEqualTo("undefined");
        browser.findElement(By.id("confirm")).click();
        String code = waitFor(b -> {
            var shown = b.findElements(By.id("code"));
            return shown.isEmpty() ? null : shown.get(0).getText();
        });
        assertThat(code).matches("\\d{3}-\\d{3}");

        HttpResponse<String> done = post(
                "/agent/identity/claim/complete",
                "{\"claim_token\":\"" + registration.at("/claim/token").asText() + "\",\"user_code\":\"" + code
                        + "\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(json(done).get("status").asText()).isEqualTo("claimed");
        assertThat(json(done).at("/identity/refresh_token/value").asText()).startsWith("art_");
    }

    @Test
    void claimWhenSignedInAsAnotherAccountThenNoCodeAndWhenDeniedThenClaimDenied() {
        JsonNode forErin = serviceAuth("erin@example.com");
        JsonNode forDana = serviceAuth("dana@example.com");
        signIn(forDana.at("/claim/attempt/verification_uri").asText(), "dana@example.com");

        browser.get(forErin.at("/claim/attempt/verification_uri").asText());
        assertThat(text(By.tagName("h1"))).isEqualTo("Wrong account");
        assertThat(browser.findElements(By.id("code"))).isEmpty();
        assertThat(browser.findElements(By.id("confirm"))).isEmpty();

        browser.get(forDana.at("/claim/attempt/verification_uri").asText());
        browser.findElement(By.id("deny")).click();
        waitFor(b -> b.getPageSource().contains("Request denied") ? Boolean.TRUE : null);
        HttpResponse<String> denied = post(
                "/agent/identity/claim/complete",
                "{\"claim_token\":\"" + forDana.at("/claim/token").asText() + "\",\"user_code\":\"123-456\"}");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).get("error").asText()).isEqualTo("claim_denied");
    }

    @Test
    void pageWhenFramedThenChromiumRefusesToRenderIt() {
        JsonNode registration = serviceAuth("dana@example.com");
        String page = registration.at("/claim/attempt/verification_uri").asText();
        HttpResponse<String> unusable = get(base + "/agent/identity/claim/view?token=att_unknown");
        assertThat(unusable.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("frame-ancestors 'none'");
        // signed in, the page would show its form to a same-origin frame if framing were allowed
        signIn(page, "dana@example.com");
        assertThat(text(By.tagName("h1"))).isEqualTo("Connect an AI agent");

        browser.get(base + "/");
        script(
                "var f=document.createElement('iframe');f.id='victim';"
                        + "f.onload=function(){window.victimLoaded=true};f.src=arguments[0];"
                        + "document.body.appendChild(f);",
                page);
        waitFor(b -> Boolean.TRUE.equals(script("return window.victimLoaded === true;")) ? Boolean.TRUE : null);
        // a refused frame is an error page Chromium keeps cross-origin-isolated: its document is never the claim page
        Object framed = script("try { var d=document.getElementById('victim').contentDocument;"
                + " return d && d.body ? d.body.innerHTML : 'blocked'; } catch (e) { return 'blocked'; }");
        assertThat(String.valueOf(framed)).doesNotContain("Connect an AI agent");
    }

    private JsonNode serviceAuth(String email) {
        HttpResponse<String> response =
                post("/agent/identity", "{\"type\":\"service_auth\",\"login_hint\":\"" + email + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** Opens the page, is sent to the development login, asks for a link, opens it from the mail directory. */
    private void signIn(String page, String email) {
        browser.get(page);
        waitFor(b -> b.findElements(By.id("email")).isEmpty() ? null : Boolean.TRUE);
        assertThat(browser.getCurrentUrl()).startsWith(base + "/dev/sign-in");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("send")).click();
        waitFor(b -> b.getPageSource().contains("Check the mail") ? Boolean.TRUE : null);
        browser.get(latestSignInLink());
    }

    private String latestSignInLink() {
        try (Stream<Path> files = Files.list(mailDir)) {
            Path newest = files.filter(p -> p.getFileName().toString().endsWith("-dev-sign-in.eml"))
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .orElseThrow(() -> new AssertionError("no sign-in email in " + mailDir));
            Matcher m = SIGN_IN_LINK.matcher(Mailbox.textOf(Mailbox.read(newest)));
            assertThat(m.find()).as("a sign-in link").isTrue();
            return m.group();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(By locator) {
        return browser.findElement(locator).getText();
    }

    private static Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    private static <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, ChromiumBrowser.WAIT).until(condition);
    }

    private HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String uri) {
        return send(HttpRequest.newBuilder(URI.create(uri)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(
                    request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
