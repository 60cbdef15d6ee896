package dev.authmd.adapters.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL server from the distribution's packages (Debian: {@code apt-get install postgresql},
 * binaries under {@code /usr/lib/postgresql/<version>/bin}): {@code initdb} into a fresh directory, {@code pg_ctl
 * start} on a free port of 127.0.0.1 (no Unix socket), trust authentication for the superuser {@value #USER}, and on
 * {@link #close()} {@code pg_ctl stop} and the directory deleted.
 *
 * <p>PostgreSQL refuses to run as root: when this JVM is root, the directory is handed to the {@code postgres} OS user
 * (created by the Debian package) and every command runs through {@code runuser -u postgres --}.
 *
 * <p>Set {@code AUTHMD_PG_BIN} to a directory holding {@code initdb} and {@code pg_ctl} to use other binaries. Not
 * thread-safe; one instance per server.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The superuser initdb creates; trust authentication, local connections only. */
    public static final String USER = "authmd";

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final boolean asPostgresUser;
    private final int port;
    private final Thread shutdownHook;
    private boolean stopped;

    private LocalPostgres(Path bin, Path directory, boolean asPostgresUser, int port) {
        this.bin = bin;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.asPostgresUser = asPostgresUser;
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "local-postgres-stop");
    }

    /**
     * Tuning of the throwaway server.
     *
     * @param durable true to keep PostgreSQL's crash-safe defaults ({@code fsync}, {@code synchronous_commit},
     *     full-page writes), as a benchmark must; false for tests, whose data is thrown away anyway
     * @param maxConnections {@code max_connections}
     * @param sharedBuffers {@code shared_buffers}, e.g. {@code 128MB}
     */
    public record Settings(boolean durable, int maxConnections, String sharedBuffers) {

        /** Validates the components. */
        public Settings {
            Objects.requireNonNull(sharedBuffers, "sharedBuffers cannot be null");
            if (!sharedBuffers.matches("\\d+(kB|MB|GB)")) {
                throw new IllegalArgumentException("sharedBuffers must look like 128MB");
            }
        }

        /** For tests: durability off, 200 connections, 128MB of shared buffers. */
        public static Settings forTests() {
            return new Settings(false, 200, "128MB");
        }

        /** For benchmarks: PostgreSQL's durable defaults, 200 connections, 128MB of shared buffers. */
        public static Settings durableDefaults() {
            return new Settings(true, 200, "128MB");
        }

        /**
         * @param size the new {@code shared_buffers}
         * @return these settings with that buffer size
         */
        public Settings withSharedBuffers(String size) {
            return new Settings(durable, maxConnections, size);
        }
    }

    /**
     * Creates and starts a server in a new directory under {@code parent}.
     *
     * @param parent where the throwaway directory goes (a module's {@code target/})
     * @param settings tuning
     * @return the running server
     * @throws IllegalStateException when the binaries are missing (with the command that installs them) or the server
     *     does not start (with the tail of its log)
     */
    public static LocalPostgres start(Path parent, Settings settings) {
        Objects.requireNonNull(parent, "parent cannot be null");
        Objects.requireNonNull(settings, "settings cannot be null");
        Path bin = findBinaries();
        boolean root = isRoot();
        try {
            Files.createDirectories(parent);
            Path directory = Files.createTempDirectory(parent.toAbsolutePath(), "postgres-");
            if (root) {
                run(
                        List.of("chown", "-R", "postgres:postgres", directory.toString()),
                        "hand the directory to postgres");
            }
            for (int attempt = 1; ; attempt++) {
                LocalPostgres server = new LocalPostgres(bin, directory, root, freePort());
                try {
                    server.initAndStart(settings, attempt == 1);
                    return server;
                } catch (IllegalStateException e) {
                    server.stopQuietly();
                    server.forgetShutdownHook();
                    if (attempt == 3 || !server.logMentionsPortInUse()) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a PostgreSQL directory under " + parent, e);
        }
    }

    /** @return the port the server listens on, on 127.0.0.1 */
    public int port() {
        return port;
    }

    /**
     * @param database a database name
     * @return a JDBC URL for it, as {@link #USER}, without a password
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER
                + "&ApplicationName=authmd-tests";
    }

    /**
     * @param name a new database's name: lower-case letters, digits and underscores
     * @throws IllegalArgumentException for any other name
     */
    public void createDatabase(String name) {
        admin("CREATE DATABASE " + checkedName(name) + " TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'");
    }

    /**
     * Drops a database, closing any connection still open to it.
     *
     * @param name the database
     */
    public void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + checkedName(name) + " WITH (FORCE)");
    }

    /**
     * Crashes the server as a power cut or an OOM killer would: {@code pg_ctl stop -m immediate} aborts every server
     * process without a clean shutdown, so the next start runs crash recovery from the write-ahead log. Open
     * connections break mid-statement.
     */
    public void crash() {
        runAsServerUser(
                List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
                "crash PostgreSQL");
    }

    /** Starts the server again after {@link #crash()}, on the same port, and waits until it accepts connections. */
    public void restart() {
        pgCtlStart("restart PostgreSQL");
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) and deletes its directory. Idempotent. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        forgetShutdownHook();
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                runAsServerUser(
                        List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"),
                        "stop PostgreSQL");
            }
        } finally {
            deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return "LocalPostgres[127.0.0.1:" + port + ", " + directory + "]";
    }

    // ------------------------------------------------------------------------------ start-up

    private void initAndStart(Settings settings, boolean init) {
        if (init) {
            runAsServerUser(
                    List.of(
                            bin.resolve("initdb").toString(),
                            "-D",
                            data.toString(),
                            "-U",
                            USER,
                            "-A",
                            "trust",
                            "-E",
                            "UTF8",
                            "--locale=C",
                            "-N"),
                    "initdb");
        }
        List<String> conf = new ArrayList<>(List.of(
                "# written by LocalPostgres",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = ''",
                "max_connections = " + settings.maxConnections(),
                "shared_buffers = " + settings.sharedBuffers()));
        if (!settings.durable()) {
            conf.addAll(List.of("fsync = off", "synchronous_commit = off", "full_page_writes = off"));
        }
        try {
            Files.write(data.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure PostgreSQL in " + data, e);
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        pgCtlStart("start PostgreSQL");
    }

    /** {@code pg_ctl start}, waiting up to a minute until the server accepts connections. */
    private void pgCtlStart(String what) {
        runAsServerUser(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        directory.resolve("server.log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "start"),
                what);
    }

    private void forgetShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // nothing to forget then
        }
    }

    private boolean logMentionsPortInUse() {
        return logTail().contains("Address already in use");
    }

    private String logTail() {
        Path log = directory.resolve("server.log");
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(server log unreadable: " + e.getMessage() + ")";
        }
    }

    private void stopQuietly() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                runAsServerUser(
                        List.of(
                                bin.resolve("pg_ctl").toString(),
                                "-D",
                                data.toString(),
                                "-m",
                                "immediate",
                                "-w",
                                "stop"),
                        "stop PostgreSQL");
            }
        } catch (RuntimeException ignored) {
            // best effort on the way out
        }
    }

    private void runAsServerUser(List<String> command, String what) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            run(full, what);
        } catch (IllegalStateException e) {
            String tail = logTail();
            throw tail.isEmpty() ? e : new IllegalStateException(e.getMessage() + "\nserver log:\n" + tail, e);
        }
    }

    private void admin(String statement) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + statement, e);
        }
    }

    private static String checkedName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database names here are [a-z_][a-z0-9_]*, at most 63 characters");
        }
        return name;
    }

    // ------------------------------------------------------------------------------ environment

    /** What a developer sees when the binaries are missing outside CI (each test is reported as skipped). */
    static final String MISSING_MESSAGE = "PostgreSQL binaries not found under " + DEBIAN_ROOT + "/<version>/bin;"
            + " the JDBC store tests run a real server: install it with `sudo apt-get install -y postgresql`"
            + " (or point AUTHMD_PG_BIN at a directory holding initdb and pg_ctl). With CI=true this is a failure.";

    /**
     * Whether the JDBC tests skip here: the binaries are missing and this is not CI (where {@code .ci/run} installs
     * them, so their absence is a failure, not a skip).
     *
     * @return true when every test that needs the server should be reported as skipped
     */
    static boolean skippedHere() {
        return locateBinaries().isEmpty() && !"true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * @return the bin directory of the newest PostgreSQL under /usr/lib/postgresql, or {@code AUTHMD_PG_BIN}
     * @throws IllegalStateException saying how to install PostgreSQL when none is found
     */
    static Path findBinaries() {
        return locateBinaries()
                .orElseThrow(() -> new IllegalStateException(
                        "true".equalsIgnoreCase(System.getenv("CI"))
                                ? "PostgreSQL binaries not found under " + DEBIAN_ROOT + "/<version>/bin:"
                                        + " .ci/run must install postgresql (apt-get install -y postgresql) before running the tests"
                                : MISSING_MESSAGE));
    }

    /**
     * @return the bin directory of the newest PostgreSQL under /usr/lib/postgresql, or {@code AUTHMD_PG_BIN}; empty
     *     when there is none
     * @throws IllegalStateException when {@code AUTHMD_PG_BIN} is set but holds no server
     */
    static Optional<Path> locateBinaries() {
        String override = System.getenv("AUTHMD_PG_BIN");
        if (override != null && !override.isBlank()) {
            Path bin = Path.of(override);
            if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
                return Optional.of(bin);
            }
            throw new IllegalStateException("AUTHMD_PG_BIN=" + override + " holds no executable initdb and pg_ctl");
        }
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .filter(v ->
                            Files.isExecutable(v.resolve("bin/initdb")) && Files.isExecutable(v.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingDouble(
                            v -> Double.parseDouble(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DEBIAN_ROOT, e);
        }
    }

    private static boolean isRoot() {
        String uid = run(List.of("id", "-u"), "read the user id").trim();
        if (!"0".equals(uid)) {
            return false;
        }
        try {
            run(List.of("id", "-u", "postgres"), "find the postgres user");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    "running as root, and PostgreSQL refuses root: the tests run it as the"
                            + " 'postgres' OS user, which does not exist; install the postgresql package (it creates it)",
                    e);
        }
        return true;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free local port", e);
        }
    }

    private static String run(List<String> command, String what) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("could not " + what + ": timed out");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("could not " + what + " (exit " + process.exitValue() + "): "
                        + String.join(" ", command) + "\n" + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("could not " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** @return the lower-case form of a class name fit for a database name */
    static String databaseNameFor(String prefix, String className, int n) {
        String cleaned = className.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String name = prefix + cleaned;
        String suffix = "_" + n;
        return name.substring(0, Math.min(name.length(), 63 - suffix.length())) + suffix;
    }
}
