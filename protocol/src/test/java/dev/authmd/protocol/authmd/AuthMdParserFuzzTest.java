package dev.authmd.protocol.authmd;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the auth.md parser an agent runs on a service's document. Contract: {@code parse} never throws on bytes,
 * extracts no more than the document holds, and every URL it extracts is absolute http(s).
 */
class AuthMdParserFuzzTest {

    private static final AuthMdParser PARSER = new AuthMdParser();
    private static final URI DOCUMENT = URI.create("https://api.example.com/auth.md");

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void parseExtractsWhatTheDocumentHolds(byte[] input) {
        AuthMdDocument relative = PARSER.parse(input, DOCUMENT);
        AuthMdDocument bare = PARSER.parse(input);

        for (AuthMdDocument document : new AuthMdDocument[] {relative, bare}) {
            int extracted = document.jsonExamples().size()
                    + document.errorCodes().size()
                    + document.reasons().size()
                    + document.identityTypes().size()
                    + document.assertionTypes().size()
                    + document.credentialTypes().size();
            // an empty document still names the default types: a few dozen entries at most, then one per byte
            assertThat(extracted).isLessThanOrEqualTo(input.length + 64);
            assertThat(document.toString()).isNotNull();
            for (URI uri : document.authorizationServerMetadataUris()) {
                assertAbsoluteHttp(uri);
            }
            document.protectedResourceMetadataUri().ifPresent(AuthMdParserFuzzTest::assertAbsoluteHttp);
            document.identityEndpoint().ifPresent(AuthMdParserFuzzTest::assertAbsoluteHttp);
            document.tokenEndpoint().ifPresent(AuthMdParserFuzzTest::assertAbsoluteHttp);
            document.tokenRevocationEndpoint().ifPresent(AuthMdParserFuzzTest::assertAbsoluteHttp);
            document.eventsEndpoint().ifPresent(AuthMdParserFuzzTest::assertAbsoluteHttp);
            document.registerUri().ifPresent(AuthMdParserFuzzTest::assertAbsoluteHttp);
            document.claimUri().ifPresent(AuthMdParserFuzzTest::assertAbsoluteHttp);
            document.revocationUri().ifPresent(AuthMdParserFuzzTest::assertAbsoluteHttp);
        }
    }

    private static void assertAbsoluteHttp(URI uri) {
        assertThat(uri.isAbsolute()).as(uri.toString()).isTrue();
        assertThat(uri.getScheme()).isIn("http", "https");
    }
}
