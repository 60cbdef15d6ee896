package dev.authmd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Without any SLF4J provider the development-default warnings would be lost: a JVM started on the test class path minus
 * slf4j-simple builds a service on every default, and its standard error must carry each warning and the line naming
 * providers to add. Real SLF4J, real detection; no seam.
 */
class NoLoggingProviderTest {

    @Test
    void buildWhenNoSlf4jProviderOnClassPathThenWarningsPrintedToStandardError() throws Exception {
        List<String> classPath = Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("slf4j-simple"))
                .toList();
        assertThat(classPath)
                .anyMatch(entry -> Path.of(entry).getFileName().toString().startsWith("slf4j-api"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(
                        java,
                        "-cp",
                        classPath.stream().collect(Collectors.joining(File.pathSeparator)),
                        NoProviderHost.class.getName())
                .start();
        run.getOutputStream().close();
        // the child writes little; read both streams to the end, then wait
        byte[] out = run.getInputStream().readAllBytes();
        byte[] err = run.getErrorStream().readAllBytes();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        String stdout = new String(out, StandardCharsets.UTF_8);
        String stderr = new String(err, StandardCharsets.UTF_8);

        assertThat(run.exitValue()).as(stdout + stderr).isZero();
        assertThat(stdout).contains("BUILT discarded=true");
        assertThat(stderr)
                .contains("[authmd] WARN Development default: in-memory stores for registrationStore(...)")
                .contains("[authmd] WARN " + DevelopmentDefaults.CONSOLE_MAILER)
                .contains("[authmd] WARN " + DevelopmentDefaults.IN_MEMORY_ACCOUNTS)
                .contains("[authmd] WARN " + DevelopmentDefaults.RANDOM_OTP_KEY)
                .contains("[authmd] WARN " + DevelopmentDefaults.noLoggingProvider(true));
        assertThat(stderr.split("SLF4J has no logging provider", -1))
                .as("printed once")
                .hasSize(2);
    }
}
