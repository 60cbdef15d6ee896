package dev.authmd.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.authmd.adapters.jdbc.JdbcAccessTokenStore;
import dev.authmd.adapters.jdbc.JdbcCredentialStore;
import dev.authmd.adapters.jdbc.JdbcDelegationStore;
import dev.authmd.adapters.jdbc.JdbcIssuedAssertionStore;
import dev.authmd.adapters.jdbc.JdbcRateLimitStore;
import dev.authmd.adapters.jdbc.JdbcRefreshTokenStore;
import dev.authmd.adapters.jdbc.JdbcRegistrationStore;
import dev.authmd.adapters.jdbc.JdbcReplayCache;
import dev.authmd.adapters.jdbc.PostgresSchema;
import dev.authmd.core.assertion.SecurityEventResult;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.LogoutTokenMinter;
import dev.authmd.core.provider.SecurityEventMinter;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.CurrentOutcome;
import dev.authmd.core.service.Housekeeping;
import dev.authmd.core.service.IdentityRequest;
import dev.authmd.core.service.IdentityResult;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import dev.authmd.core.service.TokenGrant;
import dev.authmd.core.service.TokenRequest;
import dev.authmd.core.store.memory.InMemoryCredentialStore;
import dev.authmd.core.store.memory.InMemoryRegistrationStore;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.testkit.host.TestClock;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The soak benchmark (issue 13): one simulated year, on an injected clock, of agents that re-register every hour and
 * call the API, with the service's housekeeping running every simulated hour. Half the agents speak v0.1 (an ID-JAG at
 * {@code /agent/register} for an access token), half the current profile (an ID-JAG at {@code /agent/identity}, the
 * identity assertion exchanged for an access token); each then authenticates the token, as an API call does. Every day
 * 1 % of the agents are revoked by their provider (a logout token or a security event) and start a new registration the
 * next hour, and 100 anonymous agents register and never claim (they expire after 24 h). At the end of every simulated
 * week the used heap is read after full collections.
 *
 * <p>It drives {@link AgentAuthService} in process (the state under test is the service's, not the HTTP server's), with
 * the default in-memory stores, rate limits off and no audit output. Any refused call aborts the run: it would have
 * measured the wrong path. Prints a CSV and writes it, with an SVG plot, to the output directory.
 *
 * <p>With {@code --jdbc URL} the service runs on the PostgreSQL stores of an empty database at that URL instead, and
 * every sample also reads the size of the authmd tables (with their indexes) and their row counts.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am -Psoak verify                       # the year, 1,000 agents
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.authmd.benchmarks.Soak 1000 365 target/soak
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.authmd.benchmarks.Soak 100 365 target/soak-pg \
 *     --jdbc 'jdbc:postgresql://localhost:5432/soak?user=postgres'
 * </pre>
 */
public final class Soak {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final int THREADS = 2;

    private final int agents;
    private final int days;
    private final TestClock clock = TestClock.at(Instant.parse("2027-01-01T00:00:00Z"));
    private final AgentAuthService service;
    private final AtomicLong calls = new AtomicLong();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    private final @Nullable HikariDataSource database;

    private Soak(int agents, int days, @Nullable String jdbcUrl) {
        this.agents = agents;
        this.days = days;
        if (jdbcUrl == null) {
            this.database = null;
            this.service = BenchFixtures.service(new InMemoryRegistrationStore(), new InMemoryCredentialStore(), clock);
        } else {
            this.database = pool(jdbcUrl);
            this.service = jdbcService(database, clock);
        }
    }

