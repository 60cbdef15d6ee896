package dev.authmd.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.authmd.adapters.jdkhttp.JdkHttp;
import dev.authmd.client.ClaimPrompt;
import dev.authmd.client.ServiceProfile;
import dev.authmd.conformance.AuthMdConformance;
import dev.authmd.conformance.CheckResult;
import dev.authmd.conformance.CheckStatus;
import dev.authmd.conformance.ConformanceReport;
import dev.authmd.examples.e2e.ClaimInbox;
import dev.authmd.examples.e2e.DemoPerson;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit against the demo with every check running (its provider trusted, its development sign-in and mail
 * directory playing the person: nothing skipped), and against broken variants of it: each breaks one thing and exactly
 * the checks of that thing fail.
 */
class DemoConformanceTest {

    private static final String PERSON = "conformance@example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The demo behind a plain JDK server, every answer passed through {@code breaker} first. */
    private static final class Demo implements AutoCloseable {
        final HttpServer server;
        final DemoService demo;
        final URI base;
        final Path mail;

        Demo(Path mail, BiFunction<HttpRequest, HttpResponse, HttpResponse> breaker) {
            this.mail = mail;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            base = URI.create("http://localhost:" + server.getAddress().getPort());
            demo = DemoService.create(
                    DemoOptions.parse(new String[] {"--mail-dir", mail.toString(), "--rate-limits", "off"}, Map.of()),
                    base,
                    Clock.systemUTC());
            server.createContext(
                    "/", JdkHttp.handler(request -> breaker.apply(request, demo.handle(request)), 64 * 1024));
            server.start();
        }

