package dev.authmd.examples.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver} at fixed paths, never
 * a browser or driver that Selenium Manager would download (the network is closed, and a test must not fetch its own
 * browser). Missing binaries fail the tests in CI ({@code CI=true}: {@code .ci/run} installs them, so their absence is
 * a broken CI); on a developer machine the browser tests are reported as skipped with a loud message saying how to
 * install them, so {@code mvn -B verify} works on a fresh machine.
 */
final class ChromiumBrowser {

    /** Debian's Chromium. */
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Debian's ChromeDriver, the same version as {@link #CHROMIUM}. */
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long a test waits for something to appear: Chromium is slow on a loaded 2-core machine. */
    static final Duration WAIT = Duration.ofSeconds(60);

    /** What a developer sees when the binaries are missing outside CI (each browser test is reported as skipped). */
    static final String MISSING_MESSAGE = "the claim page browser tests need Chromium: install it with"
            + " `apt-get install chromium chromium-driver` (Debian's packages). With CI=true this is a failure.";

    private ChromiumBrowser() {}

    /**
     * Whether the browser tests skip here: a binary is missing and this is not CI (where {@code .ci/run} installs them,
     * so their absence is a failure).
     *
     * @return true when every browser test should be reported as skipped
     */
    static boolean skippedHere() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        return !installed
                && !"true"
                        .equalsIgnoreCase(System.getenv().getOrDefault("CI", "").strip());
    }

    /**
     * In CI, fails (an {@link AssertionError}) when a binary is missing; elsewhere aborts the test (reported as
     * skipped) with the install command, printed to stderr as well.
     *
     * @param chromium the browser
     * @param driver the driver
     * @param env the environment; {@code CI=true} names {@code .ci/run} as the culprit
     */
    static void requireInstalled(Path chromium, Path driver, Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(chromium)) {
            missing.add(chromium.toString());
        }
        if (!Files.isExecutable(driver)) {
            missing.add(driver.toString());
        }
        if (missing.isEmpty()) {
            return;
        }
        if ("true".equalsIgnoreCase(env.getOrDefault("CI", "").strip())) {
            throw new AssertionError("The claim page browser tests need Chromium, but " + String.join(" and ", missing)
                    + " is missing on this CI machine: .ci/run must install it (apt-get install -y chromium"
                    + " chromium-driver) before running the tests.");
        }
        String message = "SKIPPED: the claim page browser tests need Chromium, but " + String.join(" and ", missing)
                + " is missing. Install it with `apt-get install chromium chromium-driver` (Debian's packages),"
                + " then run the tests again. (With CI=true this is a failure.)";
        System.err.println("*** " + message + " ***");
        throw new org.opentest4j.TestAbortedException(message);
    }

    /**
     * Starts headless Chromium with the flags this closed-network machine needs.
     *
     * @param userDataDir a fresh, empty profile directory
     * @param driverLog where ChromeDriver writes its log
     * @return the driver; quit it when done
     */
    static ChromeDriver start(Path userDataDir, Path driverLog) {
        requireInstalled(CHROMIUM, CHROMEDRIVER, System.getenv());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + userDataDir);
        // an alert must stay open so a test can see it fired, not be dismissed behind its back
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        options.setPageLoadTimeout(Duration.ofMinutes(2));
        options.setScriptTimeout(WAIT);
        // an explicit driver executable means Selenium Manager is never asked for one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofMinutes(2))
                .withLogFile(driverLog.toFile())
                .build();
        return new ChromeDriver(service, options, ClientConfig.defaultConfig().readTimeout(Duration.ofMinutes(3)));
    }
}
