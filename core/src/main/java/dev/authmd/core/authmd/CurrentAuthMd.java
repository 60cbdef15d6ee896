package dev.authmd.core.authmd;

import static dev.authmd.core.authmd.AuthMdRenderer.json;
import static dev.authmd.core.authmd.AuthMdRenderer.obj;

import dev.authmd.core.assertion.SecurityEventVerifier;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.discovery.DiscoveryDocuments;
import dev.authmd.core.internal.authmd.Durations;
import dev.authmd.core.internal.authmd.MarkdownWriter;
import dev.authmd.core.internal.authmd.Md;
import dev.authmd.protocol.error.CurrentProfileError;
import dev.authmd.protocol.error.SecurityEventError;
import dev.authmd.protocol.metadata.AgentAuthMetadata;
import dev.authmd.protocol.metadata.WellKnownUris;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The auth.md document of the current profile (docs/protocol.md, current profile): discovery, registration at the
 * identity endpoint, the RFC 7523 exchange, calling the API, refreshing, revoking, and the error tables generated from
 * {@link CurrentProfileError} and {@link SecurityEventError}. When v0.1 is served as well, {@link AuthMdRenderer}
 * appends v0.1's steps after these and the introduction says so. Deterministic, like the v0.1 document.
 */
final class CurrentAuthMd {

    private static final String EXAMPLE_JWT = "eyJ…";
    private static final String EXAMPLE_EXPIRES = "2026-05-04T13:00:00.000Z";
    private static final String EXAMPLE_CLAIM_EXPIRES = "2026-05-05T12:00:00.000Z";
    private static final String EXAMPLE_ATTEMPT_EXPIRES = "2026-05-04T12:10:00.000Z";
    private static final String EXAMPLE_REFRESH_EXPIRES = "2026-06-03T12:00:00.000Z";
    private static final String REASONS = "`malformed`, `invalid_type`, `invalid_signature`, `invalid_audience`,"
            + " `expired`, `missing_claim`, `invalid_client_id`, `unsupported_cnf`, `invalid_target`,"
            + " `replay_detected`, `missing_verified_email`, `no_matching_account`";

    private final AgentAuthConfig c;
    private final AuthMdRenderOptions options;
    private final boolean withV01;
    private final MarkdownWriter w = new MarkdownWriter();
    private final String name;
    private final String identity;
    private final String token;
    private final String revoke;
    private final String events;
    private final String claim;
    private final boolean anonymous;
    private final boolean idJag;
    private final boolean signIn;

    CurrentAuthMd(AgentAuthConfig config, AuthMdRenderOptions options, boolean withV01) {
        this.c = config;
        this.options = options;
        this.withV01 = withV01;
        this.name = Md.text(config.resourceName());
        this.identity = config.identityEndpoint().toString();
        this.token = config.tokenEndpoint().toString();
        this.revoke = config.tokenRevocationEndpoint().toString();
        this.events = config.eventsEndpoint().toString();
        this.claim = config.claimEndpoint().toString();
        this.anonymous = config.anonymousEnabled();
        this.idJag = config.idJagEnabled();
        this.signIn = options.claimBySignIn();
    }

    String render() {
        intro();
        summary();
        discover();
        register();
        exchange();
        use();
        refresh();
        revocation();
        errors();
        return w.toString();
    }

    private void intro() {
        w.heading(1, "Agent access to " + name);
        w.paragraph("This document tells an AI agent how to get access to " + name + " and how to use it. It follows"
                + " the current auth.md profile: ask the identity endpoint for an identity assertion"
                + " signed by this service, and exchange it for an access token (RFC 7523).");
        if (withV01) {
            w.paragraph("Agents written for auth.md version " + AuthMdRenderer.PROTOCOL_VERSION + " (which register at"
                    + " `register_uri`) find their steps in the last part of this document, \"For agents written for"
                    + " auth.md v0.1\".");
        }
        options.serviceDescription().ifPresent(d -> w.paragraph("About this service: " + Md.text(d)));
        w.paragraph("Follow the steps in order. Each step shows the exact request to send. Every URL in this document"
                + " is absolute. Values such as `reg_…` are placeholders.");
    }

