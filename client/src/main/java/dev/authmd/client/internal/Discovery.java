package dev.authmd.client.internal;

import dev.authmd.client.AuthMdClientException;
import dev.authmd.client.DiscoveredService;
import dev.authmd.client.ServiceProfile;
import dev.authmd.client.UnsafeServiceException;
import dev.authmd.client.UnsupportedProfileException;
import dev.authmd.protocol.authmd.AuthMdDocument;
import dev.authmd.protocol.authmd.AuthMdParser;
import dev.authmd.protocol.challenge.BearerChallenge;
import dev.authmd.protocol.metadata.AgentAuthMetadata;
import dev.authmd.protocol.metadata.AuthorizationServerMetadata;
import dev.authmd.protocol.metadata.MetadataException;
import dev.authmd.protocol.metadata.MetadataJson;
import dev.authmd.protocol.metadata.ProtectedResourceMetadata;
import dev.authmd.protocol.metadata.WellKnownUris;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Discovery as an agent does it: the protected resource metadata (from a 401's {@code resource_metadata}, or the RFC
 * 9728 path-aware location then the root one), the authorization server metadata (the RFC 8414 location, then the
 * appended form), profile detection (docs/agent-client.md), the endpoints checked against the issuer's origin, then
 * {@code auth.md} when the service has one.
 */
public final class Discovery {

    /** The polling claim grant of the v0.4–v0.7 flat shape, which this client recognises and refuses. */
    public static final String FLAT_CLAIM_GRANT = "urn:workos:agent-auth:grant-type:claim";

    private static final String JSON = "application/json";

    private final ServiceHttp http;

    /** @param http the guarded HTTP exchange */
    public Discovery(ServiceHttp http) {
        this.http = http;
    }

    /**
     * Discovers a service from its base URL or resource identifier.
     *
     * @param url the API's base URL
     * @return what was found
     */
    public DiscoveredService fromUrl(URI url) {
        http.checkUrl(url, "the service URL");
        URI base = withoutQuery(url);
        List<URI> candidates = new ArrayList<>();
        String path = WellKnownUris.pathWithoutTrailingSlash(base);
        if (!path.isEmpty()) {
            candidates.add(WellKnownUris.protectedResourceMetadata(base));
        }
        candidates.add(URI.create(WellKnownUris.origin(base) + "/.well-known/" + WellKnownUris.PROTECTED_RESOURCE));
        List<String> tried = new ArrayList<>();
        for (URI candidate : candidates) {
            Reply reply = http.get(candidate, JSON);
            if (reply.status() == 200) {
                ProtectedResourceMetadata prm = parsePrm(reply);
                URI resource = resourceOf(prm, candidate);
                boolean rootDocument = candidate.getRawPath().endsWith("/" + WellKnownUris.PROTECTED_RESOURCE);
                boolean matches = sameResource(resource, base)
                        || (rootDocument && sameResource(resource, URI.create(WellKnownUris.origin(base))));
                if (!matches) {
                    throw new UnsafeServiceException(
                            "the resource metadata at " + candidate + " names resource " + resource + ", not " + base);
                }
                return fromResourceMetadata(prm, resource);
            }
            tried.add(candidate + " (" + reply.status() + ")");
        }
        throw new AuthMdClientException(
                "no protected resource metadata for " + url + ": tried " + String.join(", ", tried));
    }

