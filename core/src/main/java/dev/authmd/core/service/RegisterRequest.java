package dev.authmd.core.service;

import dev.authmd.spi.store.CredentialType;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A registration request (docs/protocol.md#v01-3), one subtype per method. The requested credential type is optional;
 * when absent the service picks the first type it offers for the method.
 */
public sealed interface RegisterRequest
        permits RegisterRequest.Anonymous, RegisterRequest.IdJag, RegisterRequest.VerifiedEmail {

    /** {@return the requested credential type, if the agent named one} */
    Optional<CredentialType> requestedCredentialType();

    /**
     * {@code type: "anonymous"} (§3c).
     *
     * @param credentialType the requested type, or null
     */
    record Anonymous(@Nullable CredentialType credentialType) implements RegisterRequest {
        @Override
        public Optional<CredentialType> requestedCredentialType() {
            return Optional.ofNullable(credentialType);
        }
    }

    /**
     * {@code type: "identity_assertion"} with an ID-JAG (§3a).
     *
     * @param assertion the compact JWS; a secret, never logged
     * @param credentialType the requested type, or null
     */
    record IdJag(String assertion, @Nullable CredentialType credentialType) implements RegisterRequest {
        /**
         * Checks that {@code assertion} is not null.
         *
         * @param assertion the compact JWS; a secret, never logged
         * @param credentialType the requested type, or null
         * @throws NullPointerException if {@code assertion} is null
         */
        public IdJag {
            Objects.requireNonNull(assertion, "assertion cannot be null");
        }

        @Override
        public Optional<CredentialType> requestedCredentialType() {
            return Optional.ofNullable(credentialType);
        }

        @Override
        public String toString() {
            return "IdJag[credentialType=" + credentialType + "]";
        }
    }

    /**
     * {@code type: "identity_assertion"} with {@code assertion_type: "verified_email"} (§3b).
     *
     * @param email the address as the agent sent it; validated and normalised by the service
     * @param credentialType the requested type, or null
     */
    record VerifiedEmail(String email, @Nullable CredentialType credentialType) implements RegisterRequest {
        /**
         * Checks that {@code email} is not null.
         *
         * @param email the address as the agent sent it; validated and normalised by the service
         * @param credentialType the requested type, or null
         * @throws NullPointerException if {@code email} is null
         */
        public VerifiedEmail {
            Objects.requireNonNull(email, "email cannot be null");
        }

        @Override
        public Optional<CredentialType> requestedCredentialType() {
            return Optional.ofNullable(credentialType);
        }

        @Override
        public String toString() {
            return "VerifiedEmail[credentialType=" + credentialType + "]";
        }
    }
}
