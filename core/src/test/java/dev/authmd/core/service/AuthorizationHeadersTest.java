package dev.authmd.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.protocol.error.ProtocolError;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Security finding 5: two Authorization headers were accepted (the first won); now they are refused. */
class AuthorizationHeadersTest {

    private final ServiceFixture f = ServiceFixture.builder().build();

    @Test
    void authenticateWhenTwoHeadersThen400InvalidRequestEvenIfTheFirstIsValid() {
        String key = f.anonymous().issuedCredential().orElseThrow().secret();

        AuthenticationResult result =
                f.service.authenticate(f.ctx(), List.of("Bearer " + key, "Bearer " + key), Set.of());

        assertThat(result).isInstanceOfSatisfying(AuthenticationResult.Denied.class, denied -> {
            assertThat(denied.status()).isEqualTo(400);
            assertThat(denied.error()).isEqualTo(ProtocolError.INVALID_REQUEST);
            assertThat(denied.toHttpResponse().header("WWW-Authenticate").orElseThrow())
                    .contains("error=\"invalid_request\"", "resource_metadata=");
        });
        assertThat(f.service
                        .authenticate(f.ctx(), List.of("Bearer " + key), Set.of())
                        .principal())
                .isPresent();
    }

    @Test
    void authenticateWhenNoHeaderThenTheMissingCredentialChallenge() {
        AuthenticationResult result = f.service.authenticate(f.ctx(), List.of(), Set.of());

        assertThat(result).isInstanceOfSatisfying(AuthenticationResult.Denied.class, denied -> {
            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.error()).isNull();
        });
        assertThatNullPointerException()
                .isThrownBy(() -> f.service.authenticate(f.ctx(), (List<String>) null, Set.of()));
    }
}
