package dev.authmd.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authmd.client.AgentCredentialStore;
import dev.authmd.client.AgentSession;
import dev.authmd.client.AuthMdClient;
import dev.authmd.client.DiscoveredService;
import dev.authmd.client.RegistrationMethod;
import dev.authmd.client.ServiceProfile;
import dev.authmd.protocol.authmd.AuthMdDocument;
import dev.authmd.protocol.authmd.AuthMdParser;
import dev.authmd.protocol.challenge.BearerChallenge;
import dev.authmd.protocol.metadata.WellKnownUris;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One run of every check against one service, in order; later checks use what earlier ones found. */
final class ConformanceRun {

    private static final String ID_JAG_URN = "urn:ietf:params:oauth:token-type:id-jag";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    /** The check cannot run; the message says why. */
    private static final class Skip extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Skip(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The service did not do what the protocol says; the message says what was seen. */
    private static final class Fail extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Fail(String seen) {
            super(seen, null, false, false);
        }
    }

    @FunctionalInterface
    private interface Body {
        String run() throws Exception;
    }

    private final AuthMdConformance.Settings settings;
    private final Probe probe;
    private final List<CheckResult> results = new ArrayList<>();

    private URI base;
    private URI prmUri;
    private JsonNode prm;
    private JsonNode as;
    private JsonNode agentAuth;
    private String issuer;
    private DiscoveredService discovered;
    private boolean v01;
    private boolean current;
    private URI protectedUrl;
    private AgentSession currentAnonymous;
    /** After a provider revocation, the test user's next ID-JAG is a step-up: it needs a person. */
    private boolean providerRevoked;

    ConformanceRun(AuthMdConformance.Settings settings) {
        this.settings = settings;
        this.probe = new Probe(settings.timeout());
        this.base = settings.baseUrl();
        // the host's protected URL counts even when the challenge check fails on it
        this.protectedUrl = settings.protectedUrl();
    }

    ConformanceReport run() {
        discovery();
        authMd();
        v01Methods();
        currentMethods();
        errors();
        revocation();
        check("errors.never-5xx", "errors", "v0.1 §7", "No request of the run was answered with a 5xx", "", () -> {
            List<String> errors = probe.serverErrors();
            expect(errors.isEmpty(), "5xx answers: " + String.join(", ", errors));
            return "every probe answered below 500";
        });
        return new ConformanceReport(settings.baseUrl(), profilesSeen(), results);
    }

    private String profilesSeen() {
        if (v01 && current) {
            return "v0.1 + current";
        }
        return v01 ? "v0.1" : current ? "current" : "none";
    }

    // --- discovery ------------------------------------------------------------------------------------------------

