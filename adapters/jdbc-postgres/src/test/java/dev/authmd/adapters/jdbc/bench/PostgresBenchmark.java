package dev.authmd.adapters.jdbc.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.authmd.adapters.jdbc.JdbcCredentialStore;
import dev.authmd.adapters.jdbc.JdbcDelegationStore;
import dev.authmd.adapters.jdbc.JdbcRateLimitStore;
import dev.authmd.adapters.jdbc.JdbcRegistrationStore;
import dev.authmd.adapters.jdbc.JdbcReplayCache;
import dev.authmd.adapters.jdbc.LocalPostgres;
import dev.authmd.adapters.jdbc.PostgresSchema;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.OtpHasher;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.account.ProvisionRequest;
import dev.authmd.spi.account.UserAccount;
import dev.authmd.spi.store.RegistrationStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load harness (not a test) for the JDBC stores on a local, durable PostgreSQL, with two {@link AgentAuthService}
 * replicas in this JVM, each with its own pool and stores:
 *
 * <ol>
 *   <li>registrations per second (anonymous, and ID-JAG through the verifier and replay cache) and {@code authenticate}
 *       per second, threads split over both replicas;
 *   <li>the cost of a claim-token lookup and of {@code authenticate} with 10⁴ and with 10⁶ stored registrations
 *       (bulk-loaded with one set-based {@code INSERT … SELECT} per table), single-threaded latency and multi-threaded
 *       throughput, and their ratio.
 * </ol>
 *
 * <p>Run (see docs/postgresql.md): {@code mvn -B -o -pl adapters/jdbc-postgres -am -Pbench test-compile exec:java
 * -Dexec.args="..."}. Arguments: {@code --threads N} (default 8), {@code --seconds S} per measurement (default 10),
 * {@code --sizes 10000,1000000}, {@code --samples N} lookups per latency run (default 20000), {@code --fast} to turn
 * durability off (fsync, synchronous_commit) like the tests do, {@code --shared-buffers 1GB} (default 128MB),
 * {@code --phases throughput,scale} (default both).
 */
public final class PostgresBenchmark {

    private static final String TENANT = RequestContext.DEFAULT_TENANT;
    private static final RequestContext CTX = RequestContext.defaultTenant(null);
    private static final String PROVIDER = "https://agents.example";

    private final int threads;
    private final int seconds;
    private final int samples;
    private final List<Integer> sizes;
    private final boolean durable;
    private final String sharedBuffers;
    private final Set<String> phases;
    private final StringBuilder report = new StringBuilder();

