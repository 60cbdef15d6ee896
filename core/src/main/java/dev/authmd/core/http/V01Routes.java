package dev.authmd.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.assertion.AssertionResult;
import dev.authmd.core.assertion.LogoutTokenVerifier;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.internal.http.Responses;
import dev.authmd.core.internal.json.StrictJson;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.ClaimCompleted;
import dev.authmd.core.service.ClaimStarted;
import dev.authmd.core.service.ClaimView;
import dev.authmd.core.service.IssuedCredential;
import dev.authmd.core.service.OtpChallenge;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.protocol.metadata.AgentAuthMetadata;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.store.CredentialType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The v0.1 profile's router and serializer (docs/protocol.md#v01-3 to #v01-6): registration, the claim ceremony with
 * its page, and revocation by logout token. It parses and shapes only; every decision is a use case of
 * {@link AgentAuthService}, every code a {@link ProtocolError}. Bodies are {@code {"error", "message"}} on failure. Its
 * sibling for the current profile is {@link CurrentProfileRoutes}; {@link AgentAuthEndpoints} dispatches to both.
 */
final class V01Routes {

    private static final String ASSERTION_TYPE_ID_JAG = AgentAuthMetadata.ASSERTION_TYPE_ID_JAG;
    private static final String ASSERTION_TYPE_VERIFIED_EMAIL = AgentAuthMetadata.ASSERTION_TYPE_VERIFIED_EMAIL;

    private final AgentAuthService service;
    private final ClaimPageGuard guard;

    private final ClaimPageLayout layout;

    V01Routes(AgentAuthService service, ClaimPageGuard guard, ClaimPageLayout layout) {
        this.layout = layout;
        this.service = service;
        this.guard = guard;
    }

    HttpResponse register(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        Body body = jsonBody(request, config);
        if (body.error != null) {
            return body.error;
        }
        Field type = body.string("type", true);
        if (type.error != null) {
            return type.error;
        }
        Field credential = body.string("requested_credential_type", false);
        if (credential.error != null) {
            return credential.error;
        }
        // §3 order: an unknown type or assertion_type first, then a switched-off method, then the
        // credential type; the service decides the last two for every credential type it can name
        Method method;
        String assertion = null;
        switch (type.present()) {
            case "anonymous" -> method = Method.ANONYMOUS;
            case "identity_assertion" -> {
                Field assertionType = body.string("assertion_type", true);
                if (assertionType.error != null) {
                    return assertionType.error;
                }
                Field assertionField = body.string("assertion", true);
                if (assertionField.error != null) {
                    return assertionField.error;
                }
                assertion = assertionField.present();
                switch (assertionType.present()) {
                    case ASSERTION_TYPE_ID_JAG -> method = Method.ID_JAG;
                    case ASSERTION_TYPE_VERIFIED_EMAIL -> method = Method.VERIFIED_EMAIL;
                    default -> {
                        return Responses.error(
                                ProtocolError.INVALID_REQUEST,
                                "assertion_type must be " + ASSERTION_TYPE_ID_JAG + " or "
                                        + ASSERTION_TYPE_VERIFIED_EMAIL + ".");
                    }
                }
            }
            default -> {
                return Responses.error(ProtocolError.INVALID_REQUEST, "type must be anonymous or identity_assertion.");
            }
        }
        CredentialType credentialType = null;
        if (credential.value != null) {
            Optional<CredentialType> known = CredentialType.fromWireName(credential.value);
            if (known.isEmpty()) {
                // a name no method offers: the service cannot be asked, so answer as it would
                return method.disabledIn(config)
                        .map(error -> Responses.error(error, null))
                        .orElseGet(() -> Responses.error(
                                ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE,
                                "requested_credential_type must be one of " + offered(method, config) + "."));
            }
            credentialType = known.get();
        }
        RegisterRequest registerRequest = switch (method) {
            case ANONYMOUS -> new RegisterRequest.Anonymous(credentialType);
            case ID_JAG -> new RegisterRequest.IdJag(Objects.requireNonNull(assertion), credentialType);
            case VERIFIED_EMAIL -> new RegisterRequest.VerifiedEmail(Objects.requireNonNull(assertion), credentialType);
        };
        return answer(service.register(ctx, registerRequest), V01Routes::registrationBody);
    }

