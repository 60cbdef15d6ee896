package dev.authmd.protocol.authmd;

import dev.authmd.protocol.internal.authmd.Wire;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an agent needs from an auth.md document, as extracted by {@link AuthMdParser}: the discovery URLs, the
 * registration, claim and revocation endpoints, the supported identity, assertion and credential types, the JSON
 * examples, the error codes of its tables, and {@link #reasons()} explaining what was missing or ambiguous.
 *
 * <p>Every value is optional: a document written by someone else may leave anything out. The discovery metadata
 * (docs/protocol.md#v01-2) stays authoritative; this result tells an agent where to look and what to expect. Immutable
 * and thread-safe.
 */
public final class AuthMdDocument {

    /** Identity type of anonymous registration (docs/protocol.md#v01-3c). */
    public static final String IDENTITY_TYPE_ANONYMOUS = Wire.ANONYMOUS;
    /** Identity type of identity-assertion registration (§3a, §3b: docs/protocol.md#v01-3a). */
    public static final String IDENTITY_TYPE_IDENTITY_ASSERTION = Wire.IDENTITY_ASSERTION;
    /** Assertion type of an ID-JAG (docs/protocol.md#v01-3a). */
    public static final String ASSERTION_TYPE_ID_JAG = Wire.ID_JAG;
    /** Assertion type of a verified email (docs/protocol.md#v01-3b). */
    public static final String ASSERTION_TYPE_VERIFIED_EMAIL = Wire.VERIFIED_EMAIL;

    private final @Nullable URI protectedResourceMetadataUri;
    private final List<URI> authorizationServerMetadataUris;
    private final @Nullable URI registerUri;
    private final @Nullable URI claimUri;
    private final @Nullable URI revocationUri;
    private final @Nullable URI identityEndpoint;
    private final @Nullable URI tokenEndpoint;
    private final @Nullable URI tokenRevocationEndpoint;
    private final @Nullable URI eventsEndpoint;
    private final Set<String> identityTypes;
    private final Set<String> assertionTypes;
    private final Set<String> credentialTypes;
    private final Map<String, Set<String>> credentialTypesByIdentityType;
    private final List<AuthMdJsonExample> jsonExamples;
    private final List<String> errorCodes;
    private final List<String> reasons;

    private AuthMdDocument(Builder b) {
        this.protectedResourceMetadataUri = b.protectedResourceMetadataUri;
        this.authorizationServerMetadataUris = List.copyOf(b.authorizationServerMetadataUris);
        this.registerUri = b.registerUri;
        this.claimUri = b.claimUri;
        this.revocationUri = b.revocationUri;
        this.identityEndpoint = b.identityEndpoint;
        this.tokenEndpoint = b.tokenEndpoint;
        this.tokenRevocationEndpoint = b.tokenRevocationEndpoint;
        this.eventsEndpoint = b.eventsEndpoint;
        this.identityTypes = frozen(b.identityTypes);
        this.assertionTypes = frozen(b.assertionTypes);
        this.credentialTypes = frozen(b.credentialTypes);
        Map<String, Set<String>> byIdentity = new LinkedHashMap<>();
        b.credentialTypesByIdentityType.forEach((k, v) -> byIdentity.put(k, frozen(v)));
        this.credentialTypesByIdentityType = Collections.unmodifiableMap(byIdentity);
        this.jsonExamples = List.copyOf(b.jsonExamples);
        this.errorCodes = List.copyOf(b.errorCodes);
        this.reasons = List.copyOf(b.reasons);
    }

    private static Set<String> frozen(Set<String> values) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    static Builder builder() {
        return new Builder();
    }

    /** {@return the protected resource metadata URL (RFC 9728), if found} */
    public Optional<URI> protectedResourceMetadataUri() {
        return Optional.ofNullable(protectedResourceMetadataUri);
    }

    /**
     * {@return the authorization server metadata URL (RFC 8414), if found; when the document gives both the RFC 8414
     * form and the appended form, the RFC 8414 form}
     */
    public Optional<URI> authorizationServerMetadataUri() {
        return authorizationServerMetadataUris.isEmpty()
                ? Optional.empty()
                : Optional.of(authorizationServerMetadataUris.get(0));
    }

    /** {@return every distinct authorization server metadata URL found, the preferred one first} */
    public List<URI> authorizationServerMetadataUris() {
        return authorizationServerMetadataUris;
    }

    /** {@return the current profile's {@code identity_endpoint}, if the document names one} */
    public Optional<URI> identityEndpoint() {
        return Optional.ofNullable(identityEndpoint);
    }

    /** {@return the current profile's {@code token_endpoint}, if the document names one} */
    public Optional<URI> tokenEndpoint() {
        return Optional.ofNullable(tokenEndpoint);
    }

    /** {@return the current profile's RFC 7009 {@code revocation_endpoint}, if the document names one} */
    public Optional<URI> tokenRevocationEndpoint() {
        return Optional.ofNullable(tokenRevocationEndpoint);
    }

    /** {@return the current profile's {@code events_endpoint}, if the document names one} */
    public Optional<URI> eventsEndpoint() {
        return Optional.ofNullable(eventsEndpoint);
    }

    /** {@return {@code register_uri}, if found} */
    public Optional<URI> registerUri() {
        return Optional.ofNullable(registerUri);
    }

    /** {@return {@code claim_uri}, if found} */
    public Optional<URI> claimUri() {
        return Optional.ofNullable(claimUri);
    }

    /** {@return {@code revocation_uri}, if found} */
    public Optional<URI> revocationUri() {
        return Optional.ofNullable(revocationUri);
    }

    /**
     * {@return identity types the document supports, e.g. {@link #IDENTITY_TYPE_ANONYMOUS}, in order of first
     * appearance; unmodifiable}
     */
    public Set<String> identityTypes() {
        return identityTypes;
    }

    /** {@return assertion types, e.g. {@link #ASSERTION_TYPE_ID_JAG}, in order of first appearance; unmodifiable} */
    public Set<String> assertionTypes() {
        return assertionTypes;
    }

    /** {@return credential types ({@code access_token}, {@code api_key}) for any method; unmodifiable} */
    public Set<String> credentialTypes() {
        return credentialTypes;
    }

    /**
     * {@return credential types per identity type, where the document says so (from an {@code agent_auth} example or
     * request examples); unmodifiable}
     */
    public Map<String, Set<String>> credentialTypesByIdentityType() {
        return credentialTypesByIdentityType;
    }

    /** {@return the JSON examples in document order, valid or not} */
    public List<AuthMdJsonExample> jsonExamples() {
        return jsonExamples;
    }

    /**
     * {@return error codes named in the document's error tables (columns headed "code", "error" or "alias"), in order
     * of first appearance, each once}
     */
    public List<String> errorCodes() {
        return errorCodes;
    }

    /**
     * {@return human-readable notes on what was not found, ambiguous, skipped or truncated; empty when the document
     * gave everything cleanly. The wording is not a stable API.}
     */
    public List<String> reasons() {
        return reasons;
    }

    @Override
    public String toString() {
        return "AuthMdDocument{prm=" + protectedResourceMetadataUri
                + ", asMetadata=" + authorizationServerMetadataUris
                + ", register=" + registerUri
                + ", claim=" + claimUri
                + ", revocation=" + revocationUri
                + ", identityTypes=" + identityTypes
                + ", assertionTypes=" + assertionTypes
                + ", credentialTypes=" + credentialTypes
                + ", jsonExamples=" + jsonExamples.size()
                + ", errorCodes=" + errorCodes.size()
                + ", reasons=" + reasons + "}";
    }

    /** Collects a result inside the parser. Not thread-safe. */
    static final class Builder {
        private @Nullable URI protectedResourceMetadataUri;
        private final List<URI> authorizationServerMetadataUris = new ArrayList<>();
        private @Nullable URI registerUri;
        private @Nullable URI claimUri;
        private @Nullable URI revocationUri;
        private @Nullable URI identityEndpoint;
        private @Nullable URI tokenEndpoint;
        private @Nullable URI tokenRevocationEndpoint;
        private @Nullable URI eventsEndpoint;
        private final Set<String> identityTypes = new LinkedHashSet<>();
        private final Set<String> assertionTypes = new LinkedHashSet<>();
        private final Set<String> credentialTypes = new LinkedHashSet<>();
        private final Map<String, Set<String>> credentialTypesByIdentityType = new LinkedHashMap<>();
        private final List<AuthMdJsonExample> jsonExamples = new ArrayList<>();
        private final List<String> errorCodes = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();

        private Builder() {}

        Builder protectedResourceMetadataUri(URI uri) {
            this.protectedResourceMetadataUri = uri;
            return this;
        }

        Builder authorizationServerMetadataUris(List<URI> uris) {
            this.authorizationServerMetadataUris.addAll(uris);
            return this;
        }

        Builder identityEndpoint(URI uri) {
            this.identityEndpoint = uri;
            return this;
        }

        Builder tokenEndpoint(URI uri) {
            this.tokenEndpoint = uri;
            return this;
        }

        Builder tokenRevocationEndpoint(URI uri) {
            this.tokenRevocationEndpoint = uri;
            return this;
        }

        Builder eventsEndpoint(URI uri) {
            this.eventsEndpoint = uri;
            return this;
        }

        Builder registerUri(URI uri) {
            this.registerUri = uri;
            return this;
        }

        Builder claimUri(URI uri) {
            this.claimUri = uri;
            return this;
        }

        Builder revocationUri(URI uri) {
            this.revocationUri = uri;
            return this;
        }

        Builder identityTypes(Set<String> types) {
            identityTypes.addAll(types);
            return this;
        }

        Builder assertionTypes(Set<String> types) {
            assertionTypes.addAll(types);
            return this;
        }

        Builder credentialTypes(Set<String> types) {
            credentialTypes.addAll(types);
            return this;
        }

        Builder credentialTypesByIdentityType(Map<String, Set<String>> types) {
            credentialTypesByIdentityType.putAll(types);
            return this;
        }

        Builder jsonExamples(List<AuthMdJsonExample> examples) {
            jsonExamples.addAll(examples);
            return this;
        }

        Builder errorCodes(List<String> codes) {
            errorCodes.addAll(codes);
            return this;
        }

        Builder reasons(List<String> notes) {
            reasons.addAll(notes);
            return this;
        }

        AuthMdDocument build() {
            return new AuthMdDocument(this);
        }
    }
}
