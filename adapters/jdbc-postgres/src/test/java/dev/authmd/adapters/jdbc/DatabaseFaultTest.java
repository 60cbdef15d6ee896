package dev.authmd.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.authmd.core.assertion.SecurityEventResult;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.ClaimAttemptStarted;
import dev.authmd.core.service.ClaimCompleted;
import dev.authmd.core.service.CurrentOutcome;
import dev.authmd.core.service.IdentityRequest;
import dev.authmd.core.service.IdentityResult;
import dev.authmd.core.service.IssuedCredential;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.service.TokenGrant;
import dev.authmd.core.service.TokenRequest;
import dev.authmd.core.signing.InMemorySigningKeySource;
import dev.authmd.core.trust.TrustList;
import dev.authmd.protocol.error.CurrentProfileError;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.store.StoreException;
import dev.authmd.testkit.host.TestInbox;
import dev.authmd.testkit.host.TestProvider;
import dev.authmd.testkit.host.TestSignIn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL crashed ({@code pg_ctl stop -m immediate}: every server process aborted, crash recovery on the next start)
 * and restarted, once in the middle of each kind of step, while four agents run both profiles' ceremonies against one
 * service on the JDBC stores: registrations, claim completions (the emailed code of v0.1, the sign-in and read-back
 * code of the current profile), token exchanges, refresh rotations and every kind of revocation.
 *
 * <p>Every step either completes fully (what it issued works at once; what it revoked is refused at once) or fails
 * cleanly: a {@link StoreException}, which every endpoint answers as {@code 500 server_error}, or the
 * {@code server_error} outcome itself. Anything else is counted as unclean and fails the run. Afterwards the same
 * service (never restarted) completes every ceremony again, and a consistency check over the tables finds nothing
 * half-written. Run by hand ({@code -Pdb-faults}); figures in docs/testing.md.
 */
@Tag("db-faults")
class DatabaseFaultTest {

    private static final String RESOURCE = "https://api.example.com";
    private static final String PROVIDER = "https://agents.example";
    private static final RequestContext CTX = RequestContext.defaultTenant("192.0.2.44");
    private static final int AGENTS = 4;
    /**
     * The steps the server is crashed in the middle of, one crash each, in turn: the crash fires as the next agent
     * begins that step, so its statements race the dying server (other agents are mid-step too).
     */
    private static final List<String> CRASH_IN = List.of(
            "v0.1 anonymous registration",
            "v0.1 ID-JAG registration",
            "v0.1 claim completion",
            "v0.1 logout token",
            "current anonymous identity",
            "current ID-JAG identity",
            "current claim completion",
            "current token exchange",
            "current refresh rotation",
            "current RFC 7009 revocation",
            "current security event");
    /** Rounds over {@link #CRASH_IN}: {@code -Ddb-faults.rounds=N} (default 1). */
    private static final int ROUNDS = Integer.getInteger("db-faults.rounds", 1);
    /** Ceremonies completed between crashes: the load is running, and it is running again after a restart. */
    private static final int COMPLETED_BETWEEN_CRASHES = Integer.getInteger("db-faults.between", 60);
    /** Steps that failed during each outage: the crash did hit requests in flight and new ones. */
    private static final int FAILED_PER_OUTAGE = 10;

    private static final Duration PHASE_DEADLINE = Duration.ofMinutes(3);

    private final Tally tally = new Tally();
    private final AtomicInteger serial = new AtomicInteger();
    private final TestInbox inbox = new TestInbox();
    private final TestSignIn signIn = new TestSignIn();
    private final TestProvider provider = TestProvider.create(PROVIDER, Clock.systemUTC());
    private AgentAuthService service;
    private AgentAuthEndpoints endpoints;

