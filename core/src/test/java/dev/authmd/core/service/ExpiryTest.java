package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.NOW;
import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.assertFailure;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.store.RegistrationStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/protocol.md#v01-3c: unclaimed registrations expire at their TTL; {@code expireDue} with an injected clock. */
class ExpiryTest {

    private static final Duration TTL = Duration.ofHours(24);
    private final ServiceFixture f = ServiceFixture.create();

    @Test
    void expireDueWhenOneMillisecondBeforeTtlThenNothingExpires() {
        RegistrationResult anon = f.anonymous();
        f.clock.advance(TTL.minusMillis(1));

        assertThat(f.service.expireDue(100)).isZero();

        assertThat(f.stored(anon.registrationId()).status()).isEqualTo(RegistrationStatus.UNCLAIMED);
        assertThat(f.authenticates(anon.credential().secret())).isTrue();
    }

    @Test
    void expireDueWhenExactlyAtTtlThenKeyRevokedStatusExpiredAndEventEmitted() {
        RegistrationResult anon = f.anonymous();
        f.audit.clear();
        f.clock.advance(TTL);

        assertThat(f.service.expireDue(100)).isEqualTo(1);

        assertThat(f.stored(anon.registrationId()).status()).isEqualTo(RegistrationStatus.EXPIRED);
        assertThat(f.credentials.ofRegistration(TENANT, anon.registrationId()))
                .singleElement()
                .satisfies(c -> assertThat(c.revokedAt()).isEqualTo(NOW.plus(TTL)));
        assertThat(f.authenticates(anon.credential().secret())).isFalse();
        assertThat(f.audit.events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AuditEventType.REGISTRATION_EXPIRED);
            assertThat(e.details()).isEqualTo(Map.of("registration_id", anon.registrationId()));
            assertThat(e.tenantId()).isEqualTo(TENANT);
            assertThat(e.clientIp()).isNull();
        });
        assertThat(f.service.expireDue(100)).isZero();
    }

    @Test
    void expireDueWhenPendingClaimThenExpiresToo() {
        RegistrationResult anon = f.anonymous();
        String otp = f.startAndMint(anon.claim().claimToken(), "ada@example.com");
        RegistrationResult email = f.verifiedEmail("bob@example.com", null);
        f.clock.advance(TTL);

        assertThat(f.service.expireDue(100)).isEqualTo(2);

        assertThat(f.stored(email.registrationId()).status()).isEqualTo(RegistrationStatus.EXPIRED);
        assertFailure(f.complete(anon.claim().claimToken(), otp), ProtocolError.CLAIM_EXPIRED);
        assertFailure(
                f.service.startClaim(f.ctx(), anon.claim().claimToken(), "ada@example.com"),
                ProtocolError.CLAIM_EXPIRED);
        assertThat(f.format.forRegistration(email.registrationId())).isEmpty();
    }

    @Test
    void expireDueWhenClaimedOrIssuedDirectlyThenUntouched() {
        RegistrationResult claimed = f.anonymous();
        ok(f.complete(
                claimed.claim().claimToken(), f.startAndMint(claimed.claim().claimToken(), "ada@example.com")));
        RegistrationResult direct = ok(f.registerIdJag(
                f.idJag().email("bob@example.com").mint(), dev.authmd.spi.store.CredentialType.API_KEY));
        f.clock.advance(TTL.multipliedBy(3));

        assertThat(f.service.expireDue(100)).isZero();

        assertThat(f.stored(claimed.registrationId()).status()).isEqualTo(RegistrationStatus.CLAIMED);
        assertThat(f.authenticates(claimed.credential().secret())).isTrue();
        assertThat(f.authenticates(direct.credential().secret())).isTrue();
        assertThat(f.audit.ofType(AuditEventType.REGISTRATION_EXPIRED)).isEmpty();
    }

    @Test
    void expireDueWhenLimitSmallerThanBacklogThenExpiresInBatches() {
        for (int i = 0; i < 5; i++) {
            f.anonymous();
        }
        f.clock.advance(TTL);

        assertThat(f.service.expireDue(2)).isEqualTo(2);
        assertThat(f.service.expireDue(2)).isEqualTo(2);
        assertThat(f.service.expireDue(2)).isEqualTo(1);
        assertThat(f.service.expireDue(2)).isZero();
    }

    @Test
    void expireDueWhenBothTenantsHaveDueRegistrationsThenBothSwept() {
        f.anonymous();
        ok(f.service.register(f.ctxB(), new RegisterRequest.Anonymous(null)));
        f.clock.advance(TTL);

        assertThat(f.service.expireDue(10)).isEqualTo(2);
        assertThat(f.storedRegistrations(ServiceFixture.TENANT_B))
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(RegistrationStatus.EXPIRED));
    }

    @Test
    void expireDueWhenLimitNotPositiveThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> f.service.expireDue(0))
                .withMessage("limit must be at least 1");
    }

    @Test
    void expireDueWhenOneRecordFailsThenOthersStillExpire() {
        f.anonymous();
        f.anonymous();
        f.clock.advance(TTL);
        f.faults.failOn("registrations.update", 1, FaultPlan.When.BEFORE);

        assertThat(f.service.expireDue(10)).isEqualTo(1);
        f.faults.clear();
        assertThat(f.service.expireDue(10)).isEqualTo(1);
        assertThat(f.storedRegistrations())
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(RegistrationStatus.EXPIRED));
    }
}
