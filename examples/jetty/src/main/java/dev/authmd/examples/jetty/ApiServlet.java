package dev.authmd.examples.jetty;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.adapters.servlet.AgentAuthentication;
import dev.authmd.core.service.AgentPrincipal;
import dev.authmd.examples.demo.DemoApi;
import dev.authmd.protocol.error.ProtocolError;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sample API as a host would write it with plain servlets: {@code GET /api/me} ({@code api.read}) and {@code POST
 * /api/notes} ({@code api.write}), each one call to {@link AgentAuthentication#require}. Answers the same bodies as the
 * JDK demo's API.
 */
final class ApiServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient AgentAuthentication auth;

    ApiServlet(AgentAuthentication auth) {
        this.auth = auth;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String route = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (route) {
            case "/me" -> {
                // HEAD is GET without the body: the container leaves the body out
                if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                    methodNotAllowed(response, "GET, HEAD");
                    return;
                }
                Optional<AgentPrincipal> agent = auth.require(request, response, DemoApi.READ_SCOPE);
                if (agent.isPresent()) {
                    json(response, 200, DemoApi.describe(agent.get()));
                }
            }
            case "/notes" -> {
                if (!request.getMethod().equals("POST")) {
                    methodNotAllowed(response, "POST");
                    return;
                }
                Optional<AgentPrincipal> agent = auth.require(request, response, DemoApi.WRITE_SCOPE);
                if (agent.isPresent()) {
                    json(response, 201, DemoApi.noteCreated(agent.get()));
                }
            }
            default -> error(response, ProtocolError.NOT_FOUND, "No API route here.");
        }
    }

    private static void methodNotAllowed(HttpServletResponse response, String allow) throws IOException {
        response.setHeader("Allow", allow);
        error(response, ProtocolError.METHOD_NOT_ALLOWED, "Use " + allow + ".");
    }

    private static void error(HttpServletResponse response, ProtocolError error, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", message);
        json(response, error.httpStatus(), body);
    }

    private static void json(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
