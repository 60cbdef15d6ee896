package dev.authmd.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.client.internal.Reply;
import dev.authmd.client.internal.Wire;
import dev.authmd.protocol.metadata.AgentAuthMetadata;
import dev.authmd.protocol.metadata.WellKnownUris;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The current profile from the agent's side: {@code POST identity_endpoint} for a service-signed identity assertion,
 * the RFC 7523 exchange at {@code token_endpoint} for an access token, rotating refresh tokens, and the claim a person
 * confirms on the service's own page ({@code verification_uri}) before reading back a code.
 */
final class CurrentFlow implements ProfileFlow {

    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final ClientContext context;
    private final DiscoveredService service;
    private final URI identity;
    private final URI token;
    private final @Nullable URI claimEndpoint;
    private final String issuerOrigin;

    CurrentFlow(ClientContext context, DiscoveredService service) {
        this.context = context;
        this.service = service;
        this.identity = Objects.requireNonNull(service.endpoints().identity(), "needs identity_endpoint");
        this.token = Objects.requireNonNull(service.endpoints().token(), "needs token_endpoint");
        this.claimEndpoint = service.endpoints().claim();
        this.issuerOrigin = WellKnownUris.origin(identity);
    }

    /**
     * Strips what people type around a code: spaces and dashes; upper-cased (the letter alphabet).
     *
     * @param code what the person typed
     * @return the code to send
     */
    static String normaliseCode(String code) {
        StringBuilder out = new StringBuilder();
        code.codePoints().filter(c -> !Character.isWhitespace(c) && c != '-').forEach(out::appendCodePoint);
        return out.toString().toUpperCase(Locale.ROOT);
    }

    @Override
    public AgentCredentials register(RegistrationMethod method) {
        ObjectNode body = Wire.object();
        switch (method) {
            case ID_JAG -> {
                AssertionSource source = Objects.requireNonNull(context.assertions(), "no assertion source");
                body.put("type", "identity_assertion");
                body.put("assertion_type", AgentAuthMetadata.ASSERTION_TYPE_ID_JAG);
                body.put(
                        "assertion",
                        source.idJag(new AssertionSource.AssertionRequest(
                                service.issuer(), service.resource().toString())));
            }
            case EMAIL -> {
                body.put("type", "service_auth");
                body.put("login_hint", Objects.requireNonNull(context.userEmail(), "no user email"));
            }
            case ANONYMOUS -> body.put("type", "anonymous");
        }
        Reply reply = context.http().postJson(identity, Wire.write(body));
        JsonNode answer = reply.json().orElse(null);
        if (answer != null && answer.path("identity_assertion").isTextual() && !answer.has("identity")) {
            throw new UnsupportedProfileException("unsupported profile: " + identity
                    + " answered the v0.4–v0.7 flat shape (a top-level identity_assertion string)");
        }
        boolean stepUp = reply.status() == 401
                && "interaction_required".equals(Wire.errorCode(reply).orElse(""))
                && answer != null
                && answer.path("claim").isObject();
        if (reply.status() != 200 && !stepUp) {
            throw Wire.error("registration at " + identity, reply);
        }
        if (answer == null) {
            throw new AuthMdClientException("the registration answer from " + identity + " is not a JSON object");
        }
        String registrationId = V01Flow.required(answer, "id", "registration");
        JsonNode claim = answer.path("claim");
        JsonNode identityBlock = answer.path("identity");
        boolean unclaimed = method == RegistrationMethod.ANONYMOUS;
        AgentCredentials registered = new AgentCredentials(
                service.issuer(),
                service.resource().toString(),
                ServiceProfile.CURRENT,
                registrationId,
                method,
                method == RegistrationMethod.ID_JAG && !stepUp,
                Wire.scopes(answer.get("scopes"), unclaimed),
                null,
                null,
                Wire.text(identityBlock, "assertion").orElse(null),
                Wire.instant(identityBlock, "expires_at").orElse(null),
                refreshToken(answer).orElse(null),
                refreshExpires(answer).orElse(null),
                Wire.text(claim, "token").orElse(null),
                Wire.instant(claim, "expires_at").orElse(null));
        if (registered.assertion() != null) {
            context.store().save(registered);
            return exchange(registered);
        }
        // service_auth, or an ID-JAG step-up: a person confirms on the service's page first
        JsonNode attempt = claim.path("attempt");
        if (!attempt.isObject() || registered.claimToken() == null) {
            throw new AuthMdClientException("the registration answer from " + identity
                    + " has neither an identity nor a claim token and attempt");
        }
        verificationUri(attempt);
        context.store().save(registered);
        return exchange(complete(registered, attempt));
    }

