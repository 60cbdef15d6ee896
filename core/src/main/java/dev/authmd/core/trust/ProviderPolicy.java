package dev.authmd.core.trust;

import dev.authmd.spi.store.CredentialType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a service demands of, and grants to, the users one provider asserts (docs/protocol.md#v01-3a steps 10–11 and the
 * user matching after them).
 *
 * <ul>
 *   <li>{@link #requiredAmr()} — every listed {@code amr} value must be in the assertion;
 *   <li>{@link #acrValues()} — when not empty, the assertion's {@code acr} must be one of them;
 *   <li>{@link #maxAuthAge()} — when set, {@code auth_time} must be present and no older;
 *   <li>{@link #requireVerifiedEmailOrPhone()} — default true; false relaxes step 10 for enterprise issuers whose
 *       subjects are managed accounts;
 *   <li>{@link #allowJitProvisioning()} — default true: whether an unknown user may be created;
 *   <li>{@link #credentialTypes()} — credential types this provider's users may get; default both;
 *   <li>{@link #scopeCeiling()} — when not empty, the most scopes this provider's users may get.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ProviderPolicy {

    private static final ProviderPolicy DEFAULT = builder().build();

    private final Set<String> requiredAmr;
    private final List<String> acrValues;
    private final @Nullable Duration maxAuthAge;
    private final boolean requireVerifiedEmailOrPhone;
    private final boolean allowJitProvisioning;
    private final Set<CredentialType> credentialTypes;
    private final Set<String> scopeCeiling;

    private ProviderPolicy(Builder b) {
        this.requiredAmr = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.requiredAmr));
        this.acrValues = List.copyOf(b.acrValues);
        this.maxAuthAge = b.maxAuthAge;
        this.requireVerifiedEmailOrPhone = b.requireVerifiedEmailOrPhone;
        this.allowJitProvisioning = b.allowJitProvisioning;
        this.credentialTypes = java.util.Collections.unmodifiableSet(EnumSet.copyOf(b.credentialTypes));
        this.scopeCeiling = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.scopeCeiling));
    }

    /** {@return the default policy: no amr/acr/auth_time demands, verified email or phone required, JIT allowed} */
    public static ProviderPolicy defaults() {
        return DEFAULT;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this policy's values} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.requiredAmr = new ArrayList<>(requiredAmr);
        b.acrValues = new ArrayList<>(acrValues);
        b.maxAuthAge = maxAuthAge;
        b.requireVerifiedEmailOrPhone = requireVerifiedEmailOrPhone;
        b.allowJitProvisioning = allowJitProvisioning;
        b.credentialTypes = EnumSet.copyOf(credentialTypes);
        b.scopeCeiling = new ArrayList<>(scopeCeiling);
        return b;
    }

    /** {@return {@code amr} values that must all be present; empty for none} */
    public Set<String> requiredAmr() {
        return requiredAmr;
    }

    /** {@return acceptable {@code acr} values; empty accepts any (or none)} */
    public List<String> acrValues() {
        return acrValues;
    }

    /** {@return the oldest {@code auth_time} accepted, as an age} */
    public Optional<Duration> maxAuthAge() {
        return Optional.ofNullable(maxAuthAge);
    }

    /** {@return whether {@code email_verified} or {@code phone_number_verified} must be {@code true}} */
    public boolean requireVerifiedEmailOrPhone() {
        return requireVerifiedEmailOrPhone;
    }

    /** {@return whether users unknown to the service may be provisioned just in time} */
    public boolean allowJitProvisioning() {
        return allowJitProvisioning;
    }

    /** {@return credential types this provider's users may receive} */
    public Set<CredentialType> credentialTypes() {
        return credentialTypes;
    }

    /** {@return the most scopes this provider's users may get; empty for no ceiling} */
    public Set<String> scopeCeiling() {
        return scopeCeiling;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderPolicy p
                && requiredAmr.equals(p.requiredAmr)
                && acrValues.equals(p.acrValues)
                && Objects.equals(maxAuthAge, p.maxAuthAge)
                && requireVerifiedEmailOrPhone == p.requireVerifiedEmailOrPhone
                && allowJitProvisioning == p.allowJitProvisioning
                && credentialTypes.equals(p.credentialTypes)
                && scopeCeiling.equals(p.scopeCeiling);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                requiredAmr,
                acrValues,
                maxAuthAge,
                requireVerifiedEmailOrPhone,
                allowJitProvisioning,
                credentialTypes,
                scopeCeiling);
    }

    @Override
    public String toString() {
        return "ProviderPolicy[requiredAmr=" + requiredAmr + ", acrValues=" + acrValues + ", maxAuthAge=" + maxAuthAge
                + ", requireVerifiedEmailOrPhone=" + requireVerifiedEmailOrPhone + ", allowJitProvisioning="
                + allowJitProvisioning + ", credentialTypes=" + credentialTypes + ", scopeCeiling=" + scopeCeiling
                + "]";
    }

    /** Builds a {@link ProviderPolicy}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private List<String> requiredAmr = new ArrayList<>();
        private List<String> acrValues = new ArrayList<>();
        private @Nullable Duration maxAuthAge;
        private boolean requireVerifiedEmailOrPhone = true;
        private boolean allowJitProvisioning = true;
        private Set<CredentialType> credentialTypes = EnumSet.allOf(CredentialType.class);
        private List<String> scopeCeiling = new ArrayList<>();

        private Builder() {}

        /**
         * Sets the values that must all appear in {@code amr}.
         *
         * @param amr values that must all appear in {@code amr}
         * @return this builder
         */
        public Builder requiredAmr(Iterable<String> amr) {
            this.requiredAmr = copy(amr, "requiredAmr");
            return this;
        }

        /**
         * Sets the acceptable {@code acr} values, most preferred first.
         *
         * @param acr acceptable {@code acr} values, most preferred first
         * @return this builder
         */
        public Builder acrValues(Iterable<String> acr) {
            this.acrValues = copy(acr, "acrValues");
            return this;
        }

        /**
         * Sets the oldest accepted {@code auth_time}.
         *
         * @param age oldest accepted {@code auth_time}; null for no limit
         * @return this builder
         */
        public Builder maxAuthAge(@Nullable Duration age) {
            this.maxAuthAge = age;
            return this;
        }

        /**
         * Sets whether a verified email or phone is required.
         *
         * @param required whether a verified email or phone is required
         * @return this builder
         */
        public Builder requireVerifiedEmailOrPhone(boolean required) {
            this.requireVerifiedEmailOrPhone = required;
            return this;
        }

        /**
         * Sets whether JIT provisioning is allowed.
         *
         * @param allowed whether JIT provisioning is allowed
         * @return this builder
         */
        public Builder allowJitProvisioning(boolean allowed) {
            this.allowJitProvisioning = allowed;
            return this;
        }

        /**
         * Sets the credential types this provider's users may get.
         *
         * @param types credential types this provider's users may get
         * @return this builder
         */
        public Builder credentialTypes(Set<CredentialType> types) {
            Objects.requireNonNull(types, "credentialTypes cannot be null");
            this.credentialTypes = types.isEmpty() ? EnumSet.noneOf(CredentialType.class) : EnumSet.copyOf(types);
            return this;
        }

        /**
         * Sets the scope ceiling.
         *
         * @param scopes the scope ceiling; empty for none
         * @return this builder
         */
        public Builder scopeCeiling(Iterable<String> scopes) {
            this.scopeCeiling = copy(scopes, "scopeCeiling");
            return this;
        }

        /** {@return the policy, validated} */
        public ProviderPolicy build() {
            requireTokens(requiredAmr, "requiredAmr");
            requireTokens(acrValues, "acrValues");
            requireTokens(scopeCeiling, "scopeCeiling");
            if (maxAuthAge != null && (maxAuthAge.isNegative() || maxAuthAge.isZero())) {
                throw new IllegalArgumentException("maxAuthAge must be positive");
            }
            if (credentialTypes.isEmpty()) {
                throw new IllegalArgumentException("credentialTypes cannot be empty");
            }
            return new ProviderPolicy(this);
        }

        private static List<String> copy(Iterable<String> values, String name) {
            Objects.requireNonNull(values, name + " cannot be null");
            List<String> list = new ArrayList<>();
            values.forEach(list::add);
            return list;
        }

        private static void requireTokens(List<String> values, String name) {
            for (String v : values) {
                if (v == null || v.isBlank() || v.chars().anyMatch(c -> c <= 0x20)) {
                    throw new IllegalArgumentException(name + " must hold non-blank values without spaces");
                }
            }
            if (new LinkedHashSet<>(values).size() != values.size()) {
                throw new IllegalArgumentException(name + " must not repeat a value");
            }
        }
    }
}
