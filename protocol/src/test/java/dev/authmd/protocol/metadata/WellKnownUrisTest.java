package dev.authmd.protocol.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WellKnownUrisTest {

    @ParameterizedTest
    @CsvSource({
        "https://api.example.com, https://api.example.com/.well-known/oauth-protected-resource",
        "https://api.example.com/, https://api.example.com/.well-known/oauth-protected-resource",
        "https://api.example.com/v1, https://api.example.com/.well-known/oauth-protected-resource/v1",
        "https://api.example.com/v1/, https://api.example.com/.well-known/oauth-protected-resource/v1",
        "https://api.example.com/v1//, https://api.example.com/.well-known/oauth-protected-resource/v1",
        "https://api.example.com/a/b, https://api.example.com/.well-known/oauth-protected-resource/a/b",
        "https://api.example.com:8443/v1, https://api.example.com:8443/.well-known/oauth-protected-resource/v1",
        "https://api.example.com:443, https://api.example.com:443/.well-known/oauth-protected-resource",
        "HTTPS://API.Example.COM/V1, https://api.example.com/.well-known/oauth-protected-resource/V1",
        "https://api.example.com/a%20b, https://api.example.com/.well-known/oauth-protected-resource/a%20b",
        "https://[::1]:8443/api, https://[::1]:8443/.well-known/oauth-protected-resource/api",
        "https://[2001:DB8::1], https://[2001:db8::1]/.well-known/oauth-protected-resource",
        "http://localhost:8080, http://localhost:8080/.well-known/oauth-protected-resource",
        "https://127.0.0.1/x, https://127.0.0.1/.well-known/oauth-protected-resource/x"
    })
    void protectedResourceMetadataWhenIdentifierGivenThenWellKnownSegmentGoesBetweenHostAndPath(
            String resource, String expected) {
        assertThat(WellKnownUris.protectedResourceMetadata(URI.create(resource)))
                .isEqualTo(URI.create(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "https://example.com, https://example.com/.well-known/oauth-authorization-server",
        "https://example.com/, https://example.com/.well-known/oauth-authorization-server",
        "https://example.com/as, https://example.com/.well-known/oauth-authorization-server/as",
        "https://example.com/as/, https://example.com/.well-known/oauth-authorization-server/as",
        "https://example.com:9000/t/1, https://example.com:9000/.well-known/oauth-authorization-server/t/1"
    })
    void authorizationServerMetadataWhenIssuerGivenThenRfc8414Location(String issuer, String expected) {
        assertThat(WellKnownUris.authorizationServerMetadata(URI.create(issuer)))
                .isEqualTo(URI.create(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "https://example.com, https://example.com/.well-known/oauth-authorization-server",
        "https://example.com/, https://example.com/.well-known/oauth-authorization-server",
        "https://example.com/as, https://example.com/as/.well-known/oauth-authorization-server",
        "https://example.com/as/, https://example.com/as/.well-known/oauth-authorization-server",
        "https://[::1]:8443/as, https://[::1]:8443/as/.well-known/oauth-authorization-server"
    })
    void appendedAuthorizationServerMetadataWhenIssuerGivenThenWellKnownPathIsAppended(String issuer, String expected) {
        assertThat(WellKnownUris.appendedAuthorizationServerMetadata(URI.create(issuer)))
                .isEqualTo(URI.create(expected));
    }

    @Test
    void appendedAuthorizationServerMetadataWhenIssuerHasNoPathThenSameAsRfc8414() {
        URI issuer = URI.create("https://api.example.com");

        assertThat(WellKnownUris.appendedAuthorizationServerMetadata(issuer))
                .isEqualTo(WellKnownUris.authorizationServerMetadata(issuer));
    }

    @ParameterizedTest
    @CsvSource({
        "https://api.example.com/v1?x=1, identifier must have no query or fragment: https://api.example.com/v1?x=1",
        "https://api.example.com/v1#f, identifier must have no query or fragment: https://api.example.com/v1#f",
        "https://api.example.com?, identifier must have no query or fragment: https://api.example.com?",
        "/v1, not an absolute URL with a host: /v1",
        "mailto:a@example.com, not an absolute URL with a host: mailto:a@example.com",
        "file:///etc/passwd, not an absolute URL with a host: file:///etc/passwd",
        "ftp://example.com/x, identifier must be an http(s) URL: ftp://example.com/x",
        "https://user:secret@example.com/x, identifier must have no user info: https://…@example.com"
    })
    void wellKnownUrisWhenIdentifierUnusableThenRefusedWithMessage(String identifier, String message) {
        URI uri = URI.create(identifier);

        assertThatThrownBy(() -> WellKnownUris.protectedResourceMetadata(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> WellKnownUris.authorizationServerMetadata(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> WellKnownUris.appendedAuthorizationServerMetadata(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> WellKnownUris.origin(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void wellKnownUrisWhenUserInfoThenSecretIsNotInTheMessage() {
        assertThatThrownBy(() -> WellKnownUris.origin(URI.create("https://user:hunter2@example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void wellKnownUrisWhenNullThenNullPointerException() {
        assertThatThrownBy(() -> WellKnownUris.protectedResourceMetadata(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("uri cannot be null");
        assertThatThrownBy(() -> WellKnownUris.pathWithoutTrailingSlash(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("uri cannot be null");
    }

    @ParameterizedTest
    @CsvSource({
        "https://API.example.com/x/y, https://api.example.com",
        "http://localhost:8080/, http://localhost:8080",
        "https://[::1]:9/, https://[::1]:9"
    })
    void originWhenUrlGivenThenSchemeHostAndPortOnly(String url, String origin) {
        assertThat(WellKnownUris.origin(URI.create(url))).isEqualTo(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://a.example", "https://a.example/", "https://a.example//"})
    void pathWithoutTrailingSlashWhenRootThenEmpty(String url) {
        assertThat(WellKnownUris.pathWithoutTrailingSlash(URI.create(url))).isEmpty();
    }

    @Test
    void pathWithoutTrailingSlashWhenPathThenRawPathWithoutSlash() {
        assertThat(WellKnownUris.pathWithoutTrailingSlash(URI.create("https://a.example/x%2Fy/")))
                .isEqualTo("/x%2Fy");
    }
}
