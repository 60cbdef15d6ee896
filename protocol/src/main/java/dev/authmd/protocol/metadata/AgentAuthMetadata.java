package dev.authmd.protocol.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code agent_auth} object of the auth.md authorization server metadata (docs/protocol.md#v01-2, the table in step
 * 3): where the auth.md skill lives, the registration, claim and revocation endpoints, and which registration methods
 * and credential types the service offers.
 *
 * <p>Every member is optional in the model, because later protocol versions (docs/protocol.md#v01-10) rename or drop
 * some of them. The current profile's endpoints ({@code identity_endpoint}, {@code claim_endpoint},
 * {@code events_endpoint}) are modelled beside v0.1's; members this class does not know (for example
 * {@code service_auth} or {@code version}) are kept in {@link #additionalMembers()}, and so are unknown members inside
 * {@code anonymous} and {@code identity_assertion}. Immutable and thread-safe.
 *
 * <pre>{@code
 * AgentAuthMetadata agentAuth = AgentAuthMetadata.builder()
 *         .registerUri("https://api.example.com/agent/auth")
 *         .identityTypesSupported(List.of(AgentAuthMetadata.IDENTITY_TYPE_ANONYMOUS))
 *         .anonymous(AgentAuthMetadata.Anonymous.builder()
 *                 .credentialTypesSupported(List.of("api_key")).build())
 *         .build();
 * }</pre>
 */
public final class AgentAuthMetadata {

    /** {@code identity_types_supported} value for anonymous registration (§3c). */
    public static final String IDENTITY_TYPE_ANONYMOUS = "anonymous";
    /** {@code identity_types_supported} value for identity-assertion registration (§3a, §3b). */
    public static final String IDENTITY_TYPE_IDENTITY_ASSERTION = "identity_assertion";
    /** {@code assertion_types_supported} value for an ID-JAG (§3a). */
    public static final String ASSERTION_TYPE_ID_JAG = "urn:ietf:params:oauth:token-type:id-jag";
    /** {@code assertion_types_supported} value for a verified email address (§3b). */
    public static final String ASSERTION_TYPE_VERIFIED_EMAIL = "verified_email";

    static final String SKILL = "skill";
    static final String REGISTER_URI = "register_uri";
    static final String CLAIM_URI = "claim_uri";
    static final String REVOCATION_URI = "revocation_uri";
    static final String IDENTITY_ENDPOINT = "identity_endpoint";
    static final String CLAIM_ENDPOINT = "claim_endpoint";
    static final String EVENTS_ENDPOINT = "events_endpoint";
    static final String IDENTITY_TYPES_SUPPORTED = "identity_types_supported";
    static final String ANONYMOUS = "anonymous";
    static final String IDENTITY_ASSERTION = "identity_assertion";
    static final String EVENTS_SUPPORTED = "events_supported";
    static final String CREDENTIAL_TYPES_SUPPORTED = "credential_types_supported";
    static final String ASSERTION_TYPES_SUPPORTED = "assertion_types_supported";

    /** JSON path of this object inside the authorization server metadata. */
    static final String PATH = "agent_auth";

    /** The members this class models, in the order {@link MetadataJson} writes them. */
    static final List<String> MEMBERS = List.of(
            SKILL,
            REGISTER_URI,
            CLAIM_URI,
            REVOCATION_URI,
            IDENTITY_ENDPOINT,
            CLAIM_ENDPOINT,
            EVENTS_ENDPOINT,
            IDENTITY_TYPES_SUPPORTED,
            ANONYMOUS,
            IDENTITY_ASSERTION,
            EVENTS_SUPPORTED);

    private static final Set<String> KNOWN = Set.copyOf(MEMBERS);

    private final @Nullable String skill;
    private final @Nullable String registerUri;
    private final @Nullable String claimUri;
    private final @Nullable String revocationUri;
    private final @Nullable String identityEndpoint;
    private final @Nullable String claimEndpoint;
    private final @Nullable String eventsEndpoint;
    private final @Nullable List<String> identityTypesSupported;
    private final @Nullable Anonymous anonymous;
    private final @Nullable IdentityAssertion identityAssertion;
    private final @Nullable List<String> eventsSupported;
    private final Map<String, Object> additionalMembers;

    private AgentAuthMetadata(Builder b) {
        this.skill = b.skill;
        this.registerUri = b.registerUri;
        this.claimUri = b.claimUri;
        this.revocationUri = b.revocationUri;
        this.identityEndpoint = b.identityEndpoint;
        this.claimEndpoint = b.claimEndpoint;
        this.eventsEndpoint = b.eventsEndpoint;
        this.identityTypesSupported =
                JsonValues.copyStrings(b.identityTypesSupported, PATH + "." + IDENTITY_TYPES_SUPPORTED);
        this.anonymous = b.anonymous;
        this.identityAssertion = b.identityAssertion;
        this.eventsSupported = JsonValues.copyStrings(b.eventsSupported, PATH + "." + EVENTS_SUPPORTED);
        this.additionalMembers = JsonValues.copyMembers(b.additionalMembers, KNOWN, PATH);
    }

    /** {@return an empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this object's values, for edits} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.skill = skill;
        b.registerUri = registerUri;
        b.claimUri = claimUri;
        b.revocationUri = revocationUri;
        b.identityEndpoint = identityEndpoint;
        b.claimEndpoint = claimEndpoint;
        b.eventsEndpoint = eventsEndpoint;
        b.identityTypesSupported = identityTypesSupported;
        b.anonymous = anonymous;
        b.identityAssertion = identityAssertion;
        b.eventsSupported = eventsSupported;
        b.additionalMembers = new LinkedHashMap<>(additionalMembers);
        return b;
    }

    /** {@return {@code skill}: URL of the service's auth.md document, or empty} */
    public Optional<String> skill() {
        return Optional.ofNullable(skill);
    }

    /** {@return {@code register_uri}: POST target for registration, or empty} */
    public Optional<String> registerUri() {
        return Optional.ofNullable(registerUri);
    }

    /** {@return {@code claim_uri}: POST target to start a claim, or empty} */
    public Optional<String> claimUri() {
        return Optional.ofNullable(claimUri);
    }

    /** {@return {@code revocation_uri}: where a provider posts a logout token, or empty} */
    public Optional<String> revocationUri() {
        return Optional.ofNullable(revocationUri);
    }

    /** {@return {@code identity_endpoint}: where an agent registers or refreshes (current profile), or empty} */
    public Optional<String> identityEndpoint() {
        return Optional.ofNullable(identityEndpoint);
    }

    /** {@return {@code claim_endpoint}: where an agent starts a claim (current profile), or empty} */
    public Optional<String> claimEndpoint() {
        return Optional.ofNullable(claimEndpoint);
    }

    /** {@return {@code events_endpoint}: where a provider pushes security events (current profile), or empty} */
    public Optional<String> eventsEndpoint() {
        return Optional.ofNullable(eventsEndpoint);
    }

    /** {@return {@code identity_types_supported}, or empty when absent} */
    public Optional<List<String>> identityTypesSupported() {
        return Optional.ofNullable(identityTypesSupported);
    }

    /** {@return the {@code anonymous} object, or empty when absent} */
    public Optional<Anonymous> anonymous() {
        return Optional.ofNullable(anonymous);
    }

    /** {@return the {@code identity_assertion} object, or empty when absent} */
    public Optional<IdentityAssertion> identityAssertion() {
        return Optional.ofNullable(identityAssertion);
    }

    /** {@return {@code events_supported}: event URIs accepted at {@code revocation_uri}, or empty} */
    public Optional<List<String>> eventsSupported() {
        return Optional.ofNullable(eventsSupported);
    }

    /** {@return members of {@code agent_auth} this class does not model, in document order, as plain JSON values} */
    public Map<String, Object> additionalMembers() {
        return additionalMembers;
    }

    /**
     * {@return the value of that unknown member; empty when absent or JSON {@code null}}
     *
     * @param name a member name, e.g. {@code identity_endpoint}
     */
    public Optional<Object> additionalMember(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        return Optional.ofNullable(additionalMembers.get(name));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AgentAuthMetadata)) {
            return false;
        }
        AgentAuthMetadata that = (AgentAuthMetadata) o;
        return Objects.equals(skill, that.skill)
                && Objects.equals(registerUri, that.registerUri)
                && Objects.equals(claimUri, that.claimUri)
                && Objects.equals(revocationUri, that.revocationUri)
                && Objects.equals(identityEndpoint, that.identityEndpoint)
                && Objects.equals(claimEndpoint, that.claimEndpoint)
                && Objects.equals(eventsEndpoint, that.eventsEndpoint)
                && Objects.equals(identityTypesSupported, that.identityTypesSupported)
                && Objects.equals(anonymous, that.anonymous)
                && Objects.equals(identityAssertion, that.identityAssertion)
                && Objects.equals(eventsSupported, that.eventsSupported)
                && additionalMembers.equals(that.additionalMembers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                skill,
                registerUri,
                claimUri,
                revocationUri,
                identityEndpoint,
                claimEndpoint,
                eventsEndpoint,
                identityTypesSupported,
                anonymous,
                identityAssertion,
                eventsSupported,
                additionalMembers);
    }

    @Override
    public String toString() {
        return "AgentAuthMetadata{skill=" + skill + ", register_uri=" + registerUri + ", claim_uri=" + claimUri
                + ", revocation_uri=" + revocationUri + ", identity_types_supported=" + identityTypesSupported
                + ", anonymous=" + anonymous + ", identity_assertion=" + identityAssertion
                + ", events_supported=" + eventsSupported + ", identity_endpoint=" + identityEndpoint
                + ", claim_endpoint=" + claimEndpoint + ", events_endpoint=" + eventsEndpoint + ", additional="
                + additionalMembers + "}";
    }

    /** Builds an {@link AgentAuthMetadata}. Setting a member to {@code null} removes it. Not thread-safe. */
    public static final class Builder {
        private @Nullable String skill;
        private @Nullable String registerUri;
        private @Nullable String claimUri;
        private @Nullable String revocationUri;
        private @Nullable String identityEndpoint;
        private @Nullable String claimEndpoint;
        private @Nullable String eventsEndpoint;
        private @Nullable List<String> identityTypesSupported;
        private @Nullable Anonymous anonymous;
        private @Nullable IdentityAssertion identityAssertion;
        private @Nullable List<String> eventsSupported;
        private Map<String, Object> additionalMembers = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets {@code skill}.
         *
         * @param uri {@code skill}; null removes it
         * @return this builder
         */
        public Builder skill(@Nullable String uri) {
            this.skill = uri;
            return this;
        }

        /**
         * Sets {@code register_uri}.
         *
         * @param uri {@code register_uri}; null removes it
         * @return this builder
         */
        public Builder registerUri(@Nullable String uri) {
            this.registerUri = uri;
            return this;
        }

        /**
         * Sets {@code claim_uri}.
         *
         * @param uri {@code claim_uri}; null removes it
         * @return this builder
         */
        public Builder claimUri(@Nullable String uri) {
            this.claimUri = uri;
            return this;
        }

        /**
         * Sets {@code revocation_uri}.
         *
         * @param uri {@code revocation_uri}; null removes it
         * @return this builder
         */
        public Builder revocationUri(@Nullable String uri) {
            this.revocationUri = uri;
            return this;
        }

        /**
         * Sets {@code identity_endpoint}: where an agent registers or refreshes (current profile).
         *
         * @param value {@code identity_endpoint}; null removes it
         * @return this builder
         */
        public Builder identityEndpoint(@Nullable String value) {
            this.identityEndpoint = value;
            return this;
        }

        /**
         * Sets {@code claim_endpoint}: where an agent starts a claim (current profile).
         *
         * @param value {@code claim_endpoint}; null removes it
         * @return this builder
         */
        public Builder claimEndpoint(@Nullable String value) {
            this.claimEndpoint = value;
            return this;
        }

        /**
         * Sets {@code events_endpoint}: where a provider pushes security events (current profile).
         *
         * @param value {@code events_endpoint}; null removes it
         * @return this builder
         */
        public Builder eventsEndpoint(@Nullable String value) {
            this.eventsEndpoint = value;
            return this;
        }

        /**
         * Sets {@code identity_types_supported}.
         *
         * @param types {@code identity_types_supported}; null removes it
         * @return this builder
         */
        public Builder identityTypesSupported(@Nullable List<String> types) {
            this.identityTypesSupported = types;
            return this;
        }

        /**
         * Sets the {@code anonymous} object.
         *
         * @param anonymous the {@code anonymous} object; null removes it
         * @return this builder
         */
        public Builder anonymous(@Nullable Anonymous anonymous) {
            this.anonymous = anonymous;
            return this;
        }

        /**
         * Sets the {@code identity_assertion} object.
         *
         * @param identityAssertion the {@code identity_assertion} object; null removes it
         * @return this builder
         */
        public Builder identityAssertion(@Nullable IdentityAssertion identityAssertion) {
            this.identityAssertion = identityAssertion;
            return this;
        }

        /**
         * Sets {@code events_supported}.
         *
         * @param events {@code events_supported}; null removes it
         * @return this builder
         */
        public Builder eventsSupported(@Nullable List<String> events) {
            this.eventsSupported = events;
            return this;
        }

        /**
         * Adds or replaces one member this class does not model.
         *
         * @param name a member name not modelled here
         * @param value a plain JSON value; copied at build time
         * @return this builder
         */
        public Builder additionalMember(String name, Object value) {
            Objects.requireNonNull(name, "name cannot be null");
            additionalMembers.put(name, value);
            return this;
        }

        /**
         * Removes one member this class does not model.
         *
         * @param name an unknown member to drop
         * @return this builder
         */
        public Builder removeAdditionalMember(String name) {
            Objects.requireNonNull(name, "name cannot be null");
            additionalMembers.remove(name);
            return this;
        }

        /**
         * Replaces every member this class does not model.
         *
         * @param members replaces every unknown member, keeping the map's order
         * @return this builder
         */
        public Builder additionalMembers(Map<String, Object> members) {
            Objects.requireNonNull(members, "members cannot be null");
            this.additionalMembers = new LinkedHashMap<>(members);
            return this;
        }

        /**
         * {@return the immutable object}
         *
         * @throws IllegalArgumentException when a list holds null, or an additional member reuses a modelled name or is
         *     not a plain JSON value
         */
        public AgentAuthMetadata build() {
            return new AgentAuthMetadata(this);
        }
    }

    /**
     * The {@code agent_auth.anonymous} object: what an anonymous registration (§3c) can get. Unknown members are kept.
     * Immutable and thread-safe.
     */
    public static final class Anonymous {

        static final String PATH = AgentAuthMetadata.PATH + "." + ANONYMOUS;
        static final List<String> MEMBERS = List.of(CREDENTIAL_TYPES_SUPPORTED);
        private static final Set<String> KNOWN = Set.copyOf(MEMBERS);

        private final @Nullable List<String> credentialTypesSupported;
        private final Map<String, Object> additionalMembers;

        private Anonymous(Builder b) {
            this.credentialTypesSupported =
                    JsonValues.copyStrings(b.credentialTypesSupported, PATH + "." + CREDENTIAL_TYPES_SUPPORTED);
            this.additionalMembers = JsonValues.copyMembers(b.additionalMembers, KNOWN, PATH);
        }

        /** {@return an empty builder} */
        public static Builder builder() {
            return new Builder();
        }

        /** {@return a builder holding this object's values, for edits} */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.credentialTypesSupported = credentialTypesSupported;
            b.additionalMembers = new LinkedHashMap<>(additionalMembers);
            return b;
        }

        /** {@return {@code credential_types_supported}, e.g. {@code ["api_key"]}, or empty when absent} */
        public Optional<List<String>> credentialTypesSupported() {
            return Optional.ofNullable(credentialTypesSupported);
        }

        /** {@return members this class does not model, in document order} */
        public Map<String, Object> additionalMembers() {
            return additionalMembers;
        }

        @Override
        public boolean equals(Object o) {
            return this == o
                    || (o instanceof Anonymous
                            && Objects.equals(credentialTypesSupported, ((Anonymous) o).credentialTypesSupported)
                            && additionalMembers.equals(((Anonymous) o).additionalMembers));
        }

        @Override
        public int hashCode() {
            return Objects.hash(credentialTypesSupported, additionalMembers);
        }

        @Override
        public String toString() {
            return "Anonymous{credential_types_supported=" + credentialTypesSupported + ", additional="
                    + additionalMembers + "}";
        }

        /** Builds an {@link Anonymous}. Not thread-safe. */
        public static final class Builder {
            private @Nullable List<String> credentialTypesSupported;
            private Map<String, Object> additionalMembers = new LinkedHashMap<>();

            private Builder() {}

            /**
             * Sets {@code credential_types_supported}.
             *
             * @param types {@code credential_types_supported}; null removes it
             * @return this builder
             */
            public Builder credentialTypesSupported(@Nullable List<String> types) {
                this.credentialTypesSupported = types;
                return this;
            }

            /**
             * Adds or replaces one member this class does not model.
             *
             * @param name a member name not modelled here
             * @param value a plain JSON value; copied at build time
             * @return this builder
             */
            public Builder additionalMember(String name, Object value) {
                Objects.requireNonNull(name, "name cannot be null");
                additionalMembers.put(name, value);
                return this;
            }

            /**
             * Replaces every member this class does not model.
             *
             * @param members replaces every unknown member, keeping the map's order
             * @return this builder
             */
            public Builder additionalMembers(Map<String, Object> members) {
                Objects.requireNonNull(members, "members cannot be null");
                this.additionalMembers = new LinkedHashMap<>(members);
                return this;
            }

            /**
             * {@return the immutable object}
             *
             * @throws IllegalArgumentException when the list holds null or an additional member is not acceptable
             */
            public Anonymous build() {
                return new Anonymous(this);
            }
        }
    }

    /**
     * The {@code agent_auth.identity_assertion} object: which assertions (§3a ID-JAG, §3b verified email) and
     * credential types an identity registration can use. Unknown members are kept. Immutable and thread-safe.
     */
    public static final class IdentityAssertion {

        static final String PATH = AgentAuthMetadata.PATH + "." + IDENTITY_ASSERTION;
        static final List<String> MEMBERS = List.of(ASSERTION_TYPES_SUPPORTED, CREDENTIAL_TYPES_SUPPORTED);
        private static final Set<String> KNOWN = Set.copyOf(MEMBERS);

        private final @Nullable List<String> assertionTypesSupported;
        private final @Nullable List<String> credentialTypesSupported;
        private final Map<String, Object> additionalMembers;

        private IdentityAssertion(Builder b) {
            this.assertionTypesSupported =
                    JsonValues.copyStrings(b.assertionTypesSupported, PATH + "." + ASSERTION_TYPES_SUPPORTED);
            this.credentialTypesSupported =
                    JsonValues.copyStrings(b.credentialTypesSupported, PATH + "." + CREDENTIAL_TYPES_SUPPORTED);
            this.additionalMembers = JsonValues.copyMembers(b.additionalMembers, KNOWN, PATH);
        }

        /** {@return an empty builder} */
        public static Builder builder() {
            return new Builder();
        }

        /** {@return a builder holding this object's values, for edits} */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.assertionTypesSupported = assertionTypesSupported;
            b.credentialTypesSupported = credentialTypesSupported;
            b.additionalMembers = new LinkedHashMap<>(additionalMembers);
            return b;
        }

        /** {@return {@code assertion_types_supported}, or empty when absent} */
        public Optional<List<String>> assertionTypesSupported() {
            return Optional.ofNullable(assertionTypesSupported);
        }

        /** {@return {@code credential_types_supported}, or empty when absent} */
        public Optional<List<String>> credentialTypesSupported() {
            return Optional.ofNullable(credentialTypesSupported);
        }

        /** {@return members this class does not model, in document order} */
        public Map<String, Object> additionalMembers() {
            return additionalMembers;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof IdentityAssertion)) {
                return false;
            }
            IdentityAssertion that = (IdentityAssertion) o;
            return Objects.equals(assertionTypesSupported, that.assertionTypesSupported)
                    && Objects.equals(credentialTypesSupported, that.credentialTypesSupported)
                    && additionalMembers.equals(that.additionalMembers);
        }

        @Override
        public int hashCode() {
            return Objects.hash(assertionTypesSupported, credentialTypesSupported, additionalMembers);
        }

        @Override
        public String toString() {
            return "IdentityAssertion{assertion_types_supported=" + assertionTypesSupported
                    + ", credential_types_supported=" + credentialTypesSupported
                    + ", additional=" + additionalMembers + "}";
        }

        /** Builds an {@link IdentityAssertion}. Not thread-safe. */
        public static final class Builder {
            private @Nullable List<String> assertionTypesSupported;
            private @Nullable List<String> credentialTypesSupported;
            private Map<String, Object> additionalMembers = new LinkedHashMap<>();

            private Builder() {}

            /**
             * Sets {@code assertion_types_supported}.
             *
             * @param types {@code assertion_types_supported}; null removes it
             * @return this builder
             */
            public Builder assertionTypesSupported(@Nullable List<String> types) {
                this.assertionTypesSupported = types;
                return this;
            }

            /**
             * Sets {@code credential_types_supported}.
             *
             * @param types {@code credential_types_supported}; null removes it
             * @return this builder
             */
            public Builder credentialTypesSupported(@Nullable List<String> types) {
                this.credentialTypesSupported = types;
                return this;
            }

            /**
             * Adds or replaces one member this class does not model.
             *
             * @param name a member name not modelled here
             * @param value a plain JSON value; copied at build time
             * @return this builder
             */
            public Builder additionalMember(String name, Object value) {
                Objects.requireNonNull(name, "name cannot be null");
                additionalMembers.put(name, value);
                return this;
            }

            /**
             * Replaces every member this class does not model.
             *
             * @param members replaces every unknown member, keeping the map's order
             * @return this builder
             */
            public Builder additionalMembers(Map<String, Object> members) {
                Objects.requireNonNull(members, "members cannot be null");
                this.additionalMembers = new LinkedHashMap<>(members);
                return this;
            }

            /**
             * {@return the immutable object}
             *
             * @throws IllegalArgumentException when a list holds null or an additional member is not acceptable
             */
            public IdentityAssertion build() {
                return new IdentityAssertion(this);
            }
        }
    }
}
