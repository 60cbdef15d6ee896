package dev.authmd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAgentCredentialStoreTest {

    private static final String ISSUER = "https://as.example.com";

    @TempDir
    Path dir;

    private Path onlyEntryFile() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(json).hasSize(1);
            return json.get(0);
        }
    }

    @Test
    void saveWhenLoadedAgainThenEveryMemberComesBack() {
        AgentCredentialStore store = AgentCredentialStore.inDirectory(dir.resolve("creds"));
        AgentCredentials entry = FileStoreWriter.entry(ISSUER, "reg_1");

        store.save(entry);

        assertThat(AgentCredentialStore.inDirectory(dir.resolve("creds")).load(ISSUER))
                .contains(entry);
        assertThat(store.load("https://other.example.com")).isEmpty();
    }

    @Test
    void saveWhenWrittenThenTheFileIsTheOwnersOnlyAndTheDirectoryToo() throws Exception {
        Path creds = dir.resolve("creds");
        AgentCredentialStore.inDirectory(creds).save(FileStoreWriter.entry(ISSUER, "reg_1"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(creds)))
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(creds)) {
            assertThat(files.map(p -> {
                        try {
                            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }))
                    .isNotEmpty()
                    .allMatch("rw-------"::equals);
        }
    }

    @Test
    void toStringWhenSecretsAreHeldThenNoneIsShown() {
        AgentCredentials entry = FileStoreWriter.entry(ISSUER, "reg_1");
        AgentCredentialStore store = AgentCredentialStore.inDirectory(dir);
        store.save(entry);

        assertThat(entry.toString())
                .contains("reg_1", "bearer=[redacted]", "refreshToken=[redacted]", "claimToken=none")
                .doesNotContain("at_reg_1", "eyJ.reg_1", "art_reg_1");
        assertThat(store.toString()).doesNotContain("reg_1");
    }

    @Test
    void deleteWhenPresentOrAbsentThenGoneAndNoError() {
        AgentCredentialStore store = AgentCredentialStore.inDirectory(dir);
        store.save(FileStoreWriter.entry(ISSUER, "reg_1"));

        store.delete(ISSUER);
        store.delete(ISSUER);

        assertThat(store.load(ISSUER)).isEmpty();
    }

    @Test
    void loadWhenTheFileIsGarbageOrAnotherIssuersThenAClearErrorNamingTheFile() throws Exception {
        AgentCredentialStore store = AgentCredentialStore.inDirectory(dir);
        store.save(FileStoreWriter.entry(ISSUER, "reg_1"));
        Path file = onlyEntryFile();

        Files.writeString(file, "{\"version\":1,\"issuer\":", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> store.load(ISSUER))
                .isInstanceOf(AuthMdClientException.class)
                .hasMessageContaining("are unreadable")
                .hasMessageContaining(file.toString());

        Files.write(file, FileAgentCredentialStore.write(FileStoreWriter.entry("https://evil.example", "reg_2")));
        assertThatThrownBy(() -> store.load(ISSUER))
                .isInstanceOf(AuthMdClientException.class)
                .hasMessageContaining("belong to another issuer");

        Files.writeString(file, "{\"version\":7}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> store.load(ISSUER))
                .isInstanceOf(AuthMdClientException.class)
                .hasMessageContaining("not in a known format");
    }

    @Test
    void saveWhenTwoProcessesWriteWhileOneReadsThenEveryReadIsAWholeEntry() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        List<Process> writers = new ArrayList<>();
        for (String tag : List.of("a", "b")) {
            writers.add(new ProcessBuilder(
                            java, "-cp", classPath, FileStoreWriter.class.getName(), dir.toString(), ISSUER, "300", tag)
                    .redirectErrorStream(true)
                    .start());
        }
        AgentCredentialStore reader = AgentCredentialStore.inDirectory(dir);
        int reads = 0;
        while (writers.stream().anyMatch(Process::isAlive)) {
            reader.load(ISSUER).ifPresent(entry -> {
                assertThat(entry.registrationId()).matches("[ab]-\\d+");
                assertThat(entry.bearer()).isEqualTo("at_" + entry.registrationId());
                assertThat(entry.refreshToken()).isEqualTo("art_" + entry.registrationId());
            });
            reads++;
        }
        for (Process writer : writers) {
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue())
                    .as(new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();
        }
        assertThat(reader.load(ISSUER).orElseThrow().registrationId()).matches("[ab]-299");
        assertThat(reads).isPositive();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void saveWhenTwoStoresOnOneDirectoryWriteAtOnceThenNeitherFails() throws Exception {
        AgentCredentialStore a = AgentCredentialStore.inDirectory(dir);
        AgentCredentialStore b = AgentCredentialStore.inDirectory(dir);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                AgentCredentialStore store = i % 2 == 0 ? a : b;
                String id = "reg_" + i;
                writes.add(pool.submit(() -> store.save(FileStoreWriter.entry(ISSUER, id))));
            }
            for (java.util.concurrent.Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(a.load(ISSUER).orElseThrow().registrationId()).startsWith("reg_");
    }
}
