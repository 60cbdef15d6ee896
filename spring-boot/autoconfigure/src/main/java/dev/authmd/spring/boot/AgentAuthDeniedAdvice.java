package dev.authmd.spring.boot;

import dev.authmd.adapters.servlet.ServletHttp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers {@link AgentAuthDeniedException} with the library's {@code 401}/{@code 403}, challenge and body. */
@RestControllerAdvice
public class AgentAuthDeniedAdvice {

    /** Creates the advice. */
    public AgentAuthDeniedAdvice() {}

    /**
     * Writes the denial.
     *
     * @param e the denial
     * @param request the request
     * @param response the response
     * @throws IOException when the response cannot be written
     */
    @ExceptionHandler(AgentAuthDeniedException.class)
    public void denied(AgentAuthDeniedException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ServletHttp.write(request, response, e.denied().toHttpResponse());
    }
}