    @Test
    void crashesUnderLoadWhenRestartedThenEveryStepCompletedOrFailedCleanlyAndNothingIsHalfWritten() throws Exception {
        Path target = Path.of("target");
        try (LocalPostgres server = LocalPostgres.start(target, LocalPostgres.Settings.durableDefaults())) {
            server.createDatabase("faults");
            try (HikariDataSource pool = pool(server.jdbcUrl("faults"))) {
                new PostgresSchema(pool).migrate();
                wire(pool);

                AtomicBoolean running = new AtomicBoolean(true);
                List<Thread> agents = new ArrayList<>();
                for (int i = 0; i < AGENTS; i++) {
                    int first = i;
                    Thread agent = new Thread(
                            () -> {
                                for (int n = first; running.get(); n++) {
                                    runCeremony(n);
                                }
                            },
                            "agent-" + i);
                    agent.start();
                    agents.add(agent);
                }
                try {
                    for (int crash = 1; crash <= ROUNDS * CRASH_IN.size(); crash++) {
                        int completed = tally.completed();
                        awaitThat(
                                "ceremonies completed before crash " + crash,
                                () -> tally.completed() >= completed + COMPLETED_BETWEEN_CRASHES);
                        int failed = tally.serverErrors();
                        String step = CRASH_IN.get((crash - 1) % CRASH_IN.size());
                        CountDownLatch fired = new CountDownLatch(1);
                        crashAt.set(new CrashTrigger(step, () -> {
                            server.crash();
                            fired.countDown();
                        }));
                        if (!fired.await(PHASE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                            throw new AssertionError("no agent began " + step + "\n" + tally.report(Map.of()));
                        }
                        tally.outage(true);
                        awaitThat(
                                "steps failed during outage " + crash,
                                () -> tally.serverErrors() >= failed + FAILED_PER_OUTAGE);
                        server.restart();
                        tally.outage(false);
                    }
                    int completed = tally.completed();
                    awaitThat(
                            "ceremonies completed after the last restart",
                            () -> tally.completed() >= completed + COMPLETED_BETWEEN_CRASHES);
                } finally {
                    running.set(false);
                    for (Thread agent : agents) {
                        agent.join(PHASE_DEADLINE.toMillis());
                    }
                }

                int beforeFinalRound = tally.completed();
                for (int n = 0; n < CEREMONIES; n++) {
                    runCeremony(n);
                }
                Map<String, Long> inconsistencies = consistencyCheck(pool);
                String report = tally.report(inconsistencies);
                Files.writeString(target.resolve("db-faults-report.txt"), report, StandardCharsets.UTF_8);
                System.out.println(report);

                assertThat(tally.unclean())
                        .as("steps that neither completed nor failed cleanly")
                        .isEmpty();
                assertThat(tally.completed())
                        .as("every ceremony completes after the crashes, the service never restarted")
                        .isEqualTo(beforeFinalRound + CEREMONIES);
                assertThat(inconsistencies)
                        .as("half-written rows")
                        .allSatisfy((check, rows) -> assertThat(rows).as(check).isZero());
            }
        } finally {
            provider.close();
        }
    }

    // ------------------------------------------------------------------------------ the service

    private static HikariDataSource pool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(8);
        config.setPoolName("db-faults");
        // a step during the outage fails within a second instead of queueing for the default 30
        config.setConnectionTimeout(1_000);
        config.setValidationTimeout(500);
        return new HikariDataSource(config);
    }

    private void wire(HikariDataSource pool) {
        service = Fleet.jdbcStores(AgentAuthService.builder(), pool)
                .config(
                        AgentAuthConfig.builder(URI.create(RESOURCE)).build(),
                        TrustList.builder().add(provider.trusted()).build())
                .signingKeySource(new InMemorySigningKeySource(Clock.systemUTC()))
                .rateLimitPolicy(RateLimitPolicy.none())
                .accountResolver(new Fleet.Users())
                .sessionResolver(signIn)
                .claimMailer(inbox)
                .auditSink(event -> {})
                .build();
        endpoints = AgentAuthEndpoints.builder(service).build();
    }

    // ------------------------------------------------------------------------------ the ceremonies

    private static final int CEREMONIES = 6;

