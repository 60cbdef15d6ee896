package dev.authmd.spi.account;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user of the host service, as far as the library needs to know one.
 *
 * @param userId the host's stable user id
 * @param email the user's verified email, or null
 * @param phoneNumber the user's verified phone number (E.164), or null
 */
public record UserAccount(
        String userId, @Nullable String email, @Nullable String phoneNumber) {

    /**
     * Creates an account.
     *
     * @param userId the host's stable user id
     * @param email the user's verified email, or null
     * @param phoneNumber the user's verified phone number (E.164), or null
     * @throws NullPointerException if {@code userId} is null
     * @throws IllegalArgumentException if {@code userId} is blank
     */
    public UserAccount {
        Objects.requireNonNull(userId, "userId cannot be null");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId cannot be blank");
        }
    }

    @Override
    public String toString() {
        return "UserAccount[userId=" + userId + "]";
    }
}
