package dev.authmd.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.service.AgentAuthService;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.http.HttpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The public API, package by package: changing what a module exports changes this list, so the change shows in review
 * (see docs/compatibility.md). Read from the compiled module descriptors.
 */
class ExportedPackagesTest {

    @Test
    void spiWhenCompiledThenExportsExactlyTheseContractPackages() throws IOException {
        assertThat(exports(HttpRequest.class))
                .containsExactly(
                        "dev.authmd.spi.account",
                        "dev.authmd.spi.audit",
                        "dev.authmd.spi.credential",
                        "dev.authmd.spi.http",
                        "dev.authmd.spi.keys",
                        "dev.authmd.spi.mail",
                        "dev.authmd.spi.store");
    }

    @Test
    void protocolWhenCompiledThenExportsExactlyTheseDataPackages() throws IOException {
        assertThat(exports(ProtocolError.class))
                .containsExactly(
                        "dev.authmd.protocol.authmd",
                        "dev.authmd.protocol.challenge",
                        "dev.authmd.protocol.error",
                        "dev.authmd.protocol.internal.authmd to [dev.authmd.core]",
                        "dev.authmd.protocol.metadata");
    }

    @Test
    void coreWhenCompiledThenExportsExactlyTheseHostPackages() throws IOException {
        assertThat(exports(AgentAuthService.class))
                .containsExactly(
                        "dev.authmd.core.assertion",
                        "dev.authmd.core.audit",
                        "dev.authmd.core.authmd",
                        "dev.authmd.core.config",
                        "dev.authmd.core.discovery",
                        "dev.authmd.core.fetch",
                        "dev.authmd.core.http",
                        "dev.authmd.core.mail",
                        "dev.authmd.core.provider",
                        "dev.authmd.core.ratelimit",
                        "dev.authmd.core.secret",
                        "dev.authmd.core.service",
                        "dev.authmd.core.signing",
                        "dev.authmd.core.store.memory",
                        "dev.authmd.core.trust");
    }

    /** The exports of the module descriptor that sits beside {@code member} on the class path. */
    private static TreeSet<String> exports(Class<?> member) throws IOException {
        TreeSet<String> exports = new TreeSet<>();
        Path location;
        try {
            location = Path.of(
                    member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = open(location)) {
            ModuleDescriptor descriptor = ModuleDescriptor.read(in);
            for (ModuleDescriptor.Exports e : descriptor.exports()) {
                exports.add(e.isQualified() ? e.source() + " to " + new TreeSet<>(e.targets()) : e.source());
            }
        }
        return exports;
    }

    /** {@code module-info.class} of a classes directory (a reactor build) or a jar (an installed one). */
    private static InputStream open(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            return Files.newInputStream(location.resolve("module-info.class"));
        }
        JarFile jar = new JarFile(location.toFile());
        JarEntry entry = jar.getJarEntry("module-info.class");
        assertThat(entry).as("module-info.class in " + location).isNotNull();
        InputStream in = jar.getInputStream(entry);
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                super.close();
                jar.close();
            }
        };
    }
}
