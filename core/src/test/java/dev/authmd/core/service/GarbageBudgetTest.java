package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.store.CredentialType;
import org.junit.jupiter.api.Test;

/**
 * Security finding 1: garbage must not spend a tenant's budget. 1,000 forged ID-JAGs from 18 addresses once exhausted
 * the tenant's identity-assertion budget (1,000 an hour) and locked out every valid user for the rest of the hour. Now
 * the per-IP budget is charged at parse and the tenant's only once an assertion verified.
 */
class GarbageBudgetTest {

    private final ServiceFixture f =
            ServiceFixture.builder().rateLimits(RateLimitPolicy.defaults()).build();

    private Outcome<RegistrationResult> idJagFrom(String ip, String assertion) {
        return f.service.register(new RequestContext(TENANT, ip), new RegisterRequest.IdJag(assertion, null));
    }

    @Test
    void registerWhenAThousandForgedIdJagsCameFromEighteenAddressesThenAValidUserFromAFreshAddressStillRegisters() {
        int refusedAsGarbage = 0;
        int refusedByIpBudget = 0;
        for (int i = 0; i < 1000; i++) {
            Outcome<RegistrationResult> garbage = idJagFrom("198.51.100." + (i % 18 + 1), "x.y.z");
            ProtocolError error = garbage.failure().error();
            if (error == ProtocolError.RATE_LIMITED) {
                refusedByIpBudget++;
            } else {
                assertThat(error).isEqualTo(ProtocolError.INVALID_REQUEST);
                refusedAsGarbage++;
            }
        }
        // 18 addresses × 60 an hour: every forged request was refused for what it is, none by a budget
        assertThat(refusedAsGarbage).isEqualTo(1000);
        assertThat(refusedByIpBudget).isZero();

        Outcome<RegistrationResult> valid = idJagFrom(
                "203.0.113.7",
                f.idJag().subject("user-ok").email("ok@example.com").mint());
        Outcome<RegistrationResult> email = f.service.register(
                new RequestContext(TENANT, "203.0.113.8"),
                new RegisterRequest.VerifiedEmail("dave@example.com", CredentialType.API_KEY));

        ok(valid);
        ok(email);
        assertThat(f.storedRegistrations()).hasSize(2);
    }

    @Test
    void identityWhenAThousandForgedIdJagsCameFromEighteenAddressesThenAValidUserStillRegisters() {
        // the same probe on the current profile's identity endpoint (its budgets were split from the start)
        for (int i = 0; i < 1000; i++) {
            CurrentOutcome<IdentityResult> garbage = f.service.identity(
                    new RequestContext(TENANT, "198.51.100." + (i % 18 + 1)),
                    new IdentityRequest.IdentityAssertion("x.y.z"));
            assertThat(garbage.failure().error().code()).isEqualTo("invalid_request");
        }

        CurrentOutcome<IdentityResult> valid = f.service.identity(
                new RequestContext(TENANT, "203.0.113.7"),
                new IdentityRequest.IdentityAssertion(f.idJag()
                        .subject("user-current")
                        .email("current@example.com")
                        .authTime(f.clock.instant())
                        .mint()));

        assertThat(valid.isSuccess()
                        || "interaction_required".equals(valid.failure().error().code()))
                .as("not refused by a budget: %s", valid)
                .isTrue();
    }

    @Test
    void registerWhenOneAddressSendsGarbageThenOnlyItsOwnBudgetIsSpent() {
        for (int i = 0; i < 60; i++) {
            idJagFrom("198.51.100.1", "x.y.z");
        }

        ServiceFixture.assertFailure(idJagFrom("198.51.100.1", "x.y.z"), ProtocolError.RATE_LIMITED);
        ok(idJagFrom(
                "198.51.100.2",
                f.idJag().subject("user-2").email("two@example.com").mint()));
    }

    @Test
    void registerWhenIpv6ClientsShareA56ThenOneBudgetOnlyWhenTheSettingSaysSo() {
        ServiceFixture per64 =
                ServiceFixture.builder().rateLimits(RateLimitPolicy.defaults()).build();
        ServiceFixture per56 = ServiceFixture.builder()
                .rateLimits(RateLimitPolicy.builder().ipv6PrefixLength(56).build())
                .build();
        for (ServiceFixture fixture : new ServiceFixture[] {per64, per56}) {
            for (int i = 0; i < 5; i++) {
                ok(fixture.service.register(
                        new RequestContext(TENANT, "2001:db8:0:1" + i + "::1"), new RegisterRequest.Anonymous(null)));
            }
        }

        // a sixth /64 of the same /56: a budget of its own per /64, the sixth of one budget per /56
        ok(per64.service.register(new RequestContext(TENANT, "2001:db8:0:15::1"), new RegisterRequest.Anonymous(null)));
        ServiceFixture.assertFailure(
                per56.service.register(
                        new RequestContext(TENANT, "2001:db8:0:15::1"), new RegisterRequest.Anonymous(null)),
                ProtocolError.RATE_LIMITED);
        assertThat(RateLimitPolicy.defaults().ipv6PrefixLength()).isEqualTo(64);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RateLimitPolicy.builder().ipv6PrefixLength(60))
                .withMessage("ipv6PrefixLength must be 48, 56 or 64: 60");
    }
}
