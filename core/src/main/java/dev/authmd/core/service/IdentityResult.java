package dev.authmd.core.service;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the current profile's identity endpoint answers (docs/protocol.md, current profile §3): the registration, the
 * identity assertion when one was minted, its scopes and the claim block when a human may claim it. The same shape
 * carries the body of a {@code 401 interaction_required}. Secrets ({@code identity.assertion}, the refresh token, the
 * claim token) exist only here, never in a store; {@link #toString()} leaves them out.
 *
 * @param registrationId the {@code reg_…} id
 * @param type the {@code type} as requested
 * @param identity the assertion (and refresh token), or null when none was minted
 * @param scopes the scopes, or null when the answer carries none
 * @param claim the claim block, or null
 */
public record IdentityResult(
        String registrationId,
        String type,
        @Nullable Identity identity,
        @Nullable Scopes scopes,
        @Nullable Claim claim) {

    /**
     * Checks the required members.
     *
     * @param registrationId the {@code reg_…} id
     * @param type the {@code type} as requested
     * @param identity the assertion (and refresh token), or null when none was minted
     * @param scopes the scopes, or null when the answer carries none
     * @param claim the claim block, or null
     */
    public IdentityResult {
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(type, "type cannot be null");
    }

    /** {@return the identity block, when an assertion was minted} */
    public Optional<Identity> identityBlock() {
        return Optional.ofNullable(identity);
    }

    @Override
    public String toString() {
        return "IdentityResult[registrationId=" + registrationId + ", type=" + type + ", identity="
                + (identity == null ? "none" : "<redacted>") + ", scopes=" + scopes + "]";
    }

    /**
     * The {@code identity} block.
     *
     * @param assertion the service-signed identity assertion
     * @param expiresAt its {@code exp}
     * @param refreshToken the refresh token, or null when none is issued
     * @param refreshExpiresAt when the refresh token expires; null without one
     */
    public record Identity(
            String assertion,
            Instant expiresAt,
            @Nullable String refreshToken,
            @Nullable Instant refreshExpiresAt) {

        /**
         * Checks that the assertion is present and that the refresh token and its expiry come together.
         *
         * @param assertion the service-signed identity assertion
         * @param expiresAt its {@code exp}
         * @param refreshToken the refresh token, or null when none is issued
         * @param refreshExpiresAt when the refresh token expires; null without one
         */
        public Identity {
            Objects.requireNonNull(assertion, "assertion cannot be null");
            Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
            if ((refreshToken == null) != (refreshExpiresAt == null)) {
                throw new IllegalArgumentException("refreshToken and refreshExpiresAt come together");
            }
        }

        @Override
        public String toString() {
            return "Identity[expiresAt=" + expiresAt + ", refresh=" + (refreshToken != null) + "]";
        }
    }

    /**
     * The {@code scopes} member: a flat list for a clean ID-JAG match, else the object {@code {pre_claim?,
     * post_claim}}.
     *
     * @param granted the flat list, or null when the answer uses the object form
     * @param preClaim the {@code pre_claim} scopes (anonymous), or null
     * @param postClaim the {@code post_claim} scopes; null with the flat form
     */
    public record Scopes(
            @Nullable List<String> granted,
            @Nullable List<String> preClaim,
            @Nullable List<String> postClaim) {

        /**
         * Copies the lists.
         *
         * @param granted the flat list, or null when the answer uses the object form
         * @param preClaim the {@code pre_claim} scopes (anonymous), or null
         * @param postClaim the {@code post_claim} scopes; null with the flat form
         */
        public Scopes {
            granted = granted == null ? null : List.copyOf(granted);
            preClaim = preClaim == null ? null : List.copyOf(preClaim);
            postClaim = postClaim == null ? null : List.copyOf(postClaim);
            if ((granted == null) == (postClaim == null)) {
                throw new IllegalArgumentException("either the flat list or post_claim, not both");
            }
        }

        /**
         * The flat form.
         *
         * @param scopes the scopes granted
         * @return {@code scopes: [...]}
         */
        public static Scopes granted(List<String> scopes) {
            return new Scopes(scopes, null, null);
        }

        /**
         * The object form.
         *
         * @param preClaim the scopes before a claim, or null to leave {@code pre_claim} out
         * @param postClaim the scopes after a claim
         * @return {@code scopes: {pre_claim?, post_claim}}
         */
        public static Scopes claimable(@Nullable List<String> preClaim, List<String> postClaim) {
            return new Scopes(null, preClaim, Objects.requireNonNull(postClaim, "postClaim cannot be null"));
        }
    }

    /**
     * The {@code claim} block.
     *
     * @param token the {@code clm_…} claim token, shown once
     * @param expiresAt the end of the claim window
     * @param url the claim endpoint
     * @param verificationUri the attempt's page, or null when no attempt was minted
     * @param attemptExpiresAt when that attempt expires; null without one
     */
    public record Claim(
            String token,
            Instant expiresAt,
            URI url,
            @Nullable URI verificationUri,
            @Nullable Instant attemptExpiresAt) {

        /**
         * Checks the required members and that the attempt's link and expiry come together.
         *
         * @param token the {@code clm_…} claim token, shown once
         * @param expiresAt the end of the claim window
         * @param url the claim endpoint
         * @param verificationUri the attempt's page, or null when no attempt was minted
         * @param attemptExpiresAt when that attempt expires; null without one
         */
        public Claim {
            Objects.requireNonNull(token, "token cannot be null");
            Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
            Objects.requireNonNull(url, "url cannot be null");
            if ((verificationUri == null) != (attemptExpiresAt == null)) {
                throw new IllegalArgumentException("verificationUri and attemptExpiresAt come together");
            }
        }

        @Override
        public String toString() {
            return "Claim[expiresAt=" + expiresAt + ", url=" + url + ", attempt=" + (verificationUri != null) + "]";
        }
    }
}
