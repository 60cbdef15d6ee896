package dev.authmd.protocol.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the metadata readers an agent (and a service's provider discovery) runs on fetched documents. Contract: each
 * parse answers a model or throws {@link MetadataException}; a model validates without throwing; and what was read
 * writes back to JSON that reads and writes to the same JSON.
 */
class MetadataJsonFuzzTest {

    private static final MetadataValidator VALIDATOR = MetadataValidator.of(java.util.Set.of("localhost"));
    private static final URI RESOURCE = URI.create("https://api.example.com");

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void protectedResourceMetadataReadsOrRefuses(byte[] input) {
        ProtectedResourceMetadata metadata;
        try {
            metadata = MetadataJson.parseProtectedResource(input);
        } catch (MetadataException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(VALIDATOR.validateProtectedResource(metadata, RESOURCE)).isNotNull();
        String written = MetadataJson.write(metadata);
        assertThat(MetadataJson.write(MetadataJson.parseProtectedResource(written)))
                .isEqualTo(written);
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void authorizationServerMetadataReadsOrRefuses(byte[] input) {
        AuthorizationServerMetadata metadata;
        try {
            metadata = MetadataJson.parseAuthorizationServer(input);
        } catch (MetadataException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(VALIDATOR.validateAuthorizationServer(metadata, RESOURCE)).isNotNull();
        String written = MetadataJson.write(metadata);
        assertThat(MetadataJson.write(MetadataJson.parseAuthorizationServer(written)))
                .isEqualTo(written);
    }
}
