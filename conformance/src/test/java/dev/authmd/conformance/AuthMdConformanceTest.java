package dev.authmd.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The kit's own behaviour: a dead service fails discovery and skips the rest; reports and dynamic tests say so. */
class AuthMdConformanceTest {

    private static URI deadService() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://localhost:" + socket.getLocalPort());
        }
    }

    @Test
    void runWhenNothingAnswersThenDiscoveryFailsAndEveryLaterCheckIsSkippedWithItsReason() throws Exception {
        ConformanceReport report = AuthMdConformance.forService(deadService())
                .allowHttpFor("localhost")
                .timeout(Duration.ofSeconds(2))
                .run();

        assertThat(report.results().get(0)).satisfies(prm -> {
            assertThat(prm.id()).isEqualTo("discovery.prm");
            assertThat(prm.status()).isEqualTo(CheckStatus.FAILED);
            assertThat(prm.detail()).contains("ConnectException");
        });
        assertThat(report.results())
                .filteredOn(r -> r.status() == CheckStatus.SKIPPED)
                .allSatisfy(r -> assertThat(r.detail()).isNotBlank());
        assertThat(report.count(CheckStatus.FAILED)).isEqualTo(2); // the metadata, and the challenge probe
        assertThat(report.count(CheckStatus.PASSED)).isEqualTo(1); // nothing answered 5xx
        assertThat(report.passed()).isFalse();
        assertThat(report.profiles()).isEqualTo("none");
        assertThat(report.skippedAdvertisedMethods()).isEmpty();
    }

    @Test
    void reportWhenRenderedThenTextAndJsonCarryEveryCheck() throws Exception {
        ConformanceReport report = new ConformanceReport(
                URI.create("https://api.example.com"),
                "v0.1",
                List.of(
                        new CheckResult("a.one", "a", "v0.1 §2", "First", CheckStatus.PASSED, "saw 200", ""),
                        new CheckResult("a.two", "a", "v0.1 §3", "Second", CheckStatus.FAILED, "saw 500", ""),
                        new CheckResult(
                                "b.three", "b", "v0.1 §3a", "Third", CheckStatus.SKIPPED, "no provider", "id_jag")));

        assertThat(report.text())
                .contains("auth.md conformance of https://api.example.com (v0.1)")
                .contains("  pass  v0.1 §2", "  FAIL  v0.1 §3", "  skip  v0.1 §3a")
                .contains("saw 500", "no provider")
                .endsWith("1 passed, 1 failed, 1 skipped\n");
        JsonNode json = new ObjectMapper().readTree(report.json());
        assertThat(json.path("failed").asInt()).isEqualTo(1);
        assertThat(json.path("checks")).hasSize(3);
        assertThat(json.path("checks").get(2).path("method").asText()).isEqualTo("id_jag");
        assertThat(report.skippedAdvertisedMethods())
                .extracting(CheckResult::id)
                .containsExactly("b.three");
    }

    @Test
    void dynamicTestsWhenRunThenFailuresFailAndSkipsAbort() throws Exception {
        Stream<DynamicNode> nodes = AuthMdConformance.forService(deadService())
                .allowHttpFor("localhost")
                .timeout(Duration.ofSeconds(2))
                .dynamicTests();

        List<Throwable> outcomes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        nodes.forEach(node -> ((DynamicContainer) node).getChildren().forEach(child -> {
            DynamicTest test = (DynamicTest) child;
            names.add(node.getDisplayName() + "/" + test.getDisplayName());
            try {
                test.getExecutable().execute();
                outcomes.add(null);
            } catch (Throwable t) {
                outcomes.add(t);
            }
        }));

        assertThat(names.get(0))
                .isEqualTo("discovery/v0.1 §2.2 — Protected resource metadata is served at the"
                        + " RFC 9728 location and names this resource");
        assertThat(outcomes.get(0)).isInstanceOf(AssertionFailedError.class).hasMessageStartingWith("discovery.prm: ");
        assertThat(outcomes).filteredOn(t -> t instanceof TestAbortedException).isNotEmpty();
        assertThat(outcomes).filteredOn(t -> t == null).hasSize(1);
    }

    @Test
    void builderWhenGivenGarbageThenSaysWhat() {
        assertThatNullPointerException().isThrownBy(() -> AuthMdConformance.forService(null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuthMdConformance.forService(URI.create("/relative")))
                .withMessage("baseUrl must be an absolute URL: /relative");
        AuthMdConformance.Builder builder = AuthMdConformance.forService(URI.create("https://api.example.com"));
        assertThatIllegalArgumentException().isThrownBy(() -> builder.userEmail("nobody"));
        assertThatIllegalArgumentException().isThrownBy(() -> builder.timeout(Duration.ZERO));
        assertThatNullPointerException().isThrownBy(() -> builder.assertionSource(null));
        assertThatNullPointerException().isThrownBy(() -> builder.claimPrompt(null));
        assertThatNullPointerException().isThrownBy(() -> builder.providerRevocation(null));
        assertThatThrownBy(() -> builder.protectedUrl(null)).isInstanceOf(NullPointerException.class);
    }
}
