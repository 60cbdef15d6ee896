package dev.authmd.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The record of an identity assertion the service signed (current profile §4): never the assertion itself, its
 * {@code jti} and what decides whether it may still be exchanged. Swept once expired.
 *
 * @param tenantId the tenant
 * @param jti the assertion's {@code jti}; unique within its tenant
 * @param registrationId the registration it was minted for (its {@code sub})
 * @param issuedAt its {@code iat}
 * @param expiresAt its {@code exp}
 * @param state active, superseded or revoked
 * @param retiredAt when it stopped being active; null while active
 */
public record IssuedAssertion(
        String tenantId,
        String jti,
        String registrationId,
        Instant issuedAt,
        Instant expiresAt,
        AssertionState state,
        @Nullable Instant retiredAt) {

    /**
     * Creates a record.
     *
     * @param tenantId the tenant
     * @param jti the assertion's {@code jti}
     * @param registrationId the registration it was minted for
     * @param issuedAt its {@code iat}
     * @param expiresAt its {@code exp}; after {@code issuedAt}
     * @param state its state
     * @param retiredAt null exactly when {@code state} is {@link AssertionState#ACTIVE}
     * @throws NullPointerException when an argument other than {@code retiredAt} is null
     * @throws IllegalArgumentException when {@code expiresAt} is not after {@code issuedAt}, or {@code retiredAt} does
     *     not match the state
     */
    public IssuedAssertion {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(jti, "jti cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(issuedAt, "issuedAt cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
        Objects.requireNonNull(state, "state cannot be null");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
        if ((state == AssertionState.ACTIVE) != (retiredAt == null)) {
            throw new IllegalArgumentException("retiredAt is set exactly when the assertion is no longer active");
        }
    }

    /**
     * A new, active record.
     *
     * @param tenantId the tenant
     * @param jti the assertion's {@code jti}
     * @param registrationId the registration it was minted for
     * @param issuedAt its {@code iat}
     * @param expiresAt its {@code exp}
     * @return the record, {@link AssertionState#ACTIVE}
     */
    public static IssuedAssertion active(
            String tenantId, String jti, String registrationId, Instant issuedAt, Instant expiresAt) {
        return new IssuedAssertion(tenantId, jti, registrationId, issuedAt, expiresAt, AssertionState.ACTIVE, null);
    }

    /**
     * {@return whether it may be exchanged at {@code now}: active and not expired}
     *
     * @param now the current instant
     */
    public boolean isExchangeableAt(Instant now) {
        return state == AssertionState.ACTIVE && now.isBefore(expiresAt);
    }
}