    private void summary() {
        w.heading(2, "Summary");
        List<String> items = new ArrayList<>();
        items.add("API (resource identifier): " + Md.code(c.resource().toString()));
        items.add("Authorization server (issuer): " + Md.code(c.issuer().toString()));
        items.add("This document: " + Md.link(c.authMdUri().toString()));
        items.add("Protected resource metadata: "
                + Md.link(c.protectedResourceMetadataUri().toString()));
        items.add("Authorization server metadata: "
                + Md.link(c.authorizationServerMetadataUri().toString()));
        items.add("Identity endpoint (`identity_endpoint`): " + Md.code("POST " + identity));
        items.add("Token endpoint (`token_endpoint`): " + Md.code("POST " + token));
        items.add("Token revocation (`revocation_endpoint`): " + Md.code("POST " + revoke));
        items.add("Service keys (`jwks_uri`): " + Md.link(c.jwksUri().toString()));
        items.add("Registration types: " + String.join(", ", typeNames()));
        items.add("Scopes: " + Md.codeList(c.scopesSupported()));
        if (c.resourceDocumentation() != null) {
            items.add("API documentation: " + Md.link(c.resourceDocumentation().toString()));
        }
        w.bullets(items);
    }

    private List<String> typeNames() {
        List<String> names = new ArrayList<>();
        if (idJag) {
            names.add("`identity_assertion` (an ID-JAG from your agent provider)");
        }
        if (signIn) {
            names.add("`service_auth` (your user's email; the user confirms by signing in)");
        }
        if (anonymous) {
            names.add("`anonymous`");
        }
        return names;
    }

    // --- step 1 --------------------------------------------------------------------------------

    private void discover() {
        String prm = c.protectedResourceMetadataUri().toString();
        w.heading(2, "Step 1: Discover");
        w.numbered(
                1,
                List.of("Call the API without a credential. Every `401 Unauthorized` answer names the protected"
                        + " resource metadata in its `WWW-Authenticate` header:"));
        w.code("http", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer resource_metadata=\"" + prm + "\"\n");
        w.numbered(
                2,
                List.of(
                        "Fetch the protected resource metadata (RFC 9728) with " + Md.code("GET " + prm) + ". Its"
                                + " `authorization_servers[0]` is the issuer, "
                                + Md.code(c.issuer().toString()) + ".",
                        "Fetch the authorization server metadata (RFC 8414) with "
                                + Md.code("GET " + c.authorizationServerMetadataUri()) + ". An excerpt:"));
        AgentAuthMetadata agentAuth = DiscoveryDocuments.agentAuth(c);
        Map<String, Object> excerpt = obj(
                "issuer", c.issuer().toString(),
                "token_endpoint", token,
                "revocation_endpoint", revoke,
                "grant_types_supported", List.of(DiscoveryDocuments.GRANT_TYPE_JWT_BEARER),
                "jwks_uri", c.jwksUri().toString(),
                "agent_auth",
                        obj(
                                "skill", c.authMdUri().toString(),
                                "identity_endpoint", identity,
                                "claim_endpoint", claim,
                                "events_endpoint", events,
                                "identity_types_supported",
                                        agentAuth.identityTypesSupported().orElse(List.of())));
        w.code("json", json(excerpt));
        w.numbered(4, List.of("If the metadata and this document ever disagree, trust the metadata."));
    }

    // --- step 2 --------------------------------------------------------------------------------

    private void register() {
        w.heading(2, "Step 2: Get an identity assertion");
        w.paragraph("Send " + Md.code("POST " + identity) + " (`identity_endpoint`) with a JSON body whose `type`"
                + " picks the method. Use the first that fits:");
        List<String> items = new ArrayList<>();
        if (idJag) {
            items.add("**`identity_assertion`**: your agent provider signs an ID-JAG about your user. You get an"
                    + " identity assertion at once, with scopes " + Md.codeList(c.postClaimScopes()) + ". See"
                    + " Step 2a.");
        }
        if (signIn) {
            items.add("**`service_auth`**: you know your user's email. The user signs in to " + name + " and confirms;"
                    + " then you get an identity assertion with scopes " + Md.codeList(c.postClaimScopes()) + " and a"
                    + " refresh token. See Step 2c.");
        }
        if (anonymous) {
            items.add("**`anonymous`**: no user is involved yet. You get an identity assertion at once, with scopes "
                    + Md.codeList(c.anonymousScopes()) + "; a user can claim the registration later, raising them"
                    + " to " + Md.codeList(c.postClaimScopes()) + ". See Step 2b.");
        }
        w.numbered(1, items);
        w.paragraph("Every answer of this endpoint is JSON with `Cache-Control: no-store`. Keep the values it"
                + " returns secret: `identity.assertion`, `identity.refresh_token.value` and `claim.token` are"
                + " credentials.");
        if (idJag) {
            idJagSection();
        }
        if (anonymous) {
            anonymousSection();
        }
        if (signIn) {
            serviceAuthSection();
            claimSection();
        }
    }

