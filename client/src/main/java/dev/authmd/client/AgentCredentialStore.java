package dev.authmd.client;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an agent keeps its {@link AgentCredentials}, one entry per authorization server {@code issuer}. Named apart
 * from the service's {@code CredentialStore}: this is the agent's side. Implementations are thread-safe; {@link #save}
 * must be atomic (a reader sees the old entry or the new one, never a mix), because the client persists each rotated
 * refresh token before it uses it.
 */
public interface AgentCredentialStore {

    /**
     * {@return the entry for an issuer}
     *
     * @param issuer the authorization server issuer
     */
    Optional<AgentCredentials> load(String issuer);

    /**
     * Stores the entry for its issuer, replacing any earlier one.
     *
     * @param credentials the entry
     */
    void save(AgentCredentials credentials);

    /**
     * Forgets the entry for an issuer; nothing happens when there is none.
     *
     * @param issuer the authorization server issuer
     */
    void delete(String issuer);

    /** {@return a store in memory, lost when the process ends} */
    static AgentCredentialStore inMemory() {
        return new InMemoryAgentCredentialStore();
    }

    /**
     * {@return a store with one file per issuer in a directory (created {@code 0700} when missing), each written
     * {@code 0600} by an atomic rename; safe across processes}
     *
     * @param directory the directory
     */
    static AgentCredentialStore inDirectory(Path directory) {
        return FileAgentCredentialStore.open(directory);
    }
}