    private void discovery() {
        check(
                "discovery.prm",
                "discovery",
                "v0.1 §2.2",
                "Protected resource metadata is served at the RFC 9728 location and names this resource",
                "",
                () -> {
                    String path = WellKnownUris.pathWithoutTrailingSlash(base);
                    prmUri = path.isEmpty()
                            ? URI.create(
                                    WellKnownUris.origin(base) + "/.well-known/" + WellKnownUris.PROTECTED_RESOURCE)
                            : WellKnownUris.protectedResourceMetadata(base);
                    Probe.Answer answer = probe.get(prmUri, "Accept", "application/json");
                    expect(answer.status() == 200, answer.seen());
                    expectJsonType(answer);
                    prm = answer.json().orElseThrow(() -> new Fail(answer.seen() + " (not a JSON object)"));
                    String resource = prm.path("resource").asText("");
                    expect(sameResource(resource, base.toString()), "resource is \"" + resource + "\", not " + base);
                    JsonNode servers = prm.path("authorization_servers");
                    expect(
                            servers.isArray()
                                    && servers.size() > 0
                                    && servers.get(0).isTextual(),
                            "authorization_servers is " + servers);
                    return prmUri + ": resource " + resource + ", authorization_servers " + servers;
                });
        check(
                "discovery.as-metadata",
                "discovery",
                "v0.1 §2.3",
                "Authorization server metadata is served at the RFC 8414 location (and the appended one)",
                "",
                () -> {
                    requirePrm();
                    URI server =
                            URI.create(prm.path("authorization_servers").get(0).asText());
                    URI inserted = WellKnownUris.authorizationServerMetadata(server);
                    Probe.Answer answer = probe.get(inserted, "Accept", "application/json");
                    expect(answer.status() == 200, answer.seen());
                    expectJsonType(answer);
                    as = answer.json().orElseThrow(() -> new Fail(answer.seen() + " (not a JSON object)"));
                    URI appended = WellKnownUris.appendedAuthorizationServerMetadata(server);
                    if (!appended.equals(inserted)) {
                        Probe.Answer second = probe.get(appended, "Accept", "application/json");
                        expect(second.status() == 200, "the appended location: " + second.seen());
                        return inserted + " and " + appended + " answer 200";
                    }
                    return inserted + " answers 200";
                });
        check(
                "discovery.issuer",
                "discovery",
                "current §2",
                "The metadata's issuer is byte-identical to authorization_servers[0]",
                "",
                () -> {
                    requireAs();
                    String server = prm.path("authorization_servers").get(0).asText();
                    JsonNode declared = as.get("issuer");
                    expect(declared != null && declared.isTextual(), "no issuer member");
                    issuer = declared.asText();
                    expect(
                            issuer.equals(server),
                            "issuer \"" + issuer + "\" vs authorization_servers[0] \"" + server + "\"");
                    return "issuer " + issuer;
                });
        check(
                "discovery.agent-auth",
                "discovery",
                "v0.1 §2.3",
                "agent_auth names the skill and the methods, every URL absolute and on the issuer's origin",
                "",
                () -> {
                    requireAs();
                    agentAuth = as.path("agent_auth");
                    expect(agentAuth.isObject(), "no agent_auth object");
                    expect(agentAuth.path("skill").isTextual(), "no skill");
                    JsonNode types = agentAuth.path("identity_types_supported");
                    expect(types.isArray() && types.size() > 0, "identity_types_supported is " + types);
                    String origin = WellKnownUris.origin(
                            URI.create(prm.path("authorization_servers").get(0).asText()));
                    List<String> urls = new ArrayList<>();
                    for (String member : List.of(
                            "register_uri",
                            "claim_uri",
                            "revocation_uri",
                            "identity_endpoint",
                            "claim_endpoint",
                            "events_endpoint")) {
                        JsonNode value = agentAuth.get(member);
                        if (value != null) {
                            URI uri = absolute(value.asText(), member);
                            expect(
                                    WellKnownUris.origin(uri).equals(origin),
                                    member + " " + uri + " is not on " + origin);
                            urls.add(member);
                        }
                    }
                    return "identity_types_supported " + types + "; " + String.join(", ", urls) + " on " + origin;
                });
        check(
                "discovery.profile",
                "discovery",
                "current §12",
                "An agent can tell which profile the service speaks",
                "",
                () -> {
                    discovered = client().discover(base);
                    current = discovered.profile() == ServiceProfile.CURRENT;
                    v01 = !current || discovered.v01Fallback().isPresent();
                    return "the client speaks " + discovered.profile().wireName()
                            + (current && v01 ? ", v0.1 beside it" : "");
                });
        check(
                "discovery.challenge",
                "discovery",
                "v0.1 §2.1",
                "The API answers a request without credentials with 401 and a challenge naming the metadata",
                "",
                () -> {
                    requirePrm();
                    URI target = settings.protectedUrl() != null ? settings.protectedUrl() : base;
                    Probe.Answer answer = probe.get(target);
                    if (answer.status() != 401 && settings.protectedUrl() == null) {
                        throw new Skip(
                                "GET " + target + " answered " + answer.status()
                                        + " without credentials; name a protected URL (protectedUrl, --api) to check the challenge");
                    }
                    expect(answer.status() == 401, answer.seen());
                    protectedUrl = target;
                    String header = answer.header("WWW-Authenticate").orElse("");
                    Optional<String> metadata = BearerChallenge.parseAll(header).stream()
                            .map(BearerChallenge::resourceMetadata)
                            .flatMap(Optional::stream)
                            .findFirst();
                    expect(metadata.isPresent(), "WWW-Authenticate: " + header);
                    expect(
                            metadata.get().equals(prmUri.toString()),
                            "resource_metadata=\"" + metadata.get() + "\", the metadata is at " + prmUri);
                    return "401 with WWW-Authenticate: " + header;
                });
        check(
                "discovery.invalid-token",
                "discovery",
                "v0.1 §5",
                "A request with an unknown bearer gets 401 invalid_token and the challenge",
                "",
                () -> {
                    requireProtectedUrl();
                    Probe.Answer answer =
                            probe.get(protectedUrl, "Authorization", "Bearer sk_conformance_unknown_credential");
                    expect(answer.status() == 401, answer.seen());
                    String header = answer.header("WWW-Authenticate").orElse("");
                    expect(
                            header.contains("invalid_token") && header.contains("resource_metadata"),
                            "WWW-Authenticate: " + header);
                    return "401 with WWW-Authenticate: " + header;
                });
        check(
                "discovery.v01-names",
                "discovery",
                "current §2",
                "With v0.1 on, the metadata carries the v0.1 names scanners require",
                "",
                () -> {
                    requireProfile(true);
                    for (String member : List.of("register_uri", "claim_uri", "revocation_uri")) {
                        expect(agentAuth.path(member).isTextual(), "no " + member);
                    }
                    expect(
                            !agentAuth
                                    .path("register_uri")
                                    .asText()
                                    .equals(agentAuth.path("skill").asText()),
                            "register_uri is the skill document");
                    List<String> types = texts(agentAuth.path("identity_types_supported"));
                    if (types.contains("anonymous")) {
                        expect(
                                agentAuth
                                        .path("anonymous")
                                        .path("credential_types_supported")
                                        .isArray(),
                                "anonymous.credential_types_supported is missing");
                    }
                    if (types.contains("identity_assertion")) {
                        expect(
                                agentAuth
                                        .path("identity_assertion")
                                        .path("credential_types_supported")
                                        .isArray(),
                                "identity_assertion.credential_types_supported is missing");
                    }
                    return "register_uri, claim_uri, revocation_uri and the credential types are there";
                });
        check(
                "discovery.current-members",
                "discovery",
                "current §2",
                "With the current profile on, the RFC 8414 members and the service's keys are there",
                "",
                () -> {
                    requireProfile(false);
                    for (String member : List.of("token_endpoint", "revocation_endpoint", "jwks_uri")) {
                        expect(as.path(member).isTextual(), "no " + member);
                    }
                    for (String member : List.of("identity_endpoint", "claim_endpoint", "events_endpoint")) {
                        expect(agentAuth.path(member).isTextual(), "no agent_auth." + member);
                    }
                    List<String> grants = texts(as.path("grant_types_supported"));
                    expect(grants.equals(List.of(JWT_BEARER)), "grant_types_supported is " + grants);
                    expect(
                            !texts(agentAuth.path("identity_types_supported")).contains("refresh"),
                            "identity_types_supported lists refresh");
                    Probe.Answer jwks = probe.get(URI.create(as.path("jwks_uri").asText()));
                    expect(jwks.status() == 200, "jwks_uri: " + jwks.seen());
                    JsonNode keys = jwks.json().map(j -> j.path("keys")).orElse(null);
                    expect(keys != null && keys.isArray() && keys.size() > 0, "jwks_uri has no keys: " + jwks.seen());
                    return "token_endpoint, revocation_endpoint, grant_types_supported " + grants + ", " + keys.size()
                            + " service key(s)";
                });
    }

