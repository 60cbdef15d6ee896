package dev.authmd.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement the stores run reads an index, never a whole table: each is prepared as the stores prepare it, and
 * its generic plan (the one a pooled, server-prepared statement ends up with) is explained with sequential scans priced
 * out. A Seq Scan left in the plan means no index can serve that statement.
 */
class IndexUsageTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer(2);

    static List<Map.Entry<String, String>> statements() {
        return List.of(
                Map.entry("registration by id", JdbcRegistrationStore.BY_ID),
                Map.entry("registration by claim token hash", JdbcRegistrationStore.BY_CLAIM_TOKEN),
                Map.entry("registration by attempt token hash", JdbcRegistrationStore.BY_ATTEMPT_TOKEN),
                Map.entry("registrations by delegation", JdbcRegistrationStore.BY_DELEGATION),
                Map.entry("registrations by user", JdbcRegistrationStore.BY_USER),
                Map.entry("registrations of a tenant, first page", JdbcRegistrationStore.TENANT_FIRST_PAGE),
                Map.entry("registrations of a tenant, next page", JdbcRegistrationStore.TENANT_NEXT_PAGE),
                Map.entry("registrations due for expiry", JdbcRegistrationStore.DUE),
                Map.entry("registrations ended before", JdbcRegistrationStore.ENDED),
                Map.entry("registration delete", JdbcRegistrationStore.DELETE),
                Map.entry("registration update", JdbcRegistrationStore.UPDATE),
                Map.entry("registration exists", JdbcRegistrationStore.EXISTS),
                Map.entry("credential by hash", JdbcCredentialStore.BY_HASH),
                Map.entry("credentials by registration", JdbcCredentialStore.BY_REGISTRATION),
                Map.entry("credential update", JdbcCredentialStore.UPDATE),
                Map.entry("credential revocation", JdbcCredentialStore.REVOKE),
                Map.entry("credentials delete by registration", JdbcCredentialStore.DELETE_BY_REGISTRATION),
                Map.entry("expired credential sweep", JdbcCredentialStore.SWEEP),
                Map.entry("delegation", JdbcDelegationStore.FIND),
                Map.entry("delegation delete", JdbcDelegationStore.DELETE),
                Map.entry("delegations by user", JdbcDelegationStore.BY_USER),
                Map.entry("replay mark", JdbcReplayCache.MARK),
                Map.entry("replay sweep", JdbcReplayCache.SWEEP),
                Map.entry("rate-limit increment", JdbcRateLimitStore.INCREMENT),
                Map.entry("rate-limit read", JdbcRateLimitStore.GET),
                Map.entry("rate-limit sweep", JdbcRateLimitStore.SWEEP),
                Map.entry("issued assertion", JdbcIssuedAssertionStore.FIND),
                Map.entry("issued assertion retire", JdbcIssuedAssertionStore.RETIRE),
                Map.entry("issued assertions retire by registration", JdbcIssuedAssertionStore.RETIRE_BY_REGISTRATION),
                Map.entry("issued assertion sweep", JdbcIssuedAssertionStore.SWEEP),
                Map.entry("refresh token by hash", JdbcRefreshTokenStore.FIND),
                Map.entry("refresh token spend", JdbcRefreshTokenStore.SPEND),
                Map.entry("refresh tokens revoke by registration", JdbcRefreshTokenStore.REVOKE_BY_REGISTRATION),
                Map.entry("refresh token sweep", JdbcRefreshTokenStore.SWEEP),
                Map.entry("access token by hash", JdbcAccessTokenStore.FIND),
                Map.entry("access token revoke", JdbcAccessTokenStore.REVOKE),
                Map.entry("access tokens revoke by registration", JdbcAccessTokenStore.REVOKE_BY_REGISTRATION),
                Map.entry("access tokens revoke by assertion", JdbcAccessTokenStore.REVOKE_BY_ASSERTION),
                Map.entry("access token sweep", JdbcAccessTokenStore.SWEEP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void statementWhenPlannedGenericallyThenNoSequentialScan(Map.Entry<String, String> statement) throws SQLException {
        List<String> plan = explainGeneric(statement.getValue());

        assertThat(plan).as(String.join("\n", plan)).noneMatch(line -> line.contains("Seq Scan"));
    }

    private static List<String> explainGeneric(String jdbcSql) throws SQLException {
        StringBuilder sql = new StringBuilder();
        int parameters = 0;
        for (char ch : jdbcSql.toCharArray()) {
            if (ch == '?') {
                sql.append('$').append(++parameters);
            } else {
                sql.append(ch);
            }
        }
        List<String> nulls = new ArrayList<>();
        for (int i = 0; i < parameters; i++) {
            nulls.add("NULL");
        }
        List<String> plan = new ArrayList<>();
        try (Connection c = POSTGRES.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("SET enable_seqscan = off");
            s.execute("PREPARE probe AS " + sql);
            try (ResultSet rs = s.executeQuery(
                    "EXPLAIN EXECUTE probe" + (parameters == 0 ? "" : "(" + String.join(", ", nulls) + ")"))) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            } finally {
                s.execute("DEALLOCATE probe");
                s.execute("RESET ALL");
            }
        }
        return plan;
    }
}
