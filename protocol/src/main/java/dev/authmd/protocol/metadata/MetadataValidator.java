package dev.authmd.protocol.metadata;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Policy checks on discovery documents that {@link MetadataJson} has already read (docs/protocol.md#v01-2): the step
 * after parsing, before a client trusts a document. Each check returns a {@link ValidationResult} with one message per
 * broken rule.
 *
 * <p>Rules for a protected resource metadata document (RFC 9728):
 *
 * <ul>
 *   <li>{@code resource} is an absolute URL with a host, https (plain http only on a configured development host),
 *       without a fragment, and identical to the identifier the client used to build the well-known URL (RFC 9728
 *       §3.3). Identical means the same string, except that one terminating {@code /} is ignored on both sides, because
 *       the well-known URL is built with it removed (RFC 9728 §3.1), so a client cannot tell
 *       {@code https://api.example.com/v1/} from {@code https://api.example.com/v1};
 *   <li>each of {@code authorization_servers} has the issuer form: https (or development http), a host, no query, no
 *       fragment (RFC 8414 §2);
 *   <li>{@code resource_logo_uri} and {@code resource_documentation}, when present, are https (or development http)
 *       URLs;
 *   <li>each of {@code scopes_supported} is an RFC 6749 scope token.
 * </ul>
 *
 * Rules for an authorization server metadata document (RFC 8414 + {@code agent_auth}):
 *
 * <ul>
 *   <li>{@code issuer} is present (unless {@link Builder#acceptMissingIssuer(boolean)}), has the issuer form, and is
 *       identical to the issuer the document was fetched for (RFC 8414 §3.3);
 *   <li>{@code resource} and {@code authorization_servers}, when present, follow the PRM rules above (except the
 *       equality of {@code resource});
 *   <li>{@code agent_auth.skill}, {@code register_uri}, {@code claim_uri} and {@code revocation_uri}, when present, are
 *       https (or development http) URLs without a fragment; {@code events_supported} entries are absolute URIs (event
 *       identifiers, which may be {@code http}).
 * </ul>
 *
 * Unknown members and unknown values in the {@code *_supported} lists are not checked: later protocol versions add
 * them.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * MetadataValidator validator = MetadataValidator.builder()
 *         .developmentHosts(Set.of("localhost"))
 *         .build();
 * validator.validateProtectedResource(prm, URI.create("https://api.example.com")).requireValid();
 * }</pre>
 */
public final class MetadataValidator {

    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final int MAX_VALUE_IN_MESSAGE = 120;

    private final Set<String> developmentHosts;
    private final boolean acceptMissingIssuer;

    private MetadataValidator(Builder b) {
        Set<String> hosts = new java.util.LinkedHashSet<>();
        b.developmentHosts.forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        this.developmentHosts = Set.copyOf(hosts);
        this.acceptMissingIssuer = b.acceptMissingIssuer;
    }

    /** {@return a builder: no development hosts, {@code issuer} required} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return a strict validator ({@code issuer} required) with those development hosts}
     *
     * @param developmentHosts host names on which plain http is accepted (development only)
     */
    public static MetadataValidator of(Set<String> developmentHosts) {
        return builder().developmentHosts(developmentHosts).build();
    }

    /** {@return the lower-cased host names on which plain http is accepted} */
    public Set<String> developmentHosts() {
        return developmentHosts;
    }

    /** {@return whether an authorization server document without {@code issuer} passes} */
    public boolean acceptMissingIssuer() {
        return acceptMissingIssuer;
    }

    /**
     * {@return the broken rules, if any}
     *
     * @param metadata a parsed protected resource metadata document
     * @param expectedResource the resource identifier the client inserted the well-known path into (RFC 9728 §3.3)
     */
    public ValidationResult validateProtectedResource(ProtectedResourceMetadata metadata, URI expectedResource) {
        Objects.requireNonNull(metadata, "metadata cannot be null");
        Objects.requireNonNull(expectedResource, "expectedResource cannot be null");
        List<String> problems = new ArrayList<>();
        String resource = metadata.resource();
        if (checkWebUrl(ProtectedResourceMetadata.RESOURCE, resource, problems, true, false)
                && !sameResource(resource, expectedResource.toString())) {
            problems.add("resource must be identical to the identifier used to fetch the metadata (expected "
                    + shown(expectedResource.toString()) + ", got " + shown(resource) + ")");
        }
        checkCommon(
                metadata.authorizationServers(),
                metadata.scopesSupported(),
                metadata.resourceLogoUri(),
                metadata.resourceDocumentation(),
                problems);
        return new ValidationResult(problems);
    }

    /**
     * {@return the broken rules, if any}
     *
     * @param metadata a parsed authorization server metadata document
     * @param expectedIssuer the issuer the document was fetched for (RFC 8414 §3.3), e.g. an entry of the PRM's
     *     {@code authorization_servers}
     */
    public ValidationResult validateAuthorizationServer(AuthorizationServerMetadata metadata, URI expectedIssuer) {
        Objects.requireNonNull(metadata, "metadata cannot be null");
        Objects.requireNonNull(expectedIssuer, "expectedIssuer cannot be null");
        List<String> problems = new ArrayList<>();
        Optional<String> issuer = metadata.issuer();
        if (issuer.isEmpty()) {
            if (!acceptMissingIssuer) {
                problems.add("issuer is required (RFC 8414 §2)");
            }
        } else if (checkWebUrl(AuthorizationServerMetadata.ISSUER, issuer.get(), problems, true, true)
                && !issuer.get().equals(expectedIssuer.toString())) {
            problems.add("issuer must be identical to the issuer the metadata was fetched for (expected "
                    + shown(expectedIssuer.toString()) + ", got " + shown(issuer.get()) + ")");
        }
        metadata.resource().ifPresent(r -> checkWebUrl(ProtectedResourceMetadata.RESOURCE, r, problems, true, false));
        checkCommon(
                metadata.authorizationServers(),
                metadata.scopesSupported(),
                metadata.resourceLogoUri(),
                metadata.resourceDocumentation(),
                problems);
        metadata.agentAuth().ifPresent(a -> {
            String p = AgentAuthMetadata.PATH + ".";
            a.skill().ifPresent(v -> checkWebUrl(p + AgentAuthMetadata.SKILL, v, problems, true, false));
            a.registerUri().ifPresent(v -> checkWebUrl(p + AgentAuthMetadata.REGISTER_URI, v, problems, true, false));
            a.claimUri().ifPresent(v -> checkWebUrl(p + AgentAuthMetadata.CLAIM_URI, v, problems, true, false));
            a.revocationUri()
                    .ifPresent(v -> checkWebUrl(p + AgentAuthMetadata.REVOCATION_URI, v, problems, true, false));
            a.eventsSupported().ifPresent(events -> {
                for (int i = 0; i < events.size(); i++) {
                    Optional<URI> uri = parse(events.get(i));
                    if (uri.isEmpty() || !uri.get().isAbsolute()) {
                        problems.add(p + AgentAuthMetadata.EVENTS_SUPPORTED + "[" + i + "] must be an absolute URI: "
                                + shown(events.get(i)));
                    }
                }
            });
        });
        return new ValidationResult(problems);
    }

    private void checkCommon(
            Optional<List<String>> authorizationServers,
            Optional<List<String>> scopes,
            Optional<String> logo,
            Optional<String> documentation,
            List<String> problems) {
        authorizationServers.ifPresent(servers -> {
            for (int i = 0; i < servers.size(); i++) {
                checkWebUrl(
                        ProtectedResourceMetadata.AUTHORIZATION_SERVERS + "[" + i + "]",
                        servers.get(i),
                        problems,
                        true,
                        true);
            }
        });
        scopes.ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
                if (!SCOPE_TOKEN.matcher(list.get(i)).matches()) {
                    problems.add(ProtectedResourceMetadata.SCOPES_SUPPORTED + "[" + i
                            + "] must be an RFC 6749 scope token (printable ASCII, no space, quote or backslash): "
                            + shown(list.get(i)));
                }
            }
        });
        logo.ifPresent(v -> checkWebUrl(ProtectedResourceMetadata.RESOURCE_LOGO_URI, v, problems, false, false));
        documentation.ifPresent(
                v -> checkWebUrl(ProtectedResourceMetadata.RESOURCE_DOCUMENTATION, v, problems, false, false));
    }

    /**
     * Adds a problem per broken rule.
     *
     * @return whether the value passed every rule (so an equality check makes sense)
     */
    private boolean checkWebUrl(
            String member, String value, List<String> problems, boolean noFragment, boolean issuerForm) {
        Optional<URI> parsed = parse(value);
        if (parsed.isEmpty() || !parsed.get().isAbsolute() || parsed.get().getHost() == null) {
            problems.add(member + " must be an absolute URL with a host: " + shown(value));
            return false;
        }
        URI uri = parsed.get();
        int before = problems.size();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean devHttp = scheme.equals("http")
                && (developmentHosts.contains(host) || developmentHosts.contains("[" + host + "]"));
        if (!scheme.equals("https") && !devHttp) {
            problems.add(member + " must use https (plain http only on development hosts): " + shown(value));
        }
        if (issuerForm && uri.getRawQuery() != null) {
            problems.add(member + " must not have a query: " + shown(value));
        }
        if ((noFragment || issuerForm) && uri.getRawFragment() != null) {
            problems.add(member + " must not have a fragment: " + shown(value));
        }
        return problems.size() == before;
    }

    private static boolean sameResource(String actual, String expected) {
        return actual.equals(expected) || withoutTerminatingSlash(actual).equals(withoutTerminatingSlash(expected));
    }

    /** Drops one terminating {@code /} of a URL without query or fragment; nothing else is folded. */
    private static String withoutTerminatingSlash(String url) {
        if (url.endsWith("/") && url.indexOf('?') < 0 && url.indexOf('#') < 0) {
            return url.substring(0, url.length() - 1);
        }
        return url;
    }

    private static Optional<URI> parse(String value) {
        try {
            return Optional.of(new URI(value));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Quotes a document value for a message: control characters replaced, long values cut. */
    private static String shown(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length() && i < MAX_VALUE_IN_MESSAGE; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        if (value.length() > MAX_VALUE_IN_MESSAGE) {
            out.append('…');
        }
        return out.append('"').toString();
    }

    /** Builds a {@link MetadataValidator}. Not thread-safe. */
    public static final class Builder {
        private Set<String> developmentHosts = Set.of();
        private boolean acceptMissingIssuer;

        private Builder() {}

        /**
         * Allows plain {@code http} for these hosts. Development only; never list a production host. Usually
         * {@code config.developmentHosts()}.
         *
         * @param hosts host names such as {@code localhost}
         * @return this builder
         */
        public Builder developmentHosts(Set<String> hosts) {
            this.developmentHosts = Objects.requireNonNull(hosts, "hosts cannot be null");
            return this;
        }

        /**
         * Lets an authorization server document without {@code issuer} pass, as the published auth.md v0.1 sample
         * service has none (docs/protocol.md#v01-2). Weaker than RFC 8414 §3.3: the document is then trusted only by
         * the URL it was fetched from. Off by default.
         *
         * @param accept whether a missing {@code issuer} is accepted
         * @return this builder
         */
        public Builder acceptMissingIssuer(boolean accept) {
            this.acceptMissingIssuer = accept;
            return this;
        }

        /**
         * {@return the validator}
         *
         * @throws IllegalArgumentException when a development host is null or blank
         */
        public MetadataValidator build() {
            for (String host : developmentHosts) {
                if (host == null || host.isBlank()) {
                    throw new IllegalArgumentException("developmentHosts cannot contain a null or blank host");
                }
            }
            return new MetadataValidator(this);
        }
    }
}
