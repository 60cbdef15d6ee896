package dev.authmd.protocol.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CurrentProfileErrorTest {

    @Test
    void valuesWhenListedThenCodesUniqueLowerSnakeAndStatusesOfTheProfile() {
        assertThat(Arrays.stream(CurrentProfileError.values()).map(CurrentProfileError::code))
                .doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[a-z]+(_[a-z]+)*"));
        assertThat(CurrentProfileError.INTERACTION_REQUIRED.httpStatus()).isEqualTo(401);
        assertThat(CurrentProfileError.LOGIN_REQUIRED.httpStatus()).isEqualTo(401);
        assertThat(CurrentProfileError.INVALID_GRANT.httpStatus()).isEqualTo(400);
        assertThat(CurrentProfileError.RATE_LIMIT_EXCEEDED.httpStatus()).isEqualTo(429);
        assertThat(Arrays.stream(CurrentProfileError.values()))
                .allSatisfy(e -> assertThat(e.description()).isNotBlank())
                .allSatisfy(e -> assertThat(e.agentHint()).isNotBlank());
    }

    @Test
    void ofWhenSharedCauseThenTheCurrentProfilesName() {
        assertThat(CurrentProfileError.of(ProtocolError.INVALID_ISSUER))
                .isEqualTo(CurrentProfileError.ISSUER_NOT_ENABLED);
        assertThat(CurrentProfileError.of(ProtocolError.ANONYMOUS_NOT_ENABLED))
                .isEqualTo(CurrentProfileError.ANONYMOUS_REGISTRATION_DISABLED);
        assertThat(CurrentProfileError.of(ProtocolError.INSUFFICIENT_USER_AUTHENTICATION))
                .isEqualTo(CurrentProfileError.LOGIN_REQUIRED);
        assertThat(CurrentProfileError.of(ProtocolError.RATE_LIMITED))
                .isEqualTo(CurrentProfileError.RATE_LIMIT_EXCEEDED);
        assertThat(CurrentProfileError.of(ProtocolError.INVALID_SIGNATURE))
                .isEqualTo(CurrentProfileError.INVALID_REQUEST);
        assertThat(CurrentProfileError.of(ProtocolError.SERVER_ERROR)).isEqualTo(CurrentProfileError.SERVER_ERROR);
    }

    @Test
    void reasonOfWhenAssertionCheckThenItsReasonElseEmpty() {
        assertThat(CurrentProfileError.reasonOf(ProtocolError.INVALID_SIGNATURE))
                .contains("invalid_signature");
        assertThat(CurrentProfileError.reasonOf(ProtocolError.REPLAY_DETECTED)).contains("replay_detected");
        assertThat(CurrentProfileError.reasonOf(ProtocolError.INVALID_REQUEST)).contains("malformed");
        assertThat(CurrentProfileError.reasonOf(ProtocolError.INVALID_ISSUER)).isEmpty();
        assertThat(CurrentProfileError.reasonOf(ProtocolError.RATE_LIMITED)).isEmpty();
    }
}
