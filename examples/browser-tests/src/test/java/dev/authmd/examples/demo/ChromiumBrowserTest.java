package dev.authmd.examples.demo;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing browser fails the browser tests with a message saying what to install; it never skips them. */
class ChromiumBrowserTest {

    @TempDir
    Path dir;

    @Test
    void requireInstalledWhenMissingInCiThenFailsNamingCiRun() throws IOException {
        Path missing = dir.resolve("chromium");
        Path driver = executable("chromedriver");

        assertThatThrownBy(() -> ChromiumBrowser.requireInstalled(missing, driver, Map.of("CI", "true")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining(".ci/run must install it")
                .hasMessageContaining("chromium-driver");
    }

    @Test
    void requireInstalledWhenMissingOutsideCiThenAbortsNamingTheAptPackages() throws IOException {
        Path missing = dir.resolve("chromedriver");
        Path chromium = executable("chromium");

        assertThatThrownBy(() -> ChromiumBrowser.requireInstalled(chromium, missing, Map.of()))
                .isInstanceOf(org.opentest4j.TestAbortedException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("apt-get install chromium chromium-driver")
                .hasMessageNotContaining(".ci/run");
    }

    @Test
    void requireInstalledWhenBothExecutableThenPasses() throws IOException {
        Path chromium = executable("chromium");
        Path driver = executable("chromedriver");

        assertThatCode(() -> ChromiumBrowser.requireInstalled(chromium, driver, Map.of("CI", "true")))
                .doesNotThrowAnyException();
    }

    private Path executable(String name) throws IOException {
        Path file = Files.createFile(dir.resolve(name));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
