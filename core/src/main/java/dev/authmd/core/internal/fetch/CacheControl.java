package dev.authmd.core.internal.fetch;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads the lifetime a response announces in {@code Cache-Control} (RFC 9111 §5.2.2). */
public final class CacheControl {

    private CacheControl() {}

    /**
     * Reads the {@code max-age} directive of a {@code Cache-Control} header.
     *
     * @param header the {@code Cache-Control} value, or null
     * @return {@code max-age} in seconds; {@code Duration.ZERO} for {@code no-store} or {@code no-cache}; empty when
     *     the header says nothing usable
     */
    public static Optional<Duration> maxAge(@Nullable String header) {
        if (header == null) {
            return Optional.empty();
        }
        Optional<Duration> maxAge = Optional.empty();
        for (String directive : header.split(",", -1)) {
            String d = directive.trim().toLowerCase(Locale.ROOT);
            if (d.equals("no-store") || d.equals("no-cache")) {
                return Optional.of(Duration.ZERO);
            }
            if (d.startsWith("max-age=")) {
                String value = d.substring("max-age=".length()).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                try {
                    long seconds = Long.parseLong(value);
                    if (seconds >= 0) {
                        maxAge = Optional.of(Duration.ofSeconds(Math.min(seconds, 10L * 365 * 24 * 3600)));
                    }
                } catch (NumberFormatException ignored) {
                    // an unparsable max-age is no max-age
                }
            }
        }
        return maxAge;
    }
}
