package dev.authmd.examples.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes a controller method needs from the calling agent, on its {@link dev.authmd.core.service.AgentPrincipal}
 * parameter (docs/protocol.md#v01-5):
 *
 * <pre>{@code
 * @GetMapping("/api/me")
 * Map<String, Object> me(@RequiredScopes("api.read") AgentPrincipal agent) { ... }
 * }</pre>
 *
 * <p>A parameter without it accepts any valid credential. Resolved by {@link AgentPrincipalArgumentResolver}.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@interface RequiredScopes {

    /** @return every scope the route needs */
    String[] value();
}
