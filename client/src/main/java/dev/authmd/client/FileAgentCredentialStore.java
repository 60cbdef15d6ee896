package dev.authmd.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * {@link AgentCredentialStore} with one JSON file per issuer ({@code <sha-256 of the issuer>.json}) in one directory.
 * Each save writes a new file readable by its owner only ({@code 0600} where the file system has POSIX permissions) and
 * renames it over the old one atomically, so a reader never sees half a file; a lock file per issuer
 * ({@code FileChannel.lock}, plus a lock per file inside this JVM) keeps two processes from interleaving. Thread-safe.
 */
final class FileAgentCredentialStore implements AgentCredentialStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT_VERSION = 1;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path directory;
    private final boolean posix;
    /** One lock per file for the whole JVM: two stores on one directory must not both take its file lock. */
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private FileAgentCredentialStore(Path directory, boolean posix) {
        this.directory = directory;
        this.posix = posix;
    }

    static FileAgentCredentialStore open(Path directory) {
        Objects.requireNonNull(directory, "directory cannot be null");
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.isDirectory(directory)) {
                if (posix) {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
                } else {
                    Files.createDirectories(directory);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the credential directory " + directory, e);
        }
        return new FileAgentCredentialStore(directory, posix);
    }

    @Override
    public Optional<AgentCredentials> load(String issuer) {
        String name = fileName(Objects.requireNonNull(issuer, "issuer cannot be null"));
        return locked(name, () -> {
            Path file = directory.resolve(name + ".json");
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            AgentCredentials credentials = read(bytes, file);
            if (!credentials.issuer().equals(issuer)) {
                throw new AuthMdClientException("stored credentials in " + file + " belong to another issuer");
            }
            return Optional.of(credentials);
        });
    }

    @Override
    public void save(AgentCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials cannot be null");
        String name = fileName(credentials.issuer());
        locked(name, () -> {
            Path temporary = Files.createTempFile(directory, name + ".", ".tmp", ownerOnly());
            try {
                Files.write(temporary, write(credentials), StandardOpenOption.WRITE);
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                try {
                    Files.move(
                            temporary,
                            directory.resolve(name + ".json"),
                            StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the credential directory cannot rename atomically: " + directory, e);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            return Boolean.TRUE;
        });
    }

    @Override
    public void delete(String issuer) {
        String name = fileName(Objects.requireNonNull(issuer, "issuer cannot be null"));
        locked(name, () -> Files.deleteIfExists(directory.resolve(name + ".json")));
    }

    @Override
    public String toString() {
        return "FileAgentCredentialStore[" + directory + "]";
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private <T> T locked(String name, IoAction<T> action) {
        ReentrantLock inProcess =
                LOCKS.computeIfAbsent(directory.resolve(name).toAbsolutePath().normalize(), n -> new ReentrantLock());
        inProcess.lock();
        try {
            Path lockFile = directory.resolve(name + ".lock");
            try {
                Files.createFile(lockFile, ownerOnly());
            } catch (FileAlreadyExistsException e) {
                // another process made it first: the lock file is only ever a lock
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    return action.run();
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("credential store " + directory + ": " + e.getMessage(), e);
        } finally {
            inProcess.unlock();
        }
    }

    private FileAttribute<?>[] ownerOnly() {
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static String fileName(String issuer) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(issuer.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static byte[] write(AgentCredentials c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", FORMAT_VERSION);
        node.put("issuer", c.issuer());
        node.put("resource", c.resource());
        node.put("profile", c.profile().wireName());
        node.put("registration_id", c.registrationId());
        node.put("method", c.method().wireName());
        node.put("claimed", c.claimed());
        ArrayNode scopes = node.putArray("scopes");
        c.scopes().forEach(scopes::add);
        put(node, "bearer", c.bearer(), "bearer_expires", c.bearerExpires());
        put(node, "assertion", c.assertion(), "assertion_expires", c.assertionExpires());
        put(node, "refresh_token", c.refreshToken(), "refresh_token_expires", c.refreshTokenExpires());
        put(node, "claim_token", c.claimToken(), "claim_token_expires", c.claimTokenExpires());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(
            ObjectNode node, String name, @Nullable String value, String expiresName, @Nullable Instant expires) {
        if (value != null) {
            node.put(name, value);
        }
        if (expires != null) {
            node.put(expiresName, expires.toString());
        }
    }

    static AgentCredentials read(byte[] bytes, Path file) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject() || node.path("version").asInt() != FORMAT_VERSION) {
                throw new AuthMdClientException("stored credentials in " + file + " are not in a known format");
            }
            List<String> scopes = new ArrayList<>();
            node.path("scopes").forEach(scope -> scopes.add(scope.asText()));
            return new AgentCredentials(
                    required(node, "issuer", file),
                    required(node, "resource", file),
                    ServiceProfile.fromWireName(required(node, "profile", file)),
                    required(node, "registration_id", file),
                    RegistrationMethod.fromWireName(required(node, "method", file)),
                    node.path("claimed").asBoolean(false),
                    scopes,
                    optional(node, "bearer"),
                    instant(node, "bearer_expires"),
                    optional(node, "assertion"),
                    instant(node, "assertion_expires"),
                    optional(node, "refresh_token"),
                    instant(node, "refresh_token_expires"),
                    optional(node, "claim_token"),
                    instant(node, "claim_token_expires"));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new AuthMdClientException("stored credentials in " + file + " are unreadable", e);
        }
    }

    private static String required(JsonNode node, String name, Path file) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new AuthMdClientException("stored credentials in " + file + " have no " + name);
        }
        return value.asText();
    }

    private static @Nullable String optional(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static @Nullable Instant instant(JsonNode node, String name) {
        String value = optional(node, name);
        return value == null ? null : Instant.parse(value);
    }
}
