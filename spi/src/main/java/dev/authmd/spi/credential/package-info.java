/**
 * Credential formats: how the secret an agent presents is minted ({@link dev.authmd.spi.credential.CredentialFormat}).
 */
package dev.authmd.spi.credential;