        AuthMdConformance.Builder kit() {
            DemoPerson person = new DemoPerson(base, ClaimInbox.mailDirectory(mail));
            HttpClient http = HttpClient.newHttpClient();
            return AuthMdConformance.forService(base)
                    .allowHttpFor("localhost")
                    .protectedUrl(base.resolve("/api/me"))
                    .userEmail(PERSON)
                    .assertionSource(request -> mint(http))
                    .claimPrompt(new ClaimPrompt() {
                        @Override
                        public Optional<String> codeFromEmail(EmailStep step) {
                            try {
                                return Optional.of(person.emailedCode(step.registrationId()));
                            } catch (IOException | InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        }

                        @Override
                        public Optional<String> codeFromPage(PageStep step) {
                            try {
                                return Optional.of(person.pageCode(PERSON, step.verificationUri()));
                            } catch (IOException | InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    })
                    .providerRevocation(profile -> {
                        var answer = http.send(
                                java.net.http.HttpRequest.newBuilder(base.resolve(
                                                profile == ServiceProfile.V0_1
                                                        ? "/demo/provider/logout"
                                                        : "/demo/provider/security-event"))
                                        .header("Content-Type", "application/json")
                                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                                "{\"email\":\"" + PERSON + "\"}"))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException("the demo provider answered " + answer.body());
                        }
                    });
        }

        /** What the demo provider mints for the person: a fresh ID-JAG each call. */
        private String mint(HttpClient http) {
            try {
                var minted = http.send(
                        java.net.http.HttpRequest.newBuilder(base.resolve("/demo/provider/id-jag"))
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "{\"email\":\"" + PERSON + "\"}"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                return JSON.readTree(minted.body()).path("assertion").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            demo.close();
        }
    }

    private static List<String> failed(ConformanceReport report) {
        return report.results().stream()
                .filter(r -> r.status() == CheckStatus.FAILED)
                .map(CheckResult::id)
                .toList();
    }

    @TestFactory
    Stream<DynamicNode> demoWhenCheckedThenEveryCheckRuns(@TempDir Path mail) {
        Demo demo = new Demo(mail, (request, response) -> response);
        return demo.kit().dynamicTests().onClose(demo::close);
    }

    @Test
    void demoWhenCheckedThenEveryCheckPassesAndNoneIsSkipped(@TempDir Path mail) {
        try (Demo demo = new Demo(mail, (request, response) -> response)) {
            ConformanceReport report = demo.kit().run();

            assertThat(report.count(CheckStatus.FAILED)).as(report.text()).isZero();
            assertThat(report.count(CheckStatus.SKIPPED)).as(report.text()).isZero();
            assertThat(report.profiles()).isEqualTo("v0.1 + current");
            assertThat(report.count(CheckStatus.PASSED))
                    .isEqualTo(report.results().size());
        }
    }

    private static HttpResponse copy(
            HttpResponse response, String dropHeader, Map<String, String> setHeaders, String body) {
        HttpResponse.Builder builder = HttpResponse.builder(response.status());
        response.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(dropHeader) && !setHeaders.containsKey(name)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        setHeaders.forEach(builder::setHeader);
        return builder.body(body != null ? body.getBytes(java.nio.charset.StandardCharsets.UTF_8) : response.body())
                .build();
    }

    @Test
    void brokenWhenAuthMdIsServedAsPlainTextThenOnlyThatCheckFails(@TempDir Path mail) {
        try (Demo demo = new Demo(
                mail,
                (request, response) -> request.path().equals("/auth.md")
                        ? copy(response, "Content-Type", Map.of("Content-Type", "text/plain; charset=utf-8"), null)
                        : response)) {
            ConformanceReport report = demo.kit().run();

            assertThat(failed(report)).as(report.text()).containsExactly("authmd.served");
        }
    }

    @Test
    void brokenWhenTheChallengeNamesNoMetadataThenTheChallengeChecksFail(@TempDir Path mail) {
        try (Demo demo = new Demo(
                mail,
                (request, response) -> response.status() == 401
                                && request.path().startsWith("/api/")
                        ? copy(response, "WWW-Authenticate", Map.of("WWW-Authenticate", "Bearer realm=\"api\""), null)
                        : response)) {
            ConformanceReport report = demo.kit().run();

            assertThat(failed(report))
                    .as(report.text())
                    .containsExactly("discovery.challenge", "discovery.invalid-token");
        }
    }

    @Test
    void brokenWhenErrorsAreCacheableThenTheErrorChecksFail(@TempDir Path mail) {
        try (Demo demo = new Demo(
                mail,
                (request, response) -> response.status() >= 400
                                && response.status() != 401
                                && request.path().startsWith("/agent/")
                        ? copy(response, "Cache-Control", Map.of(), null)
                        : response)) {
            ConformanceReport report = demo.kit().run();

            assertThat(failed(report))
                    .as(report.text())
                    .containsExactlyInAnyOrder("errors.v0.1.garbage-body", "errors.current.garbage-body");
        }
    }

    @Test
    void brokenWhenTheIssuerGainsATrailingSlashThenTheIssuerCheckFailsButAgentsCope(@TempDir Path mail) {
        try (Demo demo = new Demo(
                mail,
                (request, response) -> request.path().startsWith("/.well-known/oauth-authorization-server")
                        ? copy(
                                response,
                                "",
                                Map.of(),
                                response.bodyAsString()
                                        .replaceFirst("\"issuer\"\\s*:\\s*\"([^\"]*)\"", "\"issuer\":\"$1/\""))
                        : response)) {
            ConformanceReport report = demo.kit().run();

            assertThat(failed(report)).as(report.text()).containsExactly("discovery.issuer");
        }
    }

    @Test
    void brokenWhenTheTokenEndpointFailsWithA500ThenItsChecksAndNever5xxFail(@TempDir Path mail) {
        try (Demo demo = new Demo(
                mail,
                (request, response) -> request.path().equals("/oauth2/token")
                                && new String(request.body(), java.nio.charset.StandardCharsets.UTF_8)
                                        .contains("assertion=x.y.z")
                        ? HttpResponse.builder(500)
                                .body("{\"error\":\"server_error\"}", "application/json")
                                .build()
                        : response)) {
            ConformanceReport report = demo.kit().run();

            assertThat(failed(report)).as(report.text()).containsExactly("errors.token-endpoint", "errors.never-5xx");
        }
    }
}
