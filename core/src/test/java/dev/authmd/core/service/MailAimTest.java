package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.ratelimit.RateLimit;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.protocol.error.ProtocolError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Security finding 2: one claim token mailed 200 recipients; a claim locked by wrong codes still mailed links. Now a
 * claim token reaches at most three recipients an hour, a tenant at most a thousand claim emails an hour, and a locked
 * claim mails nothing. Every test counts the emails actually delivered.
 */
class MailAimTest {

    private final ServiceFixture f =
            ServiceFixture.builder().rateLimits(RateLimitPolicy.defaults()).build();

    private Outcome<ClaimStarted> startFrom(ServiceFixture fixture, String ip, String claimToken, String email) {
        return fixture.service.startClaim(new RequestContext(TENANT, ip), claimToken, email);
    }

    @Test
    void startClaimWhenOneClaimTokenIsAimedAtManyAddressesThenThreeAreMailedAndTheRestRateLimited() {
        String claimToken = f.anonymous().claim().claimToken();
        int refused = 0;
        for (int i = 0; i < 25; i++) {
            // ten addresses of the attacker, each sending 25 recipients
            Outcome<ClaimStarted> started =
                    startFrom(f, "198.51.100." + (i % 10 + 1), claimToken, "victim" + i + "@example.com");
            if (!started.isSuccess()) {
                ServiceFixture.assertFailure(started, ProtocolError.RATE_LIMITED);
                assertThat(started.failure().retryAfterSeconds()).isPositive();
                refused++;
            }
        }

        assertThat(f.mailer.sent).hasSize(3);
        assertThat(refused).isEqualTo(22);
        // re-asking for the current address sends nothing new and is not refused
        ok(startFrom(f, "198.51.100.1", claimToken, "victim2@example.com"));
        assertThat(f.mailer.sent).hasSize(3);
        // an hour later the claim may reach a new address again
        f.clock.advance(Duration.ofHours(2));
        ok(startFrom(f, "198.51.100.1", claimToken, "carol@example.com"));
        assertThat(f.mailer.sent).hasSize(4);
    }

    @Test
    void startClaimWhenTheTenantsClaimMailBudgetIsSpentThenEveryClaimIsRateLimited() {
        ServiceFixture small = ServiceFixture.builder()
                .rateLimits(RateLimitPolicy.builder()
                        .limit(new RateLimit(RateLimitPolicy.CLAIM_EMAIL, Duration.ofHours(1), 20, 4, 5))
                        .build())
                .build();
        for (int i = 0; i < 4; i++) {
            ok(startFrom(small, "198.51.100." + i, small.anonymous().claim().claimToken(), "p" + i + "@example.com"));
        }

        Outcome<ClaimStarted> refused =
                startFrom(small, "203.0.113.9", small.anonymous().claim().claimToken(), "fresh@example.com");

        ServiceFixture.assertFailure(refused, ProtocolError.RATE_LIMITED);
        assertThat(small.mailer.sent).hasSize(4);
    }

    @Test
    void startClaimWhenTheClaimIsLockedByWrongCodesThenItsLockoutAndNoMail() {
        ServiceFixture lockable = ServiceFixture.builder().build();
        String claimToken = lockable.anonymous().claim().claimToken();
        for (int round = 0; round < 4; round++) {
            String otp = lockable.startAndMint(claimToken, "carol" + round + "@example.com");
            for (int wrong = 0; wrong < 5; wrong++) {
                lockable.complete(claimToken, "000000".equals(otp) ? "111111" : "000000");
            }
        }
        int mailed = lockable.mailer.sent.size();

        Outcome<ClaimStarted> refused = lockable.service.startClaim(lockable.ctx(), claimToken, "dave@example.com");

        ServiceFixture.assertFailure(refused, ProtocolError.TOO_MANY_ATTEMPTS);
        assertThat(lockable.mailer.sent).hasSize(mailed);
    }
}
