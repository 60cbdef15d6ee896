package dev.authmd.core.service;

/**
 * What one {@link AgentAuthService#runHousekeeping(int)} did.
 *
 * @param expired unclaimed registrations expired at their TTL ({@link AgentAuthService#expireDue})
 * @param recordsRemoved expired tokens and records removed ({@link AgentAuthService#sweepExpiredTokens}), replay
 *     entries and rate-limit windows included
 * @param purged ended registrations deleted after their retention ({@link AgentAuthService#purgeEndedRegistrations})
 * @param failedSteps how many of the three steps failed with a store error (logged; the next run retries them)
 */
public record Housekeeping(int expired, int recordsRemoved, int purged, int failedSteps) {

    /** {@return whether every step ran} */
    public boolean completed() {
        return failedSteps == 0;
    }
}
