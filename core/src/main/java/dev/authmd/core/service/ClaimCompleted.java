package dev.authmd.core.service;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a successful {@code POST {claim_uri}/complete} (docs/protocol.md#v01-4): for an anonymous registration
 * the existing key was upgraded in place (no credential here unless the host opted into rotation); for email
 * verification and step-up a fresh credential.
 *
 * @param registrationId {@code registration_id}
 * @param credential the new credential, or null when the existing key was upgraded in place
 */
public record ClaimCompleted(
        String registrationId, @Nullable IssuedCredential credential) {

    /**
     * Checks that {@code registrationId} is not null.
     *
     * @param registrationId {@code registration_id}
     * @param credential the new credential, or null when the existing key was upgraded in place
     * @throws NullPointerException if {@code registrationId} is null
     */
    public ClaimCompleted {
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
    }

    /** {@return the new credential, when one was issued} */
    public Optional<IssuedCredential> issuedCredential() {
        return Optional.ofNullable(credential);
    }
}
