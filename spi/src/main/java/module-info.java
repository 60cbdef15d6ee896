/**
 * The contracts a host implements to embed authmd-java: storage, the host's accounts, mail, audit, the service's
 * signing keys, and framework-neutral HTTP values. No third-party dependencies.
 */
module dev.authmd.spi {
    // nullness annotations are compile-time only; transitive so a host compiling against them resolves them
    requires static transitive org.jspecify;

    exports dev.authmd.spi.http;
    exports dev.authmd.spi.store;
    exports dev.authmd.spi.account;
    exports dev.authmd.spi.mail;
    exports dev.authmd.spi.audit;
    exports dev.authmd.spi.credential;
    exports dev.authmd.spi.keys;
}
