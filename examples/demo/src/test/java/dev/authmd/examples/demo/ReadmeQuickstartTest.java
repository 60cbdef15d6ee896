package dev.authmd.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.secret.OtpHasher;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustListJson;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.mail.ClaimMail;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README's Java quickstart, kept compiling and true. */
class ReadmeQuickstartTest {

    @Test
    void quickstartWhenWiredAsInReadmeThenServesDiscoveryAndGuardsTheApi() {
        byte[] keyFromVault = new byte[32];
        new SecureRandom().nextBytes(keyFromVault);
        List<ClaimMail> outbox = new ArrayList<>();

        AgentAuthConfig config = AgentAuthConfig.builder(URI.create("https://api.example.com"))
                .resourceName("Example API")
                .scopesSupported(List.of("api.read", "api.write"))
                .anonymousScopes(List.of("api.read"))
                .build();
        TrustList trust = TrustListJson.parse("{\"providers\":[{\"issuer\":\"https://agents.example\","
                + "\"jwks_uri\":\"https://agents.example/jwks.json\"}]}");

        AgentAuthService service = AgentAuthService.builder()
                .config(config, trust)
                .accountResolver(new DemoAccounts())
                .claimMailer(outbox::add)
                .otpHasher(new OtpHasher(keyFromVault))
                .build();
        AgentAuthEndpoints endpoints = AgentAuthEndpoints.builder(service).build();

        HttpRequest request = HttpRequest.builder("GET", "/.well-known/oauth-authorization-server")
                .build();
        assertThat(endpoints.matches(request)).isTrue();
        HttpResponse metadata = endpoints.handle(request);
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.bodyAsString()).contains("\"register_uri\": \"https://api.example.com/agent/auth\"");

        RequestContext ctx = RequestContext.defaultTenant("203.0.113.7");
        AuthenticationResult auth = service.authenticate(ctx, null, Set.of("api.read"));
        assertThat(auth).isInstanceOf(AuthenticationResult.Denied.class);
        HttpResponse denied = ((AuthenticationResult.Denied) auth).toHttpResponse();
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.header("WWW-Authenticate"))
                .contains("Bearer resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource\"");
        assertThat(outbox).isEmpty();
    }
}
