package dev.authmd.client;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Run in a child JVM by {@link FileAgentCredentialStoreTest}: saves many entries for one issuer, as another process.
 */
final class FileStoreWriter {

    private FileStoreWriter() {}

    static AgentCredentials entry(String issuer, String registrationId) {
        return new AgentCredentials(
                issuer,
                "https://api.example.com",
                ServiceProfile.CURRENT,
                registrationId,
                RegistrationMethod.EMAIL,
                true,
                List.of("api.read", "api.write"),
                "at_" + registrationId,
                Instant.parse("2030-01-01T00:00:00Z"),
                "eyJ." + registrationId,
                Instant.parse("2030-01-01T00:00:00Z"),
                "art_" + registrationId,
                Instant.parse("2030-02-01T00:00:00Z"),
                null,
                null);
    }

    /** @param args directory, issuer, how many saves, a tag for the registration ids */
    public static void main(String[] args) {
        AgentCredentialStore store = AgentCredentialStore.inDirectory(Path.of(args[0]));
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            store.save(entry(args[1], args[3] + "-" + i));
        }
    }
}
