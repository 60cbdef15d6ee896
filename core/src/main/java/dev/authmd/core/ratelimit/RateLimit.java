package dev.authmd.core.ratelimit;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One named limit (docs/protocol.md#v01-7): how many requests one client IP, one tenant, one email address and one
 * agent registration may make per sliding {@code window}. A cap of {@code 0} means "not limited in that scope".
 *
 * @param name the limit's name, used in counter keys, logs and {@code rate_limit.exceeded}; lower-case letters, digits,
 *     {@code _}, {@code .} and {@code -}
 * @param window the sliding window, whole seconds, from 1 second to 1 day
 * @param perIp requests per window per client IP (IPv6: per /64); 0 for no limit
 * @param perTenant requests per window per tenant; 0 for no limit
 * @param perAddress requests per window per email address; 0 for no limit
 * @param perRegistration requests per window per agent registration (the current profile's token exchanges); 0 for no
 *     limit
 */
public record RateLimit(String name, Duration window, int perIp, int perTenant, int perAddress, int perRegistration) {

    /**
     * Checks that {@code name} and {@code window} are not null and that {@code name} is 1 to 64 lower-case letters,
     * digits, {@code _}, {@code .} or {@code -}, that {@code window} is whole seconds between 1 second and 1 day, and
     * that no cap is negative and at least one is positive.
     *
     * @param name the limit's name, used in counter keys, logs and {@code rate_limit.exceeded}; lower-case letters,
     *     digits, {@code _}, {@code .} and {@code -}
     * @param window the sliding window, whole seconds, from 1 second to 1 day
     * @param perIp requests per window per client IP (IPv6: per /64); 0 for no limit
     * @param perTenant requests per window per tenant; 0 for no limit
     * @param perAddress requests per window per email address; 0 for no limit
     * @param perRegistration requests per window per agent registration; 0 for no limit
     * @throws NullPointerException if {@code name} or {@code window} is null
     * @throws IllegalArgumentException naming the first broken rule
     */
    public RateLimit {
        Objects.requireNonNull(name, "name cannot be null");
        if (!name.matches("[a-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException(
                    "name must be 1-64 lower-case letters, digits, '_', '.' or '-': " + name);
        }
        Objects.requireNonNull(window, "window cannot be null");
        if (window.compareTo(Duration.ofSeconds(1)) < 0
                || window.compareTo(Duration.ofDays(1)) > 0
                || !window.equals(window.truncatedTo(ChronoUnit.SECONDS))) {
            throw new IllegalArgumentException("window must be whole seconds between 1 second and 1 day: " + window);
        }
        if (perIp < 0 || perTenant < 0 || perAddress < 0 || perRegistration < 0) {
            throw new IllegalArgumentException("caps cannot be negative (0 means no limit)");
        }
        if (perIp == 0 && perTenant == 0 && perAddress == 0 && perRegistration == 0) {
            throw new IllegalArgumentException("at least one cap must be positive; remove the limit to disable it");
        }
    }

    /**
     * Creates a limit without a per-registration cap.
     *
     * @param name the limit's name
     * @param window the sliding window, whole seconds, from 1 second to 1 day
     * @param perIp requests per window per client IP; 0 for no limit
     * @param perTenant requests per window per tenant; 0 for no limit
     * @param perAddress requests per window per email address; 0 for no limit
     * @throws IllegalArgumentException naming the first broken rule
     */
    public RateLimit(String name, Duration window, int perIp, int perTenant, int perAddress) {
        this(name, window, perIp, perTenant, perAddress, 0);
    }

    /**
     * Creates a limit counted per hour.
     *
     * @param name the limit's name
     * @param perIp requests per hour per IP; 0 for no limit
     * @param perTenant requests per hour per tenant; 0 for no limit
     * @return a limit over a one-hour window without a per-address cap
     */
    public static RateLimit perHour(String name, int perIp, int perTenant) {
        return new RateLimit(name, Duration.ofHours(1), perIp, perTenant, 0);
    }

    /**
     * Returns the cap of this limit in a scope.
     *
     * @param scope a scope
     * @return the cap in that scope; 0 for no limit
     */
    public int cap(LimitScope scope) {
        return switch (Objects.requireNonNull(scope, "scope cannot be null")) {
            case IP -> perIp;
            case TENANT -> perTenant;
            case ADDRESS -> perAddress;
            case REGISTRATION -> perRegistration;
        };
    }
}
