/**
 * The auth.md protocol's data pieces, shared by a service and an agent: discovery metadata and its JSON, the
 * {@code WWW-Authenticate} challenge, the auth.md parser and the error-code model. No server code: an agent depends on
 * this module without carrying the service.
 */
// the qualified export names core, which is not built yet when this module compiles
@SuppressWarnings("module")
module dev.authmd.protocol {
    // nullness annotations are compile-time only; transitive so a host compiling against them resolves them
    requires static transitive org.jspecify;
    requires com.fasterxml.jackson.databind;
    requires org.commonmark;

    exports dev.authmd.protocol.error;
    exports dev.authmd.protocol.metadata;
    exports dev.authmd.protocol.challenge;
    exports dev.authmd.protocol.authmd;
    // the renderer in core writes what the parser here reads, with the same wire names and scanners
    exports dev.authmd.protocol.internal.authmd to
            dev.authmd.core;
}
