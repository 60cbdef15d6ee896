package dev.authmd.core.authmd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.internal.authmd.Durations;
import dev.authmd.core.internal.authmd.MarkdownWriter;
import dev.authmd.core.internal.authmd.Md;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.protocol.internal.authmd.Wire;
import dev.authmd.protocol.metadata.WellKnownUris;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.WireProfile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Renders the service's auth.md document (docs/protocol.md#v01-2-4) from the same {@link AgentAuthConfig} that drives
 * the endpoints, so the document cannot drift from what the server does.
 *
 * <p>The document walks an agent through discovery, choosing a method, registration, the claim ceremony, using the
 * credential and revocation, with the service's absolute URLs, the exact JSON bodies and response shapes, and an error
 * table generated from {@link ProtocolError#values()}. Only the methods and credential types the configuration enables
 * are described. The error table always lists every code the server can return (including {@code anonymous_not_enabled}
 * when anonymous registration is off: that is the answer an agent gets if it tries).
 *
 * <p>The output is deterministic: no timestamps, fixed placeholder values ({@code reg_…}, {@code clm_…}), {@code \n}
 * line endings and exactly one trailing newline. Text taken from configuration or options is escaped so it renders as
 * text, never as markup or HTML.
 *
 * <pre>{@code
 * String markdown = AuthMdRenderer.of(config).render();
 * // serve at config.authMdUri() as text/markdown; charset=utf-8
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; the document is rendered once, at construction.
 */
public final class AuthMdRenderer {

    /** The auth.md protocol version the document describes. */
    public static final String PROTOCOL_VERSION = "0.1";

    private static final String EXAMPLE_PROVIDER = "https://provider.example";
    private static final String EXAMPLE_EMAIL = "user@example.com";
    private static final String EXAMPLE_JWT = "eyJ…";
    private static final String EXAMPLE_EXPIRES = "2026-05-04T13:00:00.000Z";
    private static final String EXAMPLE_CLAIM_EXPIRES = "2026-05-05T12:00:00.000Z";
    private static final long EXAMPLE_IAT = 1777896000L;

    private static final ObjectWriter JSON = jsonWriter();

    private final String markdown;

    private AuthMdRenderer(AgentAuthConfig config, AuthMdRenderOptions options) {
        if (!config.serves(WireProfile.CURRENT)) {
            this.markdown = new Document(config, options, false).render();
        } else if (!config.serves(WireProfile.V0_1)) {
            this.markdown = new CurrentAuthMd(config, options, false).render();
        } else {
            // one document for both kinds of agents: today's profile first, v0.1's steps after it
            this.markdown = new CurrentAuthMd(config, options, true).render() + "\n"
                    + new Document(config, options, true).render();
        }
    }

    /**
     * Creates a renderer for a service configuration.
     *
     * @param config the service configuration
     * @return a renderer with default options
     */
    public static AuthMdRenderer of(AgentAuthConfig config) {
        return of(config, AuthMdRenderOptions.defaults());
    }

    /**
     * Creates a renderer for a service configuration with extra render options.
     *
     * @param config the service configuration
     * @param options optional extras (description, trusted providers)
     * @return a renderer for that configuration
     */
    public static AuthMdRenderer of(AgentAuthConfig config, AuthMdRenderOptions options) {
        Objects.requireNonNull(config, "config cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        return new AuthMdRenderer(config, options);
    }

    /** {@return the Markdown document; the same string on every call, for every renderer of an equal configuration} */
    public String render() {
        return markdown;
    }

    /** {@return the media type to serve the document with} */
    public static String contentType() {
        return "text/markdown; charset=utf-8";
    }

    private static ObjectWriter jsonWriter() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator(""));
        printer.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        printer.indentArraysWith(DefaultPrettyPrinter.NopIndenter.instance);
        return new ObjectMapper().writer(printer);
    }

    static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> obj(@Nullable Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static List<String> wireNames(List<CredentialType> types) {
        return types.stream().map(CredentialType::wireName).toList();
    }

    /** One rendering pass; holds the derived strings. */
    private static final class Document {
        private final AgentAuthConfig c;
        private final AuthMdRenderOptions options;
        private final MarkdownWriter w = new MarkdownWriter();
        private final String name;
        private final String register;
        private final String claim;
        private final String complete;
        private final String revoke;
        private final String prm;
        private final String asMetadata;
        private final String appendedAsMetadata;
        private final List<String> identityCredentials;
        private final boolean anonymous;
        private final boolean idJag;
        private final boolean email;
        /** Whether these steps follow the current profile's in one document: every heading one level down. */
        private final boolean embedded;

        Document(AgentAuthConfig config, AuthMdRenderOptions options, boolean embedded) {
            this.embedded = embedded;
            this.c = config;
            this.options = options;
            this.name = Md.text(config.resourceName());
            this.register = config.registerUri().toString();
            this.claim = config.claimUri().toString();
            this.complete = config.claimCompleteUri().toString();
            this.revoke = config.revocationUri().toString();
            this.prm = config.protectedResourceMetadataUri().toString();
            this.asMetadata = config.authorizationServerMetadataUri().toString();
            this.appendedAsMetadata = WellKnownUris.appendedAuthorizationServerMetadata(config.issuer())
                    .toString();
            this.identityCredentials = wireNames(config.identityCredentialTypes());
            this.anonymous = config.anonymousEnabled();
            this.idJag = config.idJagEnabled();
            this.email = config.verifiedEmailEnabled();
        }

        String render() {
            intro();
            summary();
            discover();
            pickMethod();
            registerSection();
            claimSection();
            useSection();
            revocationSection();
            errorsSection();
            return w.toString();
        }

        // --- intro and summary -------------------------------------------------------------

        private void h(int level, String inline) {
            w.heading(embedded ? level + 1 : level, inline);
        }

        private void intro() {
            if (embedded) {
                h(1, "For agents written for auth.md v0.1");
                w.paragraph("This service also speaks the auth.md protocol, version " + PROTOCOL_VERSION + ", for"
                        + " agents that register at `register_uri`. Agents that read `identity_endpoint` follow the"
                        + " steps above instead; a registration made one way is never driven the other way.");
                return;
            }
            h(1, "Agent access to " + name);
            w.paragraph("This document tells an AI agent how to get a credential for " + name
                    + " and how to use it. It follows the auth.md protocol, version " + PROTOCOL_VERSION + ".");
            options.serviceDescription().ifPresent(d -> w.paragraph("About this service: " + Md.text(d)));
            w.paragraph("Follow the steps in order. Each step shows the exact request to send."
                    + " Every URL in this document is absolute. Values such as `reg_…` are placeholders.");
        }

        private void summary() {
            h(2, "Summary");
            List<String> items = new ArrayList<>();
            items.add("API (resource identifier): " + Md.code(c.resource().toString()));
            items.add("Authorization server (issuer): " + Md.code(c.issuer().toString()));
            items.add("This document: " + Md.link(c.authMdUri().toString()));
            items.add("Protected resource metadata: " + Md.link(prm));
            items.add("Authorization server metadata: " + Md.link(asMetadata));
            if (!appendedAsMetadata.equals(asMetadata)) {
                items.add("Authorization server metadata, same document at the appended path: "
                        + Md.link(appendedAsMetadata));
            }
            items.add("Register (`register_uri`): " + Md.code("POST " + register));
            items.add("Claim (`claim_uri`): " + Md.code("POST " + claim));
            items.add("Revocation (`revocation_uri`): " + Md.code("POST " + revoke));
            items.add("Registration methods: " + String.join(", ", methodNames()));
            items.add("Credential types: " + Md.codeList(allCredentialTypes()));
            items.add("Scopes: " + Md.codeList(c.scopesSupported()));
            if (c.resourceDocumentation() != null) {
                items.add("API documentation: "
                        + Md.link(c.resourceDocumentation().toString()));
            }
            w.bullets(items);
        }

        private List<String> methodNames() {
            List<String> names = new ArrayList<>();
            if (idJag) {
                names.add("ID-JAG (identity assertion from your agent provider)");
            }
            if (email) {
                names.add("verified email");
            }
            if (anonymous) {
                names.add("anonymous");
            }
            return names;
        }

        private List<String> allCredentialTypes() {
            Set<String> types = new LinkedHashSet<>();
            if (c.identityAssertionEnabled()) {
                types.addAll(identityCredentials);
            }
            if (anonymous) {
                types.addAll(wireNames(c.anonymousCredentialTypes()));
            }
            return List.copyOf(types);
        }

        // --- step 1 ------------------------------------------------------------------------

        private void discover() {
            h(2, "Step 1: Discover");
            w.numbered(
                    1,
                    List.of("Call the API without a credential. Every `401 Unauthorized` answer names the"
                            + " protected resource metadata in its `WWW-Authenticate` header:"));
            w.code(
                    "http",
                    "HTTP/1.1 401 Unauthorized\n" + "WWW-Authenticate: Bearer resource_metadata=\"" + prm + "\"\n");
            w.numbered(
                    2,
                    List.of("Fetch the protected resource metadata (RFC 9728) with " + Md.code("GET " + prm)
                            + ". An excerpt:"));
            w.code(
                    "json",
                    json(obj(
                            "resource", c.resource().toString(),
                            "authorization_servers", List.of(c.issuer().toString()),
                            "scopes_supported", c.scopesSupported(),
                            "bearer_methods_supported", List.of("header"),
                            "resource_name", c.resourceName())));
            List<String> items = new ArrayList<>();
            items.add("`authorization_servers[0]` is the issuer, "
                    + Md.code(c.issuer().toString()) + ". Fetch the authorization server metadata (RFC 8414) with "
                    + Md.code("GET " + asMetadata) + ".");
            if (!appendedAsMetadata.equals(asMetadata)) {
                items.add("The same authorization server metadata is also served at the path auth.md clients build"
                        + " by appending the well-known suffix to the issuer: " + Md.code("GET " + appendedAsMetadata)
                        + ".");
            }
            items.add("Read its `agent_auth` object. It names the endpoints and methods used below. An excerpt:");
            w.numbered(3, items);
            w.code("json", json(asMetadataExcerpt()));
            w.numbered(
                    3 + items.size(), List.of("If the metadata and this document ever disagree, trust the metadata."));
        }

        private Map<String, Object> asMetadataExcerpt() {
            Map<String, Object> agentAuth = new LinkedHashMap<>();
            agentAuth.put("skill", c.authMdUri().toString());
            agentAuth.put("register_uri", register);
            agentAuth.put("claim_uri", claim);
            agentAuth.put("revocation_uri", revoke);
            List<String> identityTypes = new ArrayList<>();
            if (anonymous) {
                identityTypes.add(Wire.ANONYMOUS);
            }
            if (c.identityAssertionEnabled()) {
                identityTypes.add(Wire.IDENTITY_ASSERTION);
            }
            agentAuth.put("identity_types_supported", identityTypes);
            if (anonymous) {
                agentAuth.put(
                        Wire.ANONYMOUS, obj("credential_types_supported", wireNames(c.anonymousCredentialTypes())));
            }
            if (c.identityAssertionEnabled()) {
                agentAuth.put(
                        Wire.IDENTITY_ASSERTION,
                        obj(
                                "assertion_types_supported",
                                assertionTypes(),
                                "credential_types_supported",
                                identityCredentials));
            }
            agentAuth.put("events_supported", c.eventsSupported());
            return obj("issuer", c.issuer().toString(), "agent_auth", agentAuth);
        }

        private List<String> assertionTypes() {
            List<String> types = new ArrayList<>();
            if (idJag) {
                types.add(Wire.ID_JAG);
            }
            if (email) {
                types.add(Wire.VERIFIED_EMAIL);
            }
            return types;
        }

        // --- step 2 ------------------------------------------------------------------------

        private void pickMethod() {
            h(2, "Step 2: Pick a method");
            int count = (idJag ? 1 : 0) + (email ? 1 : 0) + (anonymous ? 1 : 0);
            w.paragraph(
                    count == 1
                            ? "This service offers one registration method:"
                            : "This service offers " + count + " registration methods. Use the first one that fits:");
            List<String> items = new ArrayList<>();
            if (idJag) {
                items.add("**ID-JAG**: `type` " + Md.code(Wire.IDENTITY_ASSERTION) + " with `assertion_type` "
                        + Md.code(Wire.ID_JAG) + ". Your agent provider signs an identity assertion about your user."
                        + " You get a credential at once, with scopes " + Md.codeList(c.postClaimScopes())
                        + ". Credential types: " + credentialChoice() + ". See Step 3a.");
            }
            if (email) {
                items.add("**Verified email**: `type` " + Md.code(Wire.IDENTITY_ASSERTION) + " with `assertion_type` "
                        + Md.code(Wire.VERIFIED_EMAIL) + ". You know your user's email address. The service emails"
                        + " the user, and you get a credential after the user confirms (Step 4), with scopes "
                        + Md.codeList(c.postClaimScopes()) + ". Credential types: " + credentialChoice()
                        + ". See Step 3b.");
            }
            if (anonymous) {
                items.add("**Anonymous**: `type` " + Md.code(Wire.ANONYMOUS) + ". No user is involved yet. You get an"
                        + " `api_key` at once, with scopes " + Md.codeList(c.anonymousScopes())
                        + ". A user can claim it"
                        + " later (Step 4); its scopes then become " + Md.codeList(c.postClaimScopes())
                        + ". See Step 3c.");
            }
            w.numbered(1, items);
        }

        private String credentialChoice() {
            if (identityCredentials.size() == 1) {
                return Md.code(identityCredentials.get(0)) + " only";
            }
            return Md.codeList(identityCredentials)
                    + " (set `requested_credential_type`; the first is the usual choice)";
        }

        // --- step 3 ------------------------------------------------------------------------

        private void registerSection() {
            h(2, "Step 3: Register");
            w.paragraph("Register by sending " + Md.code("POST " + register) + " (`register_uri`) with a JSON body."
                    + " The field `type` picks the method; `requested_credential_type` picks the credential."
                    + " The request looks like this:");
            URI registerUri = c.registerUri();
            w.code(
                    "http",
                    "POST " + registerUri.getRawPath() + " HTTP/1.1\n"
                            + "Host: " + hostHeader(registerUri) + "\n"
                            + "Content-Type: application/json\n"
                            + "Accept: application/json\n"
                            + "\n"
                            + json(firstRequestBody()));
            List<String> cautions = new ArrayList<>();
            if (idJag) {
                cautions.add("Never resend an ID-JAG: each is accepted once.");
            }
            if (anonymous) {
                cautions.add("Each anonymous request creates a new registration, so send it once.");
            }
            cautions.add("A failure answers with an error from the table under Errors.");
            w.paragraph(String.join(" ", cautions));
            if (idJag) {
                idJagSection();
            }
            if (email) {
                emailSection();
            }
            if (anonymous) {
                anonymousSection();
            }
        }

        private Map<String, Object> firstRequestBody() {
            if (idJag) {
                return idJagRequest();
            }
            return email ? emailRequest() : anonymousRequest();
        }

        private Map<String, Object> idJagRequest() {
            return obj(
                    "type",
                    Wire.IDENTITY_ASSERTION,
                    "assertion_type",
                    Wire.ID_JAG,
                    "assertion",
                    EXAMPLE_JWT,
                    "requested_credential_type",
                    identityCredentials.get(0));
        }

        private Map<String, Object> emailRequest() {
            return obj(
                    "type",
                    Wire.IDENTITY_ASSERTION,
                    "assertion_type",
                    Wire.VERIFIED_EMAIL,
                    "assertion",
                    EXAMPLE_EMAIL,
                    "requested_credential_type",
                    identityCredentials.get(0));
        }

        private Map<String, Object> anonymousRequest() {
            return obj("type", Wire.ANONYMOUS, "requested_credential_type", CredentialType.API_KEY.wireName());
        }

        private void idJagSection() {
            h(3, "Step 3a: Register with an ID-JAG");
            String issuer = c.issuer().toString();
            String exampleIssuer = options.trustedProviders().isEmpty()
                    ? EXAMPLE_PROVIDER
                    : options.trustedProviders().get(0).issuer().toString();
            List<String> steps = new ArrayList<>();
            steps.add("Ask your agent provider for an ID-JAG (an identity assertion JWT) for this service."
                    + " Set its audience `aud` to " + Md.code(issuer) + ", the issuer of this service.");
            steps.add(audienceNote(issuer));
            steps.add("The ID-JAG must be a signed JWT with header `typ` " + Md.code(Wire.ID_JAG_TYP)
                    + " and an asymmetric `alg` (RS256, PS256, ES256 or similar; never `none` or HMAC)."
                    + " It must carry `iss`, `sub`, `aud`, `client_id`, `jti`, `iat` and `exp`, and `exp` minus `iat`"
                    + " must be at most " + Durations.words(c.maxAssertionLifetime()) + "."
                    + " It must carry `email` with `email_verified` set to `true` (or a verified phone number)."
                    + " It must not carry `cnf`.");
            steps.add(trustNote());
            w.numbered(1, steps);
            w.paragraph("The claims of an ID-JAG for this service look like this:");
            w.code(
                    "json",
                    json(obj(
                            "iss", exampleIssuer,
                            "sub", "user-123",
                            "aud", issuer,
                            "client_id", exampleIssuer,
                            "jti", "jti-…",
                            "iat", EXAMPLE_IAT,
                            "exp", EXAMPLE_IAT + 300,
                            "email", EXAMPLE_EMAIL,
                            "email_verified", true)));
            w.numbered(steps.size() + 1, List.of("Send the ID-JAG to " + Md.code("POST " + register) + ":"));
            w.code("json", json(idJagRequest()));
            w.numbered(
                    steps.size() + 2,
                    List.of("On success (`200`) you get a credential at once." + " There is no refresh token:"));
            w.code("json", json(credentialResponse("agent-provider", identityCredentials.get(0), c.postClaimScopes())));
            w.numbered(
                    steps.size() + 3,
                    List.of("The service may answer with a step-up instead, without a credential."
                            + " It does so when your user's email matches an existing account that was never linked to your"
                            + " provider, or when the email's domain signs in through single sign-on. The service has emailed"
                            + " the user; finish with Step 4 to get the credential:"));
            w.code(
                    "json",
                    json(obj(
                            "registration_id", "reg_…",
                            "registration_type", "id-jag-step-up",
                            "claim_token", "clm_…",
                            "claim_token_expires", EXAMPLE_CLAIM_EXPIRES)));
        }

        private String audienceNote(String issuer) {
            String resource = c.resource().toString();
            if (c.strictAudience()) {
                return "Only " + Md.code(issuer) + " is accepted as `aud`. Any other audience, including the"
                        + " resource identifier, fails with `invalid_audience`. Use a single value, not a list of several.";
            }
            if (resource.equals(issuer)) {
                return "Here the issuer and the resource identifier are the same string, " + Md.code(issuer)
                        + ". Use a single value, not a list of several.";
            }
            return "The resource identifier " + Md.code(resource) + " is also accepted as `aud`, but prefer the"
                    + " issuer. Use a single value, not a list of several.";
        }

        private String trustNote() {
            List<AuthMdRenderOptions.TrustedProvider> providers = options.trustedProviders();
            if (providers.isEmpty()) {
                return "Your provider must be on this service's trust list. Otherwise registration fails with"
                        + " `invalid_issuer`; use another method then.";
            }
            List<String> names = new ArrayList<>();
            for (AuthMdRenderOptions.TrustedProvider p : providers) {
                names.add(Md.text(p.displayName()) + " (`iss` "
                        + Md.code(p.issuer().toString()) + ")");
            }
            return "This service trusts ID-JAGs from: " + String.join("; ", names)
                    + ". Other issuers fail with `invalid_issuer`.";
        }

        private static Map<String, Object> credentialResponse(
                String registrationType, String credentialType, List<String> scopes) {
            Map<String, Object> response = obj("registration_id", "reg_…", "registration_type", registrationType);
            response.putAll(credentialFields(credentialType, scopes));
            return response;
        }

        private static Map<String, Object> credentialFields(String credentialType, List<String> scopes) {
            boolean apiKey = credentialType.equals(CredentialType.API_KEY.wireName());
            return obj(
                    "credential_type",
                    credentialType,
                    "credential",
                    apiKey ? "sk_…" : "…",
                    "credential_expires",
                    apiKey ? null : EXAMPLE_EXPIRES,
                    "scopes",
                    scopes);
        }

        private void emailSection() {
            h(3, "Step 3b: Register with a verified email");
            w.numbered(
                    1,
                    List.of("Put your user's email address in `assertion` and send it to " + Md.code("POST " + register)
                            + ":"));
            w.code("json", json(emailRequest()));
            w.numbered(
                    2,
                    List.of("On success (`200`) you get no credential yet. The service has emailed the user."
                            + " Keep `claim_token` secret and go to Step 4:"));
            w.code(
                    "json",
                    json(obj(
                            "registration_id",
                            "reg_…",
                            "registration_type",
                            "email-verification",
                            "claim_url",
                            claim,
                            "claim_token",
                            "clm_…",
                            "claim_token_expires",
                            EXAMPLE_CLAIM_EXPIRES,
                            "post_claim_scopes",
                            c.postClaimScopes())));
        }

        private void anonymousSection() {
            h(3, "Step 3c: Register anonymously");
            w.numbered(1, List.of("Send " + Md.code("POST " + register) + " with:"));
            w.code("json", json(anonymousRequest()));
            w.numbered(
                    2,
                    List.of("On success (`200`) you get an `api_key` at once, with scopes "
                            + Md.codeList(c.anonymousScopes()) + ". Keep `claim_token` secret; you need it to claim:"));
            Map<String, Object> response =
                    credentialResponse("anonymous", CredentialType.API_KEY.wireName(), c.anonymousScopes());
            response.put("claim_url", claim);
            response.put("claim_token", "clm_…");
            response.put("claim_token_expires", EXAMPLE_CLAIM_EXPIRES);
            response.put("post_claim_scopes", c.postClaimScopes());
            w.code("json", json(response));
            w.numbered(
                    3,
                    List.of("The registration expires if nobody claims it within " + Durations.words(c.claimTtl())
                            + ". Its key is then revoked."));
        }

        // --- step 4 ------------------------------------------------------------------------

        private void claimSection() {
            h(2, "Step 4: Claim");
            w.paragraph("A claim links your registration to a person. The person proves control of an email address"
                    + " with a 6-digit code. You need a claim when:");
            List<String> when = new ArrayList<>();
            if (idJag) {
                when.add("registration answered `registration_type` `id-jag-step-up`;");
            }
            if (email) {
                when.add("you registered with a verified email;");
            }
            if (anonymous) {
                when.add("you registered anonymously and want the scopes " + Md.codeList(c.postClaimScopes()) + ".");
            }
            w.bullets(when);
            int n = 1;
            if (anonymous) {
                w.numbered(
                        n++,
                        List.of("Anonymous registrations only: start the claim with your user's email." + " Send "
                                + Md.code("POST " + claim) + " (`claim_uri`) with:"));
                w.code("json", json(obj("claim_token", "clm_…", "email", EXAMPLE_EMAIL)));
                w.numbered(n++, List.of("The service emails a link to that address and answers (`200`):"));
                w.code(
                        "json",
                        json(obj(
                                "registration_id", "reg_…",
                                "claim_attempt_id", "cla_…",
                                "status", "initiated",
                                "expires_at", EXAMPLE_EXPIRES)));
                if (idJag || email) {
                    w.paragraph("After " + emailedRegistration() + ", skip the two steps above:"
                            + " the service has already sent the email.");
                }
            }
            w.numbered(
                    n,
                    List.of(
                            "Ask the user to open the email from this service and follow its link. The page shows a 6-digit"
                                    + " code.",
                            "Ask the user to tell you the code.",
                            "Complete the claim: send " + Md.code("POST " + complete) + " with:"));
            n += 3;
            w.code("json", json(obj("claim_token", "clm_…", "otp", "123456")));
            if (anonymous) {
                w.numbered(
                        n++,
                        List.of("After an anonymous registration, success (`200`) keeps your `api_key`"
                                + " and raises its scopes to " + Md.codeList(c.postClaimScopes()) + ":"));
                w.code("json", json(obj("registration_id", "reg_…", "status", "claimed")));
            }
            if (idJag || email) {
                w.numbered(n, List.of("After " + emailedRegistration() + ", success (`200`) carries your credential:"));
                Map<String, Object> response = obj("registration_id", "reg_…", "status", "claimed");
                response.putAll(credentialFields(identityCredentials.get(0), c.postClaimScopes()));
                w.code("json", json(response));
            }
            w.paragraph("Limits:");
            List<String> limits = new ArrayList<>();
            limits.add("A code is valid for " + Durations.words(c.otpTtl()) + ". Reloading the page makes a new code;"
                    + " the old one stops working.");
            limits.add("After " + c.otpAttemptsPerCode() + " wrong tries a code is dead (`too_many_attempts`);"
                    + " the user reloads the page for a new one.");
            limits.add("After " + c.otpAttemptsPerRegistration() + " wrong tries in total the claim is locked;"
                    + " register again.");
            limits.add("The emailed link works for " + Durations.words(c.claimLinkTtl()) + ".");
            if (anonymous) {
                limits.add("Starting the claim again with the same email while the link works sends no new email."
                        + " Another email address gets a new link, and the old link stops working.");
            }
            limits.add("A registration must be claimed within " + Durations.words(c.claimTtl())
                    + "; after that the claim fails with `claim_expired`.");
            w.bullets(limits);
        }

        /** {@return the registrations whose claim email is sent at registration, as enabled} */
        private String emailedRegistration() {
            if (idJag && email) {
                return "a verified-email registration or a step-up";
            }
            return idJag ? "a step-up" : "a verified-email registration";
        }

        // --- step 5 ------------------------------------------------------------------------

        private void useSection() {
            h(2, "Step 5: Use the credential");
            List<String> items = new ArrayList<>();
            items.add("Send the credential on every API call in the `Authorization` header:"
                    + " `Authorization: Bearer <credential>`. Only the header is accepted.");
            items.add("`401` with `WWW-Authenticate: Bearer error=\"invalid_token\", resource_metadata=\"…\"` means the"
                    + " credential is missing, unknown, expired or revoked. Start again at Step 1.");
            items.add("`403` with `insufficient_scope` means the credential is valid but lacks a scope the call needs."
                    + (anonymous ? " Claim an anonymous registration (Step 4) to raise its scopes." : ""));
            items.add(refreshNote());
            w.numbered(1, items);
            w.paragraph("Scopes by registration method:");
            List<List<String>> rows = new ArrayList<>();
            if (idJag) {
                rows.add(List.of("ID-JAG", Md.codeListInCell(c.postClaimScopes()), "no claim needed"));
                rows.add(List.of("ID-JAG step-up", "no credential yet", Md.codeListInCell(c.postClaimScopes())));
            }
            if (email) {
                rows.add(List.of("Verified email", "no credential yet", Md.codeListInCell(c.postClaimScopes())));
            }
            if (anonymous) {
                rows.add(List.of(
                        "Anonymous", Md.codeListInCell(c.anonymousScopes()), Md.codeListInCell(c.postClaimScopes())));
            }
            w.table(List.of("Method", "Scopes before a claim", "Scopes after a claim"), rows);
        }

        private String refreshNote() {
            List<String> parts = new ArrayList<>();
            parts.add("There are no refresh tokens.");
            if (c.identityAssertionEnabled() && identityCredentials.contains(CredentialType.ACCESS_TOKEN.wireName())) {
                parts.add("An `access_token` expires after " + Durations.words(c.accessTokenTtl())
                        + " (see `credential_expires`).");
                parts.add(
                        idJag
                                ? "Then ask your provider for a fresh ID-JAG and register again (Step 3a); never resend an old one."
                                : "Then register again.");
            }
            if (allCredentialTypes().contains(CredentialType.API_KEY.wireName())) {
                parts.add("An `api_key` does not expire (`credential_expires` is `null`), but it can be revoked.");
            }
            return String.join(" ", parts);
        }

        // --- step 6 ------------------------------------------------------------------------

        private void revocationSection() {
            h(2, "Step 6: Handle revocation");
            List<String> items = new ArrayList<>();
            items.add(
                    idJag
                            ? "Your agent provider can revoke what it asserted about a user. It sends a logout token to "
                                    + Md.code("POST " + revoke) + " (`revocation_uri`)."
                            : "Agent providers send logout tokens to " + Md.code("POST " + revoke)
                                    + " (`revocation_uri`).");
            items.add("Either form is accepted: the bare JWT with `Content-Type: " + Wire.LOGOUT_CONTENT_TYPE
                    + "`, or a form post with `logout_token=<JWT>`:");
            w.numbered(1, items);
            URI revokeUri = c.revocationUri();
            String head = "POST " + revokeUri.getRawPath() + " HTTP/1.1\nHost: " + hostHeader(revokeUri) + "\n";
            w.code("http", head + "Content-Type: " + Wire.LOGOUT_CONTENT_TYPE + "\n\n" + EXAMPLE_JWT + "\n");
            w.code(
                    "http",
                    head + "Content-Type: application/x-www-form-urlencoded\n\nlogout_token=" + EXAMPLE_JWT + "\n");
            List<String> more = new ArrayList<>();
            more.add("The logout token is a signed JWT with header `typ` " + Md.code(Wire.LOGOUT_TYP) + "."
                    + " It carries `iss`, `sub`, `aud`, `jti`, `iat` and an `events` object with one of the supported"
                    + " events listed below.");
            more.add("The service then revokes every credential issued for that user through that provider"
                    + (idJag ? ", whatever `aud` the ID-JAG carried" : "")
                    + ". The next API call answers `401`; register again if the user still wants access.");
            more.add("The answer is always `200`. It does not say whether anything matched.");
            w.numbered(3, more);
            w.paragraph("Supported events:");
            w.bullets(c.eventsSupported().stream().map(Md::code).toList());
            w.paragraph(
                    "The service operator can also revoke a credential at any time; the next call then answers `401`.");
        }

        // --- errors ------------------------------------------------------------------------

        private void errorsSection() {
            h(2, "Errors");
            w.paragraph("Every error answer is JSON with `Cache-Control: no-store`. Act on `error`; `message` is for"
                    + " people:");
            w.code(
                    "json",
                    json(obj(
                            "error",
                            ProtocolError.INVALID_REQUEST.code(),
                            "message",
                            ProtocolError.INVALID_REQUEST.description())));
            w.paragraph("These are all the codes this service returns:");
            List<List<String>> rows = new ArrayList<>();
            for (ProtocolError e : ProtocolError.values()) {
                rows.add(List.of(
                        Md.codeInCell(e.code()),
                        Integer.toString(e.httpStatus()),
                        Md.text(e.description()),
                        Md.text(e.agentHint())));
            }
            w.table(List.of("Error code", "HTTP status", "Meaning", "What to do"), rows);
            List<List<String>> aliases = new ArrayList<>();
            for (ProtocolError e : ProtocolError.values()) {
                for (String alias : e.aliases()) {
                    aliases.add(List.of(Md.codeInCell(alias), Md.codeInCell(e.code())));
                }
            }
            if (!aliases.isEmpty()) {
                w.paragraph("Other auth.md texts use a few other names for the same cases."
                        + " This service never sends them; read them as:");
                w.table(List.of("Published alias", "Error code sent here"), aliases);
            }
        }

        private static String hostHeader(URI uri) {
            String origin = WellKnownUris.origin(uri);
            return origin.substring(origin.indexOf("://") + 3);
        }
    }
}
