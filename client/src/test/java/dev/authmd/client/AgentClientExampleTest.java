package dev.authmd.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.spi.store.WireProfile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/agent-client.md, against our own service instead of api.example.com. */
class AgentClientExampleTest {

    /** The tool of the docs, without the framework's annotation. */
    static final class DocsTools {
        private final AgentSession docs;
        private final URI base;

        DocsTools(AgentSession docs, URI base) {
            this.docs = docs;
            this.base = base;
        }

        String readDocument(String id) throws Exception {
            return docs.send(
                            HttpRequest.newBuilder(base.resolve("/api/" + id)).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    @Test
    void readmeExampleWhenRunThenTheCallIsAuthenticatedAndTheCredentialPersists(@TempDir Path home) throws Exception {
        try (LocalService local = new LocalService(WireProfile.V0_1, WireProfile.CURRENT)) {
            AuthMdClient client = local.client()
                    .store(AgentCredentialStore.inDirectory(home.resolve(".authmd")))
                    .build();
            AgentSession docs = client.connect(local.baseUrl());
            HttpResponse<String> me =
                    docs.send(HttpRequest.newBuilder(local.api()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains(docs.credentials().registrationId());
            assertThat(new DocsTools(docs, local.baseUrl()).readDocument("me"))
                    .contains(docs.credentials().registrationId());

            AgentSession again = local.client()
                    .store(AgentCredentialStore.inDirectory(home.resolve(".authmd")))
                    .build()
                    .connect(local.baseUrl());
            assertThat(again.credentials().registrationId())
                    .isEqualTo(docs.credentials().registrationId());
            assertThat(local.count("authmd.registrations")).isEqualTo(1);
        }
    }
}
