package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.AttemptDecision;
import dev.authmd.spi.store.ClaimAttempt;
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationStore;
import dev.authmd.spi.store.RegistrationType;
import dev.authmd.spi.store.StoreException;
import dev.authmd.spi.store.WireProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link RegistrationStore} on PostgreSQL through plain JDBC: table {@code authmd_registration} of
 * {@code db/authmd/V1__schema.sql} (apply it with {@link PostgresSchema}).
 *
 * <p><b>Atomicity is the database's.</b> {@link #insert} is one {@code INSERT … ON CONFLICT DO NOTHING};
 * {@link #update} one {@code UPDATE … WHERE tenant_id = ? AND id = ? AND version = ?}. PostgreSQL's row lock decides a
 * race between replicas: the loser's {@code UPDATE} re-reads the winner's row, no longer matches the version and
 * changes nothing. The claim state and its current attempt are columns; partial unique indexes on {@code (tenant_id,
 * claim_token_hash)} and {@code (tenant_id, attempt_token_hash)} make both lookups keyed and reject a hash that belongs
 * to another registration ({@link StoreException}, nothing written). Only the current attempt's hash is a column, so a
 * superseded link is not found.
 *
 * <p><b>Lookups</b> each read one index: the primary key (by id, and {@link #findByTenant} pages through it), the two
 * hash indexes, {@code (tenant_id, user_id, created_at, id)}, {@code (tenant_id, issuer, subject, created_at, id)}, and
 * a partial index on {@code expires_at} over claimable registrations only, which {@link #findDueForExpiry} reads
 * soonest first, and one on {@code (tenant_id, ended_at)} over terminal registrations, which {@link #findEndedBefore}
 * reads for the retention purge.
 *
 * <p>Each call borrows one connection from the host's {@link DataSource} and is its own transaction (auto-commit, or
 * committed here when the pool hands out connections with auto-commit off). Use the default {@code READ COMMITTED}
 * isolation. Instants are kept to the microsecond. Failures are {@link StoreException}s whose messages name the
 * operation and the SQLState, never a value. Thread-safe.
 */
public final class JdbcRegistrationStore implements RegistrationStore {

    private static final String COLUMNS = "tenant_id, id, type, status, version, created_at, expires_at, user_id,"
            + " email, issuer, subject, agent_platform, agent_context_id, requested_credential_type,"
            + " post_claim_scopes, claim_token_hash, claim_expires_at, claim_total_failures, attempt_id,"
            + " attempt_token_hash, attempt_email, attempt_expires_at, attempt_otp_hash, attempt_otp_expires_at,"
            + " attempt_otp_failures, profile, attempt_decision, attempt_confirmed_user, ended_at";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM authmd_registration";

    /** Matches the predicate of the partial index {@code authmd_registration_due_ix}. */
    private static final String CLAIMABLE = "status IN ('unclaimed', 'pending_claim')";

    static final String BY_ID = SELECT + " WHERE tenant_id = ? AND id = ?";
    static final String BY_CLAIM_TOKEN = SELECT + " WHERE tenant_id = ? AND claim_token_hash = ?";
    static final String BY_ATTEMPT_TOKEN = SELECT + " WHERE tenant_id = ? AND attempt_token_hash = ?";
    static final String BY_DELEGATION =
            SELECT + " WHERE tenant_id = ? AND issuer = ? AND subject = ? ORDER BY created_at, id";
    static final String BY_USER = SELECT + " WHERE tenant_id = ? AND user_id = ? ORDER BY created_at, id";
    static final String TENANT_FIRST_PAGE = SELECT + " WHERE tenant_id = ? ORDER BY id LIMIT ?";
    static final String TENANT_NEXT_PAGE = SELECT + " WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?";
    static final String DUE = SELECT + " WHERE " + CLAIMABLE + " AND expires_at <= ? ORDER BY expires_at LIMIT ?";
    /** Reads the partial index {@code authmd_registration_ended_ix}. */
    static final String ENDED =
            SELECT + " WHERE tenant_id = ? AND ended_at IS NOT NULL AND ended_at <= ? ORDER BY ended_at LIMIT ?";

    static final String DELETE = "DELETE FROM authmd_registration WHERE tenant_id = ? AND id = ? AND version = ?"
            + " AND status IN ('expired', 'revoked')";

    static final String INSERT = "INSERT INTO authmd_registration (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";

    static final String UPDATE = "UPDATE authmd_registration SET type = ?, status = ?, version = ?,"
            + " created_at = ?, expires_at = ?, user_id = ?, email = ?, issuer = ?, subject = ?, agent_platform = ?,"
            + " agent_context_id = ?, requested_credential_type = ?, post_claim_scopes = ?, claim_token_hash = ?,"
            + " claim_expires_at = ?, claim_total_failures = ?, attempt_id = ?, attempt_token_hash = ?,"
            + " attempt_email = ?, attempt_expires_at = ?, attempt_otp_hash = ?, attempt_otp_expires_at = ?,"
            + " attempt_otp_failures = ?, profile = ?, attempt_decision = ?, attempt_confirmed_user = ?,"
            + " ended_at = ? WHERE tenant_id = ? AND id = ? AND version = ?";

    static final String EXISTS = "SELECT 1 FROM authmd_registration WHERE tenant_id = ? AND id = ?";

    private final Sql sql;

    /**
     * Creates a registration store over the host's connection pool.
     *
     * @param dataSource the host's pool; the schema must already be applied ({@link PostgresSchema})
     */
    public JdbcRegistrationStore(DataSource dataSource) {
        this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource cannot be null"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code INSERT … ON CONFLICT DO NOTHING} whose arbiters are every unique index, so concurrent inserts of
     * one id never fail with a duplicate-key error; when nothing was inserted, a keyed read tells a taken id
     * ({@code false}) from a token hash held by another registration ({@link StoreException}). Only terminal
     * registrations are deleted and their ids are never given again, so that read is exact.
     */
    @Override
    public boolean insert(Registration registration) {
        Objects.requireNonNull(registration, "registration cannot be null");
        if (registration.version() != 0) {
            throw new IllegalArgumentException("a new registration must have version 0");
        }
        InsertOutcome outcome = sql.run("insert registration", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                int i = 1;
                ps.setString(i++, registration.tenantId());
                ps.setString(i++, registration.id());
                ps.setString(i++, registration.type().wireName());
                ps.setString(i++, registration.status().wireName());
                ps.setLong(i++, registration.version());
                bindState(c, ps, i, registration);
                if (ps.executeUpdate() == 1) {
                    return InsertOutcome.INSERTED;
                }
            }
            return exists(c, registration.tenantId(), registration.id())
                    ? InsertOutcome.ID_TAKEN
                    : InsertOutcome.HASH_TAKEN;
        });
        if (outcome == InsertOutcome.HASH_TAKEN) {
            throw new StoreException("insert registration failed: a token hash already belongs to another"
                    + " registration of the tenant");
        }
        return outcome == InsertOutcome.INSERTED;
    }

    @Override
    public Optional<Registration> findById(String tenantId, String id) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(id, "id cannot be null");
        return findOne("find registration by id", BY_ID, tenantId, id);
    }

    @Override
    public Optional<Registration> findByClaimTokenHash(String tenantId, String claimTokenHash) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(claimTokenHash, "claimTokenHash cannot be null");
        return findOne("find registration by claim token hash", BY_CLAIM_TOKEN, tenantId, claimTokenHash);
    }

    @Override
    public Optional<Registration> findByAttemptTokenHash(String tenantId, String attemptTokenHash) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(attemptTokenHash, "attemptTokenHash cannot be null");
        return findOne("find registration by attempt token hash", BY_ATTEMPT_TOKEN, tenantId, attemptTokenHash);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One versioned {@code UPDATE}; a unique-index violation on a token hash is reported as a {@link StoreException}
     * and the statement changes nothing.
     */
    @Override
    public boolean update(long expectedVersion, Registration next) {
        Objects.requireNonNull(next, "next cannot be null");
        if (next.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("next.version must be expectedVersion + 1");
        }
        try {
            return sql.run("update registration", c -> {
                try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                    int i = 1;
                    ps.setString(i++, next.type().wireName());
                    ps.setString(i++, next.status().wireName());
                    ps.setLong(i++, next.version());
                    i = bindState(c, ps, i, next);
                    ps.setString(i++, next.tenantId());
                    ps.setString(i++, next.id());
                    ps.setLong(i, expectedVersion);
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException cause && Sql.UNIQUE_VIOLATION.equals(cause.getSQLState())) {
                throw new StoreException(
                        "update registration failed: a token hash already belongs to another"
                                + " registration of the tenant",
                        cause);
            }
            throw e;
        }
    }

    @Override
    public List<Registration> findByDelegation(String tenantId, String issuer, String subject) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(issuer, "issuer cannot be null");
        Objects.requireNonNull(subject, "subject cannot be null");
        return findMany("find registrations by delegation", BY_DELEGATION, tenantId, issuer, subject);
    }

    @Override
    public List<Registration> findByUser(String tenantId, String userId) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(userId, "userId cannot be null");
        return findMany("find registrations by user", BY_USER, tenantId, userId);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A range read of the primary key: {@code id > afterId ORDER BY id LIMIT n}, in byte order of the ids
     * ({@code COLLATE "C"}).
     */
    @Override
    public List<Registration> findByTenant(String tenantId, String afterId, int limit) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Sql.requireLimit(limit);
        if (afterId == null) {
            return findMany("page registrations of a tenant", TENANT_FIRST_PAGE, tenantId, limit);
        }
        return findMany("page registrations of a tenant", TENANT_NEXT_PAGE, tenantId, afterId, limit);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the partial index of claimable registrations soonest expiry first. Safe on every replica at once: it
     * takes no lock, and the expiry that follows is a versioned {@link #update} that exactly one replica wins per
     * registration.
     */
    @Override
    public List<Registration> findDueForExpiry(Instant now, int limit) {
        Objects.requireNonNull(now, "now cannot be null");
        Sql.requireLimit(limit);
        return findMany("find registrations due for expiry", DUE, Sql.timestamp(now), limit);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the partial index of ended registrations, earliest end first.
     */
    @Override
    public List<Registration> findEndedBefore(String tenantId, Instant endedBefore, int limit) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(endedBefore, "endedBefore cannot be null");
        Sql.requireLimit(limit);
        return findMany("find ended registrations", ENDED, tenantId, Sql.timestamp(endedBefore), limit);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code DELETE} keyed by the primary key, with the version and a terminal status in its predicate.
     */
    @Override
    public boolean delete(String tenantId, String id, long expectedVersion) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(id, "id cannot be null");
        return sql.run("delete registration", c -> {
            try (PreparedStatement ps = c.prepareStatement(DELETE)) {
                ps.setString(1, tenantId);
                ps.setString(2, id);
                ps.setLong(3, expectedVersion);
                return ps.executeUpdate() == 1;
            }
        });
    }

    // ------------------------------------------------------------------------------ SQL helpers

    private Optional<Registration> findOne(String operation, String query, Object... params) {
        List<Registration> found = findMany(operation, query, params);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Runs a query and maps every row it returns to a registration.
     *
     * @param params strings, ints and {@link Sql#timestamp timestamps}, bound in order
     */
    private List<Registration> findMany(String operation, String query, Object... params) {
        return sql.run(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                Sql.bind(ps, params);
                return Collections.unmodifiableList(readAll(ps));
            }
        });
    }

    private static boolean exists(Connection c, String tenantId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EXISTS)) {
            ps.setString(1, tenantId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Binds every column after {@code version}, in {@link #COLUMNS} order, from {@code created_at} to
     * {@code attempt_otp_failures}.
     *
     * @return the next parameter index
     */
    private static int bindState(Connection c, PreparedStatement ps, int start, Registration r) throws SQLException {
        int i = start;
        Sql.setInstant(ps, i++, r.createdAt());
        Sql.setInstant(ps, i++, r.expiresAt().orElse(null));
        ps.setString(i++, r.userId().orElse(null));
        ps.setString(i++, r.email().orElse(null));
        ps.setString(i++, r.issuer().orElse(null));
        ps.setString(i++, r.subject().orElse(null));
        ps.setString(i++, r.agentPlatform().orElse(null));
        ps.setString(i++, r.agentContextId().orElse(null));
        ps.setString(
                i++, r.requestedCredentialType().map(CredentialType::wireName).orElse(null));
        Sql.setTextArray(c, ps, i++, r.postClaimScopes());
        ClaimState claim = r.claim().orElse(null);
        ps.setString(i++, claim == null ? null : claim.claimTokenHash());
        Sql.setInstant(ps, i++, claim == null ? null : claim.claimTokenExpiresAt());
        Sql.setNullableInt(ps, i++, claim == null ? null : claim.totalFailures());
        ClaimAttempt attempt = claim == null ? null : claim.attempt();
        ps.setString(i++, attempt == null ? null : attempt.id());
        ps.setString(i++, attempt == null ? null : attempt.tokenHash());
        ps.setString(i++, attempt == null ? null : attempt.email());
        Sql.setInstant(ps, i++, attempt == null ? null : attempt.expiresAt());
        ps.setString(i++, attempt == null ? null : attempt.otpHash());
        Sql.setInstant(ps, i++, attempt == null ? null : attempt.otpExpiresAt());
        Sql.setNullableInt(ps, i++, attempt == null ? null : attempt.otpFailures());
        ps.setString(i++, r.profile().storedName());
        ps.setString(i++, attempt == null ? null : attempt.decision().storedName());
        ps.setString(i++, attempt == null ? null : attempt.confirmedUserId());
        Sql.setInstant(ps, i++, r.endedAt().orElse(null));
        return i;
    }

    private static List<Registration> readAll(PreparedStatement ps) throws SQLException {
        List<Registration> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(read(rs));
            }
        }
        return found;
    }

    private static Registration read(ResultSet rs) throws SQLException {
        String issuer = rs.getString("issuer");
        Registration.Builder b = Registration.builder(rs.getString("tenant_id"), rs.getString("id"))
                .type(registrationType(rs.getString("type")))
                .profile(WireProfile.fromStoredName(rs.getString("profile")).orElseThrow(() -> unknown("profile")))
                .status(status(rs.getString("status")))
                .version(rs.getLong("version"))
                .createdAt(Sql.getInstant(rs, "created_at"))
                .expiresAt(Sql.getInstant(rs, "expires_at"))
                .endedAt(Sql.getInstant(rs, "ended_at"))
                .userId(rs.getString("user_id"))
                .email(rs.getString("email"))
                .delegation(issuer, rs.getString("subject"))
                .agentPlatform(rs.getString("agent_platform"))
                .agentContextId(rs.getString("agent_context_id"))
                .postClaimScopes(Sql.getTextArray(rs, "post_claim_scopes"));
        String credentialType = rs.getString("requested_credential_type");
        if (credentialType != null) {
            b.requestedCredentialType(CredentialType.fromWireName(credentialType)
                    .orElseThrow(() -> unknown("requested_credential_type")));
        }
        String claimTokenHash = rs.getString("claim_token_hash");
        if (claimTokenHash != null) {
            ClaimAttempt attempt = null;
            String attemptId = rs.getString("attempt_id");
            if (attemptId != null) {
                attempt = new ClaimAttempt(
                        attemptId,
                        rs.getString("attempt_token_hash"),
                        rs.getString("attempt_email"),
                        Sql.getInstant(rs, "attempt_expires_at"),
                        rs.getString("attempt_otp_hash"),
                        Sql.getInstant(rs, "attempt_otp_expires_at"),
                        rs.getInt("attempt_otp_failures"),
                        AttemptDecision.fromStoredName(rs.getString("attempt_decision"))
                                .orElseThrow(() -> unknown("attempt_decision")),
                        rs.getString("attempt_confirmed_user"));
            }
            b.claim(new ClaimState(
                    claimTokenHash,
                    Sql.getInstant(rs, "claim_expires_at"),
                    attempt,
                    rs.getInt("claim_total_failures")));
        }
        return b.build();
    }

    private static RegistrationType registrationType(String wireName) {
        for (RegistrationType type : RegistrationType.values()) {
            if (type.wireName().equals(wireName)) {
                return type;
            }
        }
        throw unknown("type");
    }

    private static RegistrationStatus status(String wireName) {
        for (RegistrationStatus status : RegistrationStatus.values()) {
            if (status.wireName().equals(wireName)) {
                return status;
            }
        }
        throw unknown("status");
    }

    private static StoreException unknown(String column) {
        return new StoreException("authmd_registration." + column + " holds a value this library does not know;"
                + " is the schema newer than the library?");
    }

    @Override
    public String toString() {
        return "JdbcRegistrationStore[authmd_registration]";
    }

    /** What one insert found. */
    private enum InsertOutcome {
        INSERTED,
        ID_TAKEN,
        HASH_TAKEN
    }
}
