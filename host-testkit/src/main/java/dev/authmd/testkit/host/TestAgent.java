package dev.authmd.testkit.host;

import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.ClaimAttemptStarted;
import dev.authmd.core.service.ClaimCompleted;
import dev.authmd.core.service.CurrentOutcome;
import dev.authmd.core.service.IdentityRequest;
import dev.authmd.core.service.IdentityResult;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.service.TokenGrant;
import dev.authmd.core.service.TokenRequest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One-call agent flows for a host's tests, in process against its own {@link AgentAuthService}: an agent registers
 * anonymously and a human claims it, in either profile, with the {@link TestInbox} and {@link TestSignIn} the service
 * was built with. Each step that fails throws an {@link AssertionError} naming the step and the service's error code.
 *
 * <pre>{@code
 * TestAgent agent = TestAgent.of(service, endpoints, inbox, signIn);
 * TestAgent.ClaimedKey key = agent.registerAnonymouslyAndClaim("carol@example.com");        // v0.1
 * TestAgent.ClaimedIdentity identity = agent.identifyAnonymouslyAndClaim("carol@example.com", "u-carol"); // current
 * }</pre>
 */
public final class TestAgent {

    /**
     * A v0.1 registration after its claim.
     *
     * @param registrationId its id
     * @param apiKey its API key, now with the post-claim scopes (the anonymous key upgraded in place)
     */
    public record ClaimedKey(String registrationId, String apiKey) {}

    /**
     * A current-profile registration after its claim.
     *
     * @param registrationId its id
     * @param assertion the post-claim identity assertion
     * @param refreshToken its refresh token
     * @param accessToken an access token the assertion was exchanged for, bound to the resource
     */
    public record ClaimedIdentity(
            String registrationId,
            String assertion,
            @Nullable String refreshToken,
            String accessToken) {}

    private final AgentAuthService service;
    private final AgentAuthEndpoints endpoints;
    private final TestInbox inbox;
    private final TestSignIn signIn;
    private final RequestContext ctx;

    private TestAgent(
            AgentAuthService service,
            AgentAuthEndpoints endpoints,
            TestInbox inbox,
            TestSignIn signIn,
            RequestContext ctx) {
        this.service = service;
        this.endpoints = endpoints;
        this.inbox = inbox;
        this.signIn = signIn;
        this.ctx = ctx;
    }

    /**
     * An agent of the default tenant, calling from {@code 192.0.2.10}.
     *
     * @param service the service under test, built with {@code inbox} as its mailer and {@code signIn} as its session
     *     resolver
     * @param endpoints its endpoints (for the claim page)
     * @param inbox the service's mailer
     * @param signIn the service's session resolver
     * @return the agent
     */
    public static TestAgent of(
            AgentAuthService service, AgentAuthEndpoints endpoints, TestInbox inbox, TestSignIn signIn) {
        return of(service, endpoints, inbox, signIn, RequestContext.defaultTenant("192.0.2.10"));
    }

    /**
     * An agent calling with the given tenant and address.
     *
     * @param service the service under test
     * @param endpoints its endpoints
     * @param inbox the service's mailer
     * @param signIn the service's session resolver
     * @param ctx the tenant and client address of every call
     * @return the agent
     */
    public static TestAgent of(
            AgentAuthService service,
            AgentAuthEndpoints endpoints,
            TestInbox inbox,
            TestSignIn signIn,
            RequestContext ctx) {
        return new TestAgent(
                Objects.requireNonNull(service, "service cannot be null"),
                Objects.requireNonNull(endpoints, "endpoints cannot be null"),
                Objects.requireNonNull(inbox, "inbox cannot be null"),
                Objects.requireNonNull(signIn, "signIn cannot be null"),
                Objects.requireNonNull(ctx, "ctx cannot be null"));
    }

    /**
     * v0.1: registers anonymously, starts the claim for {@code email}, reads the code the claim page shows the user,
     * and completes the claim. The account resolver must know the address (or provision it).
     *
     * @param email the human's address
     * @return the claimed registration and its upgraded key
     */
    public ClaimedKey registerAnonymouslyAndClaim(String email) {
        RegistrationResult registered =
                ok("anonymous registration", service.register(ctx, new RegisterRequest.Anonymous(null)));
        String claimToken = registered.claimHandle().orElseThrow().claimToken();
        ok("claim start", service.startClaim(ctx, claimToken, email));
        String otp = inbox.otp(service, ctx, email.toLowerCase(java.util.Locale.ROOT));
        ClaimCompleted completed = ok("claim completion", service.completeClaim(ctx, claimToken, otp));
        String key = completed
                .issuedCredential()
                .or(registered::issuedCredential)
                .orElseThrow()
                .secret();
        return new ClaimedKey(registered.registrationId(), key);
    }

    /**
     * The current profile: an anonymous identity, a claim started with {@code email} as the login hint, the claim page
     * confirmed by {@code userId} (who must have that address verified in the {@link TestSignIn}), the code read back,
     * the claim completed, and the post-claim assertion exchanged for an access token.
     *
     * @param email the login hint
     * @param userId the user who signs in and confirms
     * @return the claimed identity and an access token
     */
    public ClaimedIdentity identifyAnonymouslyAndClaim(String email, String userId) {
        IdentityResult anonymous = ok("anonymous identity", service.identity(ctx, new IdentityRequest.Anonymous()));
        IdentityResult.Claim claim = Objects.requireNonNull(anonymous.claim(), "an anonymous identity has a claim");
        ClaimAttemptStarted started = ok("claim start", service.startIdentityClaim(ctx, claim.token(), email));
        String code = signIn.confirm(endpoints, started.verificationUri(), userId);
        IdentityResult claimed = ok("claim completion", service.completeIdentityClaim(ctx, claim.token(), code));
        IdentityResult.Identity identity = claimed.identityBlock().orElseThrow();
        TokenGrant grant =
                ok("token exchange", service.exchangeToken(ctx, new TokenRequest(identity.assertion(), null, null)));
        return new ClaimedIdentity(
                claimed.registrationId(), identity.assertion(), identity.refreshToken(), grant.accessToken());
    }

    private static <T> T ok(String step, Outcome<T> outcome) {
        if (!outcome.isSuccess()) {
            throw new AssertionError(
                    step + " failed: " + outcome.failure().error().code() + " — "
                            + outcome.failure().message());
        }
        return outcome.value();
    }

    private static <T> T ok(String step, CurrentOutcome<T> outcome) {
        if (!outcome.isSuccess()) {
            throw new AssertionError(step + " failed: " + outcome.failure());
        }
        return outcome.value();
    }
}
