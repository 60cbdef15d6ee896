package dev.authmd.spi.store;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The kinds of bearer credential a registration can receive (docs/protocol.md#v01-3). */
public enum CredentialType {
    /** A short-lived opaque token; no refresh, the agent presents a fresh ID-JAG. */
    ACCESS_TOKEN("access_token"),
    /** A long-lived opaque key; does not expire but can be revoked. */
    API_KEY("api_key");

    private final String wireName;

    CredentialType(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the value used on the wire, e.g. {@code api_key}} */
    public String wireName() {
        return wireName;
    }

    /**
     * {@return the matching type, or empty for anything else (exact, case-sensitive match)}
     *
     * @param wireName a wire value such as {@code access_token}; may be null
     */
    public static Optional<CredentialType> fromWireName(@Nullable String wireName) {
        for (CredentialType type : values()) {
            if (type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
