package dev.authmd.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.client.internal.Reply;
import dev.authmd.client.internal.Wire;
import dev.authmd.protocol.metadata.AgentAuthMetadata;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * auth.md v0.1 from the agent's side: {@code POST register_uri} (the credential comes in the answer), and the emailed
 * claim: {@code POST claim_uri} for an anonymous registration, the code the person reads from the page, {@code POST
 * claim_uri/complete}.
 */
final class V01Flow implements ProfileFlow {

    private static final String ID_JAG = AgentAuthMetadata.ASSERTION_TYPE_ID_JAG;

    private final ClientContext context;
    private final DiscoveredService service;
    private final URI register;
    private final @Nullable URI claim;

    V01Flow(ClientContext context, DiscoveredService service) {
        this.context = context;
        this.service = service;
        this.register = Objects.requireNonNull(service.endpoints().register(), "v0.1 needs register_uri");
        this.claim = service.endpoints().claim();
    }

    @Override
    public AgentCredentials register(RegistrationMethod method) {
        ObjectNode body = Wire.object();
        String email = null;
        switch (method) {
            case ID_JAG -> {
                AssertionSource source = Objects.requireNonNull(context.assertions(), "no assertion source");
                body.put("type", "identity_assertion");
                body.put("assertion_type", ID_JAG);
                body.put(
                        "assertion",
                        source.idJag(new AssertionSource.AssertionRequest(
                                service.issuer(), service.resource().toString())));
                body.put("requested_credential_type", credentialType("identity_assertion", "access_token"));
            }
            case EMAIL -> {
                email = Objects.requireNonNull(context.userEmail(), "no user email");
                body.put("type", "identity_assertion");
                body.put("assertion_type", AgentAuthMetadata.ASSERTION_TYPE_VERIFIED_EMAIL);
                body.put("assertion", email);
                // an API key outlives the person's confirmation; an access token would need the ceremony again
                body.put("requested_credential_type", credentialType("identity_assertion", "api_key"));
            }
            case ANONYMOUS -> {
                body.put("type", "anonymous");
                body.put("requested_credential_type", "api_key");
            }
        }
        Reply reply = context.http().postJson(register, Wire.write(body));
        if (reply.status() != 200) {
            throw Wire.error("registration at " + register, reply);
        }
        JsonNode answer = json(reply, "registration");
        String registrationId = required(answer, "registration_id", "registration");
        String type = Wire.text(answer, "registration_type").orElse("");
        Optional<String> claimToken = Wire.text(answer, "claim_token");
        Optional<String> credential = Wire.bearer(answer, "credential", "registration");
        boolean needsPerson = credential.isEmpty() && claimToken.isPresent();
        AgentCredentials registered = new AgentCredentials(
                service.issuer(),
                service.resource().toString(),
                ServiceProfile.V0_1,
                registrationId,
                method,
                method == RegistrationMethod.ID_JAG && !type.equals("id-jag-step-up"),
                Wire.scopes(answer.get("scopes"), method == RegistrationMethod.ANONYMOUS),
                credential.orElse(null),
                Wire.instant(answer, "credential_expires").orElse(null),
                null,
                null,
                null,
                null,
                claimToken.orElse(null),
                Wire.instant(answer, "claim_token_expires").orElse(null));
        context.store().save(registered);
        if (!needsPerson) {
            if (credential.isEmpty()) {
                throw new AuthMdClientException("the registration answer from " + register + " has no credential");
            }
            return registered;
        }
        // verified email, or an ID-JAG step-up: the service has already emailed the person
        return complete(registered, email);
    }

    @Override
    public AgentCredentials claim(AgentCredentials credentials, String email) {
        String claimToken = credentials.claimToken();
        if (claim == null || claimToken == null) {
            throw new AuthMdClientException("registration " + credentials.registrationId() + " cannot be claimed: "
                    + (claim == null ? "the service lists no claim_uri" : "no claim token is held"));
        }
        context.requirePrompt("claiming a registration");
        ObjectNode body = Wire.object();
        body.put("claim_token", claimToken);
        body.put("email", email);
        Reply reply = context.http().postJson(claim, Wire.write(body));
        if (reply.status() != 200) {
            throw Wire.error("claim start at " + claim, reply);
        }
        return complete(credentials, email);
    }

