package dev.authmd.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the agent holds for one service (one authorization server {@code issuer}): its registration and the secrets the
 * service gave it. Immutable; {@link #toString()} never shows a secret. Persisted by an {@link AgentCredentialStore}.
 *
 * @param issuer the authorization server issuer: the key of the store
 * @param resource the protected resource the credential is for
 * @param profile the wire profile spoken with the service
 * @param registrationId the service's registration id
 * @param method how the agent registered
 * @param claimed whether a person has claimed the registration (or it was bound to a user from the start)
 * @param scopes the scopes last granted
 * @param bearer what goes in {@code Authorization: Bearer}: v0.1's API key or access token, the current profile's
 *     access token; null before there is one
 * @param bearerExpires when {@code bearer} stops working; null for an API key that does not expire
 * @param assertion the current profile's identity assertion; null in v0.1
 * @param assertionExpires when {@code assertion} expires
 * @param refreshToken the current profile's refresh token; null when the service gave none
 * @param refreshTokenExpires when {@code refreshToken} expires
 * @param claimToken the claim token, until the registration is claimed; null otherwise
 * @param claimTokenExpires when the claim window closes
 */
public record AgentCredentials(
        String issuer,
        String resource,
        ServiceProfile profile,
        String registrationId,
        RegistrationMethod method,
        boolean claimed,
        List<String> scopes,
        @Nullable String bearer,
        @Nullable Instant bearerExpires,
        @Nullable String assertion,
        @Nullable Instant assertionExpires,
        @Nullable String refreshToken,
        @Nullable Instant refreshTokenExpires,
        @Nullable String claimToken,
        @Nullable Instant claimTokenExpires) {

    /**
     * Checks the required members and copies the scopes.
     *
     * @param issuer the authorization server issuer: the key of the store
     * @param resource the protected resource the credential is for
     * @param profile the wire profile spoken with the service
     * @param registrationId the service's registration id
     * @param method how the agent registered
     * @param claimed whether a person has claimed the registration (or it was bound to a user from the start)
     * @param scopes the scopes last granted
     * @param bearer what goes in {@code Authorization: Bearer}; null before there is one
     * @param bearerExpires when {@code bearer} stops working; null for an API key that does not expire
     * @param assertion the current profile's identity assertion; null in v0.1
     * @param assertionExpires when {@code assertion} expires
     * @param refreshToken the current profile's refresh token; null when the service gave none
     * @param refreshTokenExpires when {@code refreshToken} expires
     * @param claimToken the claim token, until the registration is claimed; null otherwise
     * @param claimTokenExpires when the claim window closes
     */
    public AgentCredentials {
        Objects.requireNonNull(issuer, "issuer cannot be null");
        Objects.requireNonNull(resource, "resource cannot be null");
        Objects.requireNonNull(profile, "profile cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(method, "method cannot be null");
        scopes = List.copyOf(scopes);
    }

    /** {@return the bearer credential, when there is one} */
    public Optional<String> bearerCredential() {
        return Optional.ofNullable(bearer);
    }

    /**
     * {@return whether the bearer is usable at {@code now}, with {@code margin} to spare}
     *
     * @param now the current time
     * @param marginSeconds seconds the credential must still have
     */
    public boolean bearerUsable(Instant now, long marginSeconds) {
        return bearer != null && (bearerExpires == null || bearerExpires.isAfter(now.plusSeconds(marginSeconds)));
    }

    /**
     * {@return whether the identity assertion is usable at {@code now}, with {@code margin} to spare}
     *
     * @param now the current time
     * @param marginSeconds seconds the assertion must still have
     */
    public boolean assertionUsable(Instant now, long marginSeconds) {
        return assertion != null
                && (assertionExpires == null || assertionExpires.isAfter(now.plusSeconds(marginSeconds)));
    }

    /**
     * {@return whether the refresh token may still be presented at {@code now}}
     *
     * @param now the current time
     */
    public boolean refreshUsable(Instant now) {
        return refreshToken != null && (refreshTokenExpires == null || refreshTokenExpires.isAfter(now));
    }

    /**
     * {@return a copy with a new bearer credential}
     *
     * @param value the credential
     * @param expires its expiry, or null
     * @param grantedScopes the scopes granted with it
     */
    AgentCredentials withBearer(@Nullable String value, @Nullable Instant expires, List<String> grantedScopes) {
        return new AgentCredentials(
                issuer,
                resource,
                profile,
                registrationId,
                method,
                claimed,
                grantedScopes,
                value,
                expires,
                assertion,
                assertionExpires,
                refreshToken,
                refreshTokenExpires,
                claimToken,
                claimTokenExpires);
    }

    /** Every member but the secrets, which show only whether they are present. */
    @Override
    public String toString() {
        return "AgentCredentials[issuer=" + issuer + ", resource=" + resource + ", profile=" + profile.wireName()
                + ", registrationId=" + registrationId + ", method=" + method.wireName() + ", claimed=" + claimed
                + ", scopes=" + scopes + ", bearer=" + redacted(bearer) + ", bearerExpires=" + bearerExpires
                + ", assertion=" + redacted(assertion) + ", assertionExpires=" + assertionExpires
                + ", refreshToken=" + redacted(refreshToken) + ", refreshTokenExpires=" + refreshTokenExpires
                + ", claimToken=" + redacted(claimToken) + ", claimTokenExpires=" + claimTokenExpires + "]";
    }

    private static String redacted(@Nullable String secret) {
        return secret == null ? "none" : "[redacted]";
    }
}
