package dev.authmd.client;

/**
 * How the agent registers, heaviest assurance first; the client picks the first one that both the service advertises
 * and the caller made possible.
 */
public enum RegistrationMethod {
    /** An ID-JAG from the agent's provider ({@link AssertionSource}): a credential at once. */
    ID_JAG("id_jag"),
    /**
     * The user's email: v0.1 {@code verified_email} (the service emails a code) or the current profile's
     * {@code service_auth} (the user signs in to the service); no credential until the user confirms
     * ({@link ClaimPrompt}).
     */
    EMAIL("email"),
    /** Anonymous: a low-scope credential at once, which a person may claim later. */
    ANONYMOUS("anonymous");

    private final String wireName;

    RegistrationMethod(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the short name used in stored credentials} */
    public String wireName() {
        return wireName;
    }

    /**
     * {@return the method with that short name}
     *
     * @param name {@code id_jag}, {@code email} or {@code anonymous}
     * @throws IllegalArgumentException for any other name
     */
    public static RegistrationMethod fromWireName(String name) {
        for (RegistrationMethod method : values()) {
            if (method.wireName.equals(name)) {
                return method;
            }
        }
        throw new IllegalArgumentException("not a registration method: " + name);
    }
}