    private void runCeremony(int n) {
        int id = serial.incrementAndGet();
        try {
            switch (n % CEREMONIES) {
                case 0 -> anonymousKey();
                case 1 -> idJagThenLogoutToken(id);
                case 2 -> anonymousKeyClaimedWithEmailedCode(id);
                case 3 -> anonymousIdentityExchangedThenRevoked();
                case 4 -> identityClaimedThenRefreshRotatedThenRevoked(id);
                default -> idJagIdentityThenSecurityEvent(id);
            }
            tally.completed(n % CEREMONIES);
        } catch (Aborted stopped) {
            // the step was counted; an agent would retry the ceremony from the start
        }
    }

    /** v0.1: an anonymous API key, which works at once. */
    private void anonymousKey() {
        RegistrationResult registered = outcome(
                "v0.1 anonymous registration", () -> service.register(CTX, new RegisterRequest.Anonymous(null)));
        expectAuthenticated("v0.1 anonymous key works", credential(registered).secret());
    }

    /** v0.1: an ID-JAG registration, then the provider's logout token revokes it. */
    private void idJagThenLogoutToken(int id) {
        String subject = "sub-" + id;
        RegistrationResult registered = outcome(
                "v0.1 ID-JAG registration",
                () -> service.register(
                        CTX,
                        new RegisterRequest.IdJag(
                                provider.idJag(RESOURCE, subject, "user" + id + "@example.com")
                                        .mint(),
                                null)));
        String secret = credential(registered).secret();
        expectAuthenticated("v0.1 ID-JAG credential works", secret);
        outcome(
                "v0.1 logout token",
                () -> service.revoke(
                        CTX, provider.logoutToken(RESOURCE, subject).mint()));
        expectRefused("v0.1 revoked credential refused", secret);
    }

    /** v0.1: an anonymous key claimed with the code of the claim email. */
    private void anonymousKeyClaimedWithEmailedCode(int id) {
        String email = "claimer" + id + "@example.com";
        RegistrationResult registered = outcome(
                "v0.1 anonymous registration", () -> service.register(CTX, new RegisterRequest.Anonymous(null)));
        String claimToken = registered.claimHandle().orElseThrow().claimToken();
        outcome("v0.1 claim start", () -> service.startClaim(CTX, claimToken, email));
        String otp = outcome("v0.1 claim page code", () -> service.mintChallenge(CTX, inbox.attemptToken(email)))
                .otp();
        ClaimCompleted claimed = outcome("v0.1 claim completion", () -> service.completeClaim(CTX, claimToken, otp));
        String secret = claimed.credential() != null
                ? claimed.credential().secret()
                : credential(registered).secret();
        expectAuthenticated("v0.1 claimed key works", secret);
    }

    /** Current profile: an anonymous identity exchanged for an access token, then revoked (RFC 7009). */
    private void anonymousIdentityExchangedThenRevoked() {
        IdentityResult identity =
                current("current anonymous identity", () -> service.identity(CTX, new IdentityRequest.Anonymous()));
        TokenGrant grant = current(
                "current token exchange",
                () -> service.exchangeToken(
                        CTX,
                        new TokenRequest(identity.identityBlock().orElseThrow().assertion(), null, null)));
        expectAuthenticated("current access token works", grant.accessToken());
        current("current RFC 7009 revocation", () -> service.revokeToken(CTX, grant.accessToken(), "access_token"));
        expectRefused("current revoked access token refused", grant.accessToken());
    }

    /**
     * Current profile: an anonymous identity claimed through the sign-in and the code read back, its refresh token
     * rotated twice, then revoked (RFC 7009).
     */
    private void identityClaimedThenRefreshRotatedThenRevoked(int id) {
        String email = "person" + id + "@example.com";
        String userId = "u-" + id;
        signIn.addUser(userId, email);
        IdentityResult anonymous =
                current("current anonymous identity", () -> service.identity(CTX, new IdentityRequest.Anonymous()));
        String claimToken = anonymous.claim().token();
        ClaimAttemptStarted started =
                current("current claim start", () -> service.startIdentityClaim(CTX, claimToken, email));
        String code = confirmOnThePage(started.verificationUri(), userId);
        IdentityResult claimed =
                current("current claim completion", () -> service.completeIdentityClaim(CTX, claimToken, code));
        String refresh = claimed.identityBlock().orElseThrow().refreshToken();
        for (int rotation = 1; rotation <= 2; rotation++) {
            String spent = refresh;
            refresh = current(
                            "current refresh rotation", () -> service.identity(CTX, new IdentityRequest.Refresh(spent)))
                    .identityBlock()
                    .orElseThrow()
                    .refreshToken();
        }
        String last = refresh;
        current("current RFC 7009 revocation", () -> service.revokeToken(CTX, last, "refresh_token"));
        CurrentOutcome<IdentityResult> after = attempt(
                "current revoked refresh refused", () -> service.identity(CTX, new IdentityRequest.Refresh(last)));
        if (after.isSuccess()) {
            tally.unclean("current revoked refresh refused", "a revoked refresh token was honoured");
            throw Aborted.INSTANCE;
        }
        tally.ok("current revoked refresh refused");
    }

