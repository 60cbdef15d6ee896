package dev.authmd.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A refresh token as stored (current profile §8): never the token, only its hash, and its place in its family — the
 * chain of tokens one claim started, each spent by the refresh that issued the next.
 *
 * @param tenantId the tenant
 * @param tokenHash hash of the token the agent presents; unique within its tenant
 * @param familyId the family: the chain one claim started
 * @param registrationId the registration it refreshes
 * @param generation 0 for the family's first token, one more for each successor
 * @param issuedAt when issued
 * @param expiresAt when it stops working
 * @param state active, spent or revoked
 * @param spentAt when a refresh spent it; null unless {@link RefreshTokenState#SPENT}
 * @param successorHash the hash of the token that refresh issued; null unless {@link RefreshTokenState#SPENT}
 */
public record RefreshToken(
        String tenantId,
        String tokenHash,
        String familyId,
        String registrationId,
        long generation,
        Instant issuedAt,
        Instant expiresAt,
        RefreshTokenState state,
        @Nullable Instant spentAt,
        @Nullable String successorHash) {

    /**
     * Creates a record.
     *
     * @param tenantId the tenant
     * @param tokenHash hash of the token
     * @param familyId the family
     * @param registrationId the registration it refreshes
     * @param generation 0 or more
     * @param issuedAt when issued
     * @param expiresAt when it stops working; after {@code issuedAt}
     * @param state its state
     * @param spentAt set exactly when spent
     * @param successorHash set exactly when spent
     * @throws NullPointerException when an argument other than {@code spentAt} and {@code successorHash} is null
     * @throws IllegalArgumentException when the generation is negative, the expiry not after the issue, or
     *     {@code spentAt}/{@code successorHash} do not match the state
     */
    public RefreshToken {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(tokenHash, "tokenHash cannot be null");
        Objects.requireNonNull(familyId, "familyId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(issuedAt, "issuedAt cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
        Objects.requireNonNull(state, "state cannot be null");
        if (generation < 0) {
            throw new IllegalArgumentException("generation cannot be negative");
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
        boolean spent = state == RefreshTokenState.SPENT;
        if (spent != (spentAt != null) || spent != (successorHash != null)) {
            throw new IllegalArgumentException("spentAt and successorHash are set exactly when the token is spent");
        }
    }

    /**
     * A family's first token, or the successor a refresh issues.
     *
     * @param tenantId the tenant
     * @param tokenHash hash of the new token
     * @param familyId the family
     * @param registrationId the registration
     * @param generation 0 for a new family, the spent token's plus one for a successor
     * @param issuedAt when issued
     * @param expiresAt when it stops working
     * @return an active record
     */
    public static RefreshToken active(
            String tenantId,
            String tokenHash,
            String familyId,
            String registrationId,
            long generation,
            Instant issuedAt,
            Instant expiresAt) {
        return new RefreshToken(
                tenantId,
                tokenHash,
                familyId,
                registrationId,
                generation,
                issuedAt,
                expiresAt,
                RefreshTokenState.ACTIVE,
                null,
                null);
    }

    /**
     * {@return whether a refresh may spend it at {@code now}: active and not expired}
     *
     * @param now the current instant
     */
    public boolean isUsableAt(Instant now) {
        return state == RefreshTokenState.ACTIVE && now.isBefore(expiresAt);
    }
}