    private static String offered(Method method, AgentAuthConfig config) {
        List<CredentialType> types =
                method == Method.ANONYMOUS ? config.anonymousCredentialTypes() : config.identityCredentialTypes();
        return String.join(", ", types.stream().map(CredentialType::wireName).toList());
    }

    /** The three registration methods of §3 and the switch that turns each off. */
    private enum Method {
        ANONYMOUS,
        ID_JAG,
        VERIFIED_EMAIL;

        Optional<ProtocolError> disabledIn(AgentAuthConfig config) {
            return switch (this) {
                case ANONYMOUS ->
                    config.anonymousEnabled() ? Optional.empty() : Optional.of(ProtocolError.ANONYMOUS_NOT_ENABLED);
                case ID_JAG -> config.idJagEnabled() ? Optional.empty() : Optional.of(ProtocolError.INVALID_ISSUER);
                case VERIFIED_EMAIL ->
                    config.verifiedEmailEnabled()
                            ? Optional.empty()
                            : Optional.of(ProtocolError.VERIFIED_EMAIL_NOT_ENABLED);
            };
        }
    }

    HttpResponse claim(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        Body body = jsonBody(request, config);
        if (body.error != null) {
            return body.error;
        }
        Field token = body.string("claim_token", true);
        if (token.error != null) {
            return token.error;
        }
        Field email = body.string("email", true);
        if (email.error != null) {
            return email.error;
        }
        return answer(service.startClaim(ctx, token.present(), email.present()), V01Routes::claimStartedBody);
    }

    HttpResponse view(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        String token = request.queryParameter("token").orElse("");
        Outcome<ClaimView> view = service.viewClaim(ctx, token);
        if (!view.isSuccess()) {
            return failure(view.failure());
        }
        Optional<HttpResponse> refused = guard.check(request, view.value());
        if (refused.isPresent()) {
            return refused.get();
        }
        HttpResponse page = ClaimPage.render(
                layout, view.value(), config.claimChallengeUri().getRawPath(), token);
        return request.method().equals("HEAD") ? AgentAuthEndpoints.headOf(page) : page;
    }

    HttpResponse challenge(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        Body body = jsonBody(request, config);
        if (body.error != null) {
            return body.error;
        }
        Field token = body.string("claim_attempt_token", true);
        if (token.error != null) {
            return token.error;
        }
        Outcome<ClaimView> view = service.viewClaim(ctx, token.present());
        if (view.isSuccess()) {
            Optional<HttpResponse> refused = guard.check(request, view.value());
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return answer(service.mintChallenge(ctx, token.present()), V01Routes::challengeBody);
    }

    HttpResponse complete(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        Body body = jsonBody(request, config);
        if (body.error != null) {
            return body.error;
        }
        Field token = body.string("claim_token", true);
        if (token.error != null) {
            return token.error;
        }
        Field otp = body.string("otp", true);
        if (otp.error != null) {
            return otp.error;
        }
        return answer(service.completeClaim(ctx, token.present(), otp.present()), V01Routes::completedBody);
    }

    HttpResponse revoke(RequestContext ctx, HttpRequest request, AgentAuthConfig config) {
        if (request.bodyLength() > config.maxRequestBodyBytes()) {
            return Responses.error(ProtocolError.INVALID_REQUEST, "The body is larger than the limit.");
        }
        AssertionResult<String> token = LogoutTokenVerifier.extractToken(
                AgentAuthEndpoints.singleContentType(request).orElse(null), request.body());
        if (!token.isValid()) {
            return Responses.error(token.rejection().error(), token.rejection().message());
        }
        Outcome<Integer> revoked = service.revoke(ctx, token.value());
        if (!revoked.isSuccess()) {
            return failure(revoked.failure());
        }
        // the same answer whether or not anything matched
        return Responses.json(200, Map.of("status", "ok")).build();
    }

    // --- bodies -------------------------------------------------------------------------------

    private static Map<String, Object> registrationBody(RegistrationResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registration_id", result.registrationId());
        body.put("registration_type", result.type().wireName());
        result.issuedCredential().ifPresent(credential -> putCredential(body, credential));
        result.claimHandle().ifPresent(claim -> {
            body.put("claim_url", claim.claimUrl().toString());
            body.put("claim_token", claim.claimToken());
            body.put("claim_token_expires", AgentAuthEndpoints.timestamp(claim.expiresAt()));
            body.put("post_claim_scopes", result.postClaimScopes());
        });
        return body;
    }

    private static Map<String, Object> claimStartedBody(ClaimStarted started) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registration_id", started.registrationId());
        body.put("claim_attempt_id", started.claimAttemptId());
        body.put("status", "initiated");
        body.put("expires_at", AgentAuthEndpoints.timestamp(started.expiresAt()));
        return body;
    }

