package dev.authmd.examples.demo;

import dev.authmd.examples.e2e.AdjustableClock;
import dev.authmd.examples.e2e.AgentAuthE2eSuite;
import dev.authmd.examples.e2e.ClaimInbox;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v0.1 end-to-end suite, unchanged, against the demo serving the v0.1 profile alone: turning the current profile
 * off leaves every v0.1 flow as it was.
 */
class DemoServerV01OnlyE2eTest extends AgentAuthE2eSuite {

    private static final AdjustableClock CLOCK = new AdjustableClock();
    private static Path mailDir;
    private static DemoServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        mailDir = dir;
        server = DemoServer.start(
                DemoOptions.parse(
                        new String[] {
                            "--port", "0", "--mail-dir", dir.toString(), "--rate-limits", "off", "--profiles", "v0.1"
                        },
                        Map.of()),
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
