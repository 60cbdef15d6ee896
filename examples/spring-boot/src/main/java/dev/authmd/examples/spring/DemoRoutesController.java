package dev.authmd.examples.spring;

import dev.authmd.adapters.servlet.ServletHttp;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.examples.demo.DemoHost;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's framework-neutral routes (the demo provider under {@code /demo/provider/}, the development sign-in under
 * {@code /dev/sign-in}, the greeting at {@code /}) through the servlet bridge; the library's JSON {@code 404} for a
 * path under {@code /demo/provider/} that the provider does not serve.
 */
@RestController
final class DemoRoutesController {

    private final DemoHost host;
    private final AgentAuthEndpoints endpoints;
    private final int maxBodyBytes;

    DemoRoutesController(DemoHost host, AgentAuthEndpoints endpoints, AgentAuthConfig config) {
        this.host = host;
        this.endpoints = endpoints;
        this.maxBodyBytes = config.maxRequestBodyBytes();
    }

    @RequestMapping({"/", "/demo/provider/**", "/dev/sign-in", "/dev/sign-in/**"})
    void route(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpRequest neutral = ServletHttp.toRequest(request, maxBodyBytes);
        HttpResponse answer = host.handleRoutes(neutral).orElseGet(() -> endpoints.handle(neutral));
        ServletHttp.write(request, response, answer);
    }
}
