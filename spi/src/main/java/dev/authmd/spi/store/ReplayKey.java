package dev.authmd.spi.store;

import java.util.Objects;

/**
 * What makes a signed assertion single-use: its token type (a namespace such as {@code id-jag} or {@code logout}), its
 * issuer and its {@code jti} (docs/protocol.md#v01-3a-step-9).
 *
 * @param namespace token type; separate namespaces never collide
 * @param issuer the {@code iss} claim
 * @param jti the {@code jti} claim
 */
public record ReplayKey(String namespace, String issuer, String jti) {

    /**
     * Creates a replay key.
     *
     * @param namespace token type; separate namespaces never collide
     * @param issuer the {@code iss} claim
     * @param jti the {@code jti} claim
     * @throws NullPointerException if any component is null
     */
    public ReplayKey {
        Objects.requireNonNull(namespace, "namespace cannot be null");
        Objects.requireNonNull(issuer, "issuer cannot be null");
        Objects.requireNonNull(jti, "jti cannot be null");
    }
}