    // --- auth.md --------------------------------------------------------------------------------------------------

    private void authMd() {
        URI[] location = new URI[1];
        String[] text = new String[1];
        check("authmd.served", "auth.md", "v0.1 §2.4", "auth.md is served as text/markdown", "", () -> {
            requireAs();
            String skill = agentAuth == null ? "" : agentAuth.path("skill").asText("");
            location[0] = skill.isEmpty() ? URI.create(WellKnownUris.origin(base) + "/auth.md") : URI.create(skill);
            Probe.Answer answer = probe.get(location[0]);
            expect(answer.status() == 200, answer.seen());
            String type = answer.header("Content-Type").orElse("");
            expect(
                    type.toLowerCase(Locale.ROOT).startsWith("text/markdown"),
                    location[0] + " is served as \"" + type + "\"");
            text[0] = answer.body();
            return location[0] + " as " + type + ", " + answer.body().length() + " characters";
        });
        check(
                "authmd.endpoints",
                "auth.md",
                "v0.1 §2.4",
                "auth.md parses and names the endpoints the metadata names",
                "",
                () -> {
                    if (text[0] == null) {
                        throw new Skip("auth.md was not served");
                    }
                    AuthMdDocument doc = new AuthMdParser().parse(text[0], location[0]);
                    List<String> named = new ArrayList<>();
                    compare(doc.registerUri(), agentAuth.get("register_uri"), "register_uri", named);
                    compare(doc.identityEndpoint(), agentAuth.get("identity_endpoint"), "identity_endpoint", named);
                    compare(doc.tokenEndpoint(), as.get("token_endpoint"), "token_endpoint", named);
                    compare(doc.protectedResourceMetadataUri(), null, "", named);
                    if (v01) {
                        expect(doc.registerUri().isPresent(), "v0.1 is served but auth.md names no register_uri");
                    }
                    if (current) {
                        expect(
                                doc.identityEndpoint().isPresent(),
                                "the current profile is served but auth.md names no identity endpoint");
                    }
                    return "names " + String.join(", ", named);
                });
    }