    /** Current profile: an ID-JAG identity exchanged for an access token, then the provider's security event. */
    private void idJagIdentityThenSecurityEvent(int id) {
        String subject = "sub-" + id;
        String assertion = provider.idJag(RESOURCE, subject, "member" + id + "@example.com")
                .authTime(java.time.Instant.now())
                .mint();
        IdentityResult identity = current(
                "current ID-JAG identity",
                () -> service.identity(CTX, new IdentityRequest.IdentityAssertion(assertion)));
        TokenGrant grant = current(
                "current token exchange",
                () -> service.exchangeToken(
                        CTX,
                        new TokenRequest(identity.identityBlock().orElseThrow().assertion(), null, null)));
        expectAuthenticated("current access token works", grant.accessToken());
        SecurityEventResult event = attempt(
                "current security event",
                () -> service.receiveSecurityEvent(
                        CTX, provider.securityEvent(RESOURCE, subject).mint()));
        if (!(event instanceof SecurityEventResult.Accepted)) {
            tally.unclean("current security event", event.toString());
            throw Aborted.INSTANCE;
        }
        tally.ok("current security event");
        expectRefused("current access token of a revoked delegation refused", grant.accessToken());
    }

    // ------------------------------------------------------------------------------ steps

    private String confirmOnThePage(URI verificationUri, String userId) {
        String step = "current claim page (sign-in, confirm, code)";
        try {
            String code = signIn.confirm(endpoints, verificationUri, userId);
            tally.ok(step);
            return code;
        } catch (AssertionError refused) {
            // the page answers 500 when the database fails it; TestSignIn quotes the status
            if (refused.getMessage().contains("(500)")) {
                tally.serverError(step);
            } else {
                tally.unclean(step, refused.getMessage());
            }
            throw Aborted.INSTANCE;
        } catch (RuntimeException e) {
            return fail(step, e);
        }
    }

    private static IssuedCredential credential(RegistrationResult registered) {
        return registered.issuedCredential().orElseThrow(() -> new AssertionError("no credential in " + registered));
    }

    private void expectAuthenticated(String step, String secret) {
        AuthenticationResult result = attempt(step, () -> service.authenticate(CTX, "Bearer " + secret, Set.of()));
        if (result instanceof AuthenticationResult.Authenticated) {
            tally.ok(step);
            return;
        }
        tally.unclean(step, "a credential the service issued was refused: " + result);
        throw Aborted.INSTANCE;
    }

    private void expectRefused(String step, String secret) {
        AuthenticationResult result = attempt(step, () -> service.authenticate(CTX, "Bearer " + secret, Set.of()));
        if (result instanceof AuthenticationResult.Denied denied && denied.status() == 401) {
            tally.ok(step);
            return;
        }
        tally.unclean(step, "a revoked credential still works: " + result);
        throw Aborted.INSTANCE;
    }

    private <T> T outcome(String step, Supplier<Outcome<T>> call) {
        Outcome<T> result = attempt(step, call);
        if (result.isSuccess()) {
            tally.ok(step);
            return result.value();
        }
        if (result.failure().error() == ProtocolError.SERVER_ERROR) {
            tally.serverError(step);
        } else {
            tally.unclean(
                    step,
                    result.failure().error().code() + ": " + result.failure().message());
        }
        throw Aborted.INSTANCE;
    }

