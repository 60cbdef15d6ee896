package dev.authmd.core.authmd;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Optional extras for {@link AuthMdRenderer}: a sentence about the service and the agent providers whose ID-JAGs it
 * trusts. Everything here is shown to agents as text; nothing changes what the endpoints do (the trust list itself
 * lives in the assertion verifier). Immutable and thread-safe.
 *
 * <pre>{@code
 * AuthMdRenderOptions options = AuthMdRenderOptions.builder()
 *         .serviceDescription("Invoices and payments for small businesses.")
 *         .trustedProvider("Example Agents", URI.create("https://agents.example"))
 *         .build();
 * }</pre>
 */
public final class AuthMdRenderOptions {

    /** Longest accepted service description, in characters. */
    public static final int MAX_DESCRIPTION_LENGTH = 2000;

    private static final AuthMdRenderOptions DEFAULTS = new Builder().build();

    private final @Nullable String serviceDescription;
    private final List<TrustedProvider> trustedProviders;
    private final boolean claimBySignIn;

    private AuthMdRenderOptions(Builder b) {
        this.serviceDescription = b.serviceDescription;
        this.trustedProviders = List.copyOf(b.trustedProviders);
        this.claimBySignIn = b.claimBySignIn;
    }

    /**
     * {@return whether the current profile's claim ceremony runs (the service has the host's sign-in): the document
     * then describes {@code service_auth} and how a claim completes}
     */
    public boolean claimBySignIn() {
        return claimBySignIn;
    }

    /**
     * Returns these options with the claim ceremony on or off; {@code AgentAuthEndpoints} sets it from the service.
     *
     * @param enabled whether the current profile's claim ceremony runs
     * @return a copy with that setting
     */
    public AuthMdRenderOptions withClaimBySignIn(boolean enabled) {
        Builder b = new Builder();
        b.serviceDescription = serviceDescription;
        b.trustedProviders.addAll(trustedProviders);
        b.claimBySignIn = enabled;
        return new AuthMdRenderOptions(b);
    }

    /** {@return options with no description and no named providers} */
    public static AuthMdRenderOptions defaults() {
        return DEFAULTS;
    }

    /** {@return an empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a sentence or two about the service, shown under the title; empty if none} */
    public Optional<String> serviceDescription() {
        return Optional.ofNullable(serviceDescription);
    }

    /** {@return the providers named in the ID-JAG section, in the order given; may be empty} */
    public List<TrustedProvider> trustedProviders() {
        return trustedProviders;
    }

    /**
     * An agent provider whose ID-JAGs the service accepts, as shown to agents.
     *
     * @param displayName the provider's name, e.g. {@code Example Agents}; not blank
     * @param issuer the provider's {@code iss} value; an absolute http(s) URL
     */
    public record TrustedProvider(String displayName, URI issuer) {

        /**
         * Validates both parts.
         *
         * @param displayName the provider's name
         * @param issuer the provider's issuer
         */
        public TrustedProvider {
            Objects.requireNonNull(displayName, "displayName cannot be null");
            Objects.requireNonNull(issuer, "issuer cannot be null");
            if (displayName.isBlank()) {
                throw new IllegalArgumentException("displayName cannot be blank");
            }
            String scheme = issuer.getScheme() == null ? "" : issuer.getScheme().toLowerCase(Locale.ROOT);
            if (!issuer.isAbsolute()
                    || issuer.getHost() == null
                    || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new IllegalArgumentException("issuer must be an absolute http(s) URL with a host: " + issuer);
            }
        }
    }

    /** Builds {@link AuthMdRenderOptions}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String serviceDescription;
        private final List<TrustedProvider> trustedProviders = new ArrayList<>();
        private boolean claimBySignIn;

        private Builder() {}

        /**
         * Sets a short description of the service.
         *
         * @param description a short description of the service; null for none
         * @return this builder
         */
        public Builder serviceDescription(@Nullable String description) {
            this.serviceDescription = description;
            return this;
        }

        /**
         * Adds a provider to show in the ID-JAG section.
         *
         * @param displayName provider name
         * @param issuer provider issuer ({@code iss})
         * @return this builder
         */
        public Builder trustedProvider(String displayName, URI issuer) {
            trustedProviders.add(new TrustedProvider(displayName, issuer));
            return this;
        }

        /**
         * Replaces the providers shown in the ID-JAG section.
         *
         * @param providers the providers, in display order
         * @return this builder
         */
        public Builder trustedProviders(List<TrustedProvider> providers) {
            Objects.requireNonNull(providers, "providers cannot be null");
            trustedProviders.clear();
            providers.forEach(p -> trustedProviders.add(Objects.requireNonNull(p, "providers cannot hold null")));
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException if the description is blank or too long, or an issuer is listed twice
         */
        public AuthMdRenderOptions build() {
            if (serviceDescription != null) {
                if (serviceDescription.isBlank()) {
                    throw new IllegalArgumentException("serviceDescription cannot be blank (use null for none)");
                }
                if (serviceDescription.length() > MAX_DESCRIPTION_LENGTH) {
                    throw new IllegalArgumentException(
                            "serviceDescription must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
                }
            }
            Set<String> seen = new HashSet<>();
            for (TrustedProvider p : trustedProviders) {
                if (!seen.add(p.issuer().toString())) {
                    throw new IllegalArgumentException("trustedProviders lists issuer twice: " + p.issuer());
                }
            }
            return new AuthMdRenderOptions(this);
        }
    }
}
