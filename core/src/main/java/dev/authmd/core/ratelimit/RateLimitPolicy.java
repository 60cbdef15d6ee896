package dev.authmd.core.ratelimit;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The set of named {@link RateLimit}s a service enforces (docs/protocol.md#v01-7). The defaults:
 *
 * <table>
 *   <caption>Default limits, per sliding hour</caption>
 *   <tr><th>name</th><th>per IP</th><th>per tenant</th><th>per address</th><th>applies to</th></tr>
 *   <tr><td>{@value #ANONYMOUS}</td><td>5</td><td>100</td><td>–</td><td>anonymous registrations</td></tr>
 *   <tr><td>{@value #IDENTITY_ASSERTION}</td><td>60</td><td>1000</td><td>–</td><td>ID-JAG and
 *       verified-email registrations</td></tr>
 *   <tr><td>{@value #CLAIM_EMAIL}</td><td>20</td><td>1000</td><td>5</td><td>every claim email sent
 *       (claim start, verified-email and step-up registrations)</td></tr>
 *   <tr><td>{@value #CLAIM_RECIPIENTS}</td><td>–</td><td>–</td><td>–</td><td>v0.1: 3 per claim token and hour: claim
 *       emails to an address other than the previous attempt's, so one claim token cannot mail a list</td></tr>
 *   <tr><td>{@value #IDENTITY_ANONYMOUS}</td><td>5</td><td>100</td><td>–</td><td>current profile:
 *       anonymous registrations</td></tr>
 *   <tr><td>{@value #IDENTITY_SERVICE_AUTH}</td><td>10</td><td>200</td><td>–</td><td>current profile:
 *       registrations by the user's email</td></tr>
 *   <tr><td>{@value #IDENTITY_ID_JAG}</td><td>60</td><td>1000</td><td>–</td><td>current profile: ID-JAG
 *       registrations</td></tr>
 *   <tr><td>{@value #IDENTITY_REFRESH}</td><td>120</td><td>5000</td><td>–</td><td>current profile:
 *       refreshes</td></tr>
 *   <tr><td>{@value #TOKEN}</td><td>600</td><td>–</td><td>–</td><td>current profile: token endpoint; also 120
 *       per registration, charged once the assertion is valid, so no agent mints access tokens without
 *       bound</td></tr>
 *   <tr><td>{@value #CLAIM_START}, {@value #CLAIM_COMPLETE}</td><td>30, 60</td><td>–</td><td>–</td><td>current
 *       profile: claim starts and completions</td></tr>
 *   <tr><td>{@value #CLAIM_ATTEMPT}</td><td>–</td><td>–</td><td>–</td><td>current profile: 5 attempts per claim
 *       and rolling hour ({@code too_many_attempts})</td></tr>
 * </table>
 *
 * The first two are docs/protocol.md#v01-7's, the {@code identity.*} and {@code token} limits the current profile's
 * (§11). In both profiles the per-IP cap is charged once the body parses and the per-tenant cap only for requests that
 * passed validation (an ID-JAG after its signature and claims), so garbage from many addresses cannot spend the
 * tenant's budget and lock its users out. IPv6 clients are counted per /64 ({@link Builder#ipv6PrefixLength}). The
 * claim-email caps are ours: five emails an hour to one address is more than a person retrying needs and too few to
 * turn the service into a mail cannon; twenty an hour from one IP lets a small office claim several registrations. A
 * limit the policy does not define is not enforced, so removing one disables it.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RateLimitPolicy policy = RateLimitPolicy.builder()
 *         .limit(RateLimit.perHour(RateLimitPolicy.ANONYMOUS, 10, 500))
 *         .build();
 * }</pre>
 */
public final class RateLimitPolicy {

    /** Anonymous registrations. */
    public static final String ANONYMOUS = "anonymous";
    /** Identity-assertion registrations (ID-JAG and verified email). */
    public static final String IDENTITY_ASSERTION = "identity_assertion";
    /** Claim emails, capped per address and per IP. */
    public static final String CLAIM_EMAIL = "claim_email";
    /** Current profile: anonymous registrations at the identity endpoint. */
    public static final String IDENTITY_ANONYMOUS = "identity.anonymous";
    /** Current profile: {@code service_auth} registrations at the identity endpoint. */
    public static final String IDENTITY_SERVICE_AUTH = "identity.service_auth";
    /** Current profile: ID-JAG registrations at the identity endpoint. */
    public static final String IDENTITY_ID_JAG = "identity.identity_assertion";
    /** Current profile: refreshes at the identity endpoint. */
    public static final String IDENTITY_REFRESH = "identity.refresh";
    /** Current profile: token endpoint requests, per IP. */
    public static final String TOKEN = "token";
    /** Current profile: claim starts, per IP. */
    public static final String CLAIM_START = "claim.start";
    /** Current profile: claim completions, per IP. */
    public static final String CLAIM_COMPLETE = "claim.complete";
    /** Current profile: attempts started on one claim, per rolling hour ({@code too_many_attempts}). */
    public static final String CLAIM_ATTEMPT = "claim.attempt";
    /** v0.1: claim emails of one claim token to an address other than its previous attempt's, per registration. */
    public static final String CLAIM_RECIPIENTS = "claim_recipients";

    /** The default IPv6 bucket: a /64, the smallest network a subscriber is usually given. */
    public static final int DEFAULT_IPV6_PREFIX = 64;

    private final Map<String, RateLimit> limits;
    private final int ipv6PrefixLength;

    private RateLimitPolicy(Map<String, RateLimit> limits, int ipv6PrefixLength) {
        this.limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
        this.ipv6PrefixLength = ipv6PrefixLength;
    }

    /**
     * {@return how many leading bits of an IPv6 address make one per-IP bucket: 64 by default, 56 where one client
     * holds a whole /56 (its 256 /64s would otherwise be 256 budgets)}
     */
    public int ipv6PrefixLength() {
        return ipv6PrefixLength;
    }

    /** {@return the defaults described above} */
    public static RateLimitPolicy defaults() {
        return builder().build();
    }

    /** {@return a policy enforcing nothing (tests, or a host that limits at its edge)} */
    public static RateLimitPolicy none() {
        return builder().clear().build();
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder()
                .limit(RateLimit.perHour(ANONYMOUS, 5, 100))
                .limit(RateLimit.perHour(IDENTITY_ASSERTION, 60, 1000))
                .limit(new RateLimit(CLAIM_EMAIL, Duration.ofHours(1), 20, 1000, 5))
                .limit(new RateLimit(CLAIM_RECIPIENTS, Duration.ofHours(1), 0, 0, 0, 3))
                .limit(RateLimit.perHour(IDENTITY_ANONYMOUS, 5, 100))
                .limit(RateLimit.perHour(IDENTITY_SERVICE_AUTH, 10, 200))
                .limit(RateLimit.perHour(IDENTITY_ID_JAG, 60, 1000))
                .limit(RateLimit.perHour(IDENTITY_REFRESH, 120, 5000))
                .limit(new RateLimit(TOKEN, Duration.ofHours(1), 600, 0, 0, 120))
                .limit(RateLimit.perHour(CLAIM_START, 30, 0))
                .limit(RateLimit.perHour(CLAIM_COMPLETE, 60, 0))
                .limit(new RateLimit(CLAIM_ATTEMPT, Duration.ofHours(1), 0, 0, 0, 5));
    }

    /** {@return a builder holding this policy's limits} */
    public Builder toBuilder() {
        Builder builder = new Builder();
        limits.values().forEach(builder::limit);
        return builder.ipv6PrefixLength(ipv6PrefixLength);
    }

    /**
     * Finds a limit by name.
     *
     * @param name a limit name
     * @return the limit, or empty when the policy does not enforce one by that name
     */
    public Optional<RateLimit> find(String name) {
        return Optional.ofNullable(limits.get(Objects.requireNonNull(name, "name cannot be null")));
    }

    /** {@return every limit, in the order added; unmodifiable} */
    public Collection<RateLimit> limits() {
        return limits.values();
    }

    @Override
    public String toString() {
        return "RateLimitPolicy" + limits.values() + ", IPv6 per /" + ipv6PrefixLength;
    }

    /** Builds a {@link RateLimitPolicy}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, RateLimit> limits = new LinkedHashMap<>();
        private int ipv6PrefixLength = DEFAULT_IPV6_PREFIX;

        private Builder() {}

        /**
         * Adds a limit, replacing any limit of the same name.
         *
         * @param limit added, or replacing the limit of the same name
         * @return this builder
         */
        public Builder limit(RateLimit limit) {
            Objects.requireNonNull(limit, "limit cannot be null");
            limits.put(limit.name(), limit);
            return this;
        }

        /**
         * Removes a limit.
         *
         * @param name the limit to stop enforcing
         * @return this builder
         */
        public Builder remove(String name) {
            limits.remove(Objects.requireNonNull(name, "name cannot be null"));
            return this;
        }

        /** {@return this builder without any limit} */
        public Builder clear() {
            limits.clear();
            return this;
        }

        /**
         * Sets how IPv6 clients are grouped into per-IP buckets. A /64 (the default) is one subscriber on most
         * networks; a provider that hands out /56s gives one client 256 /64s, so 256 budgets: choose 56 there, at the
         * price that the subscribers of a network that shares a /56 between households share one budget.
         *
         * @param bits 48 to 64, a multiple of 8
         * @return this builder
         */
        public Builder ipv6PrefixLength(int bits) {
            if (bits < 48 || bits > 64 || bits % 8 != 0) {
                throw new IllegalArgumentException("ipv6PrefixLength must be 48, 56 or 64: " + bits);
            }
            this.ipv6PrefixLength = bits;
            return this;
        }

        /** {@return the policy} */
        public RateLimitPolicy build() {
            return new RateLimitPolicy(limits, ipv6PrefixLength);
        }
    }
}