    private <T> T current(String step, Supplier<CurrentOutcome<T>> call) {
        CurrentOutcome<T> result = attempt(step, call);
        if (result.isSuccess()) {
            tally.ok(step);
            return result.value();
        }
        CurrentOutcome.Failure<T> failure = (CurrentOutcome.Failure<T>) result;
        if (failure.error() == CurrentProfileError.SERVER_ERROR) {
            tally.serverError(step);
        } else {
            tally.unclean(step, failure.error().code() + ": " + failure.description());
        }
        throw Aborted.INSTANCE;
    }

    /** A crash armed to fire as an agent begins one step. */
    private record CrashTrigger(String step, Runnable crash) {}

    private final AtomicReference<@Nullable CrashTrigger> crashAt = new AtomicReference<>();

    /** Runs a step; a store failure is a clean failure (the endpoints answer it {@code 500 server_error}). */
    private <T> T attempt(String step, Supplier<T> call) {
        CrashTrigger trigger = crashAt.get();
        if (trigger != null && trigger.step().equals(step) && crashAt.compareAndSet(trigger, null)) {
            // the crash runs beside the step, so the step's statements race the dying server
            Thread crasher = new Thread(trigger.crash(), "crash-postgres");
            crasher.start();
            tally.crashedIn(step);
        }
        try {
            return call.get();
        } catch (Aborted stopped) {
            throw stopped;
        } catch (RuntimeException e) {
            return fail(step, e);
        }
    }

