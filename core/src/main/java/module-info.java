/**
 * The auth.md protocol for a service: discovery metadata, the auth.md document, assertion verification, the claim
 * ceremony, the registration service and framework-neutral endpoints.
 */
module dev.authmd.core {
    // nullness annotations are compile-time only; transitive so a host compiling against them resolves them
    requires static transitive org.jspecify;
    requires transitive dev.authmd.spi;
    requires transitive dev.authmd.protocol;
    requires com.nimbusds.jose.jwt;
    requires com.fasterxml.jackson.databind;
    requires org.commonmark;
    requires org.slf4j;
    requires java.net.http;
    // optional: ES256 verification uses BouncyCastle when it is present (internal.jose.JwsVerifiers)
    requires static org.bouncycastle.provider;
    // optional: metrics when the host passes a MeterRegistry (internal.metrics.MicrometerMetrics)
    requires static micrometer.core;

    exports dev.authmd.core.config;
    exports dev.authmd.core.discovery;
    exports dev.authmd.core.authmd;
    exports dev.authmd.core.http;
    exports dev.authmd.core.mail;
    exports dev.authmd.core.service;
    exports dev.authmd.core.signing;
    exports dev.authmd.core.store.memory;
    exports dev.authmd.core.assertion;
    exports dev.authmd.core.trust;
    exports dev.authmd.core.fetch;
    exports dev.authmd.core.provider;
    exports dev.authmd.core.secret;
    exports dev.authmd.core.audit;
    exports dev.authmd.core.ratelimit;
}