    private void serviceAuthSection() {
        w.heading(3, "Step 2c: With your user's email");
        w.code("json", json(obj("type", "service_auth", "login_hint", "user@example.com")));
        w.paragraph("The answer (`200`) has no assertion yet: the registration waits for your user. Show the user"
                + " only `claim.attempt.verification_uri`, keep `claim.token`, and finish as in Step 2d.");
        w.code(
                "json",
                json(obj(
                        "id",
                        "reg_…",
                        "type",
                        "service_auth",
                        "scopes",
                        obj("post_claim", c.postClaimScopes()),
                        "claim",
                        obj(
                                "token",
                                "clm_…",
                                "expires_at",
                                EXAMPLE_CLAIM_EXPIRES,
                                "url",
                                claim,
                                "attempt",
                                obj(
                                        "verification_uri",
                                        claim + "/view?token=att_…",
                                        "expires_at",
                                        EXAMPLE_ATTEMPT_EXPIRES)))));
    }

    private void claimSection() {
        w.heading(3, "Step 2d: Finish a claim");
        w.numbered(
                1,
                List.of(
                        "Your user opens `verification_uri`, signs in to " + name + " as the owner of the address, and"
                                + " confirms. The page then shows a code such as `123-456`; the user reads it to you.",
                        "Send it with the claim token to " + Md.code("POST " + claim + "/complete") + ". Separators"
                                + " do not matter. `claim_not_confirmed` means the user has not confirmed yet: ask"
                                + " them to finish, and retry at least 5 seconds apart.",
                        "For a new link (the old one expired, or the user denied), send"
                                + " `{\"claim_token\", \"login_hint\"}` to " + Md.code("POST " + claim)
                                + "; the answer carries a new `attempt`. At most 5 attempts an hour."));
        w.code("json", json(obj("claim_token", "clm_…", "user_code", "123-456")));
        w.code(
                "json",
                json(obj(
                        "id",
                        "reg_…",
                        "status",
                        "claimed",
                        "identity",
                        obj(
                                "assertion",
                                EXAMPLE_JWT,
                                "expires_at",
                                EXAMPLE_EXPIRES,
                                "refresh_token",
                                obj("value", "art_…", "expires_at", EXAMPLE_REFRESH_EXPIRES)))));
        w.paragraph("A claimed anonymous registration's earlier assertions and access tokens stop working: exchange the"
                + " new assertion. A confirmed ID-JAG link gives no refresh token; present a fresh ID-JAG later.");
    }

