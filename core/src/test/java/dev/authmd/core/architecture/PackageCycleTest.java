package dev.authmd.core.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of core or protocol depends, directly or through others, on a package that depends back on it. Every
 * sub-package is its own slice, so {@code internal.keys} and {@code assertion} (or {@code internal} and
 * {@code internal.keys}) count as two.
 */
class PackageCycleTest {

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.authmd.core", "dev.authmd.protocol");

    @Test
    void corePackagesWhenImportedThenFreeOfCycles() {
        slices().matching("dev.authmd.core.(**)").should().beFreeOfCycles().check(MAIN_CLASSES);
    }

    @Test
    void protocolPackagesWhenImportedThenFreeOfCycles() {
        slices().matching("dev.authmd.protocol.(**)").should().beFreeOfCycles().check(MAIN_CLASSES);
    }
}
