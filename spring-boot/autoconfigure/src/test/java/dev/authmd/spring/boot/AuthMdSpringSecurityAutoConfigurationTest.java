package dev.authmd.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.adapters.servlet.AgentAuthFilter;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.ClaimAttemptStarted;
import dev.authmd.core.service.IdentityRequest;
import dev.authmd.core.service.IdentityResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.spi.account.SessionResolver;
import dev.authmd.spi.account.SignedInUser;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/** The claim page's sign-in from Spring Security's session, through the real endpoints filter. */
class AuthMdSpringSecurityAutoConfigurationTest {

    private static final RequestContext CTX = RequestContext.defaultTenant("192.0.2.10");

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    AuthMdSpringSecurityAutoConfiguration.class,
                    AuthMdAutoConfiguration.class,
                    AuthMdAutoConfiguration.Servlet.class))
            .withPropertyValues(
                    "authmd.resource=https://api.example.com",
                    "authmd.housekeeping.enabled=false",
                    "authmd.sign-in.login-path=/sign-in")
            .withBean(
                    SpringSecurityUsers.class,
                    () -> authentication -> authentication.getName().equals("carol")
                            ? Optional.of(new SignedInUser("u-carol", List.of("carol@example.com")))
                            : Optional.empty());

    @Test
    void claimPageWhenCarolIsSignedInWithSpringSecurityThenSheIsOfferedTheConfirmation() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(SessionResolver.class);
            URI page = startClaim(context);

            MockHttpServletResponse response = open(context, page, signedIn("carol"));

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentAsString()).contains("id=\"confirm\"").contains("carol@example.com");
        });
    }

    @Test
    void claimPageWhenNobodyIsSignedInThenSentToTheLoginWithTheWayBack() {
        runner.run(context -> {
            URI page = startClaim(context);

            MockHttpServletResponse response = open(context, page, new MockHttpSession());

            assertThat(response.getStatus()).isBetween(300, 399);
            assertThat(response.getHeader("Location")).startsWith("/sign-in?continue=https%3A%2F%2Fapi.example.com");
        });
    }

    @Test
    void claimPageWhenSignedInUserIsNotKnownToTheApplicationThenNotOfferedTheConfirmation() {
        runner.run(context -> {
            URI page = startClaim(context);

            MockHttpServletResponse response = open(context, page, signedIn("mallory"));

            assertThat(response.getContentAsString()).doesNotContain("id=\"confirm\"");
        });
    }

    @Test
    void contextWhenNoUsersBeanOrNoSpringSecurityThenNoSignInIsMade() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        AuthMdSpringSecurityAutoConfiguration.class, AuthMdAutoConfiguration.class))
                .withPropertyValues("authmd.resource=https://api.example.com")
                .run(context -> assertThat(context).doesNotHaveBean(SessionResolver.class));
        runner.withClassLoader(new FilteredClassLoader(HttpSessionSecurityContextRepository.class))
                .run(context -> assertThat(context).doesNotHaveBean(SessionResolver.class));
    }

    private static URI startClaim(ApplicationContext context) {
        AgentAuthService service = context.getBean(AgentAuthService.class);
        IdentityResult anonymous =
                service.identity(CTX, new IdentityRequest.Anonymous()).value();
        ClaimAttemptStarted started = service.startIdentityClaim(
                        CTX, anonymous.claim().token(), "carol@example.com")
                .value();
        return started.verificationUri();
    }

    private static MockHttpSession signedIn(String user) {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of())));
        return session;
    }

    @SuppressWarnings("unchecked")
    private static MockHttpServletResponse open(ApplicationContext context, URI page, MockHttpSession session)
            throws Exception {
        AgentAuthFilter filter = ((FilterRegistrationBean<AgentAuthFilter>)
                        context.getBean("agentAuthFilterRegistration", FilterRegistrationBean.class))
                .getFilter();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", page.getRawPath());
        request.setServletPath(page.getRawPath());
        request.setQueryString(page.getRawQuery());
        request.setSession(session);
        request.setRemoteAddr("192.0.2.10");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
