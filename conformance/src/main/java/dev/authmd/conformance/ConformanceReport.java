package dev.authmd.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a conformance run found: every check with its status and what it saw. Immutable. */
public final class ConformanceReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI service;
    private final String profiles;
    private final List<CheckResult> results;

    /**
     * @param service the service checked
     * @param profiles the profiles found, e.g. {@code v0.1 + current}
     * @param results every check, in the order run
     */
    public ConformanceReport(URI service, String profiles, List<CheckResult> results) {
        this.service = Objects.requireNonNull(service, "service cannot be null");
        this.profiles = Objects.requireNonNull(profiles, "profiles cannot be null");
        this.results = List.copyOf(results);
    }

    /** {@return the service checked} */
    public URI service() {
        return service;
    }

    /** {@return the profiles found, e.g. {@code v0.1 + current}} */
    public String profiles() {
        return profiles;
    }

    /** {@return every check, in the order run} */
    public List<CheckResult> results() {
        return results;
    }

    /**
     * {@return how many checks ended so}
     *
     * @param status the status
     */
    public int count(CheckStatus status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }

    /** {@return the checks of registration methods the service advertises that could not run} */
    public List<CheckResult> skippedAdvertisedMethods() {
        return results.stream()
                .filter(r -> r.status() == CheckStatus.SKIPPED && !r.method().isEmpty())
                .toList();
    }

    /** {@return whether nothing failed} */
    public boolean passed() {
        return count(CheckStatus.FAILED) == 0;
    }

    /** {@return the report for a person: one line per check, grouped, then the counts} */
    public String text() {
        StringBuilder out = new StringBuilder("auth.md conformance of ")
                .append(service)
                .append(" (")
                .append(profiles)
                .append(")\n");
        Map<String, List<CheckResult>> groups = new LinkedHashMap<>();
        results.forEach(r -> groups.computeIfAbsent(r.group(), g -> new java.util.ArrayList<>())
                .add(r));
        groups.forEach((group, checks) -> {
            out.append('\n').append(group).append('\n');
            for (CheckResult r : checks) {
                out.append(
                                switch (r.status()) {
                                    case PASSED -> "  pass  ";
                                    case FAILED -> "  FAIL  ";
                                    case SKIPPED -> "  skip  ";
                                })
                        .append(String.format("%-16s", r.section()))
                        .append(r.title())
                        .append("\n          ")
                        .append(r.detail())
                        .append('\n');
            }
        });
        out.append('\n')
                .append(count(CheckStatus.PASSED))
                .append(" passed, ")
                .append(count(CheckStatus.FAILED))
                .append(" failed, ")
                .append(count(CheckStatus.SKIPPED))
                .append(" skipped\n");
        return out.toString();
    }

    /** {@return the report as JSON: the service, the profiles, the counts and every check} */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("service", service.toString());
        root.put("profiles", profiles);
        root.put("passed", count(CheckStatus.PASSED));
        root.put("failed", count(CheckStatus.FAILED));
        root.put("skipped", count(CheckStatus.SKIPPED));
        ArrayNode checks = root.putArray("checks");
        for (CheckResult r : results) {
            ObjectNode check = checks.addObject();
            check.put("id", r.id());
            check.put("group", r.group());
            check.put("section", r.section());
            check.put("title", r.title());
            check.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            check.put("detail", r.detail());
            if (!r.method().isEmpty()) {
                check.put("method", r.method());
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ConformanceReport[" + service + ", " + count(CheckStatus.PASSED) + " passed, "
                + count(CheckStatus.FAILED) + " failed, " + count(CheckStatus.SKIPPED) + " skipped]";
    }
}
