/** The service's auth.md configuration, {@link dev.authmd.core.config.AgentAuthConfig}. */
package dev.authmd.core.config;
