package dev.authmd.examples.jetty;

import dev.authmd.adapters.servlet.ServletHttp;
import dev.authmd.examples.demo.DemoService;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The demo's framework-neutral routes (the demo provider under {@code /demo/provider/}, the greeting at {@code /})
 * through the servlet bridge; the library's JSON {@code 404} otherwise.
 */
final class DemoRoutesServlet extends HttpServlet {

    private final transient DemoService demo;

    DemoRoutesServlet(DemoService demo) {
        this.demo = demo;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpRequest neutral = ServletHttp.toRequest(request, demo.config().maxRequestBodyBytes());
        HttpResponse answer =
                demo.handleDemoRoutes(neutral).orElseGet(() -> demo.endpoints().handle(neutral));
        ServletHttp.write(request, response, answer);
    }
}
