package dev.authmd.conformance;

import java.util.Objects;

/**
 * One check and how it ended.
 *
 * @param id a stable id, e.g. {@code discovery.prm}
 * @param group what it belongs to: {@code discovery}, {@code auth.md}, {@code v0.1}, {@code current}, {@code errors},
 *     {@code revocation}
 * @param section the protocol section it checks, as in docs/protocol.md (e.g. {@code v0.1 §2.2})
 * @param title what it checks, in a sentence
 * @param status how it ended
 * @param detail what it saw: the evidence of a pass, the difference of a failure, the reason of a skip
 * @param method the registration method it exercises end to end ({@code anonymous}, {@code id_jag}, {@code email}), or
 *     empty; a skipped method check the service advertises makes the command line exit non-zero
 */
public record CheckResult(
        String id, String group, String section, String title, CheckStatus status, String detail, String method) {

    /**
     * Checks the members.
     *
     * @param id a stable id
     * @param group what it belongs to
     * @param section the protocol section it checks
     * @param title what it checks
     * @param status how it ended
     * @param detail what it saw
     * @param method the advertised registration method it exercises, or empty
     */
    public CheckResult {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(group, "group cannot be null");
        Objects.requireNonNull(section, "section cannot be null");
        Objects.requireNonNull(title, "title cannot be null");
        Objects.requireNonNull(status, "status cannot be null");
        Objects.requireNonNull(detail, "detail cannot be null");
        Objects.requireNonNull(method, "method cannot be null");
    }
}
