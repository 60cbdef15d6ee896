package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.authmd.core.ratelimit.RateLimit;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.protocol.error.CurrentProfileError;
import dev.authmd.protocol.error.ProtocolError;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The host's admission control for anonymous registrations, in both profiles (security finding 1). */
class AnonymousAdmissionTest {

    private final ServiceFixture f = ServiceFixture.builder()
            .rateLimits(RateLimitPolicy.builder()
                    .limit(RateLimit.perHour(RateLimitPolicy.ANONYMOUS, 5, 3))
                    .limit(RateLimit.perHour(RateLimitPolicy.IDENTITY_ANONYMOUS, 5, 3))
                    .build())
            .anonymousAdmission(AnonymousAdmission.fromNetworks(List.of("203.0.113.0/24", "2001:db8:1::/48")))
            .build();

    private Outcome<RegistrationResult> v01From(String ip) {
        return f.service.register(new RequestContext(TENANT, ip), new RegisterRequest.Anonymous(null));
    }

    private CurrentOutcome<IdentityResult> currentFrom(String ip) {
        return f.service.identity(new RequestContext(TENANT, ip), new IdentityRequest.Anonymous());
    }

    @Test
    void registerWhenOutsideTheNamedNetworksThenRefusedAndTheTenantsBudgetUntouched() {
        for (int i = 1; i <= 20; i++) {
            Outcome<RegistrationResult> refused = v01From("198.51.100." + i);
            ServiceFixture.assertFailure(refused, ProtocolError.ANONYMOUS_NOT_ENABLED);
            assertThat(refused.failure().message()).contains("not available from this network");
            CurrentOutcome<IdentityResult> refusedCurrent = currentFrom("198.51.100." + i);
            assertThat(refusedCurrent.failure().error()).isEqualTo(CurrentProfileError.ANONYMOUS_REGISTRATION_DISABLED);
        }

        // twenty refusals spent nothing of the tenant's three: the named networks still get all three
        ok(v01From("203.0.113.1"));
        ok(v01From("203.0.113.2"));
        ok(v01From("2001:db8:1:5::9"));
        assertThat(currentFrom("203.0.113.3").isSuccess()).isTrue();
        assertThat(f.storedRegistrations()).hasSize(4);
    }

    @Test
    void registerWhenTheClientAddressIsUnknownOrTheAdmissionFailsThenRefused() {
        ServiceFixture.assertFailure(
                f.service.register(new RequestContext(TENANT, null), new RegisterRequest.Anonymous(null)),
                ProtocolError.ANONYMOUS_NOT_ENABLED);
        ServiceFixture broken = ServiceFixture.builder()
                .anonymousAdmission(ctx -> {
                    throw new IllegalStateException("admission backend down");
                })
                .build();
        Outcome<RegistrationResult> refused =
                broken.service.register(new RequestContext(TENANT, "203.0.113.1"), new RegisterRequest.Anonymous(null));
        ServiceFixture.assertFailure(refused, ProtocolError.ANONYMOUS_NOT_ENABLED);
        assertThat(refused.failure().message()).isEqualTo("Anonymous registration is not available right now.");
        assertThat(broken.storedRegistrations()).isEmpty();
    }

    @Test
    void registerWhenAHostAdmissionAdmitsThenTheRegistrationProceeds() {
        ServiceFixture custom = ServiceFixture.builder()
                .anonymousAdmission(ctx -> "203.0.113.9".equals(ctx.clientIp())
                        ? Optional.empty()
                        : Optional.of("Only the test rig registers anonymously."))
                .build();

        ok(custom.service.register(new RequestContext(TENANT, "203.0.113.9"), new RegisterRequest.Anonymous(null)));
        assertThat(custom.service
                        .register(new RequestContext(TENANT, "203.0.113.8"), new RegisterRequest.Anonymous(null))
                        .failure()
                        .message())
                .isEqualTo("Only the test rig registers anonymously.");
    }

    @Test
    void fromNetworksWhenGivenGarbageThenSaysWhat() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AnonymousAdmission.fromNetworks(List.of()))
                .withMessageStartingWith("name at least one network");
        assertThatIllegalArgumentException().isThrownBy(() -> AnonymousAdmission.fromNetworks(List.of("10.0.0.0/33")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AnonymousAdmission.fromNetworks(List.of("not-a-network")));
    }
}
