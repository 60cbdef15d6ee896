package dev.authmd.examples.spring;

import dev.authmd.core.service.AuthenticationResult;
import java.util.Objects;

/**
 * Thrown by {@link AgentPrincipalArgumentResolver} when the request's credential is missing, unknown, expired, revoked
 * or lacks a scope; {@link DemoErrorAdvice} answers it with the library's {@code 401}/{@code 403} and its
 * {@code WWW-Authenticate} challenge. Carries no credential, so it is safe to log.
 */
final class AgentAuthDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient AuthenticationResult.Denied denied;

    AgentAuthDeniedException(AuthenticationResult.Denied denied) {
        super("agent authentication denied", null, false, false);
        this.denied = Objects.requireNonNull(denied, "denied cannot be null");
    }

    /** @return the library's verdict, which renders the response */
    AuthenticationResult.Denied denied() {
        return denied;
    }
}
