package dev.authmd.core.assertion;

import dev.authmd.core.trust.TrustedProvider;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A security event token that passed every check of the current profile's events endpoint (docs/protocol.md, current
 * profile §9).
 *
 * @param provider the trusted provider that sent it
 * @param issuer its {@code iss}
 * @param subject the provider's user id: {@code sub}, or the {@code sub} of an {@code iss_sub} {@code sub_id}
 * @param audience the one accepted {@code aud}
 * @param jti its {@code jti}
 * @param issuedAt its {@code iat}
 * @param events the event URIs of the token this service acts on (the delegation-revoked event in either spelling);
 *     empty when it names none, which is answered 202 and changes nothing
 */
public record VerifiedSecurityEvent(
        TrustedProvider provider,
        String issuer,
        String subject,
        String audience,
        String jti,
        Instant issuedAt,
        Set<String> events) {

    /**
     * Checks for null and copies the events.
     *
     * @param provider the trusted provider
     * @param issuer its {@code iss}
     * @param subject the provider's user id
     * @param audience the accepted {@code aud}
     * @param jti its {@code jti}
     * @param issuedAt its {@code iat}
     * @param events the event URIs acted on
     */
    public VerifiedSecurityEvent {
        Objects.requireNonNull(provider, "provider cannot be null");
        Objects.requireNonNull(issuer, "issuer cannot be null");
        Objects.requireNonNull(subject, "subject cannot be null");
        Objects.requireNonNull(audience, "audience cannot be null");
        Objects.requireNonNull(jti, "jti cannot be null");
        Objects.requireNonNull(issuedAt, "issuedAt cannot be null");
        events = Set.copyOf(events);
    }

    /** {@return whether the token revokes the provider's delegation for {@link #subject()}} */
    public boolean revokesDelegation() {
        return !events.isEmpty();
    }
}
