package dev.authmd.testkit;

import dev.authmd.spi.store.ClaimAttempt;
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.Credential;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Delegation;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import dev.authmd.spi.store.ReplayKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Ready-made, valid store values for tests: each factory fills every required field with a plausible value derived from
 * its arguments, so a test only states what it is about. Factories of values with many fields return builders.
 *
 * <p>Derived secrets are deterministic: the claim token hash of registration {@code reg-1} is {@code hash("clm:reg-1")}
 * whatever its tenant, so the same hash exists in two tenants when the same id is used in both. All instants are whole
 * seconds from {@link #T0} unless given.
 *
 * <pre>{@code
 * Registration r = StoreFixtures.registration("t1", "reg-1").userId("u1").build();
 * Credential c = StoreFixtures.credential("t1", "cred-1", "reg-1").userId("u1").build();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class StoreFixtures {

    /** The instant fixtures use when none is given: {@code 2026-05-04T12:00:00Z}. */
    public static final Instant T0 = Instant.parse("2026-05-04T12:00:00Z");

    /** The lifetime fixtures give a registration and its claim token: 24 hours. */
    public static final Duration REGISTRATION_TTL = Duration.ofHours(24);

    /** The lifetime fixtures give a claim attempt's link: 15 minutes. */
    public static final Duration ATTEMPT_TTL = Duration.ofMinutes(15);

    /** The issuer fixtures use for delegations and replay keys. */
    public static final String ISSUER = "https://provider.example";

    private static final HexFormat HEX = HexFormat.of();

    private StoreFixtures() {}

    /**
     * {@return the lower-case hex SHA-256 of {@code label}, shaped like the hashes the library stores}
     *
     * @param label any text
     */
    public static String hash(String label) {
        Objects.requireNonNull(label, "label cannot be null");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }

    /**
     * An anonymous, unclaimed registration created at {@link #T0}; see {@link #registration(String, String, Instant)}.
     *
     * @param tenantId the tenant
     * @param id the registration id
     * @return a builder for a version-0 registration, ready to build
     */
    public static Registration.Builder registration(String tenantId, String id) {
        return registration(tenantId, id, T0);
    }

    /**
     * An anonymous, {@code UNCLAIMED} registration at version 0, created at {@code createdAt}, expiring
     * {@link #REGISTRATION_TTL} later, with {@code post_claim_scopes} and a claim state whose token hash is
     * {@link #claimTokenHash(String) claimTokenHash(id)} and that has no attempt yet.
     *
     * @param tenantId the tenant
     * @param id the registration id
     * @param createdAt its creation instant
     * @return a builder for that registration, ready to build
     */
    public static Registration.Builder registration(String tenantId, String id, Instant createdAt) {
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
        Instant expiresAt = createdAt.plus(REGISTRATION_TTL);
        return Registration.builder(tenantId, id)
                .type(RegistrationType.ANONYMOUS)
                .status(RegistrationStatus.UNCLAIMED)
                .createdAt(createdAt)
                .expiresAt(expiresAt)
                .requestedCredentialType(CredentialType.API_KEY)
                .postClaimScopes(List.of("api.read", "api.write"))
                .claim(new ClaimState(claimTokenHash(id), expiresAt, null, 0));
    }

    /**
     * {@return the claim token hash {@link #registration(String, String)} gives that registration}
     *
     * @param registrationId a registration id
     */
    public static String claimTokenHash(String registrationId) {
        return hash("clm:" + Objects.requireNonNull(registrationId, "registrationId cannot be null"));
    }

    /**
     * A claim attempt without an OTP, sent to {@code user@example.com}, whose link expires {@link #ATTEMPT_TTL} after
     * {@link #T0}.
     *
     * @param attemptId the attempt id; its token hash is {@link #attemptTokenHash(String) attemptTokenHash(attemptId)}
     * @return the attempt
     */
    public static ClaimAttempt attempt(String attemptId) {
        return attempt(attemptId, T0.plus(ATTEMPT_TTL));
    }

    /**
     * {@return a claim attempt without an OTP, sent to {@code user@example.com}}
     *
     * @param attemptId the attempt id; its token hash is {@link #attemptTokenHash(String) attemptTokenHash(attemptId)}
     * @param expiresAt when its link expires
     */
    public static ClaimAttempt attempt(String attemptId, Instant expiresAt) {
        return new ClaimAttempt(attemptId, attemptTokenHash(attemptId), "user@example.com", expiresAt, null, null, 0);
    }

    /**
     * {@return the attempt token hash {@link #attempt(String)} gives that attempt}
     *
     * @param attemptId an attempt id
     */
    public static String attemptTokenHash(String attemptId) {
        return hash("cvt:" + Objects.requireNonNull(attemptId, "attemptId cannot be null"));
    }

    /**
     * An API key issued at {@link #T0}; see {@link #credential(String, String, String, Instant)}.
     *
     * @param tenantId the tenant
     * @param id the credential id
     * @param registrationId the registration it belongs to
     * @return a builder for that credential, ready to build
     */
    public static CredentialBuilder credential(String tenantId, String id, String registrationId) {
        return credential(tenantId, id, registrationId, T0);
    }

    /**
     * A non-expiring, unrevoked API key at version 0 with scope {@code api.read}, no user, and the secret hash
     * {@link #secretHash(String) secretHash(id)}.
     *
     * @param tenantId the tenant
     * @param id the credential id
     * @param registrationId the registration it belongs to
     * @param issuedAt when it was issued
     * @return a builder for that credential, ready to build
     */
    public static CredentialBuilder credential(String tenantId, String id, String registrationId, Instant issuedAt) {
        return new CredentialBuilder(tenantId, id, registrationId, issuedAt);
    }

    /**
     * {@return the secret hash {@link #credential(String, String, String)} gives that credential}
     *
     * @param credentialId a credential id
     */
    public static String secretHash(String credentialId) {
        return hash("sk:" + Objects.requireNonNull(credentialId, "credentialId cannot be null"));
    }

    /**
     * {@return a delegation created at {@link #T0}}
     *
     * @param tenantId the tenant
     * @param issuer the provider's {@code iss}
     * @param subject the provider's {@code sub}
     * @param userId the host's user
     */
    public static Delegation delegation(String tenantId, String issuer, String subject, String userId) {
        return delegation(tenantId, issuer, subject, userId, T0);
    }

    /**
     * {@return the delegation}
     *
     * @param tenantId the tenant
     * @param issuer the provider's {@code iss}
     * @param subject the provider's {@code sub}
     * @param userId the host's user
     * @param createdAt when it was linked
     */
    public static Delegation delegation(
            String tenantId, String issuer, String subject, String userId, Instant createdAt) {
        return new Delegation(tenantId, issuer, subject, userId, createdAt);
    }

    /**
     * {@return a replay key in the {@code id-jag} namespace from {@link #ISSUER}}
     *
     * @param jti the {@code jti}
     */
    public static ReplayKey replayKey(String jti) {
        return new ReplayKey("id-jag", ISSUER, jti);
    }

    /**
     * Builds a {@link Credential} from the values {@link StoreFixtures#credential} chose, so a test changes only what
     * it is about. Not thread-safe.
     */
    public static final class CredentialBuilder {
        private final String tenantId;
        private final String id;
        private final String registrationId;
        private String secretHash;
        private CredentialType type = CredentialType.API_KEY;
        private String userId;
        private List<String> scopes = List.of("api.read");
        private Instant issuedAt;
        private Instant expiresAt;
        private Instant revokedAt;
        private long version;

        private CredentialBuilder(String tenantId, String id, String registrationId, Instant issuedAt) {
            this.tenantId = tenantId;
            this.id = id;
            this.registrationId = registrationId;
            this.secretHash = id == null ? null : StoreFixtures.secretHash(id);
            this.issuedAt = issuedAt;
        }

        /**
         * Sets the secret hash.
         *
         * @param secretHash the secret hash; defaults to {@code secretHash(id)}
         * @return this builder
         */
        public CredentialBuilder secretHash(String secretHash) {
            this.secretHash = secretHash;
            return this;
        }

        /**
         * Sets the type.
         *
         * @param type the credential type; defaults to {@code API_KEY}
         * @return this builder
         */
        public CredentialBuilder type(CredentialType type) {
            this.type = type;
            return this;
        }

        /**
         * Sets the user id.
         *
         * @param userId the owning user; defaults to none
         * @return this builder
         */
        public CredentialBuilder userId(String userId) {
            this.userId = userId;
            return this;
        }

        /**
         * Sets the scopes.
         *
         * @param scopes the scopes; defaults to {@code [api.read]}
         * @return this builder
         */
        public CredentialBuilder scopes(List<String> scopes) {
            this.scopes = scopes;
            return this;
        }

        /**
         * Sets the issue time.
         *
         * @param issuedAt when issued
         * @return this builder
         */
        public CredentialBuilder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        /**
         * Sets the expiry time.
         *
         * @param expiresAt when it expires; defaults to never
         * @return this builder
         */
        public CredentialBuilder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /**
         * Sets the revocation time.
         *
         * @param revokedAt when revoked; defaults to never
         * @return this builder
         */
        public CredentialBuilder revokedAt(Instant revokedAt) {
            this.revokedAt = revokedAt;
            return this;
        }

        /**
         * Sets the version.
         *
         * @param version the version; defaults to 0
         * @return this builder
         */
        public CredentialBuilder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * {@return the credential}
         *
         * @throws NullPointerException or IllegalArgumentException as {@link Credential} does
         */
        public Credential build() {
            return new Credential(
                    tenantId,
                    id,
                    secretHash,
                    type,
                    registrationId,
                    userId,
                    scopes,
                    issuedAt,
                    expiresAt,
                    revokedAt,
                    version);
        }
    }
}
