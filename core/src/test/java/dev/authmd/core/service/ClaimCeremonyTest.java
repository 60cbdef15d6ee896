package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.NOW;
import static dev.authmd.core.service.ServiceFixture.PRE_CLAIM;
import static dev.authmd.core.service.ServiceFixture.assertFailure;
import static dev.authmd.core.service.ServiceFixture.ok;
import static dev.authmd.core.service.ServiceFixture.wrong;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/protocol.md#v01-4: start, view, mint, complete; expiry boundaries and attempt budgets. */
class ClaimCeremonyTest {

    private static final Duration MS = Duration.ofMillis(1);

    private final ServiceFixture f = ServiceFixture.create();
    private final RegistrationResult anon = f.anonymous();
    private final String claimToken = anon.claim().claimToken();

    // --- start ----------------------------------------------------------------------------------

    @Test
    void startClaimWhenValidThenAttemptCreatedAndLinkEmailed() {
        ClaimStarted started = ok(f.service.startClaim(f.ctx(), claimToken, " ada@Example.com"));

        assertThat(started.registrationId()).isEqualTo(anon.registrationId());
        assertThat(started.claimAttemptId()).startsWith("cla_");
        assertThat(started.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(f.mailer.count()).isEqualTo(1);
        assertThat(f.mailer.last().to()).isEqualTo("ada@example.com");
        Registration stored = f.stored(anon.registrationId());
        assertThat(stored.status()).isEqualTo(RegistrationStatus.PENDING_CLAIM);
        assertThat(stored.claim().orElseThrow().attempt().id()).isEqualTo(started.claimAttemptId());
        assertThat(f.audit.ofType(AuditEventType.CLAIM_REQUESTED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("email", "ada@example.com"));
    }

    @Test
    void startClaimWhenSameEmailWhileLinkValidThenSameAttemptAndNoResend() {
        ClaimStarted first = ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        long version = f.stored(anon.registrationId()).version();
        f.clock.advance(Duration.ofHours(1).minus(MS));

        ClaimStarted again = ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));

        assertThat(again).isEqualTo(first);
        assertThat(f.mailer.count()).isEqualTo(1);
        assertThat(f.stored(anon.registrationId()).version()).isEqualTo(version);
        assertThat(f.audit.ofType(AuditEventType.CLAIM_REQUESTED)).hasSize(1);
    }

