package dev.authmd.core.service;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.trust.TrustList;
import java.net.URI;

/** Run by {@link NoLoggingProviderTest} in a JVM without any SLF4J provider: builds a service on every default. */
public final class NoProviderHost {

    private NoProviderHost() {}

    /** @param args ignored */
    public static void main(String[] args) {
        AgentAuthService.builder()
                .config(
                        AgentAuthConfig.builder(URI.create("https://api.example.com"))
                                .build(),
                        TrustList.builder().build())
                .build();
        System.out.println("BUILT discarded=" + DevelopmentDefaults.loggingDiscarded());
    }
}
