package dev.authmd.client;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AgentCredentialStore} in a map; the default, lost when the process ends. Thread-safe. */
final class InMemoryAgentCredentialStore implements AgentCredentialStore {

    private final Map<String, AgentCredentials> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<AgentCredentials> load(String issuer) {
        return Optional.ofNullable(entries.get(Objects.requireNonNull(issuer, "issuer cannot be null")));
    }

    @Override
    public void save(AgentCredentials credentials) {
        entries.put(credentials.issuer(), credentials);
    }

    @Override
    public void delete(String issuer) {
        entries.remove(Objects.requireNonNull(issuer, "issuer cannot be null"));
    }

    @Override
    public String toString() {
        return "InMemoryAgentCredentialStore[" + entries.size() + " issuers]";
    }
}
