package dev.authmd.spi.store;

import java.util.Optional;

/**
 * What the user decided on a claim attempt's page, in the current profile's sign-in ceremony (docs/protocol.md, current
 * profile §7). v0.1's emailed attempts stay {@link #OPEN}: their code is minted without a decision.
 */
public enum AttemptDecision {
    /** Nobody has confirmed or denied yet; a wrong-account visit leaves it open. */
    OPEN("open"),
    /** The signed-in owner of the bound address confirmed; the code is minted. */
    CONFIRMED("confirmed"),
    /** The user denied; the claim itself stays open for a new attempt. */
    DENIED("denied");

    private final String storedName;

    AttemptDecision(String storedName) {
        this.storedName = storedName;
    }

    /** {@return the name stores persist, e.g. {@code confirmed}} */
    public String storedName() {
        return storedName;
    }

    /**
     * Finds a decision by its stored name.
     *
     * @param name a stored name
     * @return the decision, or empty for an unknown name
     */
    public static Optional<AttemptDecision> fromStoredName(String name) {
        for (AttemptDecision decision : values()) {
            if (decision.storedName.equals(name)) {
                return Optional.of(decision);
            }
        }
        return Optional.empty();
    }
}
