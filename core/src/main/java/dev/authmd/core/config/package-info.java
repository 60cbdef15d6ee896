/** The service's auth.md configuration, {@link dev.authmd.core.config.AgentAuthConfig}. */
@NullMarked
package dev.authmd.core.config;

import org.jspecify.annotations.NullMarked;
