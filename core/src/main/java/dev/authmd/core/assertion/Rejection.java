package dev.authmd.core.assertion;

import dev.authmd.protocol.error.ProtocolError;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Internal, stackless carrier of the first failed check inside one verification. */
final class Rejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient AssertionRejection rejection;

    Rejection(ProtocolError error, @Nullable String message) {
        this(new AssertionRejection(error, message, Map.of()));
    }

    Rejection(ProtocolError error, @Nullable String message, String reason) {
        this(new AssertionRejection(error, message, Map.of(), reason));
    }

    Rejection(AssertionRejection rejection) {
        super(rejection.error().code(), null, false, false);
        this.rejection = rejection;
    }

    AssertionRejection rejection() {
        return rejection;
    }
}
