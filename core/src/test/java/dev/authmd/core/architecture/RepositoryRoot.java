package dev.authmd.core.architecture;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's root from the module directory Maven runs tests in. */
final class RepositoryRoot {

    private RepositoryRoot() {}

    static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("README.md"))
                    && Files.isDirectory(dir.resolve("core"))
                    && Files.isDirectory(dir.resolve("spi"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "repository root not found above " + Path.of("").toAbsolutePath());
    }
}