    @Override
    public AgentCredentials claim(AgentCredentials credentials, String email) {
        String claimToken = credentials.claimToken();
        if (claimEndpoint == null || claimToken == null) {
            throw new AuthMdClientException("registration " + credentials.registrationId() + " cannot be claimed: "
                    + (claimEndpoint == null ? "the service lists no claim_endpoint" : "no claim token is held"));
        }
        context.requirePrompt("claiming a registration");
        ObjectNode body = Wire.object();
        body.put("type", "service_auth");
        body.put("claim_token", claimToken);
        body.put("login_hint", email);
        Reply reply = context.http().postJson(claimEndpoint, Wire.write(body));
        if (reply.status() != 200) {
            throw Wire.error("claim start at " + claimEndpoint, reply);
        }
        JsonNode attempt = V01Flow.json(reply, "claim start").path("attempt");
        if (!attempt.isObject()) {
            throw new AuthMdClientException("the claim start answer from " + claimEndpoint + " has no attempt");
        }
        return exchange(complete(credentials, attempt));
    }

    @Override
    public AgentCredentials exchange(AgentCredentials credentials) {
        String assertion = credentials.assertion();
        if (assertion == null) {
            throw new AuthMdClientException("registration " + credentials.registrationId() + " holds no assertion");
        }
        Map<String, @Nullable String> form = new LinkedHashMap<>();
        form.put("grant_type", JWT_BEARER);
        form.put("assertion", assertion);
        form.put("resource", credentials.resource());
        Reply reply = context.http().postForm(token, Wire.form(form));
        if (reply.status() != 200) {
            throw Wire.error("token exchange at " + token, reply);
        }
        JsonNode answer = V01Flow.json(reply, "token");
        String accessToken = Wire.bearer(answer, "access_token", "token")
                .orElseThrow(() -> new AuthMdClientException("the token answer has no access_token"));
        JsonNode expiresIn = answer.get("expires_in");
        Instant now = context.clock().instant();
        // at most a year: an absurd expires_in must not overflow, and the client renews on a 401 anyway
        Instant expires = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? now.plusSeconds(Math.min(expiresIn.asLong(), 366L * 24 * 3600))
                : null;
        List<String> scopes = answer.has("scope") ? Wire.scopes(answer.get("scope"), false) : credentials.scopes();
        AgentCredentials exchanged = credentials.withBearer(accessToken, expires, scopes);
        context.store().save(exchanged);
        return exchanged;
    }

    @Override
    public AgentCredentials refresh(AgentCredentials credentials) {
        String refreshToken = credentials.refreshToken();
        if (refreshToken == null) {
            throw new AuthMdClientException("registration " + credentials.registrationId() + " holds no refresh token");
        }
        ObjectNode body = Wire.object();
        body.put("type", "refresh");
        body.put("refresh_token", refreshToken);
        Reply reply = context.http().postJson(identity, Wire.write(body));
        if (reply.status() != 200) {
            throw Wire.error("refresh at " + identity, reply);
        }
        JsonNode answer = V01Flow.json(reply, "refresh");
        JsonNode identityBlock = answer.path("identity");
        String assertion = V01Flow.required(identityBlock, "assertion", "refresh");
        AgentCredentials refreshed = new AgentCredentials(
                credentials.issuer(),
                credentials.resource(),
                credentials.profile(),
                credentials.registrationId(),
                credentials.method(),
                credentials.claimed(),
                credentials.scopes(),
                null,
                null,
                assertion,
                Wire.instant(identityBlock, "expires_at").orElse(null),
                refreshToken(answer).orElse(null),
                refreshExpires(answer).orElse(null),
                credentials.claimToken(),
                credentials.claimTokenExpires());
        // the spent token is gone: persist its successor before anything uses it
        context.store().save(refreshed);
        return refreshed;
    }

