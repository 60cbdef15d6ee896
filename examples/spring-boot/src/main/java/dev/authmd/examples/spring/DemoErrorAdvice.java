package dev.authmd.examples.spring;

import dev.authmd.protocol.error.ProtocolError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers the host's own routes in the protocol's error shape, as the other adapters do: {@code {"error","message"}}
 * bodies for a wrong method ({@code 405} with {@code Allow}) and an unknown path ({@code 404}) instead of Spring's own
 * error page. A refused agent is answered by the starter's {@code AgentAuthDeniedAdvice}.
 */
@RestControllerAdvice
final class DemoErrorAdvice {

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        String allow = e.getSupportedHttpMethods() == null
                ? ""
                : String.join(
                        ", ",
                        e.getSupportedHttpMethods().stream()
                                .map(Object::toString)
                                .toList());
        return error(ProtocolError.METHOD_NOT_ALLOWED, "Use " + allow + ".", allow);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<Map<String, Object>> notFound() {
        return error(ProtocolError.NOT_FOUND, "No route here.", null);
    }

    private static ResponseEntity<Map<String, Object>> error(ProtocolError error, String message, String allow) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", message);
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(error.httpStatus())
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore());
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.body(body);
    }
}
