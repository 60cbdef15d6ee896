package dev.authmd.core.trust;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One agent provider this service trusts to assert its users (steps 3–4, 7 and 10–11 of docs/protocol.md#v01-3a): its
 * issuer, where its keys come from, the algorithms it may sign with, the {@code client_id} values it may use, and the
 * {@link ProviderPolicy} applied to its assertions.
 *
 * <pre>{@code
 * TrustedProvider provider = TrustedProvider.builder("https://agents.example")
 *         .displayName("Example Agents")
 *         .keyLocation(KeyLocation.pinned(URI.create("https://agents.example/jwks.json")))
 *         .algorithms(List.of("ES256"))
 *         .policy(ProviderPolicy.builder().requiredAmr(List.of("mfa")).build())
 *         .build();
 * }</pre>
 *
 * <p>Defaults: keys from the issuer's metadata; algorithms RS256/384/512, PS256/384/512, ES256/384/512; a
 * {@code client_id} equal to the issuer is always accepted; CIMD client ids are not accepted; the default policy.
 * Immutable and thread-safe.
 */
public final class TrustedProvider {

    /** Every algorithm a trust entry may allow: asymmetric JWS algorithms Nimbus verifies without extra libraries. */
    public static final Set<String> SUPPORTED_ALGORITHMS =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

    private static final List<String> DEFAULT_ALGORITHMS =
            List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

    private final String issuer;
    private final String displayName;
    private final KeyLocation keyLocation;
    private final Set<String> algorithms;
    private final Set<String> clientIds;
    private final boolean acceptCimdClientIds;
    private final ProviderPolicy policy;

    private TrustedProvider(Builder b) {
        this.issuer = b.issuer;
        this.displayName = b.displayName != null ? b.displayName : b.issuer;
        this.keyLocation = b.keyLocation;
        this.algorithms = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.algorithms));
        this.clientIds = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.clientIds));
        this.acceptCimdClientIds = b.acceptCimdClientIds;
        this.policy = b.policy;
    }

    /**
     * Starts a builder for a trusted provider.
     *
     * @param issuer the exact {@code iss} value the provider signs (an absolute http(s) URL)
     * @return a builder holding the defaults
     */
    public static Builder builder(String issuer) {
        return new Builder(issuer);
    }

    /** {@return a builder holding this entry's values, for edits} */
    public Builder toBuilder() {
        Builder b = new Builder(issuer);
        b.displayName = displayName;
        b.keyLocation = keyLocation;
        b.algorithms = new ArrayList<>(algorithms);
        b.clientIds = new ArrayList<>(clientIds);
        b.acceptCimdClientIds = acceptCimdClientIds;
        b.policy = policy;
        return b;
    }

    /** {@return the issuer, compared to {@code iss} as an exact string} */
    public String issuer() {
        return issuer;
    }

    /** {@return a name for people (consent screens, logs); defaults to the issuer} */
    public String displayName() {
        return displayName;
    }

    /** {@return where the signing keys come from} */
    public KeyLocation keyLocation() {
        return keyLocation;
    }

    /** {@return JWS algorithms this provider may sign with} */
    public Set<String> algorithms() {
        return algorithms;
    }

    /** {@return {@code client_id} values accepted besides the issuer itself} */
    public Set<String> clientIds() {
        return clientIds;
    }

    /** {@return whether an https {@code client_id} naming a Client ID Metadata Document is accepted} */
    public boolean acceptCimdClientIds() {
        return acceptCimdClientIds;
    }

    /** {@return the policy applied to this provider's assertions} */
    public ProviderPolicy policy() {
        return policy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedProvider p
                && issuer.equals(p.issuer)
                && displayName.equals(p.displayName)
                && keyLocation.equals(p.keyLocation)
                && algorithms.equals(p.algorithms)
                && clientIds.equals(p.clientIds)
                && acceptCimdClientIds == p.acceptCimdClientIds
                && policy.equals(p.policy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(issuer, displayName, keyLocation, algorithms, clientIds, acceptCimdClientIds, policy);
    }

    @Override
    public String toString() {
        return "TrustedProvider[" + issuer + ", keys=" + keyLocation + ", algorithms=" + algorithms + "]";
    }

    /** Builds a {@link TrustedProvider}; every validation message names the issuer. Not thread-safe. */
    public static final class Builder {
        private final String issuer;
        private @Nullable String displayName;
        private KeyLocation keyLocation = KeyLocation.issuerMetadata();
        private List<String> algorithms = new ArrayList<>(DEFAULT_ALGORITHMS);
        private List<String> clientIds = new ArrayList<>();
        private boolean acceptCimdClientIds;
        private ProviderPolicy policy = ProviderPolicy.defaults();

        private Builder(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer cannot be null");
        }

        /**
         * Sets the display name.
         *
         * @param name a name for people
         * @return this builder
         */
        public Builder displayName(String name) {
            this.displayName = name;
            return this;
        }

        /**
         * Sets where the keys come from.
         *
         * @param location where the keys come from
         * @return this builder
         */
        public Builder keyLocation(KeyLocation location) {
            this.keyLocation = Objects.requireNonNull(location, "keyLocation cannot be null");
            return this;
        }

        /**
         * Sets the JWS algorithms this provider may use, from {@link #SUPPORTED_ALGORITHMS}.
         *
         * @param algs JWS algorithms this provider may use, from {@link #SUPPORTED_ALGORITHMS}
         * @return this builder
         */
        public Builder algorithms(Iterable<String> algs) {
            Objects.requireNonNull(algs, "algorithms cannot be null");
            this.algorithms = new ArrayList<>();
            algs.forEach(this.algorithms::add);
            return this;
        }

        /**
         * Sets the {@code client_id} values accepted besides the issuer.
         *
         * @param ids {@code client_id} values accepted besides the issuer
         * @return this builder
         */
        public Builder clientIds(Iterable<String> ids) {
            Objects.requireNonNull(ids, "clientIds cannot be null");
            this.clientIds = new ArrayList<>();
            ids.forEach(this.clientIds::add);
            return this;
        }

        /**
         * Sets whether CIMD URLs are accepted as {@code client_id}.
         *
         * @param accept whether CIMD URLs are accepted as {@code client_id}
         * @return this builder
         */
        public Builder acceptCimdClientIds(boolean accept) {
            this.acceptCimdClientIds = accept;
            return this;
        }

        /**
         * Sets the provider policy.
         *
         * @param policy the provider policy
         * @return this builder
         */
        public Builder policy(ProviderPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy cannot be null");
            return this;
        }

        /** {@return the entry, validated} */
        public TrustedProvider build() {
            String who = "trusted provider " + issuer + ": ";
            URI uri;
            try {
                uri = new URI(issuer);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(who + "issuer is not a valid URI");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            require(
                    uri.isAbsolute() && uri.getHost() != null && (scheme.equals("https") || scheme.equals("http")),
                    who + "issuer must be an absolute https URL (http only for development hosts)");
            require(
                    uri.getRawQuery() == null && uri.getRawFragment() == null,
                    who + "issuer must not have a query or fragment");
            require(displayName == null || !displayName.isBlank(), who + "displayName cannot be blank");
            require(!algorithms.isEmpty(), who + "algorithms cannot be empty");
            for (String alg : algorithms) {
                require(
                        alg != null && SUPPORTED_ALGORITHMS.contains(alg),
                        who + "algorithm " + alg + " is not allowed; use asymmetric algorithms from "
                                + DEFAULT_ALGORITHMS);
            }
            require(new LinkedHashSet<>(algorithms).size() == algorithms.size(), who + "algorithms must not repeat");
            for (String id : clientIds) {
                require(id != null && !id.isBlank(), who + "clientIds cannot hold a blank value");
            }
            if (keyLocation.kind() == KeyLocation.Kind.INLINE_JWKS) {
                parseInline(keyLocation.jwksJson().orElseThrow(), who);
            }
            return new TrustedProvider(this);
        }

        private static JWKSet parseInline(String json, String who) {
            JWKSet set;
            try {
                set = JWKSet.parse(json);
            } catch (ParseException e) {
                throw new IllegalArgumentException(who + "inline jwks is not a valid JWKS document");
            }
            require(!set.isEmpty(), who + "inline jwks holds no key");
            for (JWK key : set.getKeys()) {
                require(!KeyType.OCT.equals(key.getKeyType()), who + "inline jwks must not hold symmetric keys");
                require(!key.isPrivate(), who + "inline jwks must hold public keys only");
                require(
                        !(key instanceof com.nimbusds.jose.jwk.RSAKey rsa) || rsa.size() >= 2048,
                        who + "inline jwks RSA keys must have at least 2048 bits");
            }
            return set;
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
