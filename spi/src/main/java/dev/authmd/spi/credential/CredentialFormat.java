package dev.authmd.spi.credential;

/**
 * Mints the secret string of a new credential. The default produces opaque random tokens ({@code sk_…} for API keys,
 * {@code at_…} for access tokens, 256 bits each). A host that wants, say, signed JWT access tokens for its other
 * resource servers plugs in its own format.
 *
 * <p>Whatever the format, the library stores only the SHA-256 hash of the minted string and authenticates by that hash,
 * so a custom format needs no verification code here. The minted string must carry at least 128 bits of entropy (a JWT
 * does, through its {@code jti} or signature) and must be unique. Thread-safe.
 */
@FunctionalInterface
public interface CredentialFormat {

    /**
     * {@return the secret the agent will present as a bearer token; printable ASCII, no spaces}
     *
     * @param template what the credential grants
     */
    String mint(CredentialTemplate template);
}
