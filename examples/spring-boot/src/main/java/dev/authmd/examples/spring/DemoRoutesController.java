package dev.authmd.examples.spring;

import dev.authmd.adapters.servlet.ServletHttp;
import dev.authmd.examples.demo.DemoService;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's framework-neutral routes (the demo provider under {@code /demo/provider/}, the development sign-in under
 * {@code /dev/sign-in}, the greeting at {@code /}) through the servlet bridge; the library's JSON {@code 404} for a
 * path under {@code /demo/provider/} that the provider does not serve.
 */
@RestController
final class DemoRoutesController {

    private final ObjectProvider<DemoService> demo;

    DemoRoutesController(ObjectProvider<DemoService> demo) {
        this.demo = demo;
    }

    @RequestMapping({"/", "/demo/provider/**", "/dev/sign-in", "/dev/sign-in/**"})
    void route(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DemoService service = demo.getObject();
        HttpRequest neutral = ServletHttp.toRequest(request, service.config().maxRequestBodyBytes());
        HttpResponse answer = service.handleDemoRoutes(neutral)
                .orElseGet(() -> service.endpoints().handle(neutral));
        ServletHttp.write(request, response, answer);
    }
}