    @Override
    public AgentCredentials exchange(AgentCredentials credentials) {
        throw new AuthMdClientException("v0.1 has no token exchange");
    }

    @Override
    public AgentCredentials refresh(AgentCredentials credentials) {
        throw new AuthMdClientException("v0.1 has no refresh tokens");
    }

    /** Asks the person for the emailed code until the service accepts one, then stores what the completion gave. */
    private AgentCredentials complete(AgentCredentials credentials, @Nullable String email) {
        ClaimPrompt prompt = context.requirePrompt("an emailed claim");
        URI complete = URI.create(Objects.requireNonNull(claim, "the service lists no claim_uri") + "/complete");
        String claimToken = Objects.requireNonNull(credentials.claimToken(), "no claim token");
        int refused = 0;
        for (int retry = 0; ; retry++) {
            Instant windowEnd = credentials.claimTokenExpires();
            if (refused >= ClientContext.MAX_REFUSED_CODES
                    || (windowEnd != null && !context.clock().instant().isBefore(windowEnd))) {
                throw new ClaimAbandonedException("registration " + credentials.registrationId() + " was not claimed: "
                        + (refused >= ClientContext.MAX_REFUSED_CODES
                                ? refused + " codes were refused"
                                : "its claim window closed"));
            }
            String code = prompt.codeFromEmail(
                            new ClaimPrompt.EmailStep(service.name(), credentials.registrationId(), email, retry))
                    .map(CurrentFlow::normaliseCode)
                    .filter(c -> !c.isEmpty())
                    .orElseThrow(() -> new ClaimAbandonedException("no code given for registration "
                            + credentials.registrationId() + "; it can be claimed later"));
            ObjectNode body = Wire.object();
            body.put("claim_token", claimToken);
            body.put("otp", code);
            Reply reply = context.http().postJson(complete, Wire.write(body));
            if (reply.status() == 200) {
                return claimed(credentials, json(reply, "claim completion"));
            }
            String error = Wire.errorCode(reply).orElse("");
            if (error.equals("otp_invalid")) {
                refused++;
            } else if (error.equals("otp_not_generated")) {
                // the person has not pressed the page's button yet: wait before asking again
                refused++;
                context.pauseBeforeAskingAgain();
            } else {
                throw Wire.error("claim completion at " + complete, reply);
            }
        }
    }

    private AgentCredentials claimed(AgentCredentials before, JsonNode answer) {
        Optional<String> credential = Wire.bearer(answer, "credential", "claim completion");
        List<String> scopes = answer.has("scopes") ? Wire.scopes(answer.get("scopes"), false) : before.scopes();
        @Nullable
        Instant expires = credential.isPresent()
                ? Wire.instant(answer, "credential_expires").orElse(null)
                : before.bearerExpires();
        AgentCredentials claimed = new AgentCredentials(
                before.issuer(),
                before.resource(),
                before.profile(),
                before.registrationId(),
                before.method(),
                true,
                scopes,
                credential.orElse(before.bearer()),
                expires,
                null,
                null,
                null,
                null,
                null,
                null);
        if (claimed.bearer() == null) {
            throw new AuthMdClientException(
                    "the claim completion for " + before.registrationId() + " gave no credential");
        }
        context.store().save(claimed);
        return claimed;
    }

    private String credentialType(String identityType, String preferred) {
        List<String> offered = service.serverMetadata()
                .agentAuth()
                .flatMap(a -> identityType.equals("anonymous")
                        ? a.anonymous().flatMap(AgentAuthMetadata.Anonymous::credentialTypesSupported)
                        : a.identityAssertion().flatMap(AgentAuthMetadata.IdentityAssertion::credentialTypesSupported))
                .orElse(List.of());
        if (offered.isEmpty() || offered.contains(preferred)) {
            return preferred;
        }
        return offered.get(0);
    }

    static JsonNode json(Reply reply, String what) {
        return reply.json()
                .orElseThrow(() -> new AuthMdClientException(
                        "the " + what + " answer from " + reply.uri() + " is not a JSON object"));
    }

    static String required(JsonNode answer, String member, String what) {
        return Wire.text(answer, member)
                .orElseThrow(() -> new AuthMdClientException("the " + what + " answer has no " + member));
    }
}