    private void compare(Optional<URI> inDoc, JsonNode inMetadata, String member, List<String> named) {
        if (inDoc.isEmpty() || inMetadata == null || member.isEmpty()) {
            return;
        }
        expect(
                inDoc.get().toString().equals(inMetadata.asText()),
                "auth.md names " + member + " " + inDoc.get() + ", the metadata " + inMetadata.asText());
        named.add(member);
    }

    // --- methods --------------------------------------------------------------------------------------------------

    private void v01Methods() {
        AgentSession[] anonymous = new AgentSession[1];
        methodCheck(
                "v0.1.anonymous",
                "v0.1",
                "v0.1 §3c",
                "An anonymous registration gets an API key that the API accepts",
                "anonymous",
                true,
                () -> {
                    anonymous[0] = connect(true, RegistrationMethod.ANONYMOUS, false);
                    expect(anonymous[0].profile() == ServiceProfile.V0_1, "spoke " + anonymous[0].profile());
                    String key = anonymous[0].credentials().bearer();
                    return anonymous[0].credentials().registrationId() + " got a "
                            + (key != null && key.startsWith("sk_") ? "sk_ " : "") + "key with "
                            + anonymous[0].credentials().scopes() + apiCall(anonymous[0]);
                });
        check(
                "v0.1.claim",
                "v0.1",
                "v0.1 §4",
                "A person claims the anonymous registration with the emailed code",
                "",
                () -> {
                    requireProfile(true);
                    requirePerson();
                    if (anonymous[0] == null) {
                        throw new Skip("no anonymous registration to claim");
                    }
                    var claimed = anonymous[0].claim(settings.userEmail());
                    expect(claimed.claimed(), "not claimed");
                    return claimed.registrationId() + " claimed, scopes " + claimed.scopes() + apiCall(anonymous[0]);
                });
        methodCheck(
                "v0.1.id-jag",
                "v0.1",
                "v0.1 §3a",
                "An ID-JAG from the test provider gets a credential (at once, or after the emailed step-up)",
                "id_jag",
                true,
                () -> {
                    requireProvider();
                    AgentSession session = connect(true, RegistrationMethod.ID_JAG, true);
                    return session.credentials().registrationId() + " got a credential with "
                            + session.credentials().scopes() + apiCall(session);
                });
        methodCheck(
                "v0.1.verified-email",
                "v0.1",
                "v0.1 §3b",
                "A verified-email registration gets its credential after the emailed code",
                "email",
                true,
                () -> {
                    requirePerson();
                    AgentSession session = connect(true, RegistrationMethod.EMAIL, true);
                    expect(session.credentials().claimed(), "not claimed");
                    return session.credentials().registrationId() + " got a credential after the code"
                            + apiCall(session);
                });
    }

