/**
 * The agent side of auth.md: discovery, profile detection, registration, the claim ceremony, credentials and an HTTP
 * client that keeps them fresh. Depends on the protocol's data pieces and {@code java.net.http}, never on the service.
 */
module dev.authmd.client {
    requires transitive dev.authmd.protocol;
    requires transitive java.net.http;
    requires com.fasterxml.jackson.databind;
    requires static org.jspecify;

    exports dev.authmd.client;
}