    private void idJagSection() {
        w.heading(3, "Step 2a: With an ID-JAG");
        String issuer = c.issuer().toString();
        String resource = c.resource().toString();
        List<String> rules = new ArrayList<>();
        rules.add("Ask your agent provider for an ID-JAG for this service: a JWT with header `typ`"
                + " `oauth-id-jag+jwt` and an asymmetric `alg` (never `none` or HMAC).");
        rules.add(
                c.strictAudience() || issuer.equals(resource)
                        ? "Its `aud` must be " + Md.code(issuer) + ", one value."
                        : "Its `aud` must be " + Md.code(issuer) + " (the issuer) or " + Md.code(resource)
                                + " (the resource), one value.");
        rules.add("It carries `iss`, `sub`, `aud`, `client_id`, `jti`, `iat`, `exp` (at most "
                + Durations.words(c.maxAssertionLifetime()) + " after `iat`) and `auth_time`: the user must have"
                + " signed in at the provider within the last " + c.maxAuthAge().toSeconds() + " seconds"
                + " (`max_age`). It carries a verified `email` (`email_verified: true`) or phone number, and no"
                + " `cnf`. If it names a `resource`, that is " + Md.code(resource) + ".");
        rules.add("Each ID-JAG is accepted once; never resend one.");
        w.numbered(1, rules);
        w.code(
                "json",
                json(obj(
                        "type",
                        "identity_assertion",
                        "assertion_type",
                        AgentAuthMetadata.ASSERTION_TYPE_ID_JAG,
                        "assertion",
                        EXAMPLE_JWT)));
        w.paragraph("When your user is already linked to this provider (or is new here), the answer is `200`, the"
                + " same `id` every time, and a fresh assertion. There is no refresh token: when the assertion"
                + " expires, present a fresh ID-JAG.");
        w.code(
                "json",
                json(obj(
                        "id",
                        "reg_…",
                        "type",
                        "identity_assertion",
                        "identity",
                        obj("assertion", EXAMPLE_JWT, "expires_at", EXAMPLE_EXPIRES),
                        "scopes",
                        c.postClaimScopes())));
        w.paragraph("When the user's sign-in at the provider is missing or too old, the answer is `401"
                + " login_required`. Have the user sign in at the provider again, then present a fresh ID-JAG:");
        w.code(
                "http",
                "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: AgentAuth error=\"login_required\", max_age=\""
                        + c.maxAuthAge().toSeconds() + "\", error_description=\"auth_time is required\"\n");
        w.paragraph("When your user's email matches an account here that was never linked to this provider, the user"
                + " must confirm the link first. The answer is `401 interaction_required` with the pending"
                + " registration and its claim. Show the user only `claim.attempt.verification_uri`; keep"
                + " `claim.token` to yourself:");
        w.code(
                "json",
                json(obj(
                        "error",
                        "interaction_required",
                        "error_description",
                        "Confirm at verification_uri",
                        "message",
                        "Confirm at verification_uri",
                        "id",
                        "reg_…",
                        "type",
                        "identity_assertion",
                        "scopes",
                        obj("post_claim", c.postClaimScopes()),
                        "claim",
                        obj(
                                "token",
                                "clm_…",
                                "expires_at",
                                EXAMPLE_CLAIM_EXPIRES,
                                "url",
                                claim,
                                "attempt",
                                obj(
                                        "verification_uri",
                                        claim + "/view?token=att_…",
                                        "expires_at",
                                        EXAMPLE_ATTEMPT_EXPIRES)))));
    }

    private void anonymousSection() {
        w.heading(3, "Step 2b: Anonymously");
        w.code("json", json(obj("type", "anonymous")));
        w.paragraph("The answer (`200`) carries a pre-claim assertion, the scopes before and after a claim, and the"
                + " claim token a human uses to claim the registration. Unclaimed, the registration ends when"
                + " `claim.expires_at` passes, and everything it holds stops working.");
        w.code(
                "json",
                json(obj(
                        "id",
                        "reg_…",
                        "type",
                        "anonymous",
                        "identity",
                        obj("assertion", EXAMPLE_JWT, "expires_at", EXAMPLE_EXPIRES),
                        "scopes",
                        obj("pre_claim", c.anonymousScopes(), "post_claim", c.postClaimScopes()),
                        "claim",
                        obj("token", "clm_…", "expires_at", EXAMPLE_CLAIM_EXPIRES, "url", claim))));
    }

    // --- step 3-6 ------------------------------------------------------------------------------

    private void exchange() {
        w.heading(2, "Step 3: Exchange the assertion for an access token");
        w.paragraph("Send the assertion to " + Md.code("POST " + token) + " (`token_endpoint`) as a form (RFC 7523)."
                + " No client authentication. `resource` (RFC 8707) may only be "
                + Md.code(c.resource().toString())
                + "; `scope` may only narrow what the registration holds.");
        URI uri = c.tokenEndpoint();
        w.code(
                "http",
                "POST " + uri.getRawPath() + " HTTP/1.1\nHost: " + host(uri)
                        + "\nContent-Type: application/x-www-form-urlencoded\n\n"
                        + "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + EXAMPLE_JWT
                        + "\n");
        w.code(
                "json",
                json(obj(
                        "access_token",
                        "at_…",
                        "token_type",
                        "Bearer",
                        "expires_in",
                        c.accessTokenTtl().toSeconds(),
                        "scope",
                        String.join(" ", anonymous && !idJag ? c.anonymousScopes() : c.postClaimScopes()))));
        w.paragraph("The access token lives " + Durations.words(c.accessTokenTtl()) + " (never past an anonymous"
                + " registration's end) and is bound to the resource. There is never a `refresh_token` here. The"
                + " same assertion may be exchanged again until its `expires_at`.");
    }

