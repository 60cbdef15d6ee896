package dev.authmd.spring.boot;

import dev.authmd.adapters.servlet.AgentAuthentication;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AgentPrincipal;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a controller parameter of type {@link AgentPrincipal}: the authenticated calling agent, with the scopes of
 * its {@link RequiredScopes}; otherwise {@link AgentAuthDeniedException}. The principal is also stored as the request
 * attribute {@link AgentAuthentication#PRINCIPAL_ATTRIBUTE}. Single tenant; the client address is the peer's.
 */
public final class AgentPrincipalArgumentResolver implements HandlerMethodArgumentResolver {

    private final Supplier<AgentAuthService> service;

    /** @param service the registration service */
    public AgentPrincipalArgumentResolver(AgentAuthService service) {
        Objects.requireNonNull(service, "service cannot be null");
        this.service = () -> service;
    }

    /**
     * For a service made after the MVC configuration (one whose public URL holds a port bound at start).
     *
     * @param service looks the registration service up, on each request
     */
    public AgentPrincipalArgumentResolver(Supplier<AgentAuthService> service) {
        this.service = Objects.requireNonNull(service, "service cannot be null");
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AgentPrincipal.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        HttpServletRequest request =
                Objects.requireNonNull(webRequest.getNativeRequest(HttpServletRequest.class), "a servlet request");
        RequiredScopes required = parameter.getParameterAnnotation(RequiredScopes.class);
        Set<String> scopes = required == null ? Set.of() : Set.of(required.value());
        AuthenticationResult result = service.get()
                .authenticate(
                        RequestContext.defaultTenant(request.getRemoteAddr()),
                        java.util.Collections.list(request.getHeaders("Authorization")),
                        scopes);
        if (result instanceof AuthenticationResult.Denied denied) {
            throw new AgentAuthDeniedException(denied);
        }
        AgentPrincipal principal = result.principal().orElseThrow();
        request.setAttribute(AgentAuthentication.PRINCIPAL_ATTRIBUTE, principal);
        return principal;
    }
}
