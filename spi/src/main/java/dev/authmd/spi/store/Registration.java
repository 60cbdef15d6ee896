package dev.authmd.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One agent registration (§3–§4: docs/protocol.md#v01-3) as stored by a {@link RegistrationStore}.
 *
 * <p>Immutable. Every change produces a new instance with {@link #version()} one higher, written with
 * {@link RegistrationStore#update(long, Registration)}, the compare-and-set that decides races such as two concurrent
 * claim completions.
 *
 * <pre>{@code
 * Registration claimed = current.next().status(RegistrationStatus.CLAIMED).userId("u1").build();
 * boolean won = store.update(current.version(), claimed);
 * }</pre>
 */
public final class Registration {

    private final String tenantId;
    private final String id;
    private final RegistrationType type;
    private final WireProfile profile;
    private final RegistrationStatus status;
    private final long version;
    private final Instant createdAt;
    private final @Nullable Instant expiresAt;
    private final @Nullable Instant endedAt;
    private final @Nullable String userId;
    private final @Nullable String email;
    private final @Nullable String issuer;
    private final @Nullable String subject;
    private final @Nullable String agentPlatform;
    private final @Nullable String agentContextId;
    private final @Nullable CredentialType requestedCredentialType;
    private final List<String> postClaimScopes;
    private final @Nullable ClaimState claim;

    private Registration(Builder b) {
        this.tenantId = requireText(b.tenantId, "tenantId");
        this.id = requireText(b.id, "id");
        this.type = Objects.requireNonNull(b.type, "type cannot be null");
        this.profile = Objects.requireNonNull(b.profile, "profile cannot be null");
        this.status = Objects.requireNonNull(b.status, "status cannot be null");
        if (b.version < 0) {
            throw new IllegalArgumentException("version cannot be negative");
        }
        this.version = b.version;
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt cannot be null");
        this.expiresAt = b.expiresAt;
        if (status.isTerminal() != (b.endedAt != null)) {
            throw new IllegalArgumentException(
                    "endedAt must be set exactly when the status is terminal (expired or revoked); status is "
                            + status.wireName());
        }
        this.endedAt = b.endedAt;
        this.userId = b.userId;
        this.email = b.email;
        if ((b.issuer == null) != (b.subject == null)) {
            throw new IllegalArgumentException("issuer and subject must be both set or both null");
        }
        this.issuer = b.issuer;
        this.subject = b.subject;
        this.agentPlatform = b.agentPlatform;
        this.agentContextId = b.agentContextId;
        this.requestedCredentialType = b.requestedCredentialType;
        this.postClaimScopes = List.copyOf(b.postClaimScopes);
        this.claim = b.claim;
    }

    /**
     * {@return a builder for a new registration at version 0}
     *
     * @param tenantId the tenant the registration belongs to
     * @param id the public id ({@code reg_…})
     */
    public static Builder builder(String tenantId, String id) {
        Builder builder = new Builder();
        builder.tenantId = tenantId;
        builder.id = id;
        return builder;
    }

    /** {@return a builder holding this registration's values and the next version} */
    public Builder next() {
        Builder b = new Builder();
        b.tenantId = tenantId;
        b.id = id;
        b.type = type;
        b.profile = profile;
        b.status = status;
        b.version = version + 1;
        b.createdAt = createdAt;
        b.expiresAt = expiresAt;
        b.endedAt = endedAt;
        b.userId = userId;
        b.email = email;
        b.issuer = issuer;
        b.subject = subject;
        b.agentPlatform = agentPlatform;
        b.agentContextId = agentContextId;
        b.requestedCredentialType = requestedCredentialType;
        b.postClaimScopes = postClaimScopes;
        b.claim = claim;
        return b;
    }

    /** {@return the tenant} */
    public String tenantId() {
        return tenantId;
    }

    /** {@return the public id ({@code reg_…})} */
    public String id() {
        return id;
    }

    /** {@return how it was created} */
    public RegistrationType type() {
        return type;
    }

    /** {@return the wire profile that created it, and the only one that drives it} */
    public WireProfile profile() {
        return profile;
    }

    /** {@return where it stands in its lifecycle} */
    public RegistrationStatus status() {
        return status;
    }

    /** {@return the optimistic-concurrency version; 0 when first inserted} */
    public long version() {
        return version;
    }

    /** {@return when it was created} */
    public Instant createdAt() {
        return createdAt;
    }

    /** {@return when an unclaimed registration expires; empty when it never does} */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * {@return when the registration became terminal (expired or revoked); empty while it is not} Set exactly when the
     * status is terminal, and kept when a terminal registration changes again (an expired one that is then revoked
     * keeps the instant it expired): the registration retention counts from it.
     */
    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    /** {@return the host's user id once known (ID-JAG match, claim completion)} */
    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    /** {@return the normalised email the registration is about, when there is one} */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /** {@return the ID-JAG issuer of the delegation behind it, for ID-JAG registrations} */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    /** {@return the ID-JAG subject of the delegation behind it, for ID-JAG registrations} */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** {@return the {@code agent_platform} claim of the ID-JAG, when given} */
    public Optional<String> agentPlatform() {
        return Optional.ofNullable(agentPlatform);
    }

    /** {@return the {@code agent_context_id} claim of the ID-JAG, when given} */
    public Optional<String> agentContextId() {
        return Optional.ofNullable(agentContextId);
    }

    /** {@return the credential type to issue when a claim completes, when one is pending} */
    public Optional<CredentialType> requestedCredentialType() {
        return Optional.ofNullable(requestedCredentialType);
    }

    /** {@return the scopes the credential gets once claimed; unmodifiable} */
    public List<String> postClaimScopes() {
        return postClaimScopes;
    }

    /** {@return the claim state, for registrations that have a claim ceremony} */
    public Optional<ClaimState> claim() {
        return Optional.ofNullable(claim);
    }

    /**
     * {@return whether the registration is still claimable but past its TTL}
     *
     * @param now the current instant
     */
    public boolean isDueForExpiry(Instant now) {
        return status.isClaimable() && expiresAt != null && !now.isBefore(expiresAt);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Registration that)) {
            return false;
        }
        return version == that.version
                && tenantId.equals(that.tenantId)
                && id.equals(that.id)
                && type == that.type
                && profile == that.profile
                && status == that.status
                && createdAt.equals(that.createdAt)
                && Objects.equals(expiresAt, that.expiresAt)
                && Objects.equals(endedAt, that.endedAt)
                && Objects.equals(userId, that.userId)
                && Objects.equals(email, that.email)
                && Objects.equals(issuer, that.issuer)
                && Objects.equals(subject, that.subject)
                && Objects.equals(agentPlatform, that.agentPlatform)
                && Objects.equals(agentContextId, that.agentContextId)
                && requestedCredentialType == that.requestedCredentialType
                && postClaimScopes.equals(that.postClaimScopes)
                && Objects.equals(claim, that.claim);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, id, version);
    }

    @Override
    public String toString() {
        // no email or subject: toString output ends up in logs
        return "Registration[tenant=" + tenantId + ", id=" + id + ", type=" + type.wireName() + ", profile="
                + profile.storedName() + ", status="
                + status.wireName() + ", version=" + version + "]";
    }

    private static String requireText(@Nullable String value, String name) {
        Objects.requireNonNull(value, name + " cannot be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " cannot be blank");
        }
        return value;
    }

    /** Builds a {@link Registration}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String tenantId;
        private @Nullable String id;
        private @Nullable RegistrationType type;
        private WireProfile profile = WireProfile.V0_1;
        private RegistrationStatus status = RegistrationStatus.UNCLAIMED;
        private long version;
        private @Nullable Instant createdAt;
        private @Nullable Instant expiresAt;
        private @Nullable Instant endedAt;
        private @Nullable String userId;
        private @Nullable String email;
        private @Nullable String issuer;
        private @Nullable String subject;
        private @Nullable String agentPlatform;
        private @Nullable String agentContextId;
        private @Nullable CredentialType requestedCredentialType;
        private List<String> postClaimScopes = List.of();
        private @Nullable ClaimState claim;

        private Builder() {}

        /**
         * Sets the type.
         *
         * @param type how it was created
         * @return this builder
         */
        public Builder type(RegistrationType type) {
            this.type = type;
            return this;
        }

        /**
         * Sets the wire profile.
         *
         * @param profile the profile that creates it; defaults to {@link WireProfile#V0_1}
         * @return this builder
         */
        public Builder profile(WireProfile profile) {
            this.profile = profile;
            return this;
        }

        /**
         * Sets the status.
         *
         * @param status lifecycle state; defaults to {@code UNCLAIMED}
         * @return this builder
         */
        public Builder status(RegistrationStatus status) {
            this.status = status;
            return this;
        }

        /**
         * Sets the version.
         *
         * @param version the version; {@link Registration#next()} sets it for you
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * Sets the creation time.
         *
         * @param createdAt creation instant
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * Sets the expiry time.
         *
         * @param expiresAt expiry of an unclaimed registration; null for none
         * @return this builder
         */
        public Builder expiresAt(@Nullable Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /**
         * Sets when the registration became terminal.
         *
         * @param endedAt the instant it expired or was revoked; required with a terminal status, null otherwise
         * @return this builder
         */
        public Builder endedAt(@Nullable Instant endedAt) {
            this.endedAt = endedAt;
            return this;
        }

        /**
         * Sets the user id.
         *
         * @param userId the host's user id; may be null
         * @return this builder
         */
        public Builder userId(@Nullable String userId) {
            this.userId = userId;
            return this;
        }

        /**
         * Sets the email.
         *
         * @param email normalised email; may be null
         * @return this builder
         */
        public Builder email(@Nullable String email) {
            this.email = email;
            return this;
        }

        /**
         * Sets the ID-JAG delegation behind the registration.
         *
         * @param issuer the ID-JAG {@code iss}; null together with subject
         * @param subject the ID-JAG {@code sub}; null together with issuer
         * @return this builder
         */
        public Builder delegation(@Nullable String issuer, @Nullable String subject) {
            this.issuer = issuer;
            this.subject = subject;
            return this;
        }

        /**
         * Sets the agent platform.
         *
         * @param agentPlatform the ID-JAG {@code agent_platform}; may be null
         * @return this builder
         */
        public Builder agentPlatform(@Nullable String agentPlatform) {
            this.agentPlatform = agentPlatform;
            return this;
        }

        /**
         * Sets the agent context id.
         *
         * @param agentContextId the ID-JAG {@code agent_context_id}; may be null
         * @return this builder
         */
        public Builder agentContextId(@Nullable String agentContextId) {
            this.agentContextId = agentContextId;
            return this;
        }

        /**
         * Sets the requested credential type.
         *
         * @param type credential to issue when the claim completes; may be null
         * @return this builder
         */
        public Builder requestedCredentialType(@Nullable CredentialType type) {
            this.requestedCredentialType = type;
            return this;
        }

        /**
         * Sets the post claim scopes.
         *
         * @param scopes scopes after the claim; copied
         * @return this builder
         */
        public Builder postClaimScopes(List<String> scopes) {
            this.postClaimScopes = Objects.requireNonNull(scopes, "scopes cannot be null");
            return this;
        }

        /**
         * Sets the claim.
         *
         * @param claim the claim state; may be null
         * @return this builder
         */
        public Builder claim(@Nullable ClaimState claim) {
            this.claim = claim;
            return this;
        }

        /**
         * {@return the registration}
         *
         * @throws NullPointerException or IllegalArgumentException naming the missing or bad field
         */
        public Registration build() {
            return new Registration(this);
        }
    }
}
