package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.ratelimit.RateLimit;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEventType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/protocol.md#v01-7: sliding windows per IP then per tenant, claim email caps. */
class RateLimitTest {

    private final ServiceFixture f =
            ServiceFixture.builder().rateLimits(RateLimitPolicy.defaults()).build();

    private Outcome<RegistrationResult> anonymousFrom(ServiceFixture fixture, String tenant, String ip) {
        return fixture.service.register(new RequestContext(tenant, ip), new RegisterRequest.Anonymous(null));
    }

    @Test
    void registerWhenSixthAnonymousFromOneIpInAnHourThenRateLimitedAndNothingStored() {
        for (int i = 0; i < 5; i++) {
            ok(anonymousFrom(f, TENANT, "198.51.100.1"));
        }

        Outcome<RegistrationResult> sixth = anonymousFrom(f, TENANT, "198.51.100.1");

        ServiceFixture.assertFailure(sixth, ProtocolError.RATE_LIMITED);
        // the sliding-window counter weighs the previous window, so the wait can exceed one window
        assertThat(sixth.failure().retryAfterSeconds()).isBetween(1L, 7200L);
        assertThat(sixth.failure().message())
                .contains(Long.toString(sixth.failure().retryAfterSeconds()));
        assertThat(f.storedRegistrations()).hasSize(5);
        assertThat(f.credentials.all()).hasSize(5);
        assertThat(f.audit.ofType(AuditEventType.RATE_LIMIT_EXCEEDED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).isEqualTo(Map.of("limit", "anonymous", "scope", "ip")));
        ok(anonymousFrom(f, TENANT, "198.51.100.2"));
    }

    @Test
    void registerWhenWindowHasSlidPastThenAllowedAgain() {
        for (int i = 0; i < 5; i++) {
            ok(anonymousFrom(f, TENANT, "198.51.100.1"));
        }
        long retryAfter = anonymousFrom(f, TENANT, "198.51.100.1").failure().retryAfterSeconds();

        f.clock.advance(Duration.ofSeconds(retryAfter));

        ok(anonymousFrom(f, TENANT, "198.51.100.1"));
    }

    @Test
    void registerWhenTenantCapReachedThenRateLimitedAcrossIps() {
        ServiceFixture small = ServiceFixture.builder()
                .rateLimits(RateLimitPolicy.builder()
                        .limit(RateLimit.perHour(RateLimitPolicy.ANONYMOUS, 2, 3))
                        .build())
                .build();
        ok(anonymousFrom(small, TENANT, "198.51.100.1"));
        ok(anonymousFrom(small, TENANT, "198.51.100.2"));
        ok(anonymousFrom(small, TENANT, "198.51.100.3"));

        Outcome<RegistrationResult> refused = anonymousFrom(small, TENANT, "198.51.100.4");

        ServiceFixture.assertFailure(refused, ProtocolError.RATE_LIMITED);
        assertThat(small.audit.ofType(AuditEventType.RATE_LIMIT_EXCEEDED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("scope", "tenant"));
        // the other tenant has its own counter
        ok(anonymousFrom(small, ServiceFixture.TENANT_B, "198.51.100.4"));
    }

    @Test
    void registerWhenIpCapReachedFirstThenIpScopeReportedAndTenantNotCharged() {
        ServiceFixture small = ServiceFixture.builder()
                .rateLimits(RateLimitPolicy.builder()
                        .limit(RateLimit.perHour(RateLimitPolicy.ANONYMOUS, 1, 2))
                        .build())
                .build();
        ok(anonymousFrom(small, TENANT, "198.51.100.1"));

        ServiceFixture.assertFailure(anonymousFrom(small, TENANT, "198.51.100.1"), ProtocolError.RATE_LIMITED);

        assertThat(small.audit.ofType(AuditEventType.RATE_LIMIT_EXCEEDED).get(0).details())
                .containsEntry("scope", "ip");
        ok(anonymousFrom(small, TENANT, "198.51.100.2"));
    }

    @Test
    void registerWhenClientIpUnknownThenOnlyTenantCapApplies() {
        for (int i = 0; i < 8; i++) {
            ok(anonymousFrom(f, TENANT, null));
        }
        assertThat(f.storedRegistrations()).hasSize(8);
    }

    @Test
    void registerWhenIdentityAssertionCapReachedThenRateLimitedBeforeVerifying() {
        ServiceFixture small = ServiceFixture.builder()
                .rateLimits(RateLimitPolicy.builder()
                        .limit(RateLimit.perHour(RateLimitPolicy.IDENTITY_ASSERTION, 2, 100))
                        .build())
                .build();
        ok(small.registerIdJag(small.idJag().mint(), null));
        small.verifiedEmail("bob@example.com", null);

        String jag = small.idJag().mint();
        ServiceFixture.assertFailure(small.registerIdJag(jag, null), ProtocolError.RATE_LIMITED);
        ServiceFixture.assertFailure(
                small.service.register(small.ctx(), new RegisterRequest.VerifiedEmail("carol@example.com", null)),
                ProtocolError.RATE_LIMITED);

        assertThat(small.mailer.count()).isEqualTo(1);
        assertThat(small.storedRegistrations()).hasSize(2);
        assertThat(small.audit.ofType(AuditEventType.ASSERTION_REJECTED)).isEmpty();
    }

    @Test
    void registerWhenSixthClaimEmailToOneAddressThenRateLimitedAndNothingSent() {
        for (int i = 0; i < 5; i++) {
            f.verifiedEmail("ada@example.com", null);
        }

        Outcome<RegistrationResult> sixth = f.service.register(
                new RequestContext(TENANT, "198.51.100.9"), new RegisterRequest.VerifiedEmail("ada@example.com", null));

        ServiceFixture.assertFailure(sixth, ProtocolError.RATE_LIMITED);
        assertThat(f.mailer.count()).isEqualTo(5);
        assertThat(f.storedRegistrations()).hasSize(5);
        assertThat(f.audit.ofType(AuditEventType.RATE_LIMIT_EXCEEDED).get(0).details())
                .containsEntry("limit", "claim_email")
                .containsEntry("scope", "address");
    }

    @Test
    void startClaimWhenAddressCapReachedThenRateLimitedAndClaimUnchanged() {
        for (int i = 0; i < 5; i++) {
            String token = f.service
                    .register(new RequestContext(TENANT, "198.51.100." + i), new RegisterRequest.Anonymous(null))
                    .value()
                    .claim()
                    .claimToken();
            ok(f.service.startClaim(f.ctx(), token, "ada@example.com"));
        }
        RegistrationResult sixth = ok(
                f.service.register(new RequestContext(TENANT, "198.51.100.77"), new RegisterRequest.Anonymous(null)));

        ServiceFixture.assertFailure(
                f.service.startClaim(f.ctx(), sixth.claim().claimToken(), "ada@example.com"),
                ProtocolError.RATE_LIMITED);

        assertThat(f.mailer.count()).isEqualTo(5);
        assertThat(f.stored(sixth.registrationId()).version()).isZero();
    }

    @Test
    void startClaimWhenRepeatedForSameAddressThenNotChargedAgain() {
        String token = f.anonymous().claim().claimToken();
        for (int i = 0; i < 10; i++) {
            ok(f.service.startClaim(f.ctx(), token, "ada@example.com"));
        }

        assertThat(f.mailer.count()).isEqualTo(1);
        assertThat(f.audit.ofType(AuditEventType.RATE_LIMIT_EXCEEDED)).isEmpty();
    }
}
