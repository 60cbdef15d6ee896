package dev.authmd.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.adapters.servlet.AgentAuthentication;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AgentPrincipal;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.trust.TrustList;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;

/** The calling agent as a controller argument: resolved with its scopes, or the library's denial. */
class AgentPrincipalArgumentResolverTest {

    private final AgentAuthService service = AgentAuthService.builder()
            .config(
                    AgentAuthConfig.builder(URI.create("https://api.example.com"))
                            .scopesSupported(List.of("api.read", "api.write"))
                            .build(),
                    TrustList.of(List.of()))
            .build();
    private final AgentPrincipalArgumentResolver resolver = new AgentPrincipalArgumentResolver(service);

    @SuppressWarnings("unused")
    void route(
            @RequiredScopes("api.read") AgentPrincipal reader,
            @RequiredScopes("api.write") AgentPrincipal writer,
            String other) {}

    private static MethodParameter parameter(int index) throws NoSuchMethodException {
        Method route = AgentPrincipalArgumentResolverTest.class.getDeclaredMethod(
                "route", AgentPrincipal.class, AgentPrincipal.class, String.class);
        return new MethodParameter(route, index);
    }

    private ServletWebRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/notes");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return new ServletWebRequest(request, new MockHttpServletResponse());
    }

    @Test
    void resolveWhenKeyHasTheScopeThenTheAgentAndItIsStoredOnTheRequest() throws Exception {
        String key = service.register(RequestContext.defaultTenant("192.0.2.10"), new RegisterRequest.Anonymous(null))
                .value()
                .credential()
                .secret();
        ServletWebRequest web = request("Bearer " + key);

        Object agent = resolver.resolveArgument(parameter(0), null, web, null);

        assertThat(agent).isInstanceOf(AgentPrincipal.class);
        assertThat(web.getRequest().getAttribute(AgentAuthentication.PRINCIPAL_ATTRIBUTE))
                .isSameAs(agent);
        assertThat(resolver.supportsParameter(parameter(0))).isTrue();
        assertThat(resolver.supportsParameter(parameter(2))).isFalse();
    }

    @Test
    void resolveWhenScopeMissingOrNoCredentialThenDeniedWithTheLibrarysStatus() throws Exception {
        String key = service.register(RequestContext.defaultTenant("192.0.2.10"), new RegisterRequest.Anonymous(null))
                .value()
                .credential()
                .secret();

        assertThatThrownBy(() -> resolver.resolveArgument(parameter(1), null, request("Bearer " + key), null))
                .isInstanceOfSatisfying(
                        AgentAuthDeniedException.class,
                        e -> assertThat(e.denied().toHttpResponse().status()).isEqualTo(403));
        assertThatThrownBy(() -> resolver.resolveArgument(parameter(0), null, request(null), null))
                .isInstanceOfSatisfying(
                        AgentAuthDeniedException.class,
                        e -> assertThat(e.denied().toHttpResponse().status()).isEqualTo(401));
        assertThatThrownBy(() -> resolver.resolveArgument(parameter(0), null, request("Bearer sk_garbage"), null))
                .isInstanceOfSatisfying(
                        AgentAuthDeniedException.class,
                        e -> assertThat(e.denied().toHttpResponse().header("WWW-Authenticate"))
                                .hasValueSatisfying(h -> assertThat(h).contains("invalid_token")));
    }
}