    private static Map<String, Object> challengeBody(OtpChallenge challenge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "otp");
        body.put("challenge", challenge.otp());
        body.put("expires_at", AgentAuthEndpoints.timestamp(challenge.expiresAt()));
        return body;
    }

    private static Map<String, Object> completedBody(ClaimCompleted completed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registration_id", completed.registrationId());
        body.put("status", "claimed");
        completed.issuedCredential().ifPresent(credential -> putCredential(body, credential));
        return body;
    }

    private static void putCredential(Map<String, Object> body, IssuedCredential credential) {
        body.put("credential_type", credential.type().wireName());
        body.put("credential", credential.secret());
        body.put(
                "credential_expires",
                credential.expiry().map(AgentAuthEndpoints::timestamp).orElse(null));
        body.put("scopes", credential.scopes());
    }

    private static <T> HttpResponse answer(Outcome<T> outcome, Function<T, Map<String, Object>> body) {
        if (!outcome.isSuccess()) {
            return failure(outcome.failure());
        }
        return Responses.json(200, body.apply(outcome.value())).build();
    }

    private static HttpResponse failure(Outcome.Failure<?> failure) {
        HttpResponse.Builder response =
                Responses.errorBuilder(failure.error(), failure.message(), failure.extraMembers());
        if (failure.retryAfterSeconds() > 0) {
            response.header("Retry-After", Long.toString(failure.retryAfterSeconds()));
        }
        return response.build();
    }

    // --- request parsing ----------------------------------------------------------------------

    private static Body jsonBody(HttpRequest request, AgentAuthConfig config) {
        if (!AgentAuthEndpoints.isJson(
                AgentAuthEndpoints.singleContentType(request).orElse(""))) {
            return Body.failed("Content-Type must be application/json (sent once).");
        }
        if (request.bodyLength() > config.maxRequestBodyBytes()) {
            return Body.failed("The body is larger than " + config.maxRequestBodyBytes() + " bytes.");
        }
        if (request.bodyLength() == 0) {
            return Body.failed("The body is empty; a JSON object is required.");
        }
        Optional<ObjectNode> json = StrictJson.parseObject(request.body());
        return json.map(Body::new)
                .orElseGet(() -> Body.failed("The body must be one JSON object (UTF-8, no duplicate members)."));
    }

    private static final class Body {
        final @Nullable ObjectNode json;
        final @Nullable HttpResponse error;

        Body(ObjectNode json) {
            this.json = json;
            this.error = null;
        }

        private Body(HttpResponse error) {
            this.json = null;
            this.error = error;
        }

        static Body failed(String message) {
            return new Body(Responses.error(ProtocolError.INVALID_REQUEST, message));
        }

        Field string(String name, boolean required) {
            JsonNode node =
                    Objects.requireNonNull(json, "read only when error is null").get(name);
            if (node == null || node.isNull()) {
                return required ? Field.failed(name + " is required.") : new Field(null, null);
            }
            if (!node.isTextual()) {
                return Field.failed(name + " must be a string.");
            }
            if (required && node.asText().isEmpty()) {
                return Field.failed(name + " must not be empty.");
            }
            return new Field(node.asText(), null);
        }
    }

    private record Field(@Nullable String value, @Nullable HttpResponse error) {
        static Field failed(String message) {
            return new Field(null, Responses.error(ProtocolError.INVALID_REQUEST, message));
        }

        /** The value of a required field once {@code error} is null: never null then. */
        String present() {
            return Objects.requireNonNull(value, "a required field without an error has a value");
        }
    }
}
