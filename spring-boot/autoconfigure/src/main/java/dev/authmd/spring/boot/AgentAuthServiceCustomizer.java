package dev.authmd.spring.boot;

import dev.authmd.core.service.AgentAuthService;

/**
 * Adjusts the {@link AgentAuthService.Builder} before the auto-configured service is built: what the properties do not
 * cover (a credential format, a per-tenant setup, a key source of your own). Every customizer bean runs, in
 * {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * AgentAuthServiceCustomizer noStepUp() {
 *     return builder -> builder.stepUp(false);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface AgentAuthServiceCustomizer {

    /**
     * Adjusts the builder.
     *
     * @param builder the builder, with the properties and the application's SPI beans applied
     */
    void customize(AgentAuthService.Builder builder);
}
