package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.spi.store.CredentialType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/observability.md shows the Prometheus scrape of a scripted run; names, tags and counts must match a real one.
 *
 * <pre>
 * mvn -B -o -pl core test -Dtest=ObservabilityDocTest -Dauthmd.updateDocs=true
 * </pre>
 */
class ObservabilityDocTest {

    private static final Path DOC = Path.of("..", "docs", "observability.md");
    private static final String BEGIN = "<!-- scrape:begin -->\n";
    private static final String END = "<!-- scrape:end -->";

    @Test
    void observabilityPageWhenComparedWithARealScrapeThenShowsTheSameMeters() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServiceFixture f = ServiceFixture.builder().meterRegistry(registry).build();
        RegistrationResult anonymous = f.anonymous();
        ok(f.complete(
                anonymous.claim().claimToken(), f.startAndMint(anonymous.claim().claimToken(), "ada@example.com")));
        ok(f.registerIdJag(f.idJag().subject("user-9").email("bob@example.com").mint(), CredentialType.API_KEY));
        f.registerIdJag("x.y.z", null);
        ok(f.service.revoke(f.ctx(), f.logout("user-9").mint()));
        IdentityResult identity =
                f.service.identity(f.ctx(), new IdentityRequest.Anonymous()).value();
        f.service.exchangeToken(
                f.ctx(), new TokenRequest(identity.identityBlock().orElseThrow().assertion(), null, null));
        f.service.identity(f.ctx(), new IdentityRequest.Refresh("rt_garbage"));

        List<String> scrape = registry.scrape()
                .lines()
                .filter(line -> line.startsWith("authmd_") || line.matches("# (HELP|TYPE) authmd_.*"))
                .sorted()
                .toList();
        String page = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = page.indexOf(BEGIN) + BEGIN.length();
        int end = page.indexOf(END);
        if (Boolean.getBoolean("authmd.updateDocs")) {
            String block = "```text\n" + String.join("\n", scrape) + "\n```\n";
            Files.writeString(DOC, page.substring(0, begin) + block + page.substring(end), StandardCharsets.UTF_8);
            return;
        }
        List<String> shown = page.substring(begin, end)
                .lines()
                .filter(line -> line.startsWith("authmd_") || line.startsWith("# "))
                .toList();

        assertThat(comparable(shown))
                .as("docs/observability.md is stale: run with -Dauthmd.updateDocs=true and review the diff")
                .isEqualTo(comparable(scrape));
    }

    /** Sample lines without the values of timer sums and maxima (durations); everything else exactly. */
    private static List<String> comparable(List<String> lines) {
        return lines.stream()
                .map(line -> line.matches("authmd_\\S*_seconds_(sum|max)\\S* .*")
                        ? line.substring(0, line.lastIndexOf(' '))
                        : line)
                .collect(Collectors.toList());
    }
}
