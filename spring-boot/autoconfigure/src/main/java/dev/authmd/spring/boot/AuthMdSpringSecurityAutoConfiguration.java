package dev.authmd.spring.boot;

import dev.authmd.adapters.servlet.ServletSessionResolver;
import dev.authmd.spi.account.SessionResolver;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The claim page's sign-in from Spring Security: who is signed in is read from the HTTP session through Spring
 * Security's {@link SecurityContextRepository} (so it works although the endpoints filter runs before the security
 * filter chain), mapped to a user by the application's {@link SpringSecurityUsers} bean; someone not signed in is sent
 * to {@code authmd.sign-in.login-path} with the claim page as {@code continue}.
 */
@AutoConfiguration(before = AuthMdAutoConfiguration.class)
@ConditionalOnProperty(prefix = "authmd", name = "enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSessionSecurityContextRepository.class)
@ConditionalOnBean(SpringSecurityUsers.class)
public class AuthMdSpringSecurityAutoConfiguration {

    /** Creates the Spring Security part. */
    public AuthMdSpringSecurityAutoConfiguration() {}

    /**
     * {@return the sign-in over Spring Security's session}
     *
     * @param users the application's mapping to its users
     * @param properties {@code authmd.sign-in.login-path}
     */
    @Bean
    @ConditionalOnMissingBean(SessionResolver.class)
    public ServletSessionResolver agentAuthSessionResolver(SpringSecurityUsers users, AuthMdProperties properties) {
        SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        String loginPath = properties.getSignIn().getLoginPath();
        return ServletSessionResolver.of(
                request -> Optional.ofNullable(
                                contexts.loadDeferredContext(request).get().getAuthentication())
                        .filter(Authentication::isAuthenticated)
                        .filter(authentication -> !(authentication instanceof AnonymousAuthenticationToken))
                        .flatMap(users::find),
                (request, returnTo) -> URI.create(
                        loginPath + "?continue=" + URLEncoder.encode(returnTo.toString(), StandardCharsets.UTF_8)));
    }
}
