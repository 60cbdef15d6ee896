package dev.authmd.core.service;

import dev.authmd.spi.store.CredentialType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A credential handed to an agent: the only moment its secret exists outside the agent.
 *
 * @param type access token or API key
 * @param secret the bearer secret; never logged
 * @param expiresAt expiry, or null for a non-expiring API key
 * @param scopes granted scopes
 */
public record IssuedCredential(
        CredentialType type, String secret, @Nullable Instant expiresAt, List<String> scopes) {

    /**
     * Checks that {@code type} and {@code secret} are not null, and copies {@code scopes} into an unmodifiable list.
     *
     * @param type access token or API key
     * @param secret the bearer secret; never logged
     * @param expiresAt expiry, or null for a non-expiring API key
     * @param scopes granted scopes
     * @throws NullPointerException if {@code type}, {@code secret} or {@code scopes} is null
     */
    public IssuedCredential {
        Objects.requireNonNull(type, "type cannot be null");
        Objects.requireNonNull(secret, "secret cannot be null");
        scopes = List.copyOf(scopes);
    }

    /** {@return the expiry, empty for a non-expiring key} */
    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    @Override
    public String toString() {
        return "IssuedCredential[type=" + type.wireName() + ", scopes=" + scopes + "]";
    }
}
