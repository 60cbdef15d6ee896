package dev.authmd.protocol.challenge;

import dev.authmd.protocol.error.ProtocolError;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One {@code Bearer} challenge of a {@code WWW-Authenticate} header (RFC 6750 §3, RFC 9728 §5.1;
 * docs/protocol.md#v01-2-1 (§2 step 1 and §5)): {@code realm}, {@code resource_metadata}, {@code error},
 * {@code error_description}, {@code scope} and any other auth-param, kept in order.
 *
 * <p><b>Building.</b> {@link #toHeaderValue()} writes {@code Bearer realm="…", resource_metadata="…", error="…",
 * error_description="…", scope="…"} followed by the other parameters in insertion order, every value as a quoted-string
 * with {@code "} and {@code \} backslash-escaped. Values must be printable ASCII ({@code %x20-7E}): a CR, LF or any
 * other control character (header injection) or a non-ASCII character is refused with an
 * {@link IllegalArgumentException}.
 *
 * <p><b>Parsing.</b> {@link #parseAll(String)} reads a header value with the challenge grammar of RFC 9110 §11.6.1 and
 * returns its {@code Bearer} challenges: other schemes (with auth-params or token68) are skipped, scheme and parameter
 * names are case-insensitive (other parameter names are kept lower-cased), values may be tokens or quoted-strings
 * (commas and escaped quotes inside), whitespace around {@code =} and {@code ,} and empty list elements are tolerated.
 * Hostile input never throws: a header longer than {@value #MAX_HEADER_LENGTH} characters yields nothing; a challenge
 * with a syntax error (unterminated quote, control character, missing value), a repeated parameter, a token68 form, or
 * a value the builder would refuse (non-ASCII) is dropped and parsing resumes at the next comma outside quotes, so the
 * well-formed challenges around it are still returned.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * response.header("WWW-Authenticate", BearerChallenge.invalidToken(prmUri).toHeaderValue());
 * // Bearer resource_metadata="https://api.example.com/.well-known/oauth-protected-resource",
 * //        error="invalid_token", error_description="The credential is missing, ..."
 *
 * Optional<String> prmUrl = BearerChallenge.parse(header).flatMap(BearerChallenge::resourceMetadata);
 * }</pre>
 */
public final class BearerChallenge {

    /** The auth-scheme, as written; compared case-insensitively when parsing. */
    public static final String SCHEME = "Bearer";
    /** Longest header value {@link #parseAll(String)} looks at: 8 KiB. */
    public static final int MAX_HEADER_LENGTH = 8 * 1024;

    static final String REALM = "realm";
    static final String RESOURCE_METADATA = "resource_metadata";
    static final String ERROR = "error";
    static final String ERROR_DESCRIPTION = "error_description";
    static final String SCOPE = "scope";

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private final @Nullable String realm;
    private final @Nullable String resourceMetadata;
    private final @Nullable String error;
    private final @Nullable String errorDescription;
    private final @Nullable String scope;
    private final Map<String, String> additionalParameters;

    private BearerChallenge(Builder b) {
        this.realm = b.realm;
        this.resourceMetadata = b.resourceMetadata;
        this.error = b.error;
        this.errorDescription = b.errorDescription;
        this.scope = b.scope;
        this.additionalParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.additional));
    }

    /** {@return an empty builder (a bare {@code Bearer} challenge)} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this challenge's parameters, for edits} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.realm = realm;
        b.resourceMetadata = resourceMetadata;
        b.error = error;
        b.errorDescription = errorDescription;
        b.scope = scope;
        b.additional.putAll(additionalParameters);
        return b;
    }

    // --- factories for a resource server's responses (§2, §5: docs/protocol.md#v01-2) ------------------

    /**
     * The 401 challenge for a request that carried no credential: only the discovery hint, no error code (RFC 6750
     * §3.1).
     *
     * @param resourceMetadata the URL of the resource's protected resource metadata document
     * @return {@code Bearer resource_metadata="<resourceMetadata>"}
     */
    public static BearerChallenge missingCredential(URI resourceMetadata) {
        return discovery(resourceMetadata).build();
    }

    /**
     * The 401 challenge for a missing-in-effect credential: unknown, expired or revoked.
     *
     * @param resourceMetadata the URL of the resource's protected resource metadata document
     * @return the discovery hint plus {@code error="invalid_token"} and its description
     */
    public static BearerChallenge invalidToken(URI resourceMetadata) {
        return discovery(resourceMetadata)
                .error(ProtocolError.INVALID_TOKEN.code())
                .errorDescription(ProtocolError.INVALID_TOKEN.description())
                .build();
    }

    /**
     * The 403 challenge for a valid credential that lacks a scope the route needs.
     *
     * @param resourceMetadata the URL of the resource's protected resource metadata document
     * @param requiredScopes the scopes the route needs (RFC 6749 scope tokens, at least one)
     * @return the discovery hint plus {@code error="insufficient_scope"}, its description and {@code scope="<required
     *     scopes, space-separated>"}
     * @throws IllegalArgumentException when {@code requiredScopes} is empty or holds a non-token
     */
    public static BearerChallenge insufficientScope(URI resourceMetadata, Collection<String> requiredScopes) {
        Objects.requireNonNull(requiredScopes, "requiredScopes cannot be null");
        if (requiredScopes.isEmpty()) {
            throw new IllegalArgumentException("requiredScopes cannot be empty");
        }
        for (String scope : requiredScopes) {
            if (scope == null || !SCOPE_TOKEN.matcher(scope).matches()) {
                throw new IllegalArgumentException("requiredScopes must hold RFC 6749 scope tokens");
            }
        }
        return discovery(resourceMetadata)
                .error(ProtocolError.INSUFFICIENT_SCOPE.code())
                .errorDescription(ProtocolError.INSUFFICIENT_SCOPE.description())
                .scope(String.join(" ", requiredScopes))
                .build();
    }

    private static Builder discovery(URI resourceMetadata) {
        Objects.requireNonNull(resourceMetadata, "resourceMetadata cannot be null");
        return builder().resourceMetadata(resourceMetadata.toString());
    }

    // --- parsing ----------------------------------------------------------------------------

    /**
     * {@return its first well-formed {@code Bearer} challenge, or empty; never throws on bad input}
     *
     * @param header one {@code WWW-Authenticate} header value (several challenges may be in it)
     */
    public static Optional<BearerChallenge> parse(String header) {
        List<BearerChallenge> all = parseAll(header);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * {@return every well-formed {@code Bearer} challenge in it, in order; empty when there is none or the value is
     * longer than {@value #MAX_HEADER_LENGTH} characters; never throws on bad input}
     *
     * @param header one {@code WWW-Authenticate} header value
     */
    public static List<BearerChallenge> parseAll(String header) {
        Objects.requireNonNull(header, "header cannot be null");
        if (header.length() > MAX_HEADER_LENGTH) {
            return List.of();
        }
        List<BearerChallenge> out = new ArrayList<>();
        for (ChallengeParser.Challenge c : new ChallengeParser(header).challenges()) {
            if (!c.scheme().equalsIgnoreCase(SCHEME) || c.token68() || c.repeatedParameter()) {
                continue;
            }
            try {
                Builder b = builder();
                c.parameters().forEach(b::parameter);
                out.add(b.build());
            } catch (IllegalArgumentException e) {
                // a value this class refuses to carry (e.g. non-ASCII): drop the challenge
            }
        }
        return List.copyOf(out);
    }

    // --- accessors --------------------------------------------------------------------------

    /** {@return {@code realm}, or empty} */
    public Optional<String> realm() {
        return Optional.ofNullable(realm);
    }

    /** {@return {@code resource_metadata}: the PRM URL (RFC 9728 §5.1), or empty} */
    public Optional<String> resourceMetadata() {
        return Optional.ofNullable(resourceMetadata);
    }

    /** {@return {@code error}, e.g. {@code invalid_token}, or empty} */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** {@return the {@link ProtocolError} named by {@code error} (aliases included), or empty} */
    public Optional<ProtocolError> protocolError() {
        return error == null ? Optional.empty() : ProtocolError.fromCode(error);
    }

    /** {@return {@code error_description}, or empty} */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    /** {@return {@code scope} as sent, or empty} */
    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    /** {@return the scopes of {@code scope}, split on spaces; empty when absent} */
    public List<String> scopes() {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        return List.of(scope.trim().split(" +"));
    }

    /** {@return the other auth-params (e.g. {@code error_uri}), lower-case names, in order} */
    public Map<String, String> additionalParameters() {
        return additionalParameters;
    }

    /**
     * {@return its value, whether it is one of the named parameters or another one; or empty}
     *
     * @param name a parameter name, any case
     */
    public Optional<String> parameter(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        String key = name.toLowerCase(Locale.ROOT);
        switch (key) {
            case REALM:
                return realm();
            case RESOURCE_METADATA:
                return resourceMetadata();
            case ERROR:
                return error();
            case ERROR_DESCRIPTION:
                return errorDescription();
            case SCOPE:
                return scope();
            default:
                return Optional.ofNullable(additionalParameters.get(key));
        }
    }

    // --- writing ----------------------------------------------------------------------------

    /**
     * {@return the header value: {@code Bearer} then {@code name="value"} pairs separated by {@code ", "} (named
     * parameters first, in the order of the class comment), or just {@code Bearer} when there are none}
     */
    public String toHeaderValue() {
        StringBuilder out = new StringBuilder(SCHEME);
        Map<String, String> all = new LinkedHashMap<>();
        putIfPresent(all, REALM, realm);
        putIfPresent(all, RESOURCE_METADATA, resourceMetadata);
        putIfPresent(all, ERROR, error);
        putIfPresent(all, ERROR_DESCRIPTION, errorDescription);
        putIfPresent(all, SCOPE, scope);
        all.putAll(additionalParameters);
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

    private static void putIfPresent(Map<String, String> map, String name, @Nullable String value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BearerChallenge)) {
            return false;
        }
        BearerChallenge that = (BearerChallenge) o;
        return Objects.equals(realm, that.realm)
                && Objects.equals(resourceMetadata, that.resourceMetadata)
                && Objects.equals(error, that.error)
                && Objects.equals(errorDescription, that.errorDescription)
                && Objects.equals(scope, that.scope)
                && additionalParameters.equals(that.additionalParameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(realm, resourceMetadata, error, errorDescription, scope, additionalParameters);
    }

    /** Returns the header value; challenges carry no secrets. */
    @Override
    public String toString() {
        return toHeaderValue();
    }

    /**
     * Builds a {@link BearerChallenge}; {@link #build()} checks every value. Setting a parameter to {@code null}
     * removes it. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable String realm;
        private @Nullable String resourceMetadata;
        private @Nullable String error;
        private @Nullable String errorDescription;
        private @Nullable String scope;
        private final Map<String, String> additional = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets {@code realm}.
         *
         * @param realm {@code realm}; null removes it
         * @return this builder
         */
        public Builder realm(@Nullable String realm) {
            this.realm = realm;
            return this;
        }

        /**
         * Sets {@code resource_metadata}.
         *
         * @param url {@code resource_metadata}, the PRM URL; null removes it
         * @return this builder
         */
        public Builder resourceMetadata(@Nullable String url) {
            this.resourceMetadata = url;
            return this;
        }

        /**
         * Sets {@code error}.
         *
         * @param error {@code error}; use {@code ProtocolError.X.code()}, never a literal; null removes it
         * @return this builder
         */
        public Builder error(@Nullable String error) {
            this.error = error;
            return this;
        }

        /**
         * Sets {@code error_description}.
         *
         * @param description {@code error_description}; null removes it
         * @return this builder
         */
        public Builder errorDescription(@Nullable String description) {
            this.errorDescription = description;
            return this;
        }

        /**
         * Sets {@code scope}.
         *
         * @param scope {@code scope}, space-separated scope tokens; null removes it
         * @return this builder
         */
        public Builder scope(@Nullable String scope) {
            this.scope = scope;
            return this;
        }

        /**
         * Sets any auth-param; a named one ({@code realm}, {@code resource_metadata}, {@code error},
         * {@code error_description}, {@code scope}, in any case) goes to its typed slot, others are kept with a
         * lower-cased name, in insertion order.
         *
         * @param name an RFC 9110 token
         * @param value the value; null removes the parameter
         * @return this builder
         * @throws IllegalArgumentException when {@code name} is not a token
         */
        public Builder parameter(String name, @Nullable String value) {
            Objects.requireNonNull(name, "name cannot be null");
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("parameter names must be RFC 9110 tokens");
            }
            String key = name.toLowerCase(Locale.ROOT);
            switch (key) {
                case REALM:
                    return realm(value);
                case RESOURCE_METADATA:
                    return resourceMetadata(value);
                case ERROR:
                    return error(value);
                case ERROR_DESCRIPTION:
                    return errorDescription(value);
                case SCOPE:
                    return scope(value);
                default:
                    if (value == null) {
                        additional.remove(key);
                    } else {
                        additional.put(key, value);
                    }
                    return this;
            }
        }

        /**
         * {@return the challenge}
         *
         * @throws IllegalArgumentException naming the first parameter whose value is not printable ASCII (CR, LF,
         *     another control character, or a non-ASCII character)
         */
        public BearerChallenge build() {
            requirePrintable(REALM, realm);
            requirePrintable(RESOURCE_METADATA, resourceMetadata);
            requirePrintable(ERROR, error);
            requirePrintable(ERROR_DESCRIPTION, errorDescription);
            requirePrintable(SCOPE, scope);
            additional.forEach(Builder::requirePrintable);
            return new BearerChallenge(this);
        }

        private static void requirePrintable(String name, @Nullable String value) {
            if (value == null) {
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7E) {
                    throw new IllegalArgumentException(name + " must contain only printable ASCII characters "
                            + "(no CR, LF or other control characters)");
                }
            }
        }
    }
}
