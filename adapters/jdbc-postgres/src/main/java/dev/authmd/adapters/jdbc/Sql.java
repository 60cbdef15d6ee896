package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.StoreException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The JDBC plumbing every store shares: one connection per call, the call is its own transaction, failures become
 * {@link StoreException}s whose messages and causes never quote a stored value. Thread-safe (holds only the
 * {@link DataSource}).
 */
final class Sql {

    /** SQLState of a unique-index violation. */
    static final String UNIQUE_VIOLATION = "23505";

    /**
     * SQLState classes whose server messages name only objects (tables, columns, databases, users, hosts) or
     * conditions, never row values: connection, authentication, missing database or schema, undefined objects,
     * resources, shutdown, deadlock. Messages of every other class (data exceptions, constraint violations with their
     * "Key (...)=(...)" and "Failing row contains" details, ...) may quote a hash or an email and are withheld.
     * Exceptions without an SQLState come from the client side (a pool timeout, say), which never sees row values, and
     * are kept.
     */
    private static final Set<String> SAFE_CLASSES =
            Set.of("08", "28", "3D", "3F", "40", "42", "53", "54", "55", "57", "58", "XX");

    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource cannot be null");
    }

    /** One unit of work on a borrowed connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection from the pool as one transaction: in auto-commit mode each statement commits by
     * itself; otherwise this commits after {@code work} and rolls back when it fails.
     *
     * @param operation what is being done, for the exception message (no values)
     * @param work the statements
     * @return what {@code work} returned
     * @throws StoreException when the connection or a statement fails
     */
    <T> T run(String operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try {
                T result = work.run(connection);
                if (!autoCommit) {
                    connection.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (!autoCommit) {
                    rollbackQuietly(connection, e);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw storeException(operation, e);
        }
    }

    /**
     * Runs a batched delete until a batch comes back short: each batch is its own short statement.
     *
     * @param operation what is being done, for the exception message
     * @param statement a delete whose every parameter is {@code now} and that removes at most {@code batch} rows
     * @param batch the statement's batch size
     * @param now the instant bound to it
     * @return the rows removed in all
     */
    int deleteInBatches(String operation, String statement, int batch, Instant now) {
        int parameters = (int) statement.chars().filter(ch -> ch == '?').count();
        int total = 0;
        int deleted;
        do {
            deleted = run(operation, c -> {
                try (PreparedStatement ps = c.prepareStatement(statement)) {
                    for (int i = 1; i <= parameters; i++) {
                        setInstant(ps, i, now);
                    }
                    return ps.executeUpdate();
                }
            });
            total += deleted;
        } while (deleted == batch);
        return total;
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(sanitize(rollbackFailure));
        }
    }

    /**
     * {@return a store exception naming the operation and SQLState, with a cause that keeps the driver's message only
     * when that message cannot quote a value}
     *
     * @param operation what failed
     * @param e the driver's exception
     */
    static StoreException storeException(String operation, SQLException e) {
        String state = e.getSQLState();
        return new StoreException(
                operation + " failed (SQLState " + (state == null ? "unknown" : state) + ")", sanitize(e));
    }

    /**
     * {@return {@code e} itself when it has no SQLState or one whose class never quotes values; otherwise a copy that
     * keeps SQLState, vendor code and stack trace but not the message}
     *
     * @param e a driver exception
     */
    static SQLException sanitize(SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.length() >= 2 && SAFE_CLASSES.contains(state.substring(0, 2))) {
            return e;
        }
        SQLException copy = new SQLException(
                "database error " + state + " (message withheld: it may quote stored values)", state, e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    // ------------------------------------------------------------------------------ binding

    /**
     * {@return it as a timestamptz parameter, truncated to the microseconds PostgreSQL keeps}
     *
     * @param instant an instant or null
     */
    static OffsetDateTime timestamp(Instant instant) {
        return instant == null
                ? null
                : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /**
     * Binds parameters to a statement in order.
     *
     * @param ps a statement
     * @param params strings, integers, longs and {@link #timestamp(Instant) timestamps}, bound from parameter 1 on
     */
    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, timestamp(instant));
        }
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static void setTextArray(Connection connection, PreparedStatement ps, int index, List<String> values)
            throws SQLException {
        Array array = connection.createArrayOf("text", values.toArray());
        ps.setArray(index, array);
    }

    static List<String> getTextArray(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }

    static void setNullableInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    static Integer getNullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /**
     * Checks that a page size is at least 1.
     *
     * @param limit a caller's page size
     * @throws IllegalArgumentException when below 1
     */
    static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }
}
