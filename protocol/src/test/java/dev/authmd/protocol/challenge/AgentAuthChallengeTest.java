package dev.authmd.protocol.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The current profile's {@code AgentAuth} challenge (§3): written safely, read tolerantly. */
class AgentAuthChallengeTest {

    @Test
    void loginRequiredWhenWrittenThenTheShapeOfSection3() {
        assertThat(AgentAuthChallenge.loginRequired(3600, "auth_time too old", null)
                        .toHeaderValue())
                .isEqualTo(
                        "AgentAuth error=\"login_required\", max_age=\"3600\", error_description=\"auth_time too old\"");
        assertThat(AgentAuthChallenge.loginRequired(300, "need mfa", "loa2 loa3")
                        .toHeaderValue())
                .isEqualTo("AgentAuth error=\"login_required\", max_age=\"300\", acr_values=\"loa2 loa3\","
                        + " error_description=\"need mfa\"");
    }

    @Test
    void interactionRequiredWhenWrittenThenTheShapeOfSection3() {
        assertThat(AgentAuthChallenge.interactionRequired("Confirm at verification_uri")
                        .toHeaderValue())
                .isEqualTo(
                        "AgentAuth error=\"interaction_required\", error_description=\"Confirm at verification_uri\"");
    }

    @Test
    void toHeaderValueWhenTextIsHostileThenQuotesEscapedAndNonPrintableRemoved() {
        String value = AgentAuthChallenge.loginRequired(60, "a\"b\\c\r\nSet-Cookie: x=1\u00e9\u2603", null)
                .toHeaderValue();

        assertThat(value)
                .isEqualTo(
                        "AgentAuth error=\"login_required\", max_age=\"60\", error_description=\"a\\\"b\\\\cSet-Cookie: x=1\"");
        assertThat(value).doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void parseAllWhenWrittenThenReadBackAmongOtherChallenges() {
        AgentAuthChallenge login = AgentAuthChallenge.loginRequired(3600, "auth_time too old", "loa2");
        String header = "Bearer resource_metadata=\"https://api.example/.well-known/oauth-protected-resource\", "
                + login.toHeaderValue();

        assertThat(AgentAuthChallenge.parseAll(header)).containsExactly(login);
        AgentAuthChallenge read =
                AgentAuthChallenge.parseAll(login.toHeaderValue()).get(0);
        assertThat(read.error()).isEqualTo("login_required");
        assertThat(read.maxAge()).contains(3600L);
        assertThat(read.acrValues()).contains("loa2");
        assertThat(read.errorDescription()).contains("auth_time too old");
    }

    @Test
    void parseAllWhenGarbageThenNothingAndNeverAnException() {
        assertThat(AgentAuthChallenge.parseAll("")).isEmpty();
        assertThat(AgentAuthChallenge.parseAll("AgentAuth")).isEmpty();
        assertThat(AgentAuthChallenge.parseAll("AgentAuth error=")).isEmpty();
        assertThat(AgentAuthChallenge.parseAll("AgentAuth error=\"\"")).isEmpty();
        assertThat(AgentAuthChallenge.parseAll("AgentAuth abc==")).isEmpty();
        assertThat(AgentAuthChallenge.parseAll("AgentAuth error=\"x\", error=\"y\""))
                .isEmpty();
        assertThat(AgentAuthChallenge.parseAll("AgentAuth error=\"login_required\", max_age=\"soon\""))
                .isEmpty();
        assertThat(AgentAuthChallenge.parseAll("AgentAuth error=\"login_required\", max_age=\"-5\""))
                .isEmpty();
        assertThat(AgentAuthChallenge.parseAll("AgentAuth error=\"login_required\", max_age=\"99999999999999999999\""))
                .isEmpty();
        assertThat(AgentAuthChallenge.parseAll("Bearer error=\"login_required\""))
                .isEmpty();
        assertThat(AgentAuthChallenge.parseAll("AgentAuth error=\"x\"" + ",".repeat(9000)))
                .isEmpty();
        assertThat(AgentAuthChallenge.parseAll("agentauth error=login_required"))
                .singleElement()
                .extracting(AgentAuthChallenge::error)
                .isEqualTo("login_required");
    }

    @Test
    void factoriesWhenArgumentsBadThenRefused() {
        assertThatThrownBy(() -> AgentAuthChallenge.loginRequired(-1, "x", null))
                .hasMessage("max_age cannot be negative");
        assertThatThrownBy(() -> AgentAuthChallenge.interactionRequired(null)).hasMessage("description cannot be null");
        assertThatThrownBy(() -> AgentAuthChallenge.parseAll(null)).hasMessage("header cannot be null");
    }
}
