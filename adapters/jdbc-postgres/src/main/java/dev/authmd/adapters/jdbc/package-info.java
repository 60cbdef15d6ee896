/**
 * The storage SPIs of {@code dev.authmd.spi.store} on PostgreSQL through plain JDBC, for services that run several
 * replicas against one database: {@link dev.authmd.adapters.jdbc.JdbcRegistrationStore},
 * {@link dev.authmd.adapters.jdbc.JdbcCredentialStore}, {@link dev.authmd.adapters.jdbc.JdbcDelegationStore},
 * {@link dev.authmd.adapters.jdbc.JdbcReplayCache} and {@link dev.authmd.adapters.jdbc.JdbcRateLimitStore}, over the
 * schema that {@link dev.authmd.adapters.jdbc.PostgresSchema} applies.
 *
 * <p>Every race the SPIs decide is decided by the database in one statement ({@code INSERT … ON CONFLICT},
 * {@code UPDATE … WHERE version = ?}), never by a lock in the JVM, and every lookup reads an index. Each store takes
 * the host's {@link javax.sql.DataSource} (a pool such as HikariCP) and borrows one connection per call. Each passes
 * the contract suite of {@code authmd-testkit}. Deployment, schema and sweeping: {@code docs/postgresql.md}.
 */
package dev.authmd.adapters.jdbc;
