package dev.authmd.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes a controller method needs from the calling agent, on its {@link dev.authmd.core.service.AgentPrincipal}
 * parameter:
 *
 * <pre>{@code
 * @GetMapping("/api/notes")
 * List<Note> notes(@RequiredScopes("api.read") AgentPrincipal agent) { ... }
 * }</pre>
 *
 * <p>A parameter without it accepts any valid credential. An agent without a valid credential, or without a scope,
 * never reaches the method: it gets the library's {@code 401}/{@code 403} with its {@code WWW-Authenticate} challenge.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiredScopes {

    /** @return every scope the route needs */
    String[] value();
}
