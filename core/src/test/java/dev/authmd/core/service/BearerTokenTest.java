package dev.authmd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code Authorization: Bearer} reader at its edges (RFC 6750 §2.1 b64token, the length bound). */
class BearerTokenTest {

    /** The longest header read: a 4096-character token and 16 characters for the scheme and spaces. */
    private static final int LONGEST_HEADER = 4096 + 16;

    @Test
    void bearerTokenWhenTheHeaderIsExactlyTheLongestReadThenTheTokenAndOneLongerThenNothing() {
        String atLimit = "Bearer " + "a".repeat(LONGEST_HEADER - "Bearer ".length());

        assertThat(CredentialAuthority.bearerToken(atLimit)).contains(atLimit.substring(7));
        assertThat(CredentialAuthority.bearerToken(atLimit + "a")).isEmpty();
    }

    @Test
    void bearerTokenWhenSchemeCaseOrSpacingVariesThenTheSameToken() {
        assertThat(CredentialAuthority.bearerToken("bearer sk_abc")).contains("sk_abc");
        assertThat(CredentialAuthority.bearerToken("  BEARER   sk_abc==  ")).contains("sk_abc==");
    }

    @Test
    void bearerTokenWhenNotBearerOrNotAB64tokenThenNothing() {
        assertThat(CredentialAuthority.bearerToken(null)).isEmpty();
        assertThat(CredentialAuthority.bearerToken("Bearer")).isEmpty();
        assertThat(CredentialAuthority.bearerToken("Basic sk_abc")).isEmpty();
        assertThat(CredentialAuthority.bearerToken("Bearers sk_abc")).isEmpty();
        assertThat(CredentialAuthority.bearerToken("Bearer sk abc")).isEmpty();
        assertThat(CredentialAuthority.bearerToken("Bearer =abc")).isEmpty();
        assertThat(CredentialAuthority.bearerToken("Bearer sk_\"abc")).isEmpty();
    }
}
