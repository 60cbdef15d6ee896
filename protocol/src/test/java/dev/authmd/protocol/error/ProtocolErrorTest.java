package dev.authmd.protocol.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtocolErrorTest {

    @Test
    void codesWhenListedThenUniqueSnakeCaseAndNeverAnAlias() {
        Set<String> codes = new HashSet<>();
        for (ProtocolError error : ProtocolError.values()) {
            assertThat(error.code()).matches("[a-z_]+");
            assertThat(codes.add(error.code()))
                    .as("duplicate code %s", error.code())
                    .isTrue();
        }
        Arrays.stream(ProtocolError.values())
                .flatMap(e -> e.aliases().stream())
                .forEach(alias -> assertThat(codes).doesNotContain(alias));
    }

    @Test
    void statusesWhenCheckedThenMatchProtocol() {
        assertThat(ProtocolError.INVALID_REQUEST.httpStatus()).isEqualTo(400);
        assertThat(ProtocolError.INVALID_CLAIM_TOKEN.httpStatus()).isEqualTo(401);
        assertThat(ProtocolError.CLAIMED_OR_IN_FLIGHT.httpStatus()).isEqualTo(409);
        assertThat(ProtocolError.CLAIM_EXPIRED.httpStatus()).isEqualTo(410);
        assertThat(ProtocolError.CLAIM_SUPERSEDED.httpStatus()).isEqualTo(410);
        assertThat(ProtocolError.CLAIM_COMPLETED.httpStatus()).isEqualTo(409);
        assertThat(ProtocolError.OTP_NOT_GENERATED.httpStatus()).isEqualTo(400);
        assertThat(ProtocolError.OTP_INVALID.httpStatus()).isEqualTo(401);
        assertThat(ProtocolError.OTP_EXPIRED.httpStatus()).isEqualTo(410);
        assertThat(ProtocolError.PREVIOUSLY_CLAIMED.httpStatus()).isEqualTo(409);
        assertThat(ProtocolError.TOO_MANY_ATTEMPTS.httpStatus()).isEqualTo(429);
        assertThat(ProtocolError.RATE_LIMITED.httpStatus()).isEqualTo(429);
        assertThat(ProtocolError.INSUFFICIENT_SCOPE.httpStatus()).isEqualTo(403);
        assertThat(ProtocolError.SERVER_ERROR.httpStatus()).isEqualTo(500);
    }

    @Test
    void fromCodeWhenAliasGivenThenCanonicalError() {
        assertThat(ProtocolError.fromCode("audience_mismatch")).contains(ProtocolError.INVALID_AUDIENCE);
        assertThat(ProtocolError.fromCode("credential_expired")).contains(ProtocolError.EXPIRED);
        assertThat(ProtocolError.fromCode("issuer_not_enabled")).contains(ProtocolError.INVALID_ISSUER);
        assertThat(ProtocolError.fromCode("invalid_request")).contains(ProtocolError.INVALID_REQUEST);
        assertThat(ProtocolError.fromCode("nope")).isEmpty();
        assertThat(ProtocolError.fromCode(null)).isEmpty();
    }
}
