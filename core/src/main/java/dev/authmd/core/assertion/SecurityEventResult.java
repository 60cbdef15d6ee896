package dev.authmd.core.assertion;

import dev.authmd.protocol.error.SecurityEventError;
import java.util.Objects;

/**
 * What {@link SecurityEventVerifier#verify} decided about a security event token: accepted, a replay (answered 202 with
 * nothing re-applied), or rejected with the RFC 8935 error to answer.
 */
public sealed interface SecurityEventResult {

    /**
     * Passed every check and seen for the first time.
     *
     * @param event the verified token
     */
    record Accepted(VerifiedSecurityEvent event) implements SecurityEventResult {
        /**
         * Checks for null.
         *
         * @param event the verified token
         */
        public Accepted {
            Objects.requireNonNull(event, "event cannot be null");
        }
    }

    /**
     * Passed every check but its {@code (iss, jti)} was seen before: answer 202 and apply nothing, so a replay can
     * never revoke a delegation set up again since.
     *
     * @param issuer its {@code iss}
     * @param jti its {@code jti}
     */
    record Replayed(String issuer, String jti) implements SecurityEventResult {
        /**
         * Checks for null.
         *
         * @param issuer its {@code iss}
         * @param jti its {@code jti}
         */
        public Replayed {
            Objects.requireNonNull(issuer, "issuer cannot be null");
            Objects.requireNonNull(jti, "jti cannot be null");
        }
    }

    /**
     * Refused: answer 400 {@code {"err": error.code(), "description": description}}.
     *
     * @param error the RFC 8935 error
     * @param description what was wrong, for the provider's operators; never token contents
     */
    record Rejected(SecurityEventError error, String description) implements SecurityEventResult {
        /**
         * Checks for null.
         *
         * @param error the RFC 8935 error
         * @param description what was wrong
         */
        public Rejected {
            Objects.requireNonNull(error, "error cannot be null");
            Objects.requireNonNull(description, "description cannot be null");
        }
    }
}
