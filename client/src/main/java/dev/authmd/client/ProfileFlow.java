package dev.authmd.client;

/**
 * One wire profile's calls: registration (with the claim ceremony when the method needs a person), claiming an
 * anonymous registration, and for the current profile the token exchange and refresh. Each call persists what it got
 * before returning it.
 */
interface ProfileFlow {

    /**
     * Registers.
     *
     * @param method the method
     * @return the stored credentials
     */
    AgentCredentials register(RegistrationMethod method);

    /**
     * Claims an unclaimed registration for a person.
     *
     * @param credentials the registration
     * @param email the person's address
     * @return the stored credentials, claimed
     */
    AgentCredentials claim(AgentCredentials credentials, String email);

    /**
     * Gets a fresh bearer from what the agent holds, without registering again: the current profile exchanges its
     * assertion; v0.1 has nothing to exchange.
     *
     * @param credentials what the agent holds
     * @return the stored credentials with a new bearer
     * @throws ServiceErrorException when the service refuses
     */
    AgentCredentials exchange(AgentCredentials credentials);

    /**
     * Spends the refresh token for a new assertion and refresh token (current profile), persisted before they are used.
     *
     * @param credentials what the agent holds
     * @return the stored credentials
     * @throws ServiceErrorException when the service refuses
     */
    AgentCredentials refresh(AgentCredentials credentials);
}
