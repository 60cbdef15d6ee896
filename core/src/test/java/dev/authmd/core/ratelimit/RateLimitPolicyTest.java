package dev.authmd.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.core.internal.ratelimit.RateLimitDecision;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {

    @Test
    void defaultsWhenBuiltThenProtocolLimitsAndClaimEmailCaps() {
        RateLimitPolicy policy = RateLimitPolicy.defaults();
        assertThat(policy.find("anonymous")).contains(new RateLimit("anonymous", Duration.ofHours(1), 5, 100, 0));
        assertThat(policy.find("identity_assertion"))
                .contains(new RateLimit("identity_assertion", Duration.ofHours(1), 60, 1000, 0));
        assertThat(policy.find("claim_email")).contains(new RateLimit("claim_email", Duration.ofHours(1), 20, 1000, 5));
        assertThat(policy.find("claim_recipients"))
                .contains(new RateLimit("claim_recipients", Duration.ofHours(1), 0, 0, 0, 3));
        assertThat(policy.find("identity.anonymous"))
                .contains(new RateLimit("identity.anonymous", Duration.ofHours(1), 5, 100, 0));
        assertThat(policy.find("identity.service_auth"))
                .contains(new RateLimit("identity.service_auth", Duration.ofHours(1), 10, 200, 0));
        assertThat(policy.find("identity.identity_assertion"))
                .contains(new RateLimit("identity.identity_assertion", Duration.ofHours(1), 60, 1000, 0));
        assertThat(policy.find("identity.refresh"))
                .contains(new RateLimit("identity.refresh", Duration.ofHours(1), 120, 5000, 0));
        assertThat(policy.find("token")).contains(new RateLimit("token", Duration.ofHours(1), 600, 0, 0, 120));
        assertThat(policy.find("claim.start")).contains(RateLimit.perHour("claim.start", 30, 0));
        assertThat(policy.find("claim.complete")).contains(RateLimit.perHour("claim.complete", 60, 0));
        assertThat(policy.find("claim.attempt"))
                .contains(new RateLimit("claim.attempt", Duration.ofHours(1), 0, 0, 0, 5));
        assertThat(policy.limits()).hasSize(12);
    }

    @Test
    void builderWhenLimitReplacedOrRemovedThenApplied() {
        RateLimitPolicy policy = RateLimitPolicy.builder()
                .limit(RateLimit.perHour("anonymous", 10, 500))
                .remove("claim_email")
                .build();
        assertThat(policy.find("anonymous").orElseThrow().perIp()).isEqualTo(10);
        assertThat(policy.find("claim_email")).isEmpty();
        assertThat(policy.toBuilder().build().limits()).containsExactlyElementsOf(policy.limits());
        assertThat(RateLimitPolicy.none().limits()).isEmpty();
    }

    @Test
    void rateLimitWhenInvalidThenOneClearMessagePerRule() {
        assertThatThrownBy(() -> RateLimit.perHour("Anonymous!", 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must be 1-64 lower-case letters, digits, '_', '.' or '-': Anonymous!");
        assertThatThrownBy(() -> new RateLimit("x", Duration.ofMillis(1500), 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window must be whole seconds between 1 second and 1 day: PT1.5S");
        assertThatThrownBy(() -> new RateLimit("x", Duration.ofDays(2), 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimit.perHour("x", -1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("caps cannot be negative (0 means no limit)");
        assertThatThrownBy(() -> RateLimit.perHour("x", 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one cap must be positive; remove the limit to disable it");
    }

    @Test
    void rateLimitWhenOnlyPerRegistrationCapThenValidAndCappedThere() {
        RateLimit limit = new RateLimit("x", Duration.ofHours(1), 0, 0, 0, 7);
        assertThat(limit.cap(LimitScope.REGISTRATION)).isEqualTo(7);
        assertThat(new RateLimit("x", Duration.ofHours(1), 1, 0, 0).perRegistration())
                .isZero();
        assertThatThrownBy(() -> new RateLimit("x", Duration.ofHours(1), 0, 0, 0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("caps cannot be negative (0 means no limit)");
        assertThatThrownBy(() -> new RateLimit("x", Duration.ofHours(1), 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void capWhenScopeThenMatchingComponent() {
        RateLimit limit = new RateLimit("x", Duration.ofMinutes(1), 1, 2, 3);
        assertThat(limit.cap(LimitScope.IP)).isEqualTo(1);
        assertThat(limit.cap(LimitScope.TENANT)).isEqualTo(2);
        assertThat(limit.cap(LimitScope.ADDRESS)).isEqualTo(3);
    }

    @Test
    void decisionWhenInconsistentThenClearError() {
        assertThatThrownBy(() -> RateLimitDecision.denied("x", LimitScope.IP, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryAfterSeconds must be 0 when allowed and at least 1 when denied");
        assertThat(RateLimitDecision.allowed("x").retryAfterSeconds()).isZero();
        assertThat(RateLimitDecision.allowed("x").denial()).isEmpty();
    }
}
