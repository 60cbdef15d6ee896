package dev.authmd.examples.spring;

import dev.authmd.core.service.AgentPrincipal;
import dev.authmd.examples.demo.DemoApi;
import dev.authmd.spring.boot.RequiredScopes;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample API as a Spring host writes it: the calling agent is a method argument, the scope an annotation.
 * {@code GET /api/me} needs {@code api.read}, {@code POST /api/notes} {@code api.write}; the bodies are the JDK demo's
 * ({@link DemoApi}).
 */
@RestController
final class ApiController {

    @GetMapping("/api/me")
    ResponseEntity<Map<String, Object>> me(@RequiredScopes(DemoApi.READ_SCOPE) AgentPrincipal agent) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(DemoApi.describe(agent));
    }

    @PostMapping("/api/notes")
    ResponseEntity<Map<String, Object>> createNote(@RequiredScopes(DemoApi.WRITE_SCOPE) AgentPrincipal agent) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(DemoApi.noteCreated(agent));
    }
}
