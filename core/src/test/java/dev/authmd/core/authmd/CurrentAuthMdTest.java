package dev.authmd.core.authmd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.protocol.authmd.AuthMdDocument;
import dev.authmd.protocol.authmd.AuthMdParser;
import dev.authmd.protocol.error.CurrentProfileError;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.protocol.error.SecurityEventError;
import dev.authmd.spi.store.WireProfile;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The current profile's auth.md: what each combination of profiles renders, and its error tables. */
class CurrentAuthMdTest {

    private static String render(AgentAuthConfig config) {
        return AuthMdRenderer.of(config).render();
    }

    private static AgentAuthConfig.Builder currentOnly() {
        return AuthMdFixtures.bothProfiles().profiles(WireProfile.CURRENT);
    }

    @Test
    void renderWhenOnlyCurrentThenItsStepsAndNoV01Endpoint() {
        AgentAuthConfig config = currentOnly().build();

        String markdown = render(config);

        assertThat(markdown)
                .contains(
                        config.identityEndpoint().toString(),
                        config.tokenEndpoint().toString())
                .contains(
                        config.tokenRevocationEndpoint().toString(),
                        config.eventsEndpoint().toString())
                .doesNotContain(config.registerUri().toString())
                .doesNotContain("For agents written for auth.md v0.1")
                .doesNotContain("register_uri");
    }

    @Test
    void renderWhenOnlyV01ThenExactlyTheV01Document() {
        AgentAuthConfig config = AuthMdFixtures.allMethods().build();

        String markdown = render(config);

        assertThat(markdown)
                .doesNotContain("identity_endpoint")
                .doesNotContain(config.identityEndpoint().toString())
                .startsWith("# Agent access to Example API\n\nThis document tells an AI agent how to get a credential");
    }

    @Test
    void renderWhenBothThenCurrentStepsFirstAndV01StepsOneLevelDown() {
        String markdown = render(AuthMdFixtures.bothProfiles().build());

        int current = markdown.indexOf("## Step 2: Get an identity assertion");
        int v01 = markdown.indexOf("\n## For agents written for auth.md v0.1\n");
        assertThat(current).isPositive();
        assertThat(v01).isGreaterThan(current);
        assertThat(markdown.substring(v01)).contains("\n### Step 3: Register\n", "\n#### Step 3a:");
        assertThat(markdown.lines().filter(l -> l.startsWith("# "))).hasSize(1);
    }

    @Test
    void renderWhenCurrentThenErrorTableListsEveryCurrentCodeOnceAndEveryEventError() {
        String markdown = render(currentOnly().build());

        for (CurrentProfileError e : CurrentProfileError.values()) {
            assertThat(markdown).containsOnlyOnce("| `" + e.code() + "` | " + e.httpStatus() + " |");
        }
        for (SecurityEventError e : SecurityEventError.values()) {
            assertThat(markdown).containsOnlyOnce("| `" + e.code() + "` | " + e.description() + " |");
        }
        assertThat(markdown).doesNotContain("`" + ProtocolError.RATE_LIMITED.code() + "`");
    }

    @Test
    void parseWhenBothRenderedThenErrorCodesOfBothTables() {
        AuthMdDocument doc =
                new AuthMdParser().parse(render(AuthMdFixtures.bothProfiles().build()));

        assertThat(doc.errorCodes())
                .containsAll(Arrays.stream(CurrentProfileError.values())
                        .map(CurrentProfileError::code)
                        .toList())
                .containsAll(Arrays.stream(ProtocolError.values())
                        .map(ProtocolError::code)
                        .toList());
    }

    @Test
    void renderWhenAnonymousOffThenCurrentStepsNeverOfferIt() {
        String markdown = render(currentOnly().anonymousEnabled(false).build());

        String steps = markdown.substring(0, markdown.indexOf("\n## Errors\n")).toLowerCase(Locale.ROOT);
        assertThat(steps).doesNotContain("step 2b", "\"anonymous\"", "pre_claim");
    }

    @Test
    void renderWhenIdJagOffThenCurrentStepsNeverOfferIt() {
        String markdown = render(currentOnly().idJagEnabled(false).build());

        String steps = markdown.substring(0, markdown.indexOf("\n## Errors\n"));
        assertThat(steps).doesNotContain("Step 2a", "login_required", "oauth-id-jag+jwt");
    }

    @Test
    void renderWhenMaxAuthAgeAndLifetimesConfiguredThenDocumentStatesThem() {
        String markdown = render(currentOnly()
                .maxAuthAge(java.time.Duration.ofMinutes(5))
                .refreshTokenTtl(java.time.Duration.ofDays(7))
                .build());

        assertThat(markdown)
                .contains("within the last 300 seconds")
                .contains("max_age=\"300\"")
                .contains("lives 7 days");
    }

    @Test
    void renderWhenCalledTwiceThenSameDocument() {
        List<AgentAuthConfig> configs =
                List.of(currentOnly().build(), AuthMdFixtures.bothProfiles().build());
        for (AgentAuthConfig config : configs) {
            assertThat(render(config)).isEqualTo(render(config)).endsWith("\n").doesNotEndWith("\n\n");
        }
    }
}
