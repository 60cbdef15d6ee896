package dev.authmd.client;

/** The wire profile the client speaks with a service, chosen by discovery. */
public enum ServiceProfile {
    /** auth.md v0.1: {@code register_uri}, credentials in the registration answer, an emailed code. */
    V0_1("v0.1"),
    /**
     * The current profile: {@code identity_endpoint}, a service-signed identity assertion exchanged at the token
     * endpoint, rotating refresh tokens, a claim confirmed on the service's own page.
     */
    CURRENT("current");

    private final String wireName;

    ServiceProfile(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the short name used in stored credentials and messages} */
    public String wireName() {
        return wireName;
    }

    /**
     * {@return the profile with that short name}
     *
     * @param name {@code v0.1} or {@code current}
     * @throws IllegalArgumentException for any other name
     */
    public static ServiceProfile fromWireName(String name) {
        for (ServiceProfile profile : values()) {
            if (profile.wireName.equals(name)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("not a profile: " + name);
    }
}
