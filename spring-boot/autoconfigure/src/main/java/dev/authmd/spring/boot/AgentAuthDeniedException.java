package dev.authmd.spring.boot;

import dev.authmd.core.service.AuthenticationResult;
import java.util.Objects;

/**
 * Thrown instead of calling a controller method whose {@code AgentPrincipal} parameter could not be resolved: the
 * credential is missing, unknown, expired, revoked or lacks a scope. The auto-configured advice answers it with the
 * library's {@code 401}/{@code 403} and challenge. Carries no credential, so it is safe to log.
 */
public final class AgentAuthDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient AuthenticationResult.Denied denied;

    /** @param denied the library's verdict */
    public AgentAuthDeniedException(AuthenticationResult.Denied denied) {
        super("agent authentication denied", null, false, false);
        this.denied = Objects.requireNonNull(denied, "denied cannot be null");
    }

    /** @return the library's verdict, which renders the response */
    public AuthenticationResult.Denied denied() {
        return denied;
    }
}
