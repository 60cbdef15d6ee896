package dev.authmd.core.trust;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a trusted provider's signing keys come from (docs/protocol.md#v01-3a-step-4), in the order the protocol prefers
 * them: a {@code jwks_uri} pinned in the trust entry; the issuer's own RFC 8414 / OpenID metadata (falling back to the
 * conventional path when the issuer publishes none); the conventional {@code {iss}/.well-known/jwks.json}; or a JWKS
 * document kept inline in the host's configuration (no network at all).
 *
 * <p>Immutable and thread-safe.
 */
public final class KeyLocation {

    /** The kinds of key location. */
    public enum Kind {
        /** A {@code jwks_uri} fixed in the trust entry. */
        PINNED_JWKS_URI,
        /** The {@code jwks_uri} of the issuer's RFC 8414 or OpenID metadata, else the conventional path. */
        ISSUER_METADATA,
        /** {@code {iss}/.well-known/jwks.json}. */
        CONVENTIONAL_PATH,
        /** A JWKS document held in configuration. */
        INLINE_JWKS
    }

    private final Kind kind;
    private final @Nullable URI jwksUri;
    private final @Nullable String jwksJson;

    private KeyLocation(Kind kind, @Nullable URI jwksUri, @Nullable String jwksJson) {
        this.kind = kind;
        this.jwksUri = jwksUri;
        this.jwksJson = jwksJson;
    }

    /**
     * Creates a location that fetches keys from a pinned JWKS URL.
     *
     * @param jwksUri the provider's JWKS URL (https, or http for an allowed development origin)
     * @return a pinned location
     */
    public static KeyLocation pinned(URI jwksUri) {
        Objects.requireNonNull(jwksUri, "jwksUri cannot be null");
        String scheme = jwksUri.getScheme() == null ? "" : jwksUri.getScheme().toLowerCase(Locale.ROOT);
        if (!jwksUri.isAbsolute() || jwksUri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("jwks_uri must be an absolute http(s) URL: " + jwksUri);
        }
        return new KeyLocation(Kind.PINNED_JWKS_URI, jwksUri, null);
    }

    /** {@return the issuer-metadata location (the default)} */
    public static KeyLocation issuerMetadata() {
        return new KeyLocation(Kind.ISSUER_METADATA, null, null);
    }

    /** {@return the conventional-path location} */
    public static KeyLocation conventionalPath() {
        return new KeyLocation(Kind.CONVENTIONAL_PATH, null, null);
    }

    /**
     * Creates a location holding an inline JWKS document.
     *
     * @param jwksJson a JWKS document ({@code {"keys": [...]}}) with public keys; validated when the trust entry is
     *     built
     * @return an inline location
     */
    public static KeyLocation inline(String jwksJson) {
        Objects.requireNonNull(jwksJson, "jwksJson cannot be null");
        return new KeyLocation(Kind.INLINE_JWKS, null, jwksJson);
    }

    /** {@return the kind} */
    public Kind kind() {
        return kind;
    }

    /** {@return the pinned URL, for {@link Kind#PINNED_JWKS_URI}} */
    public Optional<URI> jwksUri() {
        return Optional.ofNullable(jwksUri);
    }

    /** {@return the inline JWKS document, for {@link Kind#INLINE_JWKS}} */
    public Optional<String> jwksJson() {
        return Optional.ofNullable(jwksJson);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyLocation that
                && kind == that.kind
                && Objects.equals(jwksUri, that.jwksUri)
                && Objects.equals(jwksJson, that.jwksJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, jwksUri, jwksJson);
    }

    @Override
    public String toString() {
        return kind == Kind.PINNED_JWKS_URI
                ? "pinned(" + jwksUri + ")"
                : kind.name().toLowerCase(Locale.ROOT);
    }
}
