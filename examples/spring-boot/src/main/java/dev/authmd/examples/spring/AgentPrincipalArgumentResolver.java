package dev.authmd.examples.spring;

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
 * The resource-side check (docs/protocol.md#v01-5) as a Spring MVC argument: a controller parameter of type
 * {@link AgentPrincipal} is the authenticated caller, with the scopes of its {@link RequiredScopes}. When the library
 * denies the request the method is not called: {@link AgentAuthDeniedException} is thrown and answered with the
 * {@code 401}/{@code 403}. The principal is also stored as {@link AgentAuthentication#PRINCIPAL_ATTRIBUTE}.
 *
 * <p>Single tenant; the client address is the peer address. Thread-safe.
 */
final class AgentPrincipalArgumentResolver implements HandlerMethodArgumentResolver {

    private final Supplier<AgentAuthService> service;

    /** @param service the registration service, looked up on each request */
    AgentPrincipalArgumentResolver(Supplier<AgentAuthService> service) {
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
                        request.getHeader("Authorization"),
                        scopes);
        if (result instanceof AuthenticationResult.Denied denied) {
            throw new AgentAuthDeniedException(denied);
        }
        AgentPrincipal principal = result.principal().orElseThrow();
        request.setAttribute(AgentAuthentication.PRINCIPAL_ATTRIBUTE, principal);
        return principal;
    }
}
