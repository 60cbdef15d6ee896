package dev.authmd.core.trust;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent providers this service trusts (docs/protocol.md#v01-3a-step-3), keyed by their exact issuer. An assertion
 * from any other issuer is refused with {@code invalid_issuer} before any network call. Built in code
 * ({@link #builder()}) or from a JSON document ({@link TrustListJson#parse(String)}).
 *
 * <p>Immutable and thread-safe.
 */
public final class TrustList {

    private final Map<String, TrustedProvider> providers;

    private TrustList(Map<String, TrustedProvider> providers) {
        this.providers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    }

    /** {@return a builder for an empty list} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a trust list.
     *
     * @param providers the entries; issuers must be distinct
     * @return the list
     */
    public static TrustList of(Collection<TrustedProvider> providers) {
        Builder b = builder();
        Objects.requireNonNull(providers, "providers cannot be null").forEach(b::add);
        return b.build();
    }

    /**
     * Finds a trusted provider by issuer.
     *
     * @param issuer an {@code iss} value, compared exactly
     * @return its entry, or empty when the issuer is not trusted
     */
    public Optional<TrustedProvider> find(String issuer) {
        return issuer == null ? Optional.empty() : Optional.ofNullable(providers.get(issuer));
    }

    /** {@return every entry, in the order added} */
    public List<TrustedProvider> providers() {
        return List.copyOf(providers.values());
    }

    /** {@return whether no provider is trusted} */
    public boolean isEmpty() {
        return providers.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustList t && providers.equals(t.providers);
    }

    @Override
    public int hashCode() {
        return providers.hashCode();
    }

    @Override
    public String toString() {
        return "TrustList" + providers.keySet();
    }

    /** Builds a {@link TrustList}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, TrustedProvider> providers = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds a trusted provider.
         *
         * @param provider an entry
         * @return this builder
         * @throws IllegalArgumentException when another entry has the same issuer
         */
        public Builder add(TrustedProvider provider) {
            Objects.requireNonNull(provider, "provider cannot be null");
            if (providers.putIfAbsent(provider.issuer(), provider) != null) {
                throw new IllegalArgumentException("trusted provider " + provider.issuer() + ": listed twice");
            }
            return this;
        }

        /** {@return the list} */
        public TrustList build() {
            return new TrustList(providers);
        }
    }
}
