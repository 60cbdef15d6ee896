package dev.authmd.protocol.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the {@code WWW-Authenticate} parser an agent runs on every 401. Contract: {@code parseAll} never throws on a
 * non-null value, finds no more challenges than the value has characters, and what it finds writes back to a value that
 * parses to the same challenge.
 */
class ChallengeFuzzTest {

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void parseAllFindsWellFormedChallengesOnly(byte[] input) {
        String header = new String(input, StandardCharsets.UTF_8);

        List<BearerChallenge> bearers = BearerChallenge.parseAll(header);
        List<AgentAuthChallenge> agentAuths = AgentAuthChallenge.parseAll(header);

        assertThat(bearers.size() + agentAuths.size()).isLessThanOrEqualTo(header.length());
        for (BearerChallenge bearer : bearers) {
            String written = bearer.toHeaderValue();
            assertThat(written.length()).isLessThanOrEqualTo(2 * header.length() + 16);
            assertThat(BearerChallenge.parseAll(written)).containsExactly(bearer);
        }
        for (AgentAuthChallenge agentAuth : agentAuths) {
            String written = agentAuth.toHeaderValue();
            assertThat(written.length()).isLessThanOrEqualTo(2 * header.length() + 16);
            assertThat(AgentAuthChallenge.parseAll(written)).containsExactly(agentAuth);
        }
        BearerChallenge.parse(header).ifPresent(first -> assertThat(bearers).startsWith(first));
    }
}