    /** A pool to an empty database; the schema is applied, and a database that holds registrations is refused. */
    private static HikariDataSource pool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(THREADS * 2);
        HikariDataSource pool = new HikariDataSource(config);
        new PostgresSchema(pool).migrate();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM authmd_registration")) {
            rs.next();
            if (rs.getLong(1) != 0) {
                pool.close();
                throw new IllegalStateException("the soak needs an empty database; this one holds registrations");
            }
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("cannot read the database: " + e.getSQLState(), e);
        }
        return pool;
    }

    private static AgentAuthService jdbcService(DataSource pool, Clock clock) {
        return AgentAuthService.builder()
                .config(BenchFixtures.CONFIG, BenchFixtures.Keys.TRUST_LIST)
                .registrationStore(new JdbcRegistrationStore(pool))
                .credentialStore(new JdbcCredentialStore(pool))
                .delegationStore(new JdbcDelegationStore(pool))
                .replayCache(new JdbcReplayCache(pool))
                .rateLimitStore(new JdbcRateLimitStore(pool))
                .issuedAssertionStore(new JdbcIssuedAssertionStore(pool))
                .accessTokenStore(new JdbcAccessTokenStore(pool))
                .refreshTokenStore(new JdbcRefreshTokenStore(pool))
                .rateLimitPolicy(RateLimitPolicy.none())
                .accountResolver(new BenchFixtures.ProvisioningResolver())
                .claimMailer(mail -> {})
                .auditSink(event -> {})
                .clock(clock)
                .build();
    }

    /**
     * Runs the soak.
     *
     * @param args {@code [agents] [days] [output directory] [--jdbc URL]}: 1,000 agents, 365 days, {@code target/soak}
     *     and the in-memory stores by default
     * @throws Exception when a call is refused or the output cannot be written
     */
    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 365;
        Path out = Path.of(args.length > 2 ? args[2] : "target/soak");
        String jdbcUrl = args.length > 4 && args[3].equals("--jdbc") ? args[4] : null;
        Soak soak = new Soak(agents, days, jdbcUrl);
        try {
            soak.run(out);
        } finally {
            soak.pool.shutdownNow();
            if (soak.database != null) {
                soak.database.close();
            }
        }
    }

    private void run(Path out) throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("day,heap_mib,calls,expired,records_removed,purged" + (database == null ? "" : TableSizes.HEADER));
        long wallStart = System.nanoTime();
        long expired = 0;
        long removed = 0;
        long purged = 0;
        rows.add(sample(0, 0, 0, 0));
        System.out.println(rows.get(0));
        System.out.println(rows.get(1));
        for (int day = 1; day <= days; day++) {
            for (int hour = 0; hour < 24; hour++) {
                if (hour == 12) {
                    revokeSome(day);
                    registerAnonymous(100);
                }
                everyAgent();
                clock.advance(HOUR);
                Housekeeping done = service.runHousekeeping(100_000);
                if (!done.completed()) {
                    throw new IllegalStateException("housekeeping failed on day " + day);
                }
                expired += done.expired();
                removed += done.recordsRemoved();
                purged += done.purged();
            }
            if (day % 7 == 0 || day == days) {
                String row = sample(day, expired, removed, purged);
                rows.add(row);
                System.out.println(row);
            }
        }
        long seconds = (System.nanoTime() - wallStart) / 1_000_000_000L;
        System.out.printf(
                Locale.ROOT,
                "# %d agents, %d days, %,d service calls in %d s (%s, %d threads, max heap %d MiB)%n",
                agents,
                days,
                calls.get(),
                seconds,
                Runtime.version(),
                THREADS,
                Runtime.getRuntime().maxMemory() >> 20);
        Files.createDirectories(out);
        Files.write(out.resolve("soak.csv"), rows, StandardCharsets.UTF_8);
        String shape = String.format(Locale.ROOT, "%,d agents re-registering hourly, %d simulated days", agents, days);
        Files.writeString(
                out.resolve("soak-heap.svg"),
                Plot.svg(rows, 1, "Used heap after full GC — " + shape, days),
                StandardCharsets.UTF_8);
        if (database != null) {
            Files.writeString(
                    out.resolve("soak-tables.svg"),
                    Plot.svg(rows, 6, "authmd tables and indexes on PostgreSQL — " + shape, days),
                    StandardCharsets.UTF_8);
        }
        System.out.println("# written: " + out.resolve("soak.csv") + ", " + out.resolve("soak-heap.svg"));
    }

    /** One simulated hour: every agent presents a fresh ID-JAG and calls the API with what it got. */
    private void everyAgent() throws Exception {
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int first = t;
            parts.add(pool.submit(() -> {
                for (int agent = first; agent < agents; agent += THREADS) {
                    String bearer = agent % 2 == 0 ? registerV01(agent) : registerCurrent(agent);
                    AuthenticationResult result = service.authenticate(BenchFixtures.CTX, bearer, Set.of());
                    if (!(result instanceof AuthenticationResult.Authenticated)) {
                        throw new IllegalStateException("agent " + agent + " could not call the API");
                    }
                    calls.addAndGet(2);
                }
                return null;
            }));
        }
        for (Future<?> part : parts) {
            part.get();
        }
    }

    private String registerV01(int agent) {
        Outcome<RegistrationResult> outcome = service.register(
                BenchFixtures.CTX, new RegisterRequest.IdJag(idJag(agent).mint(), CredentialType.ACCESS_TOKEN));
        if (!outcome.isSuccess()) {
            throw new IllegalStateException(
                    "v0.1 registration refused: " + outcome.failure().error().code());
        }
        return "Bearer " + outcome.value().credential().secret();
    }

    private String registerCurrent(int agent) {
        Instant now = clock.instant();
        CurrentOutcome<IdentityResult> identity = service.identity(
                BenchFixtures.CTX,
                new IdentityRequest.IdentityAssertion(
                        idJag(agent).authTime(now.minusSeconds(60)).mint()));
        if (!identity.isSuccess()) {
            throw new IllegalStateException("identity refused: " + identity.failure());
        }
        String assertion = identity.value().identityBlock().orElseThrow().assertion();
        CurrentOutcome<TokenGrant> grant =
                service.exchangeToken(BenchFixtures.CTX, new TokenRequest(assertion, null, null));
        if (!grant.isSuccess()) {
            throw new IllegalStateException("exchange refused: " + grant.failure());
        }
        calls.incrementAndGet();
        return "Bearer " + grant.value().accessToken();
    }

    private IdJagMinter idJag(int agent) {
        return IdJagMinter.builder(BenchFixtures.Keys.ES)
                .issuer(BenchFixtures.ES_ISSUER)
                .subject(subject(agent))
                .audience(BenchFixtures.AUDIENCE)
                .email(subject(agent) + "@users.example")
                .emailVerified(true)
                .agentPlatform("soak-agent")
                .jti(UUID.randomUUID().toString())
                .issuedAt(clock.instant());
    }

    /** The provider user behind an agent: one per agent, so each agent is one delegation. */
    private String subject(int agent) {
        return "agent-" + agent;
    }

    /** 1 % of the agents a day, a different slice each day: v0.1 ones by logout token, current ones by event. */
    private void revokeSome(int day) {
        int count = Math.max(1, agents / 100);
        for (int i = 0; i < count; i++) {
            int agent = (day * count + i) % agents;
            if (agent % 2 == 0) {
                String logout = LogoutTokenMinter.builder(BenchFixtures.Keys.ES)
                        .issuer(BenchFixtures.ES_ISSUER)
                        .subject(subject(agent))
                        .audience(BenchFixtures.AUDIENCE)
                        .jti(UUID.randomUUID().toString())
                        .issuedAt(clock.instant())
                        .mint();
                Outcome<Integer> revoked = service.revoke(BenchFixtures.CTX, logout);
                if (!revoked.isSuccess() || revoked.value() < 1) {
                    throw new IllegalStateException("logout token did not revoke agent " + agent);
                }
            } else {
                String event = SecurityEventMinter.builder(BenchFixtures.Keys.ES)
                        .issuer(BenchFixtures.ES_ISSUER)
                        .subject(subject(agent))
                        .audience(BenchFixtures.AUDIENCE)
                        .jti(UUID.randomUUID().toString())
                        .issuedAt(clock.instant())
                        .mint();
                if (!(service.receiveSecurityEvent(BenchFixtures.CTX, event) instanceof SecurityEventResult.Accepted)) {
                    throw new IllegalStateException("security event did not revoke agent " + agent);
                }
            }
            calls.incrementAndGet();
        }
    }

    private void registerAnonymous(int count) {
        for (int i = 0; i < count; i++) {
            BenchFixtures.registerAnonymous(service);
        }
        calls.addAndGet(count);
    }

    private String sample(int day, long expired, long removed, long purged) {
        long heap = usedHeapAfterFullGc();
        return String.format(
                        Locale.ROOT,
                        "%d,%.1f,%d,%d,%d,%d",
                        day,
                        heap / 1048576.0,
                        calls.get(),
                        expired,
                        removed,
                        purged)
                + (database == null ? "" : TableSizes.read(database));
    }

    private static long usedHeapAfterFullGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Sizes of the authmd tables on PostgreSQL (with their indexes and TOAST) and live row counts. */
    static final class TableSizes {
        static final String HEADER = ",db_mib,registration_rows,credential_rows,access_token_rows,assertion_rows";

        private TableSizes() {}

        static String read(DataSource pool) {
            try (Connection c = pool.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT"
                            + " (SELECT sum(pg_total_relation_size(oid)) FROM pg_class"
                            + "   WHERE relkind = 'r' AND relname LIKE 'authmd%'),"
                            + " (SELECT count(*) FROM authmd_registration),"
                            + " (SELECT count(*) FROM authmd_credential),"
                            + " (SELECT count(*) FROM authmd_access_token),"
                            + " (SELECT count(*) FROM authmd_issued_assertion)")) {
                rs.next();
                return String.format(
                        Locale.ROOT,
                        ",%.1f,%d,%d,%d,%d",
                        rs.getLong(1) / 1048576.0,
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read table sizes: " + e.getSQLState(), e);
            }
        }
    }

    /** Writes one column of the samples (MiB over days) as a small self-contained SVG line chart. */
    static final class Plot {
        private Plot() {}

        static String svg(List<String> rows, int column, String title, int days) {
            int width = 720;
            int height = 360;
            int left = 60;
            int right = 20;
            int top = 40;
            int bottom = 50;
            List<double[]> points = new ArrayList<>();
            double maxHeap = 1;
            for (String row : rows.subList(1, rows.size())) {
                String[] cells = row.split(",");
                double day = Double.parseDouble(cells[0]);
                double heap = Double.parseDouble(cells[column]);
                points.add(new double[] {day, heap});
                maxHeap = Math.max(maxHeap, heap);
            }
            double yMax = Math.ceil(maxHeap * 1.15 / 10) * 10;
            double plotW = width - left - right;
            double plotH = height - top - bottom;
            StringBuilder svg = new StringBuilder();
            svg.append(String.format(
                    Locale.ROOT,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                            + " font-size=\"12\">%n",
                    width,
                    height));
            svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", left, title));
            for (int i = 0; i <= 5; i++) {
                double value = yMax * i / 5;
                double y = top + plotH - plotH * i / 5;
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                                + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n",
                        left,
                        y,
                        width - right,
                        y,
                        left - 6,
                        y + 4,
                        value));
            }
            for (int month = 0; month <= 12; month++) {
                double day = month * 365.0 / 12;
                if (day > days) {
                    break;
                }
                double x = left + plotW * day / days;
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                        x,
                        top,
                        x,
                        height - bottom,
                        x,
                        height - bottom + 16,
                        month));
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">month</text>"
                            + "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">"
                            + "MiB</text>%n",
                    left + plotW / 2,
                    height - 10,
                    top + plotH / 2,
                    top + plotH / 2));
            StringBuilder line = new StringBuilder();
            for (double[] p : points) {
                line.append(String.format(
                        Locale.ROOT, "%.1f,%.1f ", left + plotW * p[0] / days, top + plotH - plotH * p[1] / yMax));
            }
            svg.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"")
                    .append(line.toString().trim())
                    .append("\"/>\n</svg>\n");
            return svg.toString();
        }
    }
}