    private void currentMethods() {
        AgentSession[] claimable = new AgentSession[1];
        methodCheck(
                "current.anonymous",
                "current",
                "current §3, §5",
                "An anonymous identity is exchanged at the token endpoint for an access token the API accepts",
                "anonymous",
                false,
                () -> {
                    currentAnonymous = connect(false, RegistrationMethod.ANONYMOUS, false);
                    claimable[0] = currentAnonymous;
                    return currentAnonymous.credentials().registrationId() + " exchanged for an access token with "
                            + currentAnonymous.credentials().scopes() + apiCall(currentAnonymous);
                });
        AgentSession[] claimed = new AgentSession[1];
        check(
                "current.claim",
                "current",
                "current §7",
                "A person confirms on the service's page and the agent completes the claim with the code",
                "",
                () -> {
                    requireProfile(false);
                    requirePerson();
                    if (claimable[0] == null) {
                        throw new Skip("no anonymous identity to claim");
                    }
                    var after = claimable[0].claim(settings.userEmail());
                    expect(after.claimed(), "not claimed");
                    expect(after.refreshToken() != null, "the completion gave no refresh token");
                    claimed[0] = claimable[0];
                    return after.registrationId() + " claimed with scopes " + after.scopes() + ", a refresh token"
                            + apiCall(claimable[0]);
                });
        check(
                "current.refresh",
                "current",
                "current §8",
                "A refresh token rotates, and the spent one is refused with invalid_refresh_token",
                "",
                () -> {
                    if (claimed[0] == null) {
                        throw new Skip("no claimed registration holds a refresh token");
                    }
                    String spent = claimed[0].credentials().refreshToken();
                    Probe.Answer refreshed = probe.postJson(
                            discovered.endpoints().identity(),
                            "{\"type\":\"refresh\",\"refresh_token\":\"" + spent + "\"}");
                    expect(refreshed.status() == 200, refreshed.seen());
                    expectNoStore(refreshed);
                    JsonNode rotated =
                            refreshed.json().orElseThrow().path("identity").path("refresh_token");
                    String next = rotated.isTextual()
                            ? rotated.asText()
                            : rotated.path("value").asText("");
                    expect(!next.isEmpty() && !next.equals(spent), "no rotated refresh token: " + refreshed.seen());
                    Probe.Answer again = probe.postJson(
                            discovered.endpoints().identity(),
                            "{\"type\":\"refresh\",\"refresh_token\":\"" + spent + "\"}");
                    expect(again.status() == 400 && again.error().equals("invalid_refresh_token"), again.seen());
                    return "rotated; the spent token got 400 invalid_refresh_token";
                });
        methodCheck(
                "current.id-jag",
                "current",
                "current §3, §10",
                "An ID-JAG from the test provider gets an identity (or a step-up a person confirms)",
                "id_jag",
                false,
                () -> {
                    requireProvider();
                    AgentSession session = connect(false, RegistrationMethod.ID_JAG, true);
                    expect(session.credentials().refreshToken() == null, "an ID-JAG registration got a refresh token");
                    return session.credentials().registrationId() + " exchanged for an access token" + apiCall(session);
                });
        methodCheck(
                "current.service-auth",
                "current",
                "current §3, §7",
                "service_auth: the person signs in on the page, the agent completes with the code",
                "email",
                false,
                () -> {
                    requirePerson();
                    AgentSession session = connect(false, RegistrationMethod.EMAIL, true);
                    expect(session.credentials().refreshToken() != null, "no refresh token after the claim");
                    return session.credentials().registrationId() + " claimed by " + settings.userEmail()
                            + apiCall(session);
                });
    }

    /** A check of one registration method: skipped with the reason when the service does not advertise it. */
    private void methodCheck(
            String id, String group, String section, String title, String method, boolean v01Method, Body body) {
        boolean served = v01Method ? v01 : current;
        boolean advertised = served && advertises(method, v01Method);
        check(id, group, section, title, advertised ? method : "", () -> {
            if (!served) {
                throw new Skip((v01Method ? "v0.1" : "the current profile") + " is not served");
            }
            if (!advertised) {
                throw new Skip("the service does not advertise " + method);
            }
            return body.run();
        });
    }

    private boolean advertises(String method, boolean v01Method) {
        if (agentAuth == null) {
            return false;
        }
        List<String> types = texts(agentAuth.path("identity_types_supported"));
        List<String> assertions = texts(agentAuth.path("identity_assertion").path("assertion_types_supported"));
        return switch (method) {
            case "anonymous" -> types.contains("anonymous");
            case "id_jag" -> types.contains("identity_assertion") && assertions.contains(ID_JAG_URN);
            case "email" ->
                v01Method
                        ? types.contains("identity_assertion") && assertions.contains("verified_email")
                        : types.contains("service_auth");
            default -> false;
        };
    }

    // --- errors ---------------------------------------------------------------------------------------------------

