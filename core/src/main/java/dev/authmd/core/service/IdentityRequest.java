package dev.authmd.core.service;

import java.util.Objects;

/**
 * What an agent asks the current profile's identity endpoint for (docs/protocol.md, current profile §3): one of the
 * four {@code type}s, already parsed from the body.
 */
public sealed interface IdentityRequest {

    /** {@return the wire {@code type}} */
    String type();

    /** {@code type: anonymous}: an agent-owned registration a human may claim later. */
    record Anonymous() implements IdentityRequest {
        @Override
        public String type() {
            return "anonymous";
        }
    }

    /**
     * {@code type: service_auth}: a registration bound to a user's email, claimed through the service's sign-in.
     *
     * @param loginHint the user's email as sent
     */
    record ServiceAuth(String loginHint) implements IdentityRequest {
        /**
         * Checks that {@code loginHint} is not null.
         *
         * @param loginHint the user's email as sent
         */
        public ServiceAuth {
            Objects.requireNonNull(loginHint, "loginHint cannot be null");
        }

        @Override
        public String type() {
            return "service_auth";
        }
    }

    /**
     * {@code type: identity_assertion}: a provider's ID-JAG.
     *
     * @param assertion the compact JWS
     */
    record IdentityAssertion(String assertion) implements IdentityRequest {
        /**
         * Checks that {@code assertion} is not null.
         *
         * @param assertion the compact JWS
         */
        public IdentityAssertion {
            Objects.requireNonNull(assertion, "assertion cannot be null");
        }

        @Override
        public String type() {
            return "identity_assertion";
        }

        @Override
        public String toString() {
            return "IdentityAssertion[assertion=<redacted>]";
        }
    }

    /**
     * {@code type: refresh}: spend a refresh token for its successor and a fresh assertion.
     *
     * @param refreshToken the {@code art_…} token
     */
    record Refresh(String refreshToken) implements IdentityRequest {
        /**
         * Checks that {@code refreshToken} is not null.
         *
         * @param refreshToken the {@code art_…} token
         */
        public Refresh {
            Objects.requireNonNull(refreshToken, "refreshToken cannot be null");
        }

        @Override
        public String type() {
            return "refresh";
        }

        @Override
        public String toString() {
            return "Refresh[refreshToken=<redacted>]";
        }
    }
}
