package dev.authmd.core.assertion;

import dev.authmd.core.trust.TrustedProvider;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A logout token that passed every check of docs/protocol.md#v01-6. The service then tears down the whole delegation of
 * {@code (iss, sub)}, whatever audience the original ID-JAG carried.
 *
 * @param provider the trust entry that matched {@code iss}
 * @param issuer {@code iss}
 * @param subject {@code sub}
 * @param audience the single {@code aud} value
 * @param jti {@code jti}
 * @param events the {@code events} object: event URI → its (JSON) value as plain Java objects
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}, absent when the provider sent none
 */
public record VerifiedLogoutToken(
        TrustedProvider provider,
        String issuer,
        String subject,
        String audience,
        String jti,
        Map<String, Object> events,
        Instant issuedAt,
        Optional<Instant> expiresAt) {

    /**
     * Checks that {@code provider}, {@code issuer}, {@code subject}, {@code audience}, {@code jti}, {@code events},
     * {@code issuedAt} and {@code expiresAt} are not null, and copies {@code events} into an unmodifiable map.
     *
     * @param provider the trust entry that matched {@code iss}
     * @param issuer {@code iss}
     * @param subject {@code sub}
     * @param audience the single {@code aud} value
     * @param jti {@code jti}
     * @param events the {@code events} object: event URI → its (JSON) value as plain Java objects
     * @param issuedAt {@code iat}
     * @param expiresAt {@code exp}, absent when the provider sent none
     * @throws NullPointerException if {@code provider}, {@code issuer}, {@code subject}, {@code audience}, {@code jti},
     *     {@code events}, {@code issuedAt} or {@code expiresAt} is null
     */
    public VerifiedLogoutToken {
        Objects.requireNonNull(provider, "provider cannot be null");
        Objects.requireNonNull(issuer, "issuer cannot be null");
        Objects.requireNonNull(subject, "subject cannot be null");
        Objects.requireNonNull(audience, "audience cannot be null");
        Objects.requireNonNull(jti, "jti cannot be null");
        events = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(Objects.requireNonNull(events, "events cannot be null")));
        Objects.requireNonNull(issuedAt, "issuedAt cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
    }

    @Override
    public String toString() {
        return "VerifiedLogoutToken[iss=" + issuer + ", jti=" + jti + ", events=" + events.keySet() + "]";
    }
}
