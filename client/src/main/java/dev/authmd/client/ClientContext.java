package dev.authmd.client;

import dev.authmd.client.internal.ServiceHttp;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the profile flows share: the guarded HTTP exchange, the store, the clock, and what the caller made possible.
 *
 * @param http the guarded HTTP exchange
 * @param store where credentials persist
 * @param clock the clock
 * @param assertions the agent provider's ID-JAGs, if any
 * @param userEmail the user's address for the email method and claims, if any
 * @param prompt the claim prompt, if any
 * @param methods the methods the caller allows
 * @param pacer waits between claim completions that the service answered "not confirmed yet"
 */
record ClientContext(
        ServiceHttp http,
        AgentCredentialStore store,
        Clock clock,
        @Nullable AssertionSource assertions,
        @Nullable String userEmail,
        @Nullable ClaimPrompt prompt,
        Set<RegistrationMethod> methods,
        Pacer pacer) {

    /** The least time between two claim completions while the user has not confirmed. */
    static final Duration CONFIRMATION_RETRY = Duration.ofSeconds(5);

    /** How many refused codes a claim may take before the client stops asking (services lock after five). */
    static final int MAX_REFUSED_CODES = 5;

    /** How many "not confirmed yet" answers before the client stops asking: ten minutes at five seconds. */
    static final int MAX_UNCONFIRMED = 120;

    /** {@return the same context without a person to ask: a ceremony that needs one fails instead of prompting} */
    ClientContext unattended() {
        return new ClientContext(http, store, clock, assertions, userEmail, null, methods, pacer);
    }

    /**
     * Waits {@link #CONFIRMATION_RETRY} before the person is asked for a code again.
     *
     * @throws ClaimAbandonedException when interrupted
     */
    void pauseBeforeAskingAgain() {
        try {
            pacer.pause(CONFIRMATION_RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClaimAbandonedException("interrupted while waiting for the person");
        }
    }

    /** Waits; tests pass one that records instead. */
    @FunctionalInterface
    interface Pacer {
        /**
         * Waits for a while.
         *
         * @param duration how long
         * @throws InterruptedException when interrupted
         */
        void pause(Duration duration) throws InterruptedException;

        /** Sleeps. */
        Pacer SLEEP = duration -> Thread.sleep(duration.toMillis());
    }

    /**
     * {@return the claim prompt}
     *
     * @param why what needs it, for the message
     * @throws ClaimAbandonedException when there is none
     */
    ClaimPrompt requirePrompt(String why) {
        if (prompt == null) {
            throw new ClaimAbandonedException(why + " needs a person: set AuthMdClient.Builder.claimPrompt(...)");
        }
        return prompt;
    }
}
