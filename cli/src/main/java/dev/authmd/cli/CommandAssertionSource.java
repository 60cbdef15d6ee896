package dev.authmd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.client.AssertionSource;
import dev.authmd.client.AuthMdClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code --id-jag-from CMD}: runs {@code sh -c CMD} for each ID-JAG, with {@code AUTHMD_AUDIENCE} and
 * {@code AUTHMD_RESOURCE} in its environment. Its standard output is the ID-JAG, or a JSON object whose
 * {@code assertion} member is (what the demo provider answers).
 */
final class CommandAssertionSource implements AssertionSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_OUTPUT = 64 * 1024;

    private final String command;

    CommandAssertionSource(String command) {
        this.command = command;
    }

    @Override
    public String idJag(AssertionRequest request) {
        String output =
                run(command, Map.of("AUTHMD_AUDIENCE", request.audience(), "AUTHMD_RESOURCE", request.resource()));
        if (output.startsWith("{")) {
            try {
                JsonNode assertion = JSON.readTree(output).path("assertion");
                if (assertion.isTextual()) {
                    return assertion.asText();
                }
            } catch (IOException e) {
                // not JSON after all: the check below says what came out
            }
            throw new AuthMdClientException("--id-jag-from printed JSON without an assertion member");
        }
        if (output.chars().filter(c -> c == '.').count() != 2 || output.chars().anyMatch(Character::isWhitespace)) {
            throw new AuthMdClientException("--id-jag-from printed no compact JWS");
        }
        return output;
    }

    /** Runs a shell command, returns its trimmed standard output; its standard error passes through. */
    static String run(String command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readNBytes(MAX_OUTPUT);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AuthMdClientException("the command did not finish within 30 s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AuthMdClientException("the command exited with " + process.exitValue() + ": " + command);
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AuthMdClientException("cannot run the command: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthMdClientException("interrupted while running: " + command, e);
        }
    }
}
