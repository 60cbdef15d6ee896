package dev.authmd.conformance;

import dev.authmd.client.ServiceProfile;

/**
 * The test provider's side of revocation: revoke everything it asserted for its test user — a v0.1 logout token posted
 * to {@code revocation_uri}, or a security event pushed to {@code events_endpoint} in the current profile. The kit then
 * checks that the credentials it got with that provider's ID-JAGs stop working.
 */
@FunctionalInterface
public interface ProviderRevocation {

    /**
     * Revokes the test user at the service.
     *
     * @param profile which profile's revocation to use
     * @throws Exception when the provider could not deliver it (the check fails with the message)
     */
    void revokeTestUser(ServiceProfile profile) throws Exception;
}