    private <T> T fail(String step, RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreException) {
                tally.serverError(step);
                throw Aborted.INSTANCE;
            }
        }
        tally.unclean(step, e.toString());
        throw Aborted.INSTANCE;
    }

    private void awaitThat(String what, BooleanSupplier condition) throws InterruptedException {
        if (!tally.await(condition, PHASE_DEADLINE)) {
            throw new AssertionError("gave up waiting for " + what + "\n" + tally.report(Map.of()));
        }
    }

    // ------------------------------------------------------------------------------ the tables

    /** Each check counts rows that a half-finished write would leave; every count must be zero. */
    private static Map<String, Long> consistencyCheck(HikariDataSource pool) throws SQLException {
        String registrationOf = " NOT EXISTS (SELECT 1 FROM authmd_registration r"
                + " WHERE r.tenant_id = t.tenant_id AND r.id = t.registration_id)";
        String revokedRegistration = " EXISTS (SELECT 1 FROM authmd_registration r"
                + " WHERE r.tenant_id = t.tenant_id AND r.id = t.registration_id AND r.status = 'revoked')";
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put(
                "credential without its registration",
                "SELECT count(*) FROM authmd_credential t WHERE" + registrationOf);
        checks.put(
                "access token without its registration",
                "SELECT count(*) FROM authmd_access_token t WHERE" + registrationOf);
        checks.put(
                "refresh token without its registration",
                "SELECT count(*) FROM authmd_refresh_token t WHERE" + registrationOf);
        checks.put(
                "identity assertion without its registration",
                "SELECT count(*) FROM authmd_issued_assertion t WHERE" + registrationOf);
        checks.put(
                "live credential of a revoked registration",
                "SELECT count(*) FROM authmd_credential t"
                        + " WHERE t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND"
                        + revokedRegistration);
        checks.put(
                "live access token of a revoked registration",
                "SELECT count(*) FROM authmd_access_token t"
                        + " WHERE t.revoked_at IS NULL AND t.expires_at > now() AND" + revokedRegistration);
        checks.put(
                "live refresh token of a revoked registration",
                "SELECT count(*) FROM authmd_refresh_token t" + " WHERE t.state = 'active' AND t.expires_at > now() AND"
                        + revokedRegistration);
        checks.put(
                "live identity assertion of a revoked registration",
                "SELECT count(*) FROM authmd_issued_assertion t"
                        + " WHERE t.state = 'active' AND t.expires_at > now() AND" + revokedRegistration);
        checks.put(
                "refresh family with two live tokens",
                "SELECT count(*) FROM (SELECT 1 FROM authmd_refresh_token"
                        + " WHERE state = 'active' GROUP BY tenant_id, family_id HAVING count(*) > 1) f");
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            for (Map.Entry<String, String> check : checks.entrySet()) {
                try (ResultSet rs = s.executeQuery(check.getValue())) {
                    rs.next();
                    counts.put(check.getKey(), rs.getLong(1));
                }
            }
            for (String table : List.of(
                    "authmd_registration",
                    "authmd_credential",
                    "authmd_access_token",
                    "authmd_refresh_token",
                    "authmd_issued_assertion")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    TABLE_ROWS.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static final Map<String, Long> TABLE_ROWS = new TreeMap<>();

    // ------------------------------------------------------------------------------ figures

    /** Ends a ceremony at the step that did not complete; that step was counted. */
    private static final class Aborted extends RuntimeException {
        static final Aborted INSTANCE = new Aborted();

        private Aborted() {
            super("ceremony stopped", null, false, false);
        }
    }

    /** Counts per step: completed, failed cleanly (and how many of those while the server was down), unclean. */
    private static final class Tally {
        private final Map<String, int[]> steps = new TreeMap<>();
        private final List<String> unclean = new ArrayList<>();
        private final int[] ceremonies = new int[CEREMONIES];
        private int completed;
        private int serverErrors;
        private boolean down;

        synchronized void ok(String step) {
            steps.computeIfAbsent(step, s -> new int[3])[0]++;
            notifyAll();
        }

        synchronized void serverError(String step) {
            int[] counts = steps.computeIfAbsent(step, s -> new int[3]);
            counts[1]++;
            if (down) {
                counts[2]++;
            }
            serverErrors++;
            notifyAll();
        }

        synchronized void unclean(String step, String what) {
            unclean.add(step + ": " + what);
            notifyAll();
        }

        synchronized void completed(int ceremony) {
            ceremonies[ceremony]++;
            completed++;
            notifyAll();
        }

        private final List<String> crashedIn = new ArrayList<>();

        synchronized void crashedIn(String step) {
            crashedIn.add(step);
        }

        synchronized void outage(boolean serverDown) {
            down = serverDown;
        }

        synchronized int completed() {
            return completed;
        }

        synchronized int serverErrors() {
            return serverErrors;
        }

        synchronized List<String> unclean() {
            return List.copyOf(unclean);
        }

        synchronized boolean await(BooleanSupplier condition, Duration deadline) throws InterruptedException {
            long end = System.nanoTime() + deadline.toNanos();
            while (!condition.getAsBoolean() && unclean.isEmpty()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return unclean.isEmpty();
        }

        synchronized String report(Map<String, Long> inconsistencies) {
            StringBuilder out = new StringBuilder("| step | completed | failed cleanly | of which while down |\n");
            out.append("|---|---:|---:|---:|\n");
            steps.forEach((step, counts) -> out.append("| ")
                    .append(step)
                    .append(" | ")
                    .append(counts[0])
                    .append(" | ")
                    .append(counts[1])
                    .append(" | ")
                    .append(counts[2])
                    .append(" |\n"));
            out.append("\nceremonies completed: ").append(completed).append(" (by kind: ");
            for (int i = 0; i < CEREMONIES; i++) {
                out.append(i == 0 ? "" : ", ").append(ceremonies[i]);
            }
            out.append(")\ncrashes: ")
                    .append(crashedIn.size())
                    .append(", in the middle of: ")
                    .append(String.join("; ", crashedIn));
            out.append("\nunclean: ").append(unclean.size()).append('\n');
            unclean.stream().limit(20).forEach(u -> out.append("  ").append(u).append('\n'));
            inconsistencies.forEach((check, rows) -> out.append("check: ")
                    .append(check)
                    .append(" = ")
                    .append(rows)
                    .append('\n'));
            TABLE_ROWS.forEach((table, rows) -> out.append("rows: ")
                    .append(table)
                    .append(" = ")
                    .append(rows)
                    .append('\n'));
            return out.toString();
        }
    }
}
