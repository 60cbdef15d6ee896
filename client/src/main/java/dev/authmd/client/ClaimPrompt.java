package dev.authmd.client;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The client never talks to the user itself: it hands this callback what to show and takes back the code the user
 * reads. Return empty to give up the claim for now ({@link ClaimAbandonedException}).
 */
public interface ClaimPrompt {

    /**
     * v0.1: the service emailed a link; the user opens it, presses the button and reads a one-time code from the page.
     *
     * @param step what to tell the user
     * @return the code the user read, or empty to give up
     */
    Optional<String> codeFromEmail(EmailStep step);

    /**
     * The current profile: the user opens {@code verificationUri}, signs in to the service, confirms and reads a code.
     * Called again (with {@code retry} counting up) when the service says the user has not confirmed yet; the client
     * waits at least five seconds between tries.
     *
     * @param step what to show the user
     * @return the code the user read, or empty to give up
     */
    Optional<String> codeFromPage(PageStep step);

    /**
     * What to say for an emailed claim.
     *
     * @param service the service's name or URL, for the message
     * @param registrationId the registration being claimed (the service's emails name it)
     * @param email the address the service wrote to; null when the service chose it (an ID-JAG step-up goes to the
     *     account the provider's user matched)
     * @param retry 0 on the first ask, then how many codes were refused
     */
    record EmailStep(
            String service, String registrationId, @Nullable String email, int retry) {

        /** {@return the address, when the client knows it} */
        public Optional<String> emailAddress() {
            return Optional.ofNullable(email);
        }
    }

    /**
     * What to show for a claim confirmed on the service's page.
     *
     * @param service the service's name or URL, for the message
     * @param registrationId the registration being claimed
     * @param verificationUri the page to open; on the service's own origin (checked)
     * @param expiresAt when the link stops working
     * @param retry 0 on the first ask; then how many times the service said "not confirmed yet" or refused the code
     */
    record PageStep(String service, String registrationId, URI verificationUri, Instant expiresAt, int retry) {}
}
