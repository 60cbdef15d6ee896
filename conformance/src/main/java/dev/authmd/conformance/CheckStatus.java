package dev.authmd.conformance;

/** How a check ended. */
public enum CheckStatus {
    /** The service did what the protocol says. */
    PASSED,
    /** It did not; the detail says what was seen. */
    FAILED,
    /** The check could not run (no test provider, no person to confirm, nothing to check); never counted as passed. */
    SKIPPED
}
