package dev.authmd.conformance;

import dev.authmd.client.AssertionSource;
import dev.authmd.client.ClaimPrompt;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Checks an auth.md deployment over HTTP the way discovery scanners and agents see it: discovery, {@code auth.md}, each
 * registration method the service advertises end to end (both profiles), error handling, revocation. Each check names
 * the protocol section it checks and says what it saw; one that cannot run is skipped with the reason, never passed.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> authMdConformance() {
 *     return AuthMdConformance.forService(URI.create("http://localhost:" + port))
 *             .allowHttpFor("localhost")
 *             .protectedUrl(URI.create("http://localhost:" + port + "/api/me"))
 *             .assertionSource(testProvider)          // a provider the service trusts in its test configuration
 *             .claimPrompt(testMailboxAndSignIn)      // plays the person of the claim ceremonies
 *             .dynamicTests();
 * }
 * }</pre>
 *
 * Runs create registrations (anonymous, ID-JAG for the test provider's user, email for {@link Builder#userEmail}) and
 * revoke some of them: point it at a test or staging deployment.
 */
public final class AuthMdConformance {

    /** What the checks use. */
    record Settings(
            URI baseUrl,
            URI protectedUrl,
            AssertionSource assertionSource,
            ClaimPrompt claimPrompt,
            ProviderRevocation revocation,
            String userEmail,
            Set<String> developmentHosts,
            Duration timeout) {}

    private AuthMdConformance() {}

    /**
     * Starts the checks of one service.
     *
     * @param baseUrl the API's base URL, the protected resource identifier
     * @return a builder
     */
    public static Builder forService(URI baseUrl) {
        return new Builder(Objects.requireNonNull(baseUrl, "baseUrl cannot be null"));
    }

    /** Says what the checks may use. Not thread-safe. */
    public static final class Builder {

        private final URI baseUrl;
        private URI protectedUrl;
        private AssertionSource assertionSource;
        private ClaimPrompt claimPrompt;
        private ProviderRevocation revocation;
        private String userEmail = "conformance@example.com";
        private final Set<String> developmentHosts = new LinkedHashSet<>();
        private Duration timeout = Duration.ofSeconds(15);

        private Builder(URI baseUrl) {
            if (!baseUrl.isAbsolute() || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute URL: " + baseUrl);
            }
            this.baseUrl = baseUrl;
        }

        /**
         * Names a URL of the API that needs a credential: the challenge is checked there, and every credential the run
         * gets is tried on it. Without one, the base URL is tried for the challenge and credentials are not tried.
         *
         * @param url an absolute URL on the resource's origin
         * @return this builder
         */
        public Builder protectedUrl(URI url) {
            this.protectedUrl = Objects.requireNonNull(url, "url cannot be null");
            return this;
        }

        /**
         * Lets the ID-JAG checks run: a test provider the service trusts in its test configuration.
         *
         * @param source mints an ID-JAG for its test user
         * @return this builder
         */
        public Builder assertionSource(AssertionSource source) {
            this.assertionSource = Objects.requireNonNull(source, "source cannot be null");
            return this;
        }

        /**
         * Lets the claim checks run: plays the person (reads the test mailbox, signs in to the claim page).
         *
         * @param prompt the prompt
         * @return this builder
         */
        public Builder claimPrompt(ClaimPrompt prompt) {
            this.claimPrompt = Objects.requireNonNull(prompt, "prompt cannot be null");
            return this;
        }

        /**
         * Lets the provider revocation checks run.
         *
         * @param revocation revokes the test provider's user at the service
         * @return this builder
         */
        public Builder providerRevocation(ProviderRevocation revocation) {
            this.revocation = Objects.requireNonNull(revocation, "revocation cannot be null");
            return this;
        }

        /**
         * Sets the person's address for the email method and the claims.
         *
         * @param email default {@code conformance@example.com}
         * @return this builder
         */
        public Builder userEmail(String email) {
            Objects.requireNonNull(email, "email cannot be null");
            if (email.indexOf('@') <= 0) {
                throw new IllegalArgumentException("not an email address: " + email);
            }
            this.userEmail = email;
            return this;
        }

        /**
         * Allows plain http to a host (a service under test on {@code localhost}).
         *
         * @param host the host
         * @return this builder
         */
        public Builder allowHttpFor(String host) {
            Objects.requireNonNull(host, "host cannot be null");
            developmentHosts.add(host.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Sets the deadline of each request.
         *
         * @param timeout default 15 s
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout cannot be null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** {@return the report of one run of every check} */
        public ConformanceReport run() {
            return new ConformanceRun(new Settings(
                            baseUrl,
                            protectedUrl,
                            assertionSource,
                            claimPrompt,
                            revocation,
                            userEmail,
                            Set.copyOf(developmentHosts),
                            timeout))
                    .run();
        }

        /**
         * Runs every check now and returns one JUnit test per check, grouped: a passed check passes, a failed one fails
         * with what was seen, a skipped one is aborted with its reason (JUnit reports it as skipped).
         *
         * @return the tests, for a {@code @TestFactory}
         */
        public Stream<DynamicNode> dynamicTests() {
            ConformanceReport report = run();
            Map<String, List<CheckResult>> groups = report.results().stream()
                    .collect(Collectors.groupingBy(
                            CheckResult::group, java.util.LinkedHashMap::new, Collectors.toList()));
            return groups.entrySet().stream()
                    .map(group -> DynamicContainer.dynamicContainer(
                            group.getKey(),
                            group.getValue().stream()
                                    .map(r -> DynamicTest.dynamicTest(r.section() + " — " + r.title(), outcome(r)))));
        }

        private static Executable outcome(CheckResult result) {
            return () -> {
                switch (result.status()) {
                    case PASSED -> {
                        // what it saw is in the report
                    }
                    case FAILED -> throw new AssertionFailedError(result.id() + ": " + result.detail());
                    case SKIPPED -> throw new TestAbortedException(result.id() + " skipped: " + result.detail());
                }
            };
        }
    }
}
