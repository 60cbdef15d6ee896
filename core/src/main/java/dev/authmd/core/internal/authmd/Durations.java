package dev.authmd.core.internal.authmd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Writes durations as plain English ("10 minutes", "1 hour 30 minutes"). Stateless and thread-safe. */
public final class Durations {

    private Durations() {}

    /**
     * Describes a duration in words.
     *
     * @param duration a positive duration
     * @return its hours, minutes and seconds in words (whole days of two or more as days); sub-second remainders are
     *     dropped unless the whole duration is under a second
     */
    public static String words(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return unit(duration.toMillis(), "millisecond");
        }
        long seconds = duration.toSeconds();
        if (seconds >= 2 * 86_400 && seconds % 86_400 == 0) {
            return unit(seconds / 86_400, "day");
        }
        List<String> parts = new ArrayList<>();
        if (duration.toHours() > 0) {
            parts.add(unit(duration.toHours(), "hour"));
        }
        if (duration.toMinutesPart() > 0) {
            parts.add(unit(duration.toMinutesPart(), "minute"));
        }
        if (duration.toSecondsPart() > 0) {
            parts.add(unit(duration.toSecondsPart(), "second"));
        }
        return String.join(" ", parts);
    }

    private static String unit(long n, String name) {
        return n + " " + name + (n == 1 ? "" : "s");
    }
}
