package dev.authmd.adapters.jdkhttp;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.store.memory.InMemoryAccountResolver;
import dev.authmd.core.trust.TrustList;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** A real registration service on the in-memory defaults, served by the adapter on a loopback port. */
final class TestServers {

    static final String DISCOVERY = "/.well-known/oauth-protected-resource";

    final AgentAuthConfig config;
    final AgentAuthService service;
    final AgentAuthEndpoints endpoints;

    TestServers() {
        config = AgentAuthConfig.builder(URI.create("http://localhost"))
                .scopesSupported(List.of("api.read", "api.write"))
                .anonymousScopes(List.of("api.read"))
                .developmentHosts(Set.of("localhost"))
                .build();
        service = AgentAuthService.builder()
                .config(config, TrustList.of(List.of()))
                .accountResolver(new InMemoryAccountResolver())
                .claimMailer(mail -> {})
                .build();
        endpoints = AgentAuthEndpoints.builder(service).build();
    }

    AgentAuthHttpServer start(UnaryOperator<AgentAuthHttpServer.Builder> settings) throws IOException {
        return settings.apply(AgentAuthHttpServer.builder(endpoints)
                        .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .maxBodyBytes(config.maxRequestBodyBytes()))
                .start();
    }

    static URI uri(AgentAuthHttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