    /** Shows the person the page until the service accepts a code, then stores the post-claim identity. */
    private AgentCredentials complete(AgentCredentials credentials, JsonNode attempt) {
        ClaimPrompt prompt = context.requirePrompt("a claim confirmed on the service's page");
        URI verification = verificationUri(attempt);
        Instant expiresAt = Wire.instant(attempt, "expires_at").orElse(Instant.MAX);
        URI complete =
                URI.create(Objects.requireNonNull(claimEndpoint, "the service lists no claim_endpoint") + "/complete");
        String claimToken = Objects.requireNonNull(credentials.claimToken(), "no claim token");
        int refused = 0;
        int unconfirmed = 0;
        for (int retry = 0; ; retry++) {
            if (refused >= ClientContext.MAX_REFUSED_CODES
                    || unconfirmed >= ClientContext.MAX_UNCONFIRMED
                    || !context.clock().instant().isBefore(expiresAt)) {
                throw new ClaimAbandonedException("registration " + credentials.registrationId() + " was not claimed: "
                        + (refused >= ClientContext.MAX_REFUSED_CODES
                                ? refused + " codes were refused"
                                : unconfirmed >= ClientContext.MAX_UNCONFIRMED
                                        ? "the person did not confirm"
                                        : "the page's link expired")
                        + "; it can be claimed later");
            }
            String code = prompt.codeFromPage(new ClaimPrompt.PageStep(
                            service.name(), credentials.registrationId(), verification, expiresAt, retry))
                    .map(CurrentFlow::normaliseCode)
                    .filter(c -> !c.isEmpty())
                    .orElseThrow(() -> new ClaimAbandonedException("no code given for registration "
                            + credentials.registrationId() + "; it can be claimed later"));
            ObjectNode body = Wire.object();
            body.put("claim_token", claimToken);
            body.put("user_code", code);
            Reply reply = context.http().postJson(complete, Wire.write(body));
            if (reply.status() == 200) {
                return claimed(credentials, V01Flow.json(reply, "claim completion"));
            }
            String error = Wire.errorCode(reply).orElse("");
            if (error.equals("claim_not_confirmed")) {
                unconfirmed++;
                context.pauseBeforeAskingAgain();
            } else if (error.equals("invalid_user_code")) {
                refused++;
            } else {
                throw Wire.error("claim completion at " + complete, reply);
            }
        }
    }

    /** The page the person opens: refused unless it is on the service's own origin. */
    private URI verificationUri(JsonNode attempt) {
        String value = V01Flow.required(attempt, "verification_uri", "claim attempt");
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new UnsafeServiceException("verification_uri is not a URL: " + value);
        }
        context.http().checkOrigin(uri, issuerOrigin, "verification_uri");
        return uri;
    }

    private AgentCredentials claimed(AgentCredentials before, JsonNode answer) {
        JsonNode identityBlock = answer.path("identity");
        AgentCredentials claimed = new AgentCredentials(
                before.issuer(),
                before.resource(),
                before.profile(),
                before.registrationId(),
                before.method(),
                true,
                answer.has("scopes") ? Wire.scopes(answer.get("scopes"), false) : before.scopes(),
                null,
                null,
                V01Flow.required(identityBlock, "assertion", "claim completion"),
                Wire.instant(identityBlock, "expires_at").orElse(null),
                refreshToken(answer).orElse(null),
                refreshExpires(answer).orElse(null),
                null,
                null);
        context.store().save(claimed);
        return claimed;
    }

    /** The refresh token wherever the answer put it: {@code identity.refresh_token} or top level, string or object. */
    private static Optional<String> refreshToken(JsonNode answer) {
        for (JsonNode candidate :
                List.of(answer.path("identity").path("refresh_token"), answer.path("refresh_token"))) {
            if (candidate.isTextual() && !candidate.asText().isBlank()) {
                return Optional.of(candidate.asText());
            }
            Optional<String> value = Wire.text(candidate, "value");
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> refreshExpires(JsonNode answer) {
        for (JsonNode candidate :
                List.of(answer.path("identity").path("refresh_token"), answer.path("refresh_token"))) {
            Optional<Instant> expires = Wire.instant(candidate, "expires_at");
            if (expires.isPresent()) {
                return expires;
            }
        }
        return Optional.empty();
    }
}