    private void use() {
        w.heading(2, "Step 4: Call the API");
        w.numbered(
                1,
                List.of(
                        "Send the access token on every call: `Authorization: Bearer at_…`. Only the header is"
                                + " accepted.",
                        "`401` with `error=\"invalid_token\"`: the token expired or was revoked. Exchange the"
                                + " assertion again (Step 3); if that answers `invalid_grant`, refresh (Step 5) or"
                                + " start again at Step 2.",
                        "`403` with `insufficient_scope`: the token lacks a scope the call needs."));
    }

    private void refresh() {
        w.heading(2, "Step 5: Refresh");
        w.paragraph("A registration claimed by a human receives a refresh token with its post-claim assertion"
                + " (`identity.refresh_token`). ID-JAG registrations never get one. Spend it at the identity"
                + " endpoint for a fresh assertion and the next refresh token:");
        w.code("json", json(obj("type", "refresh", "refresh_token", "art_…")));
        w.code(
                "json",
                json(obj(
                        "id",
                        "reg_…",
                        "type",
                        "refresh",
                        "identity",
                        obj(
                                "assertion",
                                EXAMPLE_JWT,
                                "expires_at",
                                EXAMPLE_EXPIRES,
                                "refresh_token",
                                obj("value", "art_…", "expires_at", EXAMPLE_REFRESH_EXPIRES)))));
        w.paragraph("Each refresh token works once and lives " + Durations.words(c.refreshTokenTtl()) + ". Store"
                + " the successor before you use it. Presenting a spent token again revokes the registration and"
                + " everything it holds; refresh from one place at a time.");
    }

    private void revocation() {
        w.heading(2, "Step 6: Revoke");
        w.paragraph("To give up a token, send it to " + Md.code("POST " + revoke) + " (`revocation_endpoint`, RFC"
                + " 7009) as a form: `token=…`, optionally `token_type_hint=access_token` or `refresh_token`. An"
                + " identity assertion may be revoked too; every access token exchanged for it dies with it. The"
                + " answer is `200` with an empty body whether or not anything matched.");
        w.paragraph("Agent providers revoke what they asserted by pushing a security event token (RFC 8417) to "
                + Md.code("POST " + events) + " (`events_endpoint`) with `Content-Type: "
                + SecurityEventVerifier.MEDIA_TYPE + "`. The service then revokes every registration and token of"
                + " that user through that provider and answers `202`. Supported event: "
                + Md.code(SecurityEventVerifier.EVENT_ASSERTION_REVOKED) + ".");
    }

    // --- errors --------------------------------------------------------------------------------

    private void errors() {
        w.heading(2, "Errors");
        w.paragraph("The identity endpoint answers errors as JSON with `Cache-Control: no-store`: `error`, and the"
                + " same text in `error_description` and `message`. A refused ID-JAG adds `reason`, one of "
                + REASONS + ". The token and revocation endpoints answer RFC 6749's `{\"error\","
                + " \"error_description\"}`. Act on `error`:");
        w.code(
                "json",
                json(obj(
                        "error", CurrentProfileError.INVALID_REQUEST.code(),
                        "error_description", "The assertion's audience is not this service.",
                        "message", "The assertion's audience is not this service.",
                        "reason", "invalid_audience")));
        List<List<String>> rows = new ArrayList<>();
        for (CurrentProfileError e : CurrentProfileError.values()) {
            rows.add(List.of(
                    Md.codeInCell(e.code()),
                    Integer.toString(e.httpStatus()),
                    Md.text(e.description()),
                    Md.text(e.agentHint())));
        }
        w.table(List.of("Error code", "HTTP status", "Meaning", "What to do"), rows);
        w.paragraph("The events endpoint answers providers with `400` and RFC 8935's `{\"err\", \"description\"}`:");
        List<List<String>> eventRows = new ArrayList<>();
        for (SecurityEventError e : SecurityEventError.values()) {
            eventRows.add(List.of(Md.codeInCell(e.code()), Md.text(e.description())));
        }
        w.table(List.of("Event error (`err`)", "Meaning"), eventRows);
    }

    private static String host(URI uri) {
        String origin = WellKnownUris.origin(uri);
        return origin.substring(origin.indexOf("://") + 3);
    }
}
