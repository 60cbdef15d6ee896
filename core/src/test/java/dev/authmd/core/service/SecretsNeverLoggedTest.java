package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.assertFailure;
import static dev.authmd.core.service.ServiceFixture.ok;
import static dev.authmd.core.service.ServiceFixture.wrong;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.audit.Slf4jAuditSink;
import dev.authmd.core.mail.ConsoleClaimMailer;
import dev.authmd.core.trust.TrustList;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.mail.ClaimMail;
import dev.authmd.spi.mail.MailDeliveryException;
import dev.authmd.spi.store.CredentialType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 §6: run every flow — successes, refusals and failures — with all log output captured and the default SLF4J
 * audit sink writing into it, then search the log and every audit event for every secret the run produced. The only
 * exemption is {@link ConsoleClaimMailer}, the development mailer whose job is to print the claim link: its own lines
 * may carry the link, and nothing else may.
 */
class SecretsNeverLoggedTest {

    private final RecordingAuditSink recorded = new RecordingAuditSink();
    private final Slf4jAuditSink logged = new Slf4jAuditSink();
    private final ServiceFixture f = ServiceFixture.builder()
            .auditSink(event -> {
                recorded.emit(event);
                logged.emit(event);
            })
            .build();
    private final List<String> secrets = new ArrayList<>();
    private final List<String> otps = new ArrayList<>();

