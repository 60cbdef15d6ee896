package dev.authmd.core.service;

import dev.authmd.core.secret.SecretGenerator;
import dev.authmd.spi.credential.CredentialFormat;
import dev.authmd.spi.credential.CredentialTemplate;
import dev.authmd.spi.store.CredentialType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The default opaque format, remembering every secret it minted, so tests can try every credential the service ever
 * created — including ones whose secret never reached the agent.
 */
final class RecordingCredentialFormat implements CredentialFormat {

    /** What was minted for which registration. */
    record Minted(String registrationId, CredentialType type, String secret) {
        @Override
        public String toString() {
            return "Minted[" + registrationId + ", " + type + "]";
        }
    }

    final List<Minted> minted = new CopyOnWriteArrayList<>();
    private final SecretGenerator secrets;

    RecordingCredentialFormat(SecretGenerator secrets) {
        this.secrets = secrets;
    }

    @Override
    public String mint(CredentialTemplate template) {
        String secret = template.type() == CredentialType.API_KEY ? secrets.apiKey() : secrets.accessToken();
        minted.add(new Minted(template.registrationId(), template.type(), secret));
        return secret;
    }

    List<Minted> forRegistration(String registrationId) {
        return minted.stream()
                .filter(m -> m.registrationId().equals(registrationId))
                .toList();
    }
}
