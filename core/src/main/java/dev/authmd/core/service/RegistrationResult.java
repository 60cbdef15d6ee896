package dev.authmd.core.service;

import dev.authmd.spi.store.RegistrationType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a successful registration (§3a–§3c: docs/protocol.md#v01-3a). Which parts are present depends on the
 * method: an ID-JAG gives a credential (or, on step-up, a claim handle); a verified email gives a claim handle only;
 * anonymous gives both.
 *
 * @param registrationId {@code registration_id}
 * @param type {@code registration_type}
 * @param credential the issued credential, or null
 * @param claim the claim handle, or null
 * @param postClaimScopes {@code post_claim_scopes} when a claim is pending, else empty
 */
public record RegistrationResult(
        String registrationId,
        RegistrationType type,
        @Nullable IssuedCredential credential,
        @Nullable ClaimHandle claim,
        List<String> postClaimScopes) {

    /**
     * Checks that {@code registrationId} and {@code type} are not null, and copies {@code postClaimScopes} into an
     * unmodifiable list.
     *
     * @param registrationId {@code registration_id}
     * @param type {@code registration_type}
     * @param credential the issued credential, or null
     * @param claim the claim handle, or null
     * @param postClaimScopes {@code post_claim_scopes} when a claim is pending, else empty
     * @throws NullPointerException if {@code registrationId}, {@code type} or {@code postClaimScopes} is null
     */
    public RegistrationResult {
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(type, "type cannot be null");
        postClaimScopes = List.copyOf(postClaimScopes);
    }

    /** {@return the credential, when one was issued} */
    public Optional<IssuedCredential> issuedCredential() {
        return Optional.ofNullable(credential);
    }

    /** {@return the claim handle, when a claim is pending} */
    public Optional<ClaimHandle> claimHandle() {
        return Optional.ofNullable(claim);
    }
}
