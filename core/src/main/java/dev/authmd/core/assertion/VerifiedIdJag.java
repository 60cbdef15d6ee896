package dev.authmd.core.assertion;

import dev.authmd.core.trust.TrustedProvider;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An ID-JAG that passed every check of docs/protocol.md#v01-3a: who the provider says the user is, how they
 * authenticated, and which trust entry vouched for it. Created only by {@link IdJagVerifier}. Immutable and
 * thread-safe; {@link #toString()} shows no personal data.
 */
public final class VerifiedIdJag {

    private final TrustedProvider provider;
    private final String issuer;
    private final String subject;
    private final String audience;
    private final String clientId;
    private final String jti;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final @Nullable String email;
    private final boolean emailVerified;
    private final @Nullable String phoneNumber;
    private final boolean phoneNumberVerified;
    private final List<String> amr;
    private final @Nullable String acr;
    private final @Nullable Instant authTime;
    private final @Nullable String name;
    private final List<String> resource;
    private final @Nullable String scope;
    private final @Nullable String agentPlatform;
    private final @Nullable String agentContextId;

    VerifiedIdJag(Values v) {
        this.provider = Objects.requireNonNull(v.provider, "provider");
        this.issuer = Objects.requireNonNull(v.issuer, "issuer");
        this.subject = Objects.requireNonNull(v.subject, "subject");
        this.audience = Objects.requireNonNull(v.audience, "audience");
        this.clientId = Objects.requireNonNull(v.clientId, "clientId");
        this.jti = Objects.requireNonNull(v.jti, "jti");
        this.issuedAt = Objects.requireNonNull(v.issuedAt, "issuedAt");
        this.expiresAt = Objects.requireNonNull(v.expiresAt, "expiresAt");
        this.email = v.email;
        this.emailVerified = v.emailVerified;
        this.phoneNumber = v.phoneNumber;
        this.phoneNumberVerified = v.phoneNumberVerified;
        this.amr = List.copyOf(v.amr);
        this.acr = v.acr;
        this.authTime = v.authTime;
        this.name = v.name;
        this.resource = List.copyOf(v.resource);
        this.scope = v.scope;
        this.agentPlatform = v.agentPlatform;
        this.agentContextId = v.agentContextId;
    }

    /** Mutable carrier the verifier fills before creating the value; the constructor checks the required parts. */
    static final class Values {
        @Nullable
        TrustedProvider provider;

        @Nullable
        String issuer;

        @Nullable
        String subject;

        @Nullable
        String audience;

        @Nullable
        String clientId;

        @Nullable
        String jti;

        @Nullable
        Instant issuedAt;

        @Nullable
        Instant expiresAt;

        @Nullable
        String email;

        boolean emailVerified;

        @Nullable
        String phoneNumber;

        boolean phoneNumberVerified;
        List<String> amr = List.of();

        @Nullable
        String acr;

        @Nullable
        Instant authTime;

        @Nullable
        String name;

        List<String> resource = List.of();

        @Nullable
        String scope;

        @Nullable
        String agentPlatform;

        @Nullable
        String agentContextId;
    }

    /** {@return the trust entry that matched {@code iss} (its policy, JIT and scope ceiling apply)} */
    public TrustedProvider provider() {
        return provider;
    }

    /** {@return {@code iss}} */
    public String issuer() {
        return issuer;
    }

    /** {@return {@code sub}: the user at the provider} */
    public String subject() {
        return subject;
    }

    /** {@return the single {@code aud} value, one of the service's accepted audiences} */
    public String audience() {
        return audience;
    }

    /** {@return {@code client_id}} */
    public String clientId() {
        return clientId;
    }

    /** {@return {@code jti}} */
    public String jti() {
        return jti;
    }

    /** {@return {@code iat}} */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** {@return {@code exp}} */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** {@return {@code email}, when present} */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /** {@return whether {@code email_verified} is the boolean {@code true} and an email is present} */
    public boolean emailVerified() {
        return emailVerified;
    }

    /** {@return {@code phone_number}, when present} */
    public Optional<String> phoneNumber() {
        return Optional.ofNullable(phoneNumber);
    }

    /** {@return whether {@code phone_number_verified} is the boolean {@code true} and a number is present} */
    public boolean phoneNumberVerified() {
        return phoneNumberVerified;
    }

    /** {@return {@code amr}; empty when absent} */
    public List<String> amr() {
        return amr;
    }

    /** {@return {@code acr}, when present} */
    public Optional<String> acr() {
        return Optional.ofNullable(acr);
    }

    /** {@return {@code auth_time}, when present} */
    public Optional<Instant> authTime() {
        return Optional.ofNullable(authTime);
    }

    /** {@return {@code name}, when present} */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** {@return {@code resource} (a string or an array of strings on the wire); empty when absent} */
    public List<String> resource() {
        return resource;
    }

    /** {@return {@code scope} as sent (space-separated), when present} */
    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    /** {@return the scopes of {@code scope}; empty when absent} */
    public List<String> scopes() {
        return scope == null || scope.isBlank()
                ? List.of()
                : List.of(scope.trim().split(" +"));
    }

    /** {@return {@code agent_platform}, when present} */
    public Optional<String> agentPlatform() {
        return Optional.ofNullable(agentPlatform);
    }

    /** {@return {@code agent_context_id}, when present} */
    public Optional<String> agentContextId() {
        return Optional.ofNullable(agentContextId);
    }

    @Override
    public String toString() {
        return "VerifiedIdJag[iss=" + issuer + ", jti=" + jti + ", exp=" + expiresAt + "]";
    }
}
