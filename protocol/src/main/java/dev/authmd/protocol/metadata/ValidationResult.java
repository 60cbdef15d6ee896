package dev.authmd.protocol.metadata;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link MetadataValidator}: one message per broken rule, naming the member, in the order the rules were
 * checked. Empty means the document passed. Immutable.
 *
 * @param problems the broken rules; empty when valid
 */
public record ValidationResult(List<String> problems) {

    /**
     * Creates a result holding the given problems.
     *
     * @param problems the broken rules; copied
     * @throws NullPointerException if problems is null
     */
    public ValidationResult {
        problems = List.copyOf(Objects.requireNonNull(problems, "problems cannot be null"));
    }

    /** {@return whether no rule was broken} */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /**
     * Throws if any rule was broken; returns normally when the document is valid.
     *
     * @throws MetadataException carrying every problem, when any rule was broken
     */
    public void requireValid() {
        if (!problems.isEmpty()) {
            throw new MetadataException(problems);
        }
    }
}
