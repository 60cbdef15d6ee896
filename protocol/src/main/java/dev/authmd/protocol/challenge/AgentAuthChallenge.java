package dev.authmd.protocol.challenge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code AgentAuth} challenge of the current profile's identity endpoint (docs/protocol.md, current profile §3):
 * sent with a 401 when an ID-JAG's login is stale ({@code login_required}, with {@code max_age}) or an account must
 * confirm first ({@code interaction_required}).
 *
 * <pre>
 * WWW-Authenticate: AgentAuth error="login_required", max_age="3600", error_description="auth_time too old"
 * </pre>
 *
 * <p>Every value is written as a quoted-string with {@code "} and {@code \} escaped; characters outside printable ASCII
 * ({@code %x20-7E}, the RFC 6750 character set) are removed, so nothing from a token can break or inject a header.
 * {@link #parseAll} reads what other services send, tolerantly. Immutable and thread-safe.
 */
public final class AgentAuthChallenge {

    /** The auth-scheme. */
    public static final String SCHEME = "AgentAuth";
    /** {@code error} of a stale login. */
    public static final String LOGIN_REQUIRED = "login_required";
    /** {@code error} of a first link that a person must confirm. */
    public static final String INTERACTION_REQUIRED = "interaction_required";

    private static final String ERROR = "error";
    private static final String ERROR_DESCRIPTION = "error_description";
    private static final String MAX_AGE = "max_age";
    private static final String ACR_VALUES = "acr_values";

    private final String error;
    private final @Nullable String errorDescription;
    private final @Nullable Long maxAge;
    private final @Nullable String acrValues;

    private AgentAuthChallenge(
            String error, @Nullable String errorDescription, @Nullable Long maxAge, @Nullable String acrValues) {
        this.error = printable(Objects.requireNonNull(error, "error cannot be null"));
        if (this.error.isEmpty()) {
            throw new IllegalArgumentException("error cannot be blank");
        }
        this.errorDescription = errorDescription == null ? null : printable(errorDescription);
        if (maxAge != null && maxAge < 0) {
            throw new IllegalArgumentException("max_age cannot be negative");
        }
        this.maxAge = maxAge;
        this.acrValues = acrValues == null ? null : printable(acrValues);
    }

    /**
     * A stale login: the agent must have its user sign in at the provider again.
     *
     * @param maxAge the most seconds since the user's authentication that this service accepts
     * @param description what was wrong, e.g. {@code auth_time is 5400 s old; limit 3600 s}
     * @param acrValues the authentication context classes the service needs, space-separated, or null
     * @return the challenge
     */
    public static AgentAuthChallenge loginRequired(long maxAge, String description, @Nullable String acrValues) {
        return new AgentAuthChallenge(
                LOGIN_REQUIRED, Objects.requireNonNull(description, "description cannot be null"), maxAge, acrValues);
    }

    /**
     * A first link a person must confirm at the claim's {@code verification_uri}.
     *
     * @param description what to do, e.g. {@code Confirm at verification_uri}
     * @return the challenge
     */
    public static AgentAuthChallenge interactionRequired(String description) {
        return new AgentAuthChallenge(
                INTERACTION_REQUIRED, Objects.requireNonNull(description, "description cannot be null"), null, null);
    }

    /**
     * {@return every well-formed {@code AgentAuth} challenge in a header value, in order; empty when there is none or
     * the value is longer than {@link BearerChallenge#MAX_HEADER_LENGTH}; never throws on bad input}
     *
     * @param header one {@code WWW-Authenticate} header value
     */
    public static List<AgentAuthChallenge> parseAll(String header) {
        Objects.requireNonNull(header, "header cannot be null");
        if (header.length() > BearerChallenge.MAX_HEADER_LENGTH) {
            return List.of();
        }
        List<AgentAuthChallenge> out = new ArrayList<>();
        for (ChallengeParser.Challenge c : new ChallengeParser(header).challenges()) {
            if (!c.scheme().equalsIgnoreCase(SCHEME) || c.token68() || c.repeatedParameter()) {
                continue;
            }
            Map<String, String> p = c.parameters();
            String error = p.get(ERROR);
            Long maxAge = seconds(p.get(MAX_AGE));
            // an error of nothing but characters a header cannot carry is no error at all (found by ChallengeFuzzTest)
            if (error == null || printable(error).isBlank() || (p.containsKey(MAX_AGE) && maxAge == null)) {
                continue;
            }
            out.add(new AgentAuthChallenge(error, p.get(ERROR_DESCRIPTION), maxAge, p.get(ACR_VALUES)));
        }
        return List.copyOf(out);
    }

    /** {@return {@code error}} */
    public String error() {
        return error;
    }

    /** {@return {@code error_description}, or empty} */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    /** {@return {@code max_age} in seconds, or empty} */
    public Optional<Long> maxAge() {
        return Optional.ofNullable(maxAge);
    }

    /** {@return {@code acr_values}, or empty} */
    public Optional<String> acrValues() {
        return Optional.ofNullable(acrValues);
    }

    /**
     * {@return the header value: {@code AgentAuth error="…"}, then {@code max_age}, {@code acr_values} and
     * {@code error_description} when present, each quoted}
     */
    public String toHeaderValue() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(ERROR, error);
        if (maxAge != null) {
            all.put(MAX_AGE, Long.toString(maxAge));
        }
        if (acrValues != null) {
            all.put(ACR_VALUES, acrValues);
        }
        if (errorDescription != null) {
            all.put(ERROR_DESCRIPTION, errorDescription);
        }
        StringBuilder out = new StringBuilder(SCHEME);
        String separator = " ";
        for (Map.Entry<String, String> e : all.entrySet()) {
            out.append(separator).append(e.getKey()).append("=\"");
            String value = e.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
            separator = ", ";
        }
        return out.toString();
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static @Nullable Long seconds(@Nullable String value) {
        if (value == null
                || value.isEmpty()
                || value.length() > 18
                || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentAuthChallenge that
                && error.equals(that.error)
                && Objects.equals(errorDescription, that.errorDescription)
                && Objects.equals(maxAge, that.maxAge)
                && Objects.equals(acrValues, that.acrValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(error, errorDescription, maxAge, acrValues);
    }

    @Override
    public String toString() {
        return toHeaderValue();
    }
}
