package dev.authmd.client;

/**
 * Where the agent's ID-JAGs come from: the agent's provider mints one for the given audience. Called once per
 * registration; each call must return a fresh assertion (services refuse a replayed {@code jti}).
 */
@FunctionalInterface
public interface AssertionSource {

    /**
     * Mints an ID-JAG.
     *
     * @param request the audience and resource to mint for
     * @return the compact JWS
     */
    String idJag(AssertionRequest request);

    /**
     * What to mint an ID-JAG for.
     *
     * @param audience the service's authorization server {@code issuer}, the audience the ID-JAG draft names (services
     *     also accept the resource)
     * @param resource the protected resource identifier from the service's metadata
     */
    record AssertionRequest(String audience, String resource) {}
}
