package dev.authmd.examples.spring;

import dev.authmd.examples.demo.DemoOptions;
import dev.authmd.examples.e2e.AdjustableClock;
import dev.authmd.examples.e2e.ClaimInbox;
import dev.authmd.examples.e2e.CurrentProfileE2eSuite;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The current profile's end-to-end suite against the demo on Spring Boot on a random port. */
class SpringBootCurrentProfileE2eTest extends CurrentProfileE2eSuite {

    private static final AdjustableClock CLOCK = new AdjustableClock();
    private static Path mailDir;
    private static SpringDemoServer server;

    @BeforeAll
    static void start(@TempDir Path dir) {
        mailDir = dir;
        server = SpringDemoServer.start(
                DemoOptions.parse(
                        new String[] {"--port", "0", "--mail-dir", dir.toString(), "--rate-limits", "off"}, Map.of()),
                CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected URI baseUrl() {
        return server.baseUrl();
    }

    @Override
    protected ClaimInbox claimInbox() {
        return ClaimInbox.mailDirectory(mailDir);
    }

    @Override
    protected Optional<AdjustableClock> testClock() {
        return Optional.of(CLOCK);
    }
}
