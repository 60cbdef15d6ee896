package dev.authmd.core.service;

import dev.authmd.core.internal.http.Responses;
import dev.authmd.protocol.challenge.BearerChallenge;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.http.HttpResponse;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link AgentAuthService#authenticate}: the calling agent, or a ready-made {@code 401}/{@code 403}
 * carrying the {@code WWW-Authenticate} challenge (§2, §5: docs/protocol.md#v01-2).
 */
public sealed interface AuthenticationResult permits AuthenticationResult.Authenticated, AuthenticationResult.Denied {

    /** {@return the principal when authenticated} */
    Optional<AgentPrincipal> principal();

    /**
     * A valid credential with every required scope.
     *
     * @param agent who is calling
     */
    record Authenticated(AgentPrincipal agent) implements AuthenticationResult {
        /**
         * Checks that {@code agent} is not null.
         *
         * @param agent who is calling
         * @throws NullPointerException if {@code agent} is null
         */
        public Authenticated {
            Objects.requireNonNull(agent, "agent cannot be null");
        }

        @Override
        public Optional<AgentPrincipal> principal() {
            return Optional.of(agent);
        }
    }

    /**
     * The request may not pass.
     *
     * @param status 401 (no usable credential) or 403 (missing scope)
     * @param error the wire error; null for a request that carried no credential at all
     * @param challenge the {@code WWW-Authenticate} challenge to send
     */
    record Denied(int status, @Nullable ProtocolError error, BearerChallenge challenge)
            implements AuthenticationResult {
        /**
         * Checks that {@code challenge} is not null.
         *
         * @param status 401 (no usable credential) or 403 (missing scope)
         * @param error the wire error; null for a request that carried no credential at all
         * @param challenge the {@code WWW-Authenticate} challenge to send
         * @throws NullPointerException if {@code challenge} is null
         */
        public Denied {
            Objects.requireNonNull(challenge, "challenge cannot be null");
        }

        @Override
        public Optional<AgentPrincipal> principal() {
            return Optional.empty();
        }

        /** {@return the {@code WWW-Authenticate} header value} */
        public String wwwAuthenticate() {
            return challenge.toHeaderValue();
        }

        /**
         * {@return the complete response: status, {@code WWW-Authenticate}, a JSON error body and {@code Cache-Control:
         * no-store}}
         */
        public HttpResponse toHttpResponse() {
            if (error == null) {
                // no credential at all: no error code, in the challenge (RFC 6750 §3.1) nor in the body; the body
                // only says where discovery starts
                Map<String, Object> body = new java.util.LinkedHashMap<>();
                body.put("message", "This API needs a bearer credential; see resource_metadata.");
                challenge.resourceMetadata().ifPresent(url -> body.put("resource_metadata", url));
                return Responses.json(status, body)
                        .header("WWW-Authenticate", wwwAuthenticate())
                        .build();
            }
            return Responses.errorBuilder(error, error.description(), Map.of())
                    .header("WWW-Authenticate", wwwAuthenticate())
                    .build();
        }
    }
}