    private void errors() {
        for (boolean v01Side : new boolean[] {true, false}) {
            String group = "errors";
            String profile = v01Side ? "v0.1" : "current";
            String section = v01Side ? "v0.1 §7" : "current §3, §11";
            check(
                    "errors." + profile + ".garbage-body",
                    group,
                    section,
                    profile
                            + ": a malformed body, a wrong content type and an unknown type are refused with invalid_request",
                    "",
                    () -> {
                        URI endpoint = registrationEndpoint(v01Side);
                        Probe.Answer malformed = probe.postJson(endpoint, "{\"type\":");
                        expectError(malformed, 400, "invalid_request");
                        Probe.Answer plain = probe.post(endpoint, "text/plain", "{\"type\":\"anonymous\"}");
                        expect(
                                (plain.status() == 400 && plain.error().equals("invalid_request"))
                                        || plain.status() == 415,
                                "wrong content type: " + plain.seen());
                        Probe.Answer unknown = probe.postJson(endpoint, "{\"type\":\"password\"}");
                        expectError(unknown, 400, "invalid_request");
                        return "400 invalid_request three times, no-store, JSON";
                    });
            check(
                    "errors." + profile + ".wrong-method",
                    group,
                    v01Side ? "v0.1 §7" : "current §1",
                    profile + ": a GET on the registration endpoint is 405 with Allow",
                    "",
                    () -> {
                        Probe.Answer answer = probe.get(registrationEndpoint(v01Side));
                        expect(answer.status() == 405, answer.seen());
                        expect(
                                answer.header("Allow").orElse("").contains("POST"),
                                "Allow: " + answer.header("Allow").orElse(""));
                        return "405, Allow: " + answer.header("Allow").orElse("");
                    });
            check(
                    "errors." + profile + ".unknown-claim-token",
                    group,
                    v01Side ? "v0.1 §4" : "current §7",
                    profile + ": completing a claim with an unknown token is 401 invalid_claim_token",
                    "",
                    () -> {
                        requireProfile(v01Side);
                        URI claim = URI.create(agentAuth
                                        .path(v01Side ? "claim_uri" : "claim_endpoint")
                                        .asText() + "/complete");
                        Probe.Answer answer = probe.postJson(
                                claim,
                                v01Side
                                        ? "{\"claim_token\":\"clm_conformance_unknown\",\"otp\":\"123456\"}"
                                        : "{\"claim_token\":\"clm_conformance_unknown\",\"user_code\":\"123456\"}");
                        expectError(answer, 401, "invalid_claim_token");
                        return "401 invalid_claim_token";
                    });
            check(
                    "errors." + profile + ".no-store",
                    group,
                    v01Side ? "v0.1 §7" : "current §1",
                    profile + ": an answer carrying a secret is no-store",
                    "",
                    () -> {
                        requireProfile(v01Side);
                        if (!advertises("anonymous", v01Side)) {
                            throw new Skip(
                                    "anonymous registration is not advertised: no secret to ask for without a person");
                        }
                        Probe.Answer answer = probe.postJson(registrationEndpoint(v01Side), "{\"type\":\"anonymous\"}");
                        expect(answer.status() == 200, answer.seen());
                        expectNoStore(answer);
                        return "Cache-Control: "
                                + answer.header("Cache-Control").orElse("");
                    });
        }
        check(
                "errors.token-endpoint",
                "errors",
                "current §5",
                "The token endpoint refuses a garbage assertion (invalid_grant) and another grant (unsupported_grant_type)",
                "",
                () -> {
                    requireProfile(false);
                    URI token = discovered.endpoints().token();
                    Probe.Answer garbage = probe.post(
                            token,
                            "application/x-www-form-urlencoded",
                            "grant_type=" + enc(JWT_BEARER) + "&assertion=x.y.z");
                    expectError(garbage, 400, "invalid_grant");
                    Probe.Answer password = probe.post(
                            token, "application/x-www-form-urlencoded", "grant_type=password&username=a&password=b");
                    expectError(password, 400, "unsupported_grant_type");
                    return "400 invalid_grant, 400 unsupported_grant_type";
                });
    }

    // --- revocation -----------------------------------------------------------------------------------------------

