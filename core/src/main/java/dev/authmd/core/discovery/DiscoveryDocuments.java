package dev.authmd.core.discovery;

import dev.authmd.core.assertion.SecurityEventVerifier;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.protocol.metadata.AgentAuthMetadata;
import dev.authmd.protocol.metadata.AuthorizationServerMetadata;
import dev.authmd.protocol.metadata.MetadataJson;
import dev.authmd.protocol.metadata.ProtectedResourceMetadata;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.WireProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds this service's own discovery documents (docs/protocol.md#v01-2) from its {@link AgentAuthConfig}, so they can
 * never drift from what the endpoints do.
 *
 * <ul>
 *   <li>Protected Resource Metadata: {@code resource}, {@code authorization_servers = [issuer]},
 *       {@code scopes_supported}, {@code bearer_methods_supported = ["header"]}, {@code resource_name}, and
 *       {@code resource_logo_uri} / {@code resource_documentation} when configured.
 *   <li>Authorization Server Metadata: {@code issuer}, the PRM members restated, and {@code agent_auth} with
 *       {@code skill}, {@code register_uri}, {@code claim_uri}, {@code revocation_uri},
 *       {@code identity_types_supported} ({@code anonymous} only when anonymous registration is on,
 *       {@code identity_assertion} when ID-JAG or verified email is on), the {@code anonymous} object only when
 *       anonymous registration is on, the {@code identity_assertion} object ({@code assertion_types_supported} listing
 *       the ID-JAG and/or {@code verified_email} types that are on) only when an identity method is on, and
 *       {@code events_supported}.
 * </ul>
 *
 * The issuer string is {@code config.issuer().toString()} in both documents, byte for byte, as ID-JAG audiences are
 * checked against it (docs/protocol.md#v01-3a-step-5).
 *
 * <p>Pure and thread-safe; build the documents once per configuration and serve {@link MetadataJson#write} of them.
 */
public final class DiscoveryDocuments {

    /** The only bearer method this library accepts: the {@code Authorization} header (RFC 6750 §2.1). */
    public static final String BEARER_METHOD_HEADER = "header";

    /** The current profile's identity type of a registration by the user's email, confirmed by signing in. */
    public static final String IDENTITY_TYPE_SERVICE_AUTH = "service_auth";

    /** The RFC 7523 grant type of the current profile's token endpoint. */
    public static final String GRANT_TYPE_JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private DiscoveryDocuments() {}

    /**
     * Builds the protected resource metadata (RFC 9728) of a service.
     *
     * @param config the service configuration
     * @return the document to serve at {@code config.protectedResourceMetadataUri()}
     */
    public static ProtectedResourceMetadata protectedResource(AgentAuthConfig config) {
        Objects.requireNonNull(config, "config cannot be null");
        return ProtectedResourceMetadata.builder()
                .resource(config.resource().toString())
                .authorizationServers(List.of(issuer(config)))
                .scopesSupported(config.scopesSupported())
                .bearerMethodsSupported(List.of(BEARER_METHOD_HEADER))
                .resourceName(config.resourceName())
                .resourceLogoUri(
                        config.resourceLogoUri() == null
                                ? null
                                : config.resourceLogoUri().toString())
                .resourceDocumentation(
                        config.resourceDocumentation() == null
                                ? null
                                : config.resourceDocumentation().toString())
                .build();
    }

    /**
     * Builds the authorization server metadata (RFC 8414) of a service.
     *
     * @param config the service configuration
     * @return the document to serve at {@code config.authorizationServerMetadataUri()} (and at the appended location
     *     auth.md agents build, when different)
     */
    public static AuthorizationServerMetadata authorizationServer(AgentAuthConfig config) {
        return authorizationServer(config, true);
    }

    /**
     * Builds the authorization server metadata (RFC 8414) of a service, knowing whether any provider is trusted.
     *
     * @param config the service configuration
     * @param providerTrusted whether the tenant's trust list names at least one provider: when only the current profile
     *     is served and none is, the ID-JAG assertion type is not offered (docs/protocol.md#current-2)
     * @return the document to serve at {@code config.authorizationServerMetadataUri()}
     */
    public static AuthorizationServerMetadata authorizationServer(AgentAuthConfig config, boolean providerTrusted) {
        return authorizationServer(config, providerTrusted, false);
    }

    /**
     * Builds the authorization server metadata (RFC 8414) of a service, knowing whether any provider is trusted and
     * whether the current profile's claim ceremony runs.
     *
     * @param config the service configuration
     * @param providerTrusted whether the trust list names at least one provider
     * @param serviceAuth whether the host's sign-in is wired, so {@code service_auth} is offered
     * @return the document to serve at {@code config.authorizationServerMetadataUri()}
     */
    public static AuthorizationServerMetadata authorizationServer(
            AgentAuthConfig config, boolean providerTrusted, boolean serviceAuth) {
        Objects.requireNonNull(config, "config cannot be null");
        ProtectedResourceMetadata prm = protectedResource(config);
        AuthorizationServerMetadata.Builder b = AuthorizationServerMetadata.builder();
        if (config.serves(WireProfile.CURRENT)) {
            b.tokenEndpoint(config.tokenEndpoint().toString())
                    .revocationEndpoint(config.tokenRevocationEndpoint().toString())
                    .grantTypesSupported(List.of(GRANT_TYPE_JWT_BEARER))
                    .jwksUri(config.jwksUri().toString())
                    .tokenEndpointAuthMethodsSupported(List.of("none"))
                    .revocationEndpointAuthMethodsSupported(List.of("none"));
        }
        return b.issuer(issuer(config))
                .resource(prm.resource())
                .authorizationServers(prm.authorizationServers().orElseThrow())
                .scopesSupported(prm.scopesSupported().orElseThrow())
                .bearerMethodsSupported(prm.bearerMethodsSupported().orElseThrow())
                .resourceName(prm.resourceName().orElse(null))
                .resourceLogoUri(prm.resourceLogoUri().orElse(null))
                .resourceDocumentation(prm.resourceDocumentation().orElse(null))
                .agentAuth(agentAuth(config, providerTrusted, serviceAuth))
                .build();
    }

    /**
     * Builds the {@code agent_auth} metadata of a service.
     *
     * @param config the service configuration
     * @return the {@code agent_auth} object of {@link #authorizationServer(AgentAuthConfig)}
     */
    public static AgentAuthMetadata agentAuth(AgentAuthConfig config) {
        return agentAuth(config, true);
    }

    /**
     * Builds the {@code agent_auth} metadata of a service, knowing whether any provider is trusted.
     *
     * @param config the service configuration
     * @param providerTrusted whether the trust list names at least one provider (see
     *     {@link #authorizationServer(AgentAuthConfig, boolean)})
     * @return the {@code agent_auth} object
     */
    public static AgentAuthMetadata agentAuth(AgentAuthConfig config, boolean providerTrusted) {
        return agentAuth(config, providerTrusted, false);
    }

    /**
     * Builds the {@code agent_auth} metadata of a service.
     *
     * @param config the service configuration
     * @param providerTrusted whether the trust list names at least one provider
     * @param serviceAuth whether {@code service_auth} is offered (the current profile with the host's sign-in)
     * @return the {@code agent_auth} object
     */
    public static AgentAuthMetadata agentAuth(AgentAuthConfig config, boolean providerTrusted, boolean serviceAuth) {
        Objects.requireNonNull(config, "config cannot be null");
        boolean v01 = config.serves(WireProfile.V0_1);
        boolean current = config.serves(WireProfile.CURRENT);
        List<String> identityTypes = new ArrayList<>();
        AgentAuthMetadata.Builder b =
                AgentAuthMetadata.builder().skill(config.authMdUri().toString());
        if (current) {
            b.identityEndpoint(config.identityEndpoint().toString())
                    .claimEndpoint(config.claimEndpoint().toString())
                    .eventsEndpoint(config.eventsEndpoint().toString());
        }
        if (v01) {
            b.registerUri(config.registerUri().toString())
                    .claimUri(config.claimUri().toString())
                    .revocationUri(config.revocationUri().toString());
        }
        if (config.anonymousEnabled()) {
            identityTypes.add(AgentAuthMetadata.IDENTITY_TYPE_ANONYMOUS);
            if (v01) {
                b.anonymous(AgentAuthMetadata.Anonymous.builder()
                        .credentialTypesSupported(wireNames(config.anonymousCredentialTypes()))
                        .build());
            }
        }
        List<String> assertionTypes = new ArrayList<>();
        if (config.idJagEnabled() && (v01 || providerTrusted)) {
            // v0.1 lists it whenever it is on; the current profile only while a provider can sign one
            assertionTypes.add(AgentAuthMetadata.ASSERTION_TYPE_ID_JAG);
        }
        if (v01 && config.verifiedEmailEnabled()) {
            assertionTypes.add(AgentAuthMetadata.ASSERTION_TYPE_VERIFIED_EMAIL);
        }
        if (!assertionTypes.isEmpty()) {
            identityTypes.add(AgentAuthMetadata.IDENTITY_TYPE_IDENTITY_ASSERTION);
            AgentAuthMetadata.IdentityAssertion.Builder assertion =
                    AgentAuthMetadata.IdentityAssertion.builder().assertionTypesSupported(assertionTypes);
            if (v01) {
                assertion.credentialTypesSupported(wireNames(config.identityCredentialTypes()));
            }
            b.identityAssertion(assertion.build());
        }
        if (current && serviceAuth) {
            identityTypes.add(IDENTITY_TYPE_SERVICE_AUTH);
        }
        List<String> events = new ArrayList<>();
        if (current) {
            events.add(SecurityEventVerifier.EVENT_ASSERTION_REVOKED);
        }
        if (v01) {
            config.eventsSupported().stream().filter(e -> !events.contains(e)).forEach(events::add);
        }
        return b.identityTypesSupported(identityTypes).eventsSupported(events).build();
    }

    private static String issuer(AgentAuthConfig config) {
        return config.issuer().toString();
    }

    private static List<String> wireNames(List<CredentialType> types) {
        List<String> names = new ArrayList<>();
        types.forEach(t -> names.add(t.wireName()));
        return names;
    }
}
