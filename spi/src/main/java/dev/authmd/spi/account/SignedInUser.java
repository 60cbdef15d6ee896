package dev.authmd.spi.account;

import java.util.List;
import java.util.Objects;

/**
 * The user signed in to the host service on a request, as the host's own login established it.
 *
 * @param userId the host's stable user id — the same id its {@link AccountResolver} returns for this person: a claim
 *     binds the registration to it, and an ID-JAG step-up can be confirmed only by the account it matched
 * @param verifiedEmails the addresses the host has verified for this user (never unverified ones); the claim page binds
 *     a claim to one of them
 */
public record SignedInUser(String userId, List<String> verifiedEmails) {

    /**
     * Checks the members and copies the list.
     *
     * @param userId the host's stable user id, as its {@link AccountResolver} knows it
     * @param verifiedEmails the addresses the host has verified for this user
     * @throws NullPointerException if either is null or the list holds null
     * @throws IllegalArgumentException if {@code userId} is blank
     */
    public SignedInUser {
        Objects.requireNonNull(userId, "userId cannot be null");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId cannot be blank");
        }
        verifiedEmails = List.copyOf(Objects.requireNonNull(verifiedEmails, "verifiedEmails cannot be null"));
    }

    @Override
    public String toString() {
        return "SignedInUser[userId=" + userId + "]";
    }
}