    @Test
    void startClaimWhenSameEmailAfterLinkExpiredThenNewAttemptAndNewEmail() {
        ClaimStarted first = ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        String oldLink = f.mailer.lastAttemptToken();
        f.clock.advance(Duration.ofHours(1));

        ClaimStarted again = ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));

        assertThat(again.claimAttemptId()).isNotEqualTo(first.claimAttemptId());
        assertThat(f.mailer.count()).isEqualTo(2);
        assertThat(f.mailer.lastAttemptToken()).isNotEqualTo(oldLink);
    }

    @Test
    void startClaimWhenDifferentEmailThenNewAttemptAndOldLinkSuperseded() {
        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        String oldLink = f.mailer.lastAttemptToken();
        String oldOtp = f.mint(oldLink);

        ClaimStarted second = ok(f.service.startClaim(f.ctx(), claimToken, "bob@example.com"));

        assertThat(f.mailer.count()).isEqualTo(2);
        assertThat(f.mailer.last().to()).isEqualTo("bob@example.com");
        assertThat(ok(f.service.viewClaim(f.ctx(), oldLink)).state()).isEqualTo(ClaimView.State.SUPERSEDED);
        assertFailure(f.service.mintChallenge(f.ctx(), oldLink), ProtocolError.CLAIM_SUPERSEDED);
        assertFailure(f.complete(claimToken, oldOtp), ProtocolError.OTP_NOT_GENERATED);
        String otp = f.mint(f.mailer.lastAttemptToken());
        ok(f.complete(claimToken, otp));
        assertThat(f.stored(anon.registrationId())
                        .claim()
                        .orElseThrow()
                        .attempt()
                        .id())
                .isEqualTo(second.claimAttemptId());
    }

    @Test
    void startClaimWhenTokenUnknownThenInvalidClaimTokenAndNothingSent() {
        assertFailure(f.service.startClaim(f.ctx(), "clm_nope", "ada@example.com"), ProtocolError.INVALID_CLAIM_TOKEN);
        assertFailure(f.service.startClaim(f.ctx(), "", "ada@example.com"), ProtocolError.INVALID_CLAIM_TOKEN);
        assertThat(f.mailer.count()).isZero();
    }

    @Test
    void startClaimWhenEmailInvalidThenInvalidRequestAndNothingChanges() {
        assertFailure(f.service.startClaim(f.ctx(), claimToken, "not-an-address"), ProtocolError.INVALID_REQUEST);
        assertThat(f.mailer.count()).isZero();
        assertThat(f.stored(anon.registrationId()).version()).isZero();
    }

    @Test
    void startClaimWhenAlreadyClaimedThenClaimedOrInFlight() {
        String otp = f.startAndMint(claimToken, "ada@example.com");
        ok(f.complete(claimToken, otp));

        assertFailure(f.service.startClaim(f.ctx(), claimToken, "eve@example.com"), ProtocolError.CLAIMED_OR_IN_FLIGHT);
        assertThat(f.mailer.count()).isEqualTo(1);
    }

    @Test
    void startClaimWhenWindowClosedThenClaimExpiredAtExactlyTtl() {
        f.clock.advance(Duration.ofHours(24).minus(MS));
        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        f.clock.advance(MS);

        assertFailure(f.service.startClaim(f.ctx(), claimToken, "bob@example.com"), ProtocolError.CLAIM_EXPIRED);
        assertThat(f.mailer.count()).isEqualTo(1);
    }

    @Test
    void startClaimWhenLinkWouldOutliveWindowThenLinkEndsWithWindow() {
        f.clock.advance(Duration.ofHours(23).plusMinutes(30));

        ClaimStarted started = ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));

        assertThat(started.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    // --- view -----------------------------------------------------------------------------------

    @Test
    void viewClaimWhenLinkValidThenReadyAndNothingMinted() {
        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        String link = f.mailer.lastAttemptToken();
        Registration before = f.stored(anon.registrationId());
        f.audit.clear();

        ClaimView view = ok(f.service.viewClaim(f.ctx(), link));

        assertThat(view.state()).isEqualTo(ClaimView.State.READY);
        assertThat(view.registrationId()).isEqualTo(anon.registrationId());
        assertThat(view.recipient()).contains("ada@example.com");
        assertThat(view.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(view.serviceName()).isEqualTo(f.config.resourceName());
        assertThat(f.stored(anon.registrationId())).isEqualTo(before);
        assertThat(before.claim().orElseThrow().attempt().hasOtp()).isFalse();
        assertThat(f.audit.events).isEmpty();
    }

    @Test
    void viewClaimWhenStatesChangeThenCompletedExpiredOrSuperseded() {
        assertThat(ok(f.service.viewClaim(f.ctx(), "cvt_unknown")).state()).isEqualTo(ClaimView.State.SUPERSEDED);
        assertThat(ok(f.service.viewClaim(f.ctx(), "cvt_unknown")).registrationId())
                .isNull();

        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        String link = f.mailer.lastAttemptToken();
        f.clock.advance(Duration.ofHours(1).minus(MS));
        assertThat(ok(f.service.viewClaim(f.ctx(), link)).state()).isEqualTo(ClaimView.State.READY);
        f.clock.advance(MS);
        assertThat(ok(f.service.viewClaim(f.ctx(), link)).state()).isEqualTo(ClaimView.State.EXPIRED);

        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        String fresh = f.mailer.lastAttemptToken();
        ok(f.complete(claimToken, f.mint(fresh)));
        assertThat(ok(f.service.viewClaim(f.ctx(), fresh)).state()).isEqualTo(ClaimView.State.COMPLETED);
    }

    @Test
    void viewClaimWhenRegistrationRevokedThenExpired() {
        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        String link = f.mailer.lastAttemptToken();
        f.service.revokeRegistration(ServiceFixture.TENANT, anon.registrationId());

        assertThat(ok(f.service.viewClaim(f.ctx(), link)).state()).isEqualTo(ClaimView.State.EXPIRED);
        assertFailure(f.service.mintChallenge(f.ctx(), link), ProtocolError.CLAIM_SUPERSEDED);
    }

    // --- mint -----------------------------------------------------------------------------------

    @Test
    void mintChallengeWhenLinkValidThenSixDigitsExpiringWithinOtpTtl() {
        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));

        OtpChallenge challenge = ok(f.service.mintChallenge(f.ctx(), f.mailer.lastAttemptToken()));

        assertThat(challenge.otp()).matches("[0-9]{6}");
        assertThat(challenge.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(f.stored(anon.registrationId())
                        .claim()
                        .orElseThrow()
                        .attempt()
                        .otpHash())
                .isNotEqualTo(challenge.otp())
                .hasSizeGreaterThan(40);
        assertThat(f.audit.ofType(AuditEventType.OTP_GENERATED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsOnlyKeys("registration_id"));
    }

    @Test
    void mintChallengeWhenMintedAgainThenPreviousCodeDies() {
        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        String link = f.mailer.lastAttemptToken();
        String first = f.mint(link);
        String second = f.mint(link);
        if (first.equals(second)) {
            second = f.mint(link);
        }

        assertFailure(f.complete(claimToken, first), ProtocolError.OTP_INVALID);
        ok(f.complete(claimToken, second));
    }

    @Test
    void mintChallengeWhenLinkNearItsEndThenOtpEndsWithLink() {
        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        String link = f.mailer.lastAttemptToken();
        f.clock.advance(Duration.ofMinutes(55));

        assertThat(ok(f.service.mintChallenge(f.ctx(), link)).expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void mintChallengeWhenLinkExpiredThenClaimExpiredAtExactBoundary() {
        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        String link = f.mailer.lastAttemptToken();
        f.clock.advance(Duration.ofHours(1).minus(MS));
        ok(f.service.mintChallenge(f.ctx(), link));
        f.clock.advance(MS);

        assertFailure(f.service.mintChallenge(f.ctx(), link), ProtocolError.CLAIM_EXPIRED);
    }

    @Test
    void mintChallengeWhenClaimedThenClaimCompleted() {
        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        String link = f.mailer.lastAttemptToken();
        ok(f.complete(claimToken, f.mint(link)));

        assertFailure(f.service.mintChallenge(f.ctx(), link), ProtocolError.CLAIM_COMPLETED);
    }

    @Test
    void mintChallengeWhenTokenUnknownThenClaimSuperseded() {
        assertFailure(f.service.mintChallenge(f.ctx(), "cvt_nope"), ProtocolError.CLAIM_SUPERSEDED);
        assertFailure(f.service.mintChallenge(f.ctx(), claimToken), ProtocolError.CLAIM_SUPERSEDED);
    }

    // --- complete -------------------------------------------------------------------------------

    @Test
    void completeClaimWhenTokenUnknownThenInvalidClaimToken() {
        assertFailure(f.complete("clm_nope", "123456"), ProtocolError.INVALID_CLAIM_TOKEN);
        assertFailure(f.complete(anon.credential().secret(), "123456"), ProtocolError.INVALID_CLAIM_TOKEN);
    }

    @Test
    void completeClaimWhenNoCodeMintedThenOtpNotGenerated() {
        assertFailure(f.complete(claimToken, "123456"), ProtocolError.OTP_NOT_GENERATED);
        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        assertFailure(f.complete(claimToken, "123456"), ProtocolError.OTP_NOT_GENERATED);
        assertThat(f.stored(anon.registrationId()).claim().orElseThrow().totalFailures())
                .isZero();
    }

    @Test
    void completeClaimWhenCodeWrongThenOtpInvalidAndFailureCounted() {
        String otp = f.startAndMint(claimToken, "ada@example.com");

        assertFailure(f.complete(claimToken, wrong(otp)), ProtocolError.OTP_INVALID);

        assertThat(f.stored(anon.registrationId()).claim().orElseThrow().totalFailures())
                .isEqualTo(1);
        assertThat(f.audit.ofType(AuditEventType.CLAIM_FAILED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("error", "otp_invalid"));
        assertThat(f.authenticate(anon.credential().secret())
                        .principal()
                        .orElseThrow()
                        .scopes())
                .isEqualTo(PRE_CLAIM);
    }

    @Test
    void completeClaimWhenCodeExpiredThenOtpExpiredAtExactBoundary() {
        String otp = f.startAndMint(claimToken, "ada@example.com");
        f.clock.advance(Duration.ofMinutes(10));

        assertFailure(f.complete(claimToken, otp), ProtocolError.OTP_EXPIRED);
    }

    @Test
    void completeClaimWhenCodeOneMillisecondBeforeExpiryThenClaimed() {
        String otp = f.startAndMint(claimToken, "ada@example.com");
        f.clock.advance(Duration.ofMinutes(10).minus(MS));

        ok(f.complete(claimToken, otp));
    }

    @Test
    void completeClaimWhenWindowClosedThenClaimExpired() {
        f.clock.advance(Duration.ofHours(23).plusMinutes(58));
        String otp = f.startAndMint(claimToken, "ada@example.com");
        f.clock.advance(Duration.ofMinutes(2));

        assertFailure(f.complete(claimToken, otp), ProtocolError.CLAIM_EXPIRED);
    }

    @Test
    void completeClaimWhenAlreadyClaimedThenPreviouslyClaimed() {
        String otp = f.startAndMint(claimToken, "ada@example.com");
        ok(f.complete(claimToken, otp));

        assertFailure(f.complete(claimToken, otp), ProtocolError.PREVIOUSLY_CLAIMED);
        assertThat(f.credentials.all()).hasSize(1);
    }

    // --- budgets --------------------------------------------------------------------------------

    @Test
    void completeClaimWhenFiveWrongCodesThenCodeDeadEvenWhenRight() {
        String otp = f.startAndMint(claimToken, "ada@example.com");
        for (int i = 0; i < 5; i++) {
            assertFailure(f.complete(claimToken, wrong(otp)), ProtocolError.OTP_INVALID);
        }

        assertFailure(f.complete(claimToken, otp), ProtocolError.TOO_MANY_ATTEMPTS);
        assertThat(f.stored(anon.registrationId()).claim().orElseThrow().totalFailures())
                .isEqualTo(5);
        // a fresh code revives the claim
        ok(f.complete(claimToken, f.mint(f.mailer.lastAttemptToken())));
    }

    @Test
    void completeClaimWhenTwentyWrongCodesAcrossCodesThenClaimLocked() {
        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        String link = f.mailer.lastAttemptToken();
        String otp = null;
        for (int code = 0; code < 4; code++) {
            otp = f.mint(link);
            for (int i = 0; i < 5; i++) {
                assertFailure(f.complete(claimToken, wrong(otp)), ProtocolError.OTP_INVALID);
            }
        }

        assertFailure(f.service.mintChallenge(f.ctx(), link), ProtocolError.TOO_MANY_ATTEMPTS);
        assertFailure(f.complete(claimToken, otp), ProtocolError.TOO_MANY_ATTEMPTS);
        // a locked claim refuses a new address with its lockout, and mails nothing (security finding 2)
        int mailed = f.mailer.sent.size();
        assertFailure(f.service.startClaim(f.ctx(), claimToken, "bob@example.com"), ProtocolError.TOO_MANY_ATTEMPTS);
        assertThat(f.mailer.sent).hasSize(mailed);
        assertThat(f.stored(anon.registrationId()).claim().orElseThrow().totalFailures())
                .isEqualTo(20);
    }

    @Test
    void completeClaimWhenBudgetsConfiguredThenTheyApply() {
        ServiceFixture tight = ServiceFixture.builder()
                .config(b -> b.otpAttemptsPerCode(2).otpAttemptsPerRegistration(3))
                .build();
        String token = tight.anonymous().claim().claimToken();
        String otp = tight.startAndMint(token, "ada@example.com");
        assertFailure(tight.complete(token, wrong(otp)), ProtocolError.OTP_INVALID);
        assertFailure(tight.complete(token, wrong(otp)), ProtocolError.OTP_INVALID);
        assertFailure(tight.complete(token, otp), ProtocolError.TOO_MANY_ATTEMPTS);
        String next = tight.mint(tight.mailer.lastAttemptToken());
        assertFailure(tight.complete(token, wrong(next)), ProtocolError.OTP_INVALID);

        assertFailure(tight.complete(token, next), ProtocolError.TOO_MANY_ATTEMPTS);
        assertFailure(
                tight.service.mintChallenge(tight.ctx(), tight.mailer.lastAttemptToken()),
                ProtocolError.TOO_MANY_ATTEMPTS);
    }
}