    @Test
    void fullRunWhenEverythingHappensThenNoSecretInAnyLogLineOrAuditEvent() {
        String log;
        try (LogCapture capture = LogCapture.start()) {
            runEverything();
            log = capture.text();
        }
        for (ClaimMail mail : f.mailer.sent) {
            secrets.add(RecordingMailer.attemptToken(mail));
            secrets.add(mail.claimLink());
        }
        f.format.minted.forEach(m -> secrets.add(m.secret()));

        assertThat(log)
                .as("the run logged something to search")
                .contains("registration.created")
                .contains("could not be sent")
                .contains("use case failed");
        assertThat(secrets)
                .hasSizeGreaterThan(20)
                .allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(20));
        assertThat(otps).hasSize(4);
        List<String> events =
                recorded.events.stream().map(SecretsNeverLoggedTest::render).toList();
        for (String secret : secrets) {
            assertThat(log).as("log").doesNotContain(secret);
            assertThat(events).as("audit events").noneMatch(e -> e.contains(secret));
        }
        for (String otp : otps) {
            Pattern code = Pattern.compile("(?<![0-9])" + otp + "(?![0-9])");
            assertThat(code.matcher(log).find()).as("OTP %s in the log", otp).isFalse();
            assertThat(events).as("audit events").noneMatch(e -> code.matcher(e).find());
        }
    }

    /**
     * The one exemption: {@link ConsoleClaimMailer}, the development default mailer, exists to print the claim link. A
     * service on every default is driven through a claim with all output captured; the link may appear on the console
     * mailer's own lines and nowhere else, and no other secret appears anywhere.
     */
    @Test
    void defaultsWhenConsoleMailerPrintsTheLinkThenOnlyItsOwnLinesCarryItAndNoOtherSecretAppears() {
        String output;
        RegistrationResult anon;
        String otp;
        try (LogCapture capture = LogCapture.start()) {
            AgentAuthService service = AgentAuthService.builder()
                    .config(f.config, TrustList.builder().build())
                    .build();
            RequestContext ctx = RequestContext.defaultTenant("192.0.2.1");
            anon = ok(service.register(ctx, new RegisterRequest.Anonymous(null)));
            ok(service.startClaim(ctx, anon.claim().claimToken(), "ada@example.com"));
            String link = consoleLines(capture.text()).get(0);
            link = link.substring(link.lastIndexOf(": ") + 2);
            String attemptToken = link.substring(link.indexOf("token=") + "token=".length());
            otp = ok(service.mintChallenge(ctx, attemptToken)).otp();
            assertFailure(service.completeClaim(ctx, anon.claim().claimToken(), wrong(otp)), ProtocolError.OTP_INVALID);
            ok(service.completeClaim(ctx, anon.claim().claimToken(), otp));
            service.authenticate(ctx, "Bearer " + anon.credential().secret(), java.util.Set.of("api.write"));
            output = capture.text();
        }

        List<String> console = consoleLines(output);
        assertThat(console).hasSize(1);
        String link = console.get(0).substring(console.get(0).lastIndexOf(": ") + 2);
        String attemptToken = link.substring(link.indexOf("token=") + "token=".length());
        String everythingElse = output.lines()
                .filter(line -> !line.startsWith(ConsoleClaimMailer.LINE_PREFIX))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(everythingElse)
                .as("the run logged something to search")
                .contains("registration.created")
                .contains("Development default");
        assertThat(attemptToken).startsWith("cvt_").hasSizeGreaterThan(20);
        for (String secret : List.of(
                link, attemptToken, anon.claim().claimToken(), anon.credential().secret())) {
            assertThat(everythingElse)
                    .as("output outside the console mailer's lines")
                    .doesNotContain(secret);
        }
        assertThat(console.get(0))
                .doesNotContain(anon.claim().claimToken())
                .doesNotContain(anon.credential().secret());
        Pattern code = Pattern.compile("(?<![0-9])" + otp + "(?![0-9])");
        assertThat(code.matcher(output).find()).as("OTP %s in the output", otp).isFalse();
    }

    private static List<String> consoleLines(String output) {
        return output.lines()
                .filter(line -> line.startsWith(ConsoleClaimMailer.LINE_PREFIX))
                .toList();
    }

    private void runEverything() {
        // anonymous, a claim whose first email fails, a superseded link, wrong and right codes
        RegistrationResult anon = keep(f.anonymous());
        String claimToken = anon.claim().claimToken();
        f.mailer.failNext(1, () -> new MailDeliveryException("smtp said no", null));
        assertFailure(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"), ProtocolError.SERVER_ERROR);
        ok(f.service.startClaim(f.ctx(), claimToken, "ada@example.com"));
        String staleLink = f.mailer.lastAttemptToken();
        otp(f.mint(staleLink));
        ok(f.service.startClaim(f.ctx(), claimToken, "ada.lovelace@example.com"));
        assertFailure(f.service.mintChallenge(f.ctx(), staleLink), ProtocolError.CLAIM_SUPERSEDED);
        String link = f.mailer.lastAttemptToken();
        ok(f.service.viewClaim(f.ctx(), link));
        String otp = otp(f.mint(link));
        assertFailure(f.complete(claimToken, wrong(otp)), ProtocolError.OTP_INVALID);
        ok(f.complete(claimToken, otp));
        assertFailure(f.complete(claimToken, otp), ProtocolError.PREVIOUSLY_CLAIMED);
        f.authenticate(anon.credential().secret(), "api.write");
        f.authenticate(anon.credential().secret(), "admin");
        f.authenticate("sk_" + "x".repeat(43));

        // verified email, with a store failure while completing, then the retry
        RegistrationResult email = keep(f.verifiedEmail("bob@example.com", CredentialType.ACCESS_TOKEN));
        String emailOtp = otp(f.mint(f.mailer.lastAttemptToken()));
        f.faults.failOn("credentials.insert", 1, FaultPlan.When.AFTER);
        assertFailure(f.complete(email.claim().claimToken(), emailOtp), ProtocolError.SERVER_ERROR);
        f.faults.clear();
        keep(ok(f.complete(email.claim().claimToken(), emailOtp)).credential());

        // ID-JAG: direct, refused, replayed, step-up with completion
        String jag = jag(f.idJag().agentPlatform("p").agentContextId("c").mint());
        keep(ok(f.registerIdJag(jag, null)));
        assertFailure(f.registerIdJag(jag, null), ProtocolError.REPLAY_DETECTED);
        assertFailure(
                f.registerIdJag(
                        jag(f.idJag().audience("https://elsewhere.example").mint()), null),
                ProtocolError.INVALID_AUDIENCE);
        f.accounts.add(TENANT, "u-carol", "carol@example.com", null);
        RegistrationResult stepUp = keep(ok(f.registerIdJag(
                jag(f.idJag().subject("user-3").email("carol@example.com").mint()), CredentialType.API_KEY)));
        keep(ok(f.complete(stepUp.claim().claimToken(), otp(f.mint(f.mailer.lastAttemptToken()))))
                .credential());

        // revocation: refused, accepted; an audit sink that fails along the way
        assertFailure(
                f.service.revoke(f.ctx(), jag(f.logout("user-1").type("jwt").mint())), ProtocolError.INVALID_REQUEST);
        ok(f.service.revoke(f.ctx(), jag(f.logout("user-1").mint())));
        recorded.failing = true;
        ok(f.service.revoke(f.ctx(), jag(f.logout("user-3").mint())));
        recorded.failing = false;

        // expiry of an unclaimed registration
        keep(f.anonymous());
        f.clock.advance(Duration.ofHours(25));
        f.service.expireDue(100);
    }

    private RegistrationResult keep(RegistrationResult result) {
        result.issuedCredential().ifPresent(this::keep);
        result.claimHandle().ifPresent(claim -> secrets.add(claim.claimToken()));
        return result;
    }

    private void keep(IssuedCredential credential) {
        secrets.add(credential.secret());
    }

    private String otp(String otp) {
        otps.add(otp);
        return otp;
    }

    private String jag(String token) {
        secrets.add(token);
        // a JWS's parts are secrets too: the signature alone proves nothing, but the payload is the
        // assertion and must not be replayable from a log
        String[] parts = token.split("\\.");
        secrets.add(parts[1]);
        secrets.add(parts[2]);
        return token;
    }

    private static String render(AuditEvent event) {
        return event + " " + event.details() + " " + event.eventId();
    }
}
