package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.NOW;
import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.TENANT_B;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.RegistrationStatus;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registration retention: ended registrations are purged with their credentials once it has passed. */
class RetentionTest {

    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Duration ANONYMOUS_TTL = Duration.ofHours(24);
    private final ServiceFixture f = ServiceFixture.create();

    @Test
    void purgeWhenRevokedRegistrationOutlivedRetentionThenItAndItsCredentialsAreGone() {
        RegistrationResult revoked = ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY));
        assertThat(f.service.revokeRegistration(TENANT, revoked.registrationId()))
                .isTrue();
        RegistrationResult live = ok(f.registerIdJag(
                f.idJag().subject("user-2").email("bob@example.com").mint(), CredentialType.API_KEY));
        f.audit.clear();
        f.clock.advance(RETENTION);

        assertThat(f.service.purgeEndedRegistrations(100)).isEqualTo(1);

        assertThat(f.registrations.unfaulted().findById(TENANT, revoked.registrationId()))
                .isEmpty();
        assertThat(f.credentials.ofRegistration(TENANT, revoked.registrationId()))
                .isEmpty();
        assertThat(f.authenticates(revoked.credential().secret())).isFalse();
        assertThat(f.stored(live.registrationId()).status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(f.authenticates(live.credential().secret())).isTrue();
        assertThat(f.audit.events)
                .as("the purge changes no protocol state an agent sees")
                .isEmpty();
        assertThat(f.service.purgeEndedRegistrations(100)).isZero();
    }

    @Test
    void purgeWhenOneMillisecondBeforeRetentionThenKept() {
        RegistrationResult revoked = ok(f.registerIdJag(f.idJag().mint(), null));
        f.service.revokeRegistration(TENANT, revoked.registrationId());
        f.clock.advance(RETENTION.minusMillis(1));

        assertThat(f.service.purgeEndedRegistrations(100)).isZero();

        assertThat(f.stored(revoked.registrationId()).endedAt()).contains(NOW);
        assertThat(f.credentials.ofRegistration(TENANT, revoked.registrationId()))
                .hasSize(1);
    }

    @Test
    void purgeWhenExpiredAnonymousRegistrationThenCountsFromItsExpiry() {
        RegistrationResult anon = f.anonymous();
        f.clock.advance(ANONYMOUS_TTL);
        assertThat(f.service.expireDue(10)).isEqualTo(1);
        assertThat(f.stored(anon.registrationId()).endedAt()).contains(NOW.plus(ANONYMOUS_TTL));
        f.clock.advance(RETENTION.minusMillis(1));
        assertThat(f.service.purgeEndedRegistrations(10)).isZero();
        f.clock.advance(Duration.ofMillis(1));

        assertThat(f.service.purgeEndedRegistrations(10)).isEqualTo(1);

        assertThat(f.storedRegistrations()).isEmpty();
        assertThat(f.credentials.all()).isEmpty();
        assertThat(f.service.startClaim(f.ctx(), anon.claim().claimToken(), "ada@example.com"))
                .as("a purged registration's claim token is simply unknown")
                .isInstanceOf(Outcome.Failure.class);
    }

    @Test
    void purgeWhenExpiredThenRevokedThenRetentionStillCountsFromTheExpiry() {
        RegistrationResult anon = f.anonymous();
        f.clock.advance(ANONYMOUS_TTL);
        f.service.expireDue(10);
        f.clock.advance(Duration.ofDays(10));
        assertThat(f.service.revokeRegistration(TENANT, anon.registrationId())).isTrue();

        assertThat(f.stored(anon.registrationId()).endedAt()).contains(NOW.plus(ANONYMOUS_TTL));
        f.clock.advance(Duration.ofDays(20));
        assertThat(f.service.purgeEndedRegistrations(10)).isEqualTo(1);
    }

    @Test
    void purgeWhenLiveUnclaimedClaimedOrActiveThenNeverPurged() {
        RegistrationResult anon = f.anonymous();
        RegistrationResult claimed = f.anonymous();
        ok(f.complete(
                claimed.claim().claimToken(), f.startAndMint(claimed.claim().claimToken(), "ada@example.com")));
        RegistrationResult active = ok(f.registerIdJag(
                f.idJag().subject("user-9").email("cy@example.com").mint(), null));
        f.clock.advance(Duration.ofDays(400));

        assertThat(f.service.purgeEndedRegistrations(100)).isZero();

        assertThat(f.stored(claimed.registrationId()).status()).isEqualTo(RegistrationStatus.CLAIMED);
        assertThat(f.stored(active.registrationId()).status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(f.stored(anon.registrationId()).status())
                .as("due for expiry, not yet expired: the purge only takes what ended")
                .isEqualTo(RegistrationStatus.UNCLAIMED);
    }

    @Test
    void purgeWhenLimitSmallerThanBacklogThenPurgesInBatches() {
        for (int i = 0; i < 5; i++) {
            f.service.revokeRegistration(TENANT, f.anonymous().registrationId());
        }
        f.clock.advance(RETENTION);

        assertThat(f.service.purgeEndedRegistrations(2)).isEqualTo(2);
        assertThat(f.service.purgeEndedRegistrations(2)).isEqualTo(2);
        assertThat(f.service.purgeEndedRegistrations(2)).isEqualTo(1);
        assertThat(f.service.purgeEndedRegistrations(2)).isZero();
    }

    @Test
    void purgeWhenTenantsHaveDifferentRetentionsThenEachUsesItsOwn() {
        ServiceFixture two = ServiceFixture.builder()
                .config(b -> b.build().resource().toString().contains("acme")
                        ? b.registrationRetention(Duration.ofDays(90))
                        : b)
                .build();
        String inA = two.anonymous().registrationId();
        String inB = ok(two.service.register(two.ctxB(), new RegisterRequest.Anonymous(null)))
                .registrationId();
        two.service.revokeRegistration(TENANT, inA);
        two.service.revokeRegistration(TENANT_B, inB);
        two.clock.advance(RETENTION);

        assertThat(two.service.purgeEndedRegistrations(10)).isEqualTo(1);
        assertThat(two.storedRegistrations(TENANT)).isEmpty();
        assertThat(two.storedRegistrations(TENANT_B)).hasSize(1);

        two.clock.advance(Duration.ofDays(60));
        assertThat(two.service.purgeEndedRegistrations(10)).isEqualTo(1);
        assertThat(two.storedRegistrations(TENANT_B)).isEmpty();
    }

    @Test
    void purgeWhenDelegationReturnsAfterItsRegistrationWasPurgedThenANewIdNeverAnOldOne() {
        RegistrationResult first = ok(f.registerIdJag(f.idJag().mint(), null));
        f.service.revokeRegistration(TENANT, first.registrationId());
        f.clock.advance(RETENTION);
        assertThat(f.service.purgeEndedRegistrations(10)).isEqualTo(1);

        RegistrationResult again = ok(f.registerIdJag(f.idJag().mint(), null));

        assertThat(again.registrationId()).isNotEqualTo(first.registrationId());
        assertThat(f.stored(again.registrationId()).status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(f.authenticates(again.credential().secret())).isTrue();
    }

    @Test
    void purgeWhenCredentialDeleteFailsThenRegistrationKeptAndNextRunFinishes() {
        RegistrationResult revoked = ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY));
        f.service.revokeRegistration(TENANT, revoked.registrationId());
        f.clock.advance(RETENTION);
        f.faults.failOn("credentials.deleteByRegistration", 1, FaultPlan.When.BEFORE);

        assertThat(f.service.purgeEndedRegistrations(10)).isZero();

        assertThat(f.stored(revoked.registrationId()).status()).isEqualTo(RegistrationStatus.REVOKED);
        assertThat(f.credentials.ofRegistration(TENANT, revoked.registrationId()))
                .hasSize(1);
        f.faults.clear();
        assertThat(f.service.purgeEndedRegistrations(10)).isEqualTo(1);
        assertThat(f.credentials.ofRegistration(TENANT, revoked.registrationId()))
                .isEmpty();
    }

    @Test
    void purgeWhenLimitNotPositiveThenIllegalArgumentAndNothingDeleted() {
        f.service.revokeRegistration(TENANT, f.anonymous().registrationId());
        f.clock.advance(RETENTION);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> f.service.purgeEndedRegistrations(0))
                .withMessage("limit must be at least 1");
        assertThat(f.storedRegistrations()).hasSize(1);
    }

    @Test
    void runHousekeepingWhenEverythingIsDueThenExpiresSweepsAndPurgesInOneRun() {
        RegistrationResult revoked = ok(f.registerIdJag(f.idJag().mint(), CredentialType.ACCESS_TOKEN));
        f.service.revokeRegistration(TENANT, revoked.registrationId());
        f.clock.advance(RETENTION);
        RegistrationResult anon = f.anonymous();
        RegistrationResult token = ok(f.registerIdJag(
                f.idJag().subject("user-3").email("dee@example.com").mint(), CredentialType.ACCESS_TOKEN));
        f.clock.advance(ANONYMOUS_TTL);

        Housekeeping done = f.service.runHousekeeping(100);

        // three records: two expired access tokens (the fresh registration's and the revoked one's) and the replay
        // entry of the second ID-JAG (the first one's was swept when the second was marked)
        assertThat(done).isEqualTo(new Housekeeping(1, 3, 1, 0));
        assertThat(done.completed()).isTrue();
        assertThat(f.stored(anon.registrationId()).status()).isEqualTo(RegistrationStatus.EXPIRED);
        assertThat(f.credentials.ofRegistration(TENANT, token.registrationId())).isEmpty();
        assertThat(f.registrations.unfaulted().findById(TENANT, revoked.registrationId()))
                .isEmpty();
        assertThat(f.service.runHousekeeping(100)).isEqualTo(new Housekeeping(0, 0, 0, 0));
    }

    @Test
    void runHousekeepingWhenOneStepFailsThenTheOthersStillRunAndTheFailureIsCounted() {
        RegistrationResult revoked = ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY));
        f.service.revokeRegistration(TENANT, revoked.registrationId());
        f.clock.advance(RETENTION);
        f.faults.failOn("credentials.sweep", 1, FaultPlan.When.BEFORE);

        Housekeeping done = f.service.runHousekeeping(100);

        assertThat(done).isEqualTo(new Housekeeping(0, 0, 1, 1));
        assertThat(done.completed()).isFalse();
    }

    @Test
    void runHousekeepingWhenLimitNotPositiveThenIllegalArgumentAndNothingDone() {
        RegistrationResult anon = f.anonymous();
        f.clock.advance(ANONYMOUS_TTL);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> f.service.runHousekeeping(0))
                .withMessage("limit must be at least 1");
        assertThat(f.stored(anon.registrationId()).status()).isEqualTo(RegistrationStatus.UNCLAIMED);
    }

    @Test
    void registrationRetentionWhenBelowOneDayThenRefusedWithWhatToFix() {
        AgentAuthConfig.Builder builder = AgentAuthConfig.builder(URI.create(ServiceFixture.RESOURCE))
                .registrationRetention(Duration.ofHours(23));

        assertThatIllegalArgumentException()
                .isThrownBy(builder::build)
                .withMessage("registrationRetention must be at least 1 day");
        assertThat(AgentAuthConfig.builder(URI.create(ServiceFixture.RESOURCE))
                        .build()
                        .registrationRetention())
                .isEqualTo(RETENTION);
        assertThat(Optional.of(AgentAuthConfig.builder(URI.create(ServiceFixture.RESOURCE))
                                .registrationRetention(Duration.ofDays(1))
                                .build())
                        .map(AgentAuthConfig::registrationRetention))
                .contains(Duration.ofDays(1));
    }
}
