/**
 * Credential formats: how the secret an agent presents is minted ({@link dev.authmd.spi.credential.CredentialFormat}).
 */
@NullMarked
package dev.authmd.spi.credential;

import org.jspecify.annotations.NullMarked;
