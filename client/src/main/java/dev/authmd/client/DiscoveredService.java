package dev.authmd.client;

import dev.authmd.protocol.authmd.AuthMdDocument;
import dev.authmd.protocol.metadata.AuthorizationServerMetadata;
import dev.authmd.protocol.metadata.ProtectedResourceMetadata;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What discovery found about a service: its two metadata documents, the wire profile the client will speak, the
 * endpoints of that profile (each checked to be on the issuer's origin), the methods it offers and, when it serves one,
 * its parsed {@code auth.md}. Immutable.
 */
public final class DiscoveredService {

    private final ProtectedResourceMetadata resourceMetadata;
    private final AuthorizationServerMetadata serverMetadata;
    private final URI resource;
    private final String issuer;
    private final ServiceProfile profile;
    private final Endpoints endpoints;
    private final @Nullable Endpoints v01Fallback;
    private final Set<String> identityTypes;
    private final Set<String> assertionTypes;
    private final @Nullable AuthMdDocument authMd;

    /**
     * The endpoints of one profile. v0.1 uses {@code register} and {@code claim}; the current profile uses
     * {@code identity}, {@code claim}, {@code token} and (optionally) {@code revocation}.
     *
     * @param register v0.1's {@code register_uri}
     * @param claim v0.1's {@code claim_uri}, or the current profile's {@code claim_endpoint}
     * @param identity the current profile's {@code identity_endpoint}
     * @param token the current profile's {@code token_endpoint}
     * @param revocation the current profile's RFC 7009 {@code revocation_endpoint}
     */
    public record Endpoints(
            @Nullable URI register,
            @Nullable URI claim,
            @Nullable URI identity,
            @Nullable URI token,
            @Nullable URI revocation) {}

    /**
     * Assembled by discovery.
     *
     * @param resourceMetadata the protected resource metadata
     * @param serverMetadata the authorization server metadata
     * @param resource the protected resource identifier
     * @param issuer the authorization server issuer
     * @param profile the profile the client speaks
     * @param endpoints that profile's endpoints
     * @param v01Fallback v0.1's endpoints of a service that also serves the current profile, used only when its
     *     identity endpoint answers 404 or 405
     * @param identityTypes the registration methods the service lists
     * @param assertionTypes the assertion types it lists
     * @param authMd its parsed {@code auth.md}, when served
     */
    public DiscoveredService(
            ProtectedResourceMetadata resourceMetadata,
            AuthorizationServerMetadata serverMetadata,
            URI resource,
            String issuer,
            ServiceProfile profile,
            Endpoints endpoints,
            @Nullable Endpoints v01Fallback,
            Set<String> identityTypes,
            Set<String> assertionTypes,
            @Nullable AuthMdDocument authMd) {
        this.resourceMetadata = Objects.requireNonNull(resourceMetadata, "resourceMetadata cannot be null");
        this.serverMetadata = Objects.requireNonNull(serverMetadata, "serverMetadata cannot be null");
        this.resource = Objects.requireNonNull(resource, "resource cannot be null");
        this.issuer = Objects.requireNonNull(issuer, "issuer cannot be null");
        this.profile = Objects.requireNonNull(profile, "profile cannot be null");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints cannot be null");
        this.v01Fallback = v01Fallback;
        this.identityTypes = Collections.unmodifiableSet(new LinkedHashSet<>(identityTypes));
        this.assertionTypes = Collections.unmodifiableSet(new LinkedHashSet<>(assertionTypes));
        this.authMd = authMd;
    }

    /** {@return the protected resource metadata (RFC 9728)} */
    public ProtectedResourceMetadata resourceMetadata() {
        return resourceMetadata;
    }

    /** {@return the authorization server metadata (RFC 8414) with its {@code agent_auth} block} */
    public AuthorizationServerMetadata serverMetadata() {
        return serverMetadata;
    }

    /** {@return the protected resource identifier} */
    public URI resource() {
        return resource;
    }

    /** {@return the authorization server issuer, the key under which credentials are stored} */
    public String issuer() {
        return issuer;
    }

    /** {@return the service's name for messages: its {@code resource_name}, else the resource} */
    public String name() {
        return resourceMetadata.resourceName().orElse(resource.toString());
    }

    /** {@return the profile the client speaks with it} */
    public ServiceProfile profile() {
        return profile;
    }

    /** {@return that profile's endpoints} */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** {@return v0.1's endpoints of a hybrid service, the fallback when the current profile's are not there} */
    public Optional<Endpoints> v01Fallback() {
        return Optional.ofNullable(v01Fallback);
    }

    /** {@return the registration methods listed in {@code identity_types_supported}} */
    public Set<String> identityTypes() {
        return identityTypes;
    }

    /** {@return the assertion types listed for {@code identity_assertion}} */
    public Set<String> assertionTypes() {
        return assertionTypes;
    }

    /** {@return the scopes the resource lists} */
    public List<String> scopesSupported() {
        return resourceMetadata.scopesSupported().orElse(List.of());
    }

    /** {@return its {@code auth.md}, parsed, when it serves one} */
    public Optional<AuthMdDocument> authMd() {
        return Optional.ofNullable(authMd);
    }

    /**
     * {@return the same service spoken to in v0.1: for a hybrid whose identity endpoint is missing, or to exercise a
     * hybrid's v0.1 side on purpose}
     *
     * @throws IllegalStateException when the service serves no v0.1 ({@link #v01Fallback()} is empty)
     */
    public DiscoveredService asV01() {
        if (v01Fallback == null) {
            throw new IllegalStateException("no v0.1 endpoints to fall back to");
        }
        return new DiscoveredService(
                resourceMetadata,
                serverMetadata,
                resource,
                issuer,
                ServiceProfile.V0_1,
                v01Fallback,
                null,
                identityTypes,
                assertionTypes,
                authMd);
    }

    @Override
    public String toString() {
        return "DiscoveredService[resource=" + resource + ", issuer=" + issuer + ", profile=" + profile.wireName()
                + ", endpoints=" + endpoints + "]";
    }
}
