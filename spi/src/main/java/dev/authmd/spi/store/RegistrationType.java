package dev.authmd.spi.store;

/** How a registration came to be (docs/protocol.md#v01-3); {@link #wireName()} is its {@code registration_type}. */
public enum RegistrationType {
    /** A trusted provider's ID-JAG was accepted and a credential issued at once (§3a). */
    AGENT_PROVIDER("agent-provider"),
    /** An ID-JAG matched an existing account that must confirm by email first (§3a step-up). */
    ID_JAG_STEP_UP("id-jag-step-up"),
    /** The agent gave a user's email; a credential follows the claim ceremony (§3b). */
    EMAIL_VERIFICATION("email-verification"),
    /** No identity; a low-scope API key that a human may claim later (§3c). */
    ANONYMOUS("anonymous");

    private final String wireName;

    RegistrationType(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the value used on the wire, e.g. {@code agent-provider}} */
    public String wireName() {
        return wireName;
    }
}