    private void revocation() {
        check(
                "revocation.rfc7009",
                "revocation",
                "current §6",
                "RFC 7009: a revoked access token stops working; an unknown token still gets 200",
                "",
                () -> {
                    requireProfile(false);
                    if (!advertises("anonymous", false)) {
                        throw new Skip("no access token to revoke without a person: anonymous is not advertised");
                    }
                    URI revoke = discovered.endpoints().revocation();
                    expect(revoke != null, "no revocation_endpoint");
                    // a registration of its own, shown to work first: nothing earlier in the run has touched it
                    AgentSession fresh = connect(false, RegistrationMethod.ANONYMOUS, false);
                    String token = fresh.credentials().bearer();
                    expect(token != null, "the registration gave no access token");
                    apiCall(fresh);
                    Probe.Answer revoked =
                            probe.post(revoke, "application/x-www-form-urlencoded", "token=" + enc(token));
                    expect(revoked.status() == 200 && revoked.body().isEmpty(), revoked.seen());
                    Probe.Answer unknown =
                            probe.post(revoke, "application/x-www-form-urlencoded", "token=at_conformance_unknown");
                    expect(unknown.status() == 200, "unknown token: " + unknown.seen());
                    return "200 with an empty body twice" + rawApiRefuses(token);
                });
        for (boolean v01Side : new boolean[] {true, false}) {
            String profile = v01Side ? "v0.1" : "current";
            check(
                    "revocation." + profile + ".provider",
                    "revocation",
                    v01Side ? "v0.1 §6" : "current §9",
                    profile + ": the provider's revocation (" + (v01Side ? "a logout token" : "a security event")
                            + ") ends its user's credentials",
                    "",
                    () -> {
                        requireProfile(v01Side);
                        requireProvider();
                        if (settings.revocation() == null) {
                            throw new Skip("no provider revocation given (providerRevocation, --revoke-with)");
                        }
                        if (providerRevoked && settings.claimPrompt() == null) {
                            throw new Skip("the test user was revoked by the other profile's check, so its next ID-JAG"
                                    + " is a step-up a person confirms: no claim prompt (claimPrompt, --email)");
                        }
                        AgentSession session = connect(v01Side, RegistrationMethod.ID_JAG, true);
                        String bearer = session.credentials().bearer();
                        providerRevoked = true;
                        settings.revocation().revokeTestUser(v01Side ? ServiceProfile.V0_1 : ServiceProfile.CURRENT);
                        return "revoked " + session.credentials().registrationId() + rawApiRefuses(bearer);
                    });
            check(
                    "revocation." + profile + ".garbage",
                    "revocation",
                    v01Side ? "v0.1 §6" : "current §9",
                    profile + ": a garbage " + (v01Side ? "logout token" : "security event") + " is refused with 400",
                    "",
                    () -> {
                        requireProfile(v01Side);
                        URI endpoint = URI.create(agentAuth
                                .path(v01Side ? "revocation_uri" : "events_endpoint")
                                .asText());
                        Probe.Answer answer = probe.post(
                                endpoint, v01Side ? "application/logout+jwt" : "application/secevent+jwt", "x.y.z");
                        expect(answer.status() == 400, answer.seen());
                        return answer.seen();
                    });
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private void check(String id, String group, String section, String title, String method, Body body) {
        CheckStatus status;
        String detail;
        try {
            detail = body.run();
            status = CheckStatus.PASSED;
        } catch (Skip skip) {
            status = CheckStatus.SKIPPED;
            detail = skip.getMessage();
        } catch (Probe.RateLimited limited) {
            status = CheckStatus.SKIPPED;
            detail = "rate-limited: " + limited.getMessage() + "; run again later, or raise the limits for the checker";
        } catch (dev.authmd.client.ServiceErrorException e) {
            status = e.status() == 429 ? CheckStatus.SKIPPED : CheckStatus.FAILED;
            detail = (e.status() == 429 ? "rate-limited: " : "ServiceErrorException: ") + e.getMessage();
        } catch (Fail fail) {
            status = CheckStatus.FAILED;
            detail = fail.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = CheckStatus.FAILED;
            detail = "interrupted";
        } catch (Exception | AssertionError e) {
            status = CheckStatus.FAILED;
            detail = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        results.add(new CheckResult(id, group, section, title, status, detail, method));
    }

    private AuthMdClient client() {
        AuthMdClient.Builder builder =
                AuthMdClient.builder().store(AgentCredentialStore.inMemory()).timeout(settings.timeout());
        settings.developmentHosts().forEach(builder::allowHttpFor);
        return builder.build();
    }

    private AgentSession connect(boolean v01Side, RegistrationMethod method, boolean withPerson) {
        AuthMdClient.Builder builder = AuthMdClient.builder()
                .store(AgentCredentialStore.inMemory())
                .timeout(settings.timeout())
                .methods(method);
        settings.developmentHosts().forEach(builder::allowHttpFor);
        if (settings.assertionSource() != null) {
            builder.assertionSource(settings.assertionSource());
        }
        if (settings.claimPrompt() != null) {
            builder.claimPrompt(settings.claimPrompt());
        }
        if (withPerson || method == RegistrationMethod.EMAIL) {
            builder.userEmail(settings.userEmail());
        }
        DiscoveredService target =
                v01Side && discovered.profile() == ServiceProfile.CURRENT ? discovered.asV01() : discovered;
        return builder.build().connect(target);
    }

    /** Calls the protected URL with the session, when one is known. */
    private String apiCall(AgentSession session) throws Exception {
        if (protectedUrl == null) {
            throw new Skip("the registration worked, but no protected URL was given to try its credential on"
                    + " (protectedUrl, --api)");
        }
        HttpResponse<String> answer =
                session.send(HttpRequest.newBuilder(protectedUrl).GET().build(), HttpResponse.BodyHandlers.ofString());
        expect(answer.statusCode() == 200, "the API answered " + answer.statusCode() + " to the credential");
        return "; the API answered 200";
    }

    private String rawApiRefuses(String bearer) throws Exception {
        if (protectedUrl == null) {
            throw new Skip("no protected URL to show the revoked credential refused (protectedUrl, --api)");
        }
        Probe.Answer answer = probe.get(protectedUrl, "Authorization", "Bearer " + bearer);
        expect(answer.status() == 401, "the revoked credential still works: " + answer.seen());
        return "; the API answers 401 to it";
    }

    private URI registrationEndpoint(boolean v01Side) {
        requireProfile(v01Side);
        return URI.create(
                agentAuth.path(v01Side ? "register_uri" : "identity_endpoint").asText());
    }

    private void requirePrm() {
        if (prm == null) {
            throw new Skip("no protected resource metadata");
        }
    }

    private void requireAs() {
        requirePrm();
        if (as == null) {
            throw new Skip("no authorization server metadata");
        }
    }

    private void requireProfile(boolean v01Side) {
        if (discovered == null || agentAuth == null) {
            throw new Skip("discovery did not succeed");
        }
        if (v01Side ? !v01 : !current) {
            throw new Skip((v01Side ? "v0.1" : "the current profile") + " is not served");
        }
    }

    private void requireProtectedUrl() {
        if (protectedUrl == null) {
            throw new Skip("no protected URL answered 401 (protectedUrl, --api)");
        }
    }

    private void requireProvider() {
        if (settings.assertionSource() == null) {
            throw new Skip("no test provider the service trusts (assertionSource, --id-jag-from)");
        }
    }

    private void requirePerson() {
        if (settings.claimPrompt() == null) {
            throw new Skip("no claim prompt (a test mailbox and sign-in, or a person)");
        }
    }

    private static void expect(boolean condition, String seen) {
        if (!condition) {
            throw new Fail(seen);
        }
    }

    private static void expectJsonType(Probe.Answer answer) {
        String type = answer.header("Content-Type").orElse("");
        expect(
                type.toLowerCase(Locale.ROOT).startsWith("application/json"),
                answer.uri() + " is served as \"" + type + "\"");
    }

    private static void expectError(Probe.Answer answer, int status, String code) {
        expect(
                answer.status() == status && answer.error().equals(code),
                answer.seen() + " (expected " + status + " " + code + ")");
        expectNoStore(answer);
        expectJsonType(answer);
    }

    private static void expectNoStore(Probe.Answer answer) {
        String cache = answer.header("Cache-Control").orElse("");
        expect(
                cache.toLowerCase(Locale.ROOT).contains("no-store"),
                answer.uri() + " answered Cache-Control \"" + cache + "\"");
    }

    private static boolean sameResource(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static URI absolute(String value, String what) {
        try {
            URI uri = new URI(value);
            expect(uri.isAbsolute() && uri.getHost() != null, what + " is not absolute: " + value);
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new Fail(what + " is not a URL: " + value);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
