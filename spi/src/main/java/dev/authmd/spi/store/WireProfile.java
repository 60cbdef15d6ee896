package dev.authmd.spi.store;

import java.util.Optional;

/**
 * The wire profile a registration was created through. A registration is driven only through the profile that created
 * it: a v0.1 registration never receives an identity assertion, a current-profile registration never an API key, and
 * neither profile's endpoints find the other's registrations.
 */
public enum WireProfile {
    /** auth.md v0.1: {@code register_uri}, credentials in the registration response, emailed OTP claims. */
    V0_1("v0.1"),
    /**
     * The current profile: {@code identity_endpoint}, service-signed identity assertions exchanged at the token
     * endpoint, refresh tokens, security-event revocation.
     */
    CURRENT("current");

    private final String storedName;

    WireProfile(String storedName) {
        this.storedName = storedName;
    }

    /** {@return the name stores persist, e.g. {@code v0.1}} */
    public String storedName() {
        return storedName;
    }

    /**
     * Finds a profile by its stored name.
     *
     * @param name a stored name
     * @return the profile, or empty for an unknown name
     */
    public static Optional<WireProfile> fromStoredName(String name) {
        for (WireProfile profile : values()) {
            if (profile.storedName.equals(name)) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }
}
