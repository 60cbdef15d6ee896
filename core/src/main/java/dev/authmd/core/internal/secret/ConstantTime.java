package dev.authmd.core.internal.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * Comparison of secrets and their hashes in time independent of where they differ (docs/protocol.md#v01-4: "comparisons
 * in constant time").
 *
 * <p>Thread-safe; stateless.
 */
public final class ConstantTime {

    private ConstantTime() {}

    /**
     * Compares two strings by their UTF-8 bytes with {@link MessageDigest#isEqual}, whose running time depends on the
     * length of {@code a} only, never on the position of the first difference.
     *
     * @param a the expected value (e.g. the stored hash); may be null
     * @param b the presented value; may be null
     * @return true when both are non-null and equal; false when either is null
     */
    public static boolean equals(@Nullable String a, @Nullable String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