    /**
     * Discovers a service from an API's 401 answer.
     *
     * @param apiUrl the URL that answered 401
     * @param wwwAuthenticate its {@code WWW-Authenticate} header
     * @return what was found
     */
    public DiscoveredService fromChallenge(URI apiUrl, String wwwAuthenticate) {
        http.checkUrl(apiUrl, "the API URL");
        String metadataUrl = BearerChallenge.parseAll(wwwAuthenticate).stream()
                .map(BearerChallenge::resourceMetadata)
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> new AuthMdClientException(
                        "the 401 from " + apiUrl + " names no resource_metadata: not an auth.md service"));
        URI prmUri = parseUri(metadataUrl, "resource_metadata");
        String origin = WellKnownUris.origin(apiUrl);
        http.checkOrigin(prmUri, origin, "resource_metadata");
        Reply reply = http.get(prmUri, JSON);
        if (reply.status() != 200) {
            throw new AuthMdClientException("resource_metadata " + prmUri + " answered " + reply.status());
        }
        ProtectedResourceMetadata prm = parsePrm(reply);
        URI resource = resourceOf(prm, prmUri);
        if (!WellKnownUris.origin(resource).equals(origin)
                || !(apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath())
                        .startsWith(WellKnownUris.pathWithoutTrailingSlash(resource))) {
            throw new UnsafeServiceException(
                    "the resource metadata names resource " + resource + ", which does not cover " + apiUrl);
        }
        return fromResourceMetadata(prm, resource);
    }

    private DiscoveredService fromResourceMetadata(ProtectedResourceMetadata prm, URI resource) {
        List<String> servers = prm.authorizationServers().orElse(List.of());
        if (servers.isEmpty()) {
            throw new UnsupportedProfileException(
                    "the resource metadata of " + resource + " names no authorization_servers: not an auth.md service");
        }
        URI server = parseUri(servers.get(0), "authorization_servers[0]");
        http.checkUrl(server, "authorization_servers[0]");
        AuthorizationServerMetadata as = fetchServerMetadata(server);
        String issuer = as.issuer().orElse(servers.get(0));
        if (!sameIssuer(issuer, servers.get(0))) {
            throw new UnsafeServiceException(
                    "the authorization server metadata names issuer " + issuer + ", not " + servers.get(0));
        }
        String issuerOrigin = WellKnownUris.origin(server);
        AgentAuthMetadata agentAuth = as.agentAuth()
                .orElseThrow(() -> new UnsupportedProfileException("the authorization server metadata of " + issuer
                        + " has no agent_auth block"
                        + (as.additionalMember("registration_endpoint").isPresent()
                                ? " (its registration_endpoint is RFC 7591 dynamic client registration, not auth.md)"
                                : "")
                        + ": not an auth.md service"));

        URI skill = agentAuth.skill().map(s -> parseUri(s, "skill")).orElse(null);
        @Nullable
        URI register =
                agentAuth.registerUri().map(u -> parseUri(u, "register_uri")).orElse(null);
        if (register != null && (register.equals(skill) || register.getRawPath().endsWith("/auth.md"))) {
            // a scanner decoy: register_uri pointed at the document, not at a registration endpoint
            register = null;
        }
        URI identity = agentAuth
                .identityEndpoint()
                .map(u -> parseUri(u, "identity_endpoint"))
                .orElse(null);
        List<String> grants = as.grantTypesSupported().orElse(List.of());

        ServiceProfile profile;
        DiscoveredService.Endpoints endpoints;
        DiscoveredService.Endpoints fallback = null;
        if (identity != null && grants.contains(FLAT_CLAIM_GRANT)) {
            throw new UnsupportedProfileException("unsupported profile: " + issuer
                    + " speaks the v0.4–v0.7 flat shape (identity_endpoint with the " + FLAT_CLAIM_GRANT
                    + " polling grant); this client speaks v0.1 and the current profile");
        }
        if (identity != null) {
            profile = ServiceProfile.CURRENT;
            URI claim = agentAuth
                    .claimEndpoint()
                    .map(u -> parseUri(u, "claim_endpoint"))
                    .orElse(null);
            URI token =
                    as.tokenEndpoint().map(u -> parseUri(u, "token_endpoint")).orElse(null);
            URI revocation = as.revocationEndpoint()
                    .map(u -> parseUri(u, "revocation_endpoint"))
                    .orElse(null);
            if (token == null) {
                throw new UnsupportedProfileException("the authorization server metadata of " + issuer
                        + " has identity_endpoint but no token_endpoint");
            }
            checkOnOrigin(issuerOrigin, "identity_endpoint", identity);
            checkOnOrigin(issuerOrigin, "claim_endpoint", claim);
            checkOnOrigin(issuerOrigin, "token_endpoint", token);
            checkOnOrigin(issuerOrigin, "revocation_endpoint", revocation);
            endpoints = new DiscoveredService.Endpoints(null, claim, identity, token, revocation);
            if (register != null) {
                fallback = v01Endpoints(issuerOrigin, register, agentAuth);
            }
        } else if (register != null) {
            profile = ServiceProfile.V0_1;
            endpoints = v01Endpoints(issuerOrigin, register, agentAuth);
        } else {
            throw new UnsupportedProfileException("unsupported profile: the agent_auth block of " + issuer
                    + " has neither identity_endpoint nor a usable register_uri");
        }

        Set<String> identityTypes =
                new LinkedHashSet<>(agentAuth.identityTypesSupported().orElse(List.of()));
        Set<String> assertionTypes = new LinkedHashSet<>();
        agentAuth
                .identityAssertion()
                .flatMap(AgentAuthMetadata.IdentityAssertion::assertionTypesSupported)
                .ifPresent(assertionTypes::addAll);
        return new DiscoveredService(
                prm,
                as,
                resource,
                issuer,
                profile,
                endpoints,
                fallback,
                identityTypes,
                assertionTypes,
                authMd(resource, issuerOrigin, skill).orElse(null));
    }

    private DiscoveredService.Endpoints v01Endpoints(String issuerOrigin, URI register, AgentAuthMetadata agentAuth) {
        URI claim = agentAuth.claimUri().map(u -> parseUri(u, "claim_uri")).orElse(null);
        checkOnOrigin(issuerOrigin, "register_uri", register);
        checkOnOrigin(issuerOrigin, "claim_uri", claim);
        return new DiscoveredService.Endpoints(register, claim, null, null, null);
    }

    private AuthorizationServerMetadata fetchServerMetadata(URI server) {
        Set<URI> candidates = new LinkedHashSet<>();
        candidates.add(WellKnownUris.authorizationServerMetadata(server));
        candidates.add(WellKnownUris.appendedAuthorizationServerMetadata(server));
        List<String> tried = new ArrayList<>();
        for (URI candidate : candidates) {
            Reply reply = http.get(candidate, JSON);
            if (reply.status() == 200) {
                try {
                    return MetadataJson.parseAuthorizationServer(reply.body());
                } catch (MetadataException e) {
                    throw new AuthMdClientException(
                            "the authorization server metadata at " + candidate + " is malformed: " + e.getMessage(),
                            e);
                }
            }
            tried.add(candidate + " (" + reply.status() + ")");
        }
        throw new AuthMdClientException(
                "no authorization server metadata for " + server + ": tried " + String.join(", ", tried));
    }

    private Optional<AuthMdDocument> authMd(URI resource, String issuerOrigin, @Nullable URI skill) {
        String resourceOrigin = WellKnownUris.origin(resource);
        try {
            // inside the try: a skill URL the origin check cannot read (a query, no host) is no auth.md to fetch
            URI location = skill != null
                            && (WellKnownUris.origin(skill).equals(resourceOrigin)
                                    || WellKnownUris.origin(skill).equals(issuerOrigin))
                    ? skill
                    : URI.create(resourceOrigin + "/auth.md");
            Reply reply = http.get(location, "text/markdown, text/plain;q=0.5");
            if (reply.status() != 200) {
                return Optional.empty();
            }
            return Optional.of(new AuthMdParser().parse(reply.body(), location));
        } catch (AuthMdClientException | IllegalArgumentException e) {
            // auth.md is for people and language models; the metadata already said everything the client needs
            return Optional.empty();
        }
    }

    private void checkOnOrigin(String issuerOrigin, String what, @Nullable URI endpoint) {
        if (endpoint != null) {
            http.checkOrigin(endpoint, issuerOrigin, what);
        }
    }

    private static ProtectedResourceMetadata parsePrm(Reply reply) {
        try {
            return MetadataJson.parseProtectedResource(reply.body());
        } catch (MetadataException e) {
            throw new AuthMdClientException(
                    "the protected resource metadata at " + reply.uri() + " is malformed: " + e.getMessage(), e);
        }
    }

    private URI resourceOf(ProtectedResourceMetadata prm, URI from) {
        URI resource = parseUri(prm.resource(), "resource");
        http.checkUrl(resource, "the resource in " + from);
        return resource;
    }

    private static boolean sameResource(URI a, URI b) {
        return WellKnownUris.origin(a).equals(WellKnownUris.origin(b))
                && WellKnownUris.pathWithoutTrailingSlash(a).equals(WellKnownUris.pathWithoutTrailingSlash(b));
    }

    /** {@code issuer} equals {@code authorization_servers[0]} up to one trailing slash. */
    static boolean sameIssuer(String issuer, String server) {
        return issuer.equals(server) || issuer.equals(server + "/") || server.equals(issuer + "/");
    }

    private static URI withoutQuery(URI url) {
        return URI.create(WellKnownUris.origin(url) + (url.getRawPath() == null ? "" : url.getRawPath()));
    }

    private static URI parseUri(String value, String what) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new UnsafeServiceException(what + " is not an absolute URL: " + value);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new UnsafeServiceException(what + " is not an http(s) URL: " + value);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new UnsafeServiceException(what + " is not a URL: " + value);
        }
    }
}