    private PostgresBenchmark(Map<String, String> args) {
        this.threads = Integer.parseInt(args.getOrDefault("threads", "8"));
        this.seconds = Integer.parseInt(args.getOrDefault("seconds", "10"));
        this.samples = Integer.parseInt(args.getOrDefault("samples", "20000"));
        this.sizes = Arrays.stream(args.getOrDefault("sizes", "10000,1000000").split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        this.durable = !args.containsKey("fast");
        this.sharedBuffers = args.getOrDefault("shared-buffers", "128MB");
        this.phases = Set.of(args.getOrDefault("phases", "throughput,scale").split(","));
    }

    /**
     * @param argv {@code --threads N --seconds S --sizes a,b --samples N --fast}
     * @throws Exception when the server or a phase fails
     */
    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + argv[i]);
            }
            String name = argv[i].substring(2);
            if (name.equals("fast")) {
                args.put(name, "true");
            } else {
                args.put(name, argv[++i]);
            }
        }
        new PostgresBenchmark(args).run();
    }

    private void run() throws Exception {
        LocalPostgres.Settings settings = (durable
                        ? LocalPostgres.Settings.durableDefaults()
                        : LocalPostgres.Settings.forTests())
                .withSharedBuffers(sharedBuffers);
        try (LocalPostgres server = LocalPostgres.start(Path.of("target"), settings)) {
            server.createDatabase("bench");
            try (HikariDataSource poolA = pool(server, "bench", "a");
                    HikariDataSource poolB = pool(server, "bench", "b")) {
                new PostgresSchema(poolA).migrate();
                line("# authmd JDBC stores on PostgreSQL — load harness");
                line("");
                machine(poolA);
                Fleet fleet = new Fleet(poolA, poolB);
                if (phases.contains("throughput")) {
                    throughput(fleet, poolA);
                }
                if (phases.contains("scale")) {
                    scale(server);
                }
                line("");
                line("Load average at the end (1/5/15 min): " + loadAverage());
            }
        }
        System.out.println();
        System.out.println(report);
    }

    // ------------------------------------------------------------------------------ phase 1

    private void throughput(Fleet fleet, HikariDataSource admin) throws Exception {
        line("## Throughput, 2 replicas, " + threads + " client threads (half per replica), " + seconds + " s each");
        line("");
        line("| operation | ops/s | mean latency |");
        line("|---|---:|---:|");

        ConcurrentLinkedQueue<String> keys = new ConcurrentLinkedQueue<>();
        Result anonymous = timed(t -> {
            RegistrationResult r = fleet.replica(t)
                    .register(CTX, new RegisterRequest.Anonymous(null))
                    .value();
            keys.add(r.issuedCredential().orElseThrow().secret());
        });
        row("register (anonymous: registration + API key)", anonymous);

        // enough unique tokens for the 5 s of warm-up and the run at the fast provider's rate (a reused one is a
        // replay)
        int tokens = Math.max(20_000, 6_000 * (seconds + 5));
        List<String> idJags = new ArrayList<>(tokens);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < tokens; i++) {
            idJags.add(IdJagMinter.builder(fleet.keys)
                    .issuer(PROVIDER)
                    .subject("user-" + random.nextInt(1000))
                    .audience("https://api.example.com")
                    .email("u" + i + "@example.com")
                    .emailVerified(true)
                    .jti("jti-" + i)
                    .mint());
        }
        AtomicInteger next = new AtomicInteger();
        Result idJag = timed(t -> {
            Outcome<RegistrationResult> r = fleet.replica(t)
                    .register(CTX, new RegisterRequest.IdJag(idJags.get(next.getAndIncrement() % tokens), null));
            if (!r.isSuccess()) {
                throw new IllegalStateException(
                        "ID-JAG registration failed: " + r.failure().error());
            }
        });
        row("register (ID-JAG: verify, replay mark, delegation, registration, token)", idJag);
        if (next.get() >= tokens) {
            line("(ID-JAG tokens ran out; raise the count)");
        }

        List<String> keyList = new ArrayList<>(keys);
        Result authenticate = timed(t -> {
            String key = keyList.get(ThreadLocalRandomIndex.next(keyList.size()));
            if (!(fleet.replica(t).authenticate(CTX, "Bearer " + key, Set.of())
                    instanceof AuthenticationResult.Authenticated)) {
                throw new IllegalStateException("a key issued by the harness did not authenticate");
            }
        });
        row("authenticate (credential by hash + registration by id)", authenticate);
        line("");
        truncate(admin);
    }

    // ------------------------------------------------------------------------------ phase 2

    /**
     * One database per size, each bulk-loaded once and served by its own two replicas; then the sizes are measured in
     * alternation, round after round, so that a change in the machine's load (it is shared) falls on every size alike
     * instead of on whichever ran last.
     */
    private void scale(LocalPostgres server) throws Exception {
        line("## Cost versus stored registrations");
        line("");
        line("One database per size, bulk-loaded (one set-based `INSERT … SELECT` per table, then `VACUUM"
                + " ANALYZE`): half unclaimed anonymous registrations with a claim token hash, half claimed; one"
                + " API key each. Lookups pick uniformly random existing keys. The sizes are measured in"
                + " alternation, " + ROUNDS + " rounds: latency with one thread (" + samples + " calls per size"
                + " and operation in all), throughput with " + threads + " threads (" + seconds + " s per size"
                + " and operation in all).");
        line("");
        List<Sized> dbs = new ArrayList<>();
        try {
            for (int size : sizes) {
                dbs.add(load(server, size));
            }
            Map<Integer, List<Long>> claimTimes = new HashMap<>();
            Map<Integer, List<Long>> authTimes = new HashMap<>();
            Map<Integer, long[]> claimOps = new HashMap<>();
            Map<Integer, long[]> authOps = new HashMap<>();
            SplittableRandom random = new SplittableRandom(42);
            for (Sized db : dbs) {
                // warm-up: JIT, connections, caches
                sample(i -> claim(db, i), db.size / 2, 2_000, random, new ArrayList<>());
                sample(i -> authenticate(db.fleet, 0, i), db.size, 2_000, random, new ArrayList<>());
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    for (Sized db : dbs) {
                        sample(
                                i -> claim(db, i),
                                db.size / 2,
                                samples / ROUNDS,
                                random,
                                claimTimes.computeIfAbsent(db.size, k -> new ArrayList<>()));
                        sample(
                                i -> authenticate(db.fleet, 0, i),
                                db.size,
                                samples / ROUNDS,
                                random,
                                authTimes.computeIfAbsent(db.size, k -> new ArrayList<>()));
                        add(
                                claimOps,
                                db.size,
                                runMillis(
                                        pool,
                                        t -> claim(db, ThreadLocalRandomIndex.next(db.size / 2)),
                                        seconds * 1000L / ROUNDS));
                        add(
                                authOps,
                                db.size,
                                runMillis(
                                        pool,
                                        t -> authenticate(db.fleet, t, ThreadLocalRandomIndex.next(db.size)),
                                        seconds * 1000L / ROUNDS));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            line("| stored registrations | table + indexes | claim lookup p50 / p99 / mean | claim lookups/s"
                    + " | authenticate p50 / p99 / mean | authenticate/s |");
            line("|---:|---:|---:|---:|---:|---:|");
            Map<Integer, Latency[]> measured = new HashMap<>();
            for (Sized db : dbs) {
                Latency claim = Latency.of(claimTimes.get(db.size));
                Latency auth = Latency.of(authTimes.get(db.size));
                measured.put(db.size, new Latency[] {claim, auth});
                line(String.format(
                        Locale.ROOT,
                        "| %,d | %s | %s | %,.0f | %s | %,.0f |",
                        db.size,
                        relationSize(db.poolA),
                        claim,
                        claimOps.get(db.size)[0] * 1000.0 / (seconds * 1000L),
                        auth,
                        authOps.get(db.size)[0] * 1000.0 / (seconds * 1000L)));
            }
            if (dbs.size() >= 2) {
                int small = sizes.get(0);
                int large = sizes.get(sizes.size() - 1);
                Latency[] s = measured.get(small);
                Latency[] l = measured.get(large);
                line("");
                line(String.format(
                        Locale.ROOT,
                        "Cost ratio %,d vs %,d registrations (target ≤ 1.3): claim lookup"
                                + " %.2f (p50 latency) / %.2f (mean latency) / %.2f (throughput); authenticate %.2f / %.2f"
                                + " / %.2f.",
                        large,
                        small,
                        l[0].p50 / s[0].p50,
                        l[0].mean / s[0].mean,
                        (double) claimOps.get(small)[0] / claimOps.get(large)[0],
                        l[1].p50 / s[1].p50,
                        l[1].mean / s[1].mean,
                        (double) authOps.get(small)[0] / authOps.get(large)[0]));
            }
        } finally {
            for (Sized db : dbs) {
                db.poolA.close();
                db.poolB.close();
            }
        }
    }

    private static final int ROUNDS = 10;

    /** A database holding {@code size} registrations and the two replicas serving it. */
    private record Sized(
            int size, HikariDataSource poolA, HikariDataSource poolB, Fleet fleet, RegistrationStore store) {}

    private Sized load(LocalPostgres server, int size) throws SQLException {
        String name = "bench_" + size;
        server.createDatabase(name);
        HikariDataSource a = pool(server, name, "a");
        HikariDataSource b = pool(server, name, "b");
        new PostgresSchema(a).migrate();
        long start = System.nanoTime();
        bulkLoad(a, 0, size);
        System.out.printf(Locale.ROOT, "loaded %,d registrations in %.1f s%n", size, (System.nanoTime() - start) / 1e9);
        Sized db = new Sized(size, a, b, new Fleet(a, b), new JdbcRegistrationStore(a));
        checkLoaded(db.fleet, db.store, size);
        return db;
    }

    private static void claim(Sized db, int i) {
        db.store.findByClaimTokenHash(TENANT, claimHash(i)).orElseThrow();
    }

    private static void add(Map<Integer, long[]> totals, int size, long[] counted) {
        long[] total = totals.computeIfAbsent(size, k -> new long[2]);
        total[0] += counted[0];
        total[1] += counted[1];
    }

    private static void sample(Lookup lookup, int bound, int calls, SplittableRandom random, List<Long> into)
            throws Exception {
        for (int i = 0; i < calls; i++) {
            int item = random.nextInt(bound);
            long start = System.nanoTime();
            lookup.run(item);
            into.add(System.nanoTime() - start);
        }
    }

    /** Adds registrations {@code from+1 … to}, each with one API key {@code sk_bench_<i>}. */
    private static void bulkLoad(HikariDataSource admin, int from, int to) throws SQLException {
        String hash = "rtrim(translate(encode(sha256(convert_to(%s, 'UTF8')), 'base64'), '+/', '-_'), '=')";
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO authmd_registration (tenant_id, id, type, status, version, created_at, expires_at,"
                    + " user_id, requested_credential_type, post_claim_scopes, claim_token_hash, claim_expires_at,"
                    + " claim_total_failures)"
                    + " SELECT 'default', 'reg_bench_' || i, 'anonymous',"
                    + "   CASE WHEN i % 2 = 0 THEN 'unclaimed' ELSE 'claimed' END, 0,"
                    + "   now() - interval '1 hour', CASE WHEN i % 2 = 0 THEN now() + interval '30 days' END,"
                    + "   CASE WHEN i % 2 = 1 THEN 'user_' || (i % 50000) END, 'api_key',"
                    + "   ARRAY['api.read','api.write'],"
                    + "   CASE WHEN i % 2 = 0 THEN " + hash.formatted("'clm_bench_' || (i / 2)") + " END,"
                    + "   CASE WHEN i % 2 = 0 THEN now() + interval '30 days' END,"
                    + "   CASE WHEN i % 2 = 0 THEN 0 END"
                    + " FROM generate_series(" + (from + 1) + ", " + to + ") i");
            s.execute("INSERT INTO authmd_credential (tenant_id, id, secret_hash, type, registration_id, user_id,"
                    + " scopes, issued_at, version)"
                    + " SELECT 'default', 'cred_bench_' || i, " + hash.formatted("'sk_bench_' || i") + ", 'api_key',"
                    + "   'reg_bench_' || i, CASE WHEN i % 2 = 1 THEN 'user_' || (i % 50000) END,"
                    + "   ARRAY['api.read','api.write'], now() - interval '1 hour', 0"
                    + " FROM generate_series(" + (from + 1) + ", " + to + ") i");
            s.execute("VACUUM ANALYZE authmd_registration");
            s.execute("VACUUM ANALYZE authmd_credential");
            s.execute("CHECKPOINT");
        }
    }

    private static void checkLoaded(Fleet fleet, RegistrationStore store, int size) {
        if (store.findByClaimTokenHash(TENANT, claimHash(size / 2 - 1)).isEmpty()
                || !(fleet.a().authenticate(CTX, "Bearer sk_bench_" + size, Set.of())
                        instanceof AuthenticationResult.Authenticated)) {
            throw new IllegalStateException("bulk-loaded rows are not found: hash format drifted from SecretHasher");
        }
    }

    /** Unclaimed registration {@code 2(n+1)} carries claim token {@code clm_bench_<n+1>}. */
    private static String claimHash(int n) {
        return dev.authmd.core.secret.SecretHasher.hash("clm_bench_" + (n + 1));
    }

    private static void authenticate(Fleet fleet, int replica, int i) {
        if (!(fleet.replica(replica).authenticate(CTX, "Bearer sk_bench_" + (i + 1), Set.of())
                instanceof AuthenticationResult.Authenticated)) {
            throw new IllegalStateException("bulk-loaded key did not authenticate");
        }
    }

    private static String relationSize(HikariDataSource admin) throws SQLException {
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('authmd_registration')"
                        + " + pg_total_relation_size('authmd_credential'))")) {
            rs.next();
            return rs.getString(1);
        }
    }

    // ------------------------------------------------------------------------------ measuring

    /** One operation of worker {@code t}. */
    @FunctionalInterface
    private interface Op {
        void run(int t) throws Exception;
    }

    /** One lookup of item {@code i}. */
    @FunctionalInterface
    private interface Lookup {
        void run(int i) throws Exception;
    }

    private record Result(double perSecond, double meanMicros) {}

    private record Latency(double p50, double p99, double mean) {
        static Latency of(List<Long> nanos) {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            double mean = Arrays.stream(sorted).average().orElse(0) / 1e3;
            return new Latency(sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3, mean);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f / %.0f / %.0f µs", p50, p99, mean);
        }
    }

    /** {@link #threads} workers run {@code op} for up to 5 s of warm-up, then {@link #seconds} s counted. */
    private Result timed(Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            runMillis(pool, op, Math.min(5, seconds) * 1000L);
            long[] counted = runMillis(pool, op, seconds * 1000L);
            return new Result(counted[0] / (double) seconds, counted[1] / 1e3 / Math.max(1, counted[0]));
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return {operations, summed nanoseconds} */
    private long[] runMillis(ExecutorService pool, Op op, long millis) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ops = new AtomicLong();
        AtomicLong nanos = new AtomicLong();
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            futures.add(pool.submit(() -> {
                gate.await();
                long n = 0;
                long spent = 0;
                while (!stop.get()) {
                    long start = System.nanoTime();
                    op.run(worker);
                    spent += System.nanoTime() - start;
                    n++;
                }
                ops.addAndGet(n);
                nanos.addAndGet(spent);
                return null;
            }));
        }
        gate.countDown();
        Thread.sleep(millis);
        stop.set(true);
        for (Future<?> f : futures) {
            f.get();
        }
        return new long[] {ops.get(), nanos.get()};
    }

    private void row(String name, Result r) {
        line(String.format(Locale.ROOT, "| %s | %,.0f | %.2f ms |", name, r.perSecond, r.meanMicros / 1e3));
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    private void machine(HikariDataSource admin) throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        String version;
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            version = rs.getString(1);
        }
        line("Load average at the start (1/5/15 min): " + loadAverage());
        line(String.format(
                Locale.ROOT,
                "Machine: %d cores (%s), %s; Java %s; PostgreSQL %s on the same machine,"
                        + " %s settings, shared_buffers %s; 2 replicas in one JVM, pools of %d connections each.",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                memory,
                System.getProperty("java.version"),
                version,
                durable ? "durable default (fsync, synchronous_commit on)" : "non-durable test",
                sharedBuffers,
                threads / 2 + 2));
        line("");
    }

    private static String loadAverage() throws java.io.IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static void truncate(HikariDataSource admin) throws SQLException {
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE authmd_registration, authmd_credential, authmd_delegation, authmd_replay,"
                    + " authmd_rate_limit");
        }
    }

    private HikariDataSource pool(LocalPostgres server, String database, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl(database));
        config.setMaximumPoolSize(threads / 2 + 2);
        config.setPoolName(database + "-" + name);
        return new HikariDataSource(config);
    }

    /** Uniform random index from the calling thread's generator. */
    private static final class ThreadLocalRandomIndex {
        static int next(int bound) {
            return java.util.concurrent.ThreadLocalRandom.current().nextInt(bound);
        }
    }

    /** Two replicas over two pools: JDBC stores, no rate limits, JIT users, no mail. */
    private static final class Fleet {
        final ProviderKeys keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
        final List<AgentAuthService> replicas = new ArrayList<>();

        Fleet(HikariDataSource... pools) {
            AgentAuthConfig config = AgentAuthConfig.builder(URI.create("https://api.example.com/v1"))
                    .build();
            TrustList trust = TrustList.builder()
                    .add(TrustedProvider.builder(PROVIDER)
                            .keyLocation(KeyLocation.inline(keys.jwksJson()))
                            .algorithms(List.of("ES256"))
                            .build())
                    .build();
            OtpHasher otp = new OtpHasher("benchmark key, 32 bytes or more.".getBytes(StandardCharsets.UTF_8));
            AccountResolver users = new AccountResolver() {
                @Override
                public Optional<UserAccount> findByVerifiedEmail(String tenantId, String email) {
                    return Optional.empty();
                }

                @Override
                public Optional<UserAccount> findByVerifiedPhone(String tenantId, String phone) {
                    return Optional.empty();
                }

                @Override
                public Optional<UserAccount> provision(ProvisionRequest request) {
                    return Optional.of(new UserAccount("user-" + request.subject(), request.email(), null));
                }
            };
            for (HikariDataSource pool : pools) {
                replicas.add(AgentAuthService.builder()
                        .config(config, trust)
                        .registrationStore(new JdbcRegistrationStore(pool))
                        .credentialStore(new JdbcCredentialStore(pool))
                        .delegationStore(new JdbcDelegationStore(pool))
                        .replayCache(new JdbcReplayCache(pool))
                        .rateLimitStore(new JdbcRateLimitStore(pool))
                        .rateLimitPolicy(RateLimitPolicy.none())
                        .accountResolver(users)
                        .claimMailer(mail -> {})
                        .auditSink(event -> {})
                        .otpHasher(otp)
                        .build());
            }
        }

        AgentAuthService replica(int worker) {
            return replicas.get(worker % replicas.size());
        }

        AgentAuthService a() {
            return replicas.get(0);
        }
    }
}
