package dev.authmd.protocol.metadata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The JSON codec of the discovery documents (docs/protocol.md#v01-2): reads Protected Resource Metadata (RFC 9728) and
 * Authorization Server Metadata (RFC 8414 + {@code agent_auth}) into the plain model classes and writes them back.
 * Jackson stays in here; the model never sees it.
 *
 * <h2>Reading</h2>
 *
 * Parsing is lenient about <em>content</em> and strict about <em>syntax and types</em>, so an agent can read other
 * people's documents:
 *
 * <ul>
 *   <li>the input must be one JSON object (UTF-8 when given as bytes), with no duplicate member names anywhere, nothing
 *       after it, no comments, at most {@value #MAX_DOCUMENT_LENGTH} bytes (characters for a {@code String}) and nested
 *       at most {@value #MAX_NESTING_DEPTH} levels;
 *   <li>a member this library models must have its JSON type (string, array of strings, object), else a
 *       {@link MetadataException} names it, e.g. {@code "scopes_supported must be an array of strings"}; a modelled
 *       member whose value is JSON {@code null} is read as absent;
 *   <li>the PRM must have a non-blank {@code resource}; nothing else is required;
 *   <li>every other member, at every level (top level, {@code agent_auth}, {@code agent_auth.anonymous},
 *       {@code agent_auth.identity_assertion}), is kept as a plain JSON value, numbers as
 *       {@code Integer}/{@code Long}/{@code BigInteger} or {@code BigDecimal} (exact, never {@code double}).
 * </ul>
 *
 * Whether the values are acceptable (https, issuer equality) is a separate step: {@link MetadataValidator}.
 *
 * <h2>Writing</h2>
 *
 * Output is deterministic: modelled members first, in the order of docs/protocol.md#v01-2 ({@code issuer},
 * {@code resource}, {@code authorization_servers}, {@code scopes_supported}, {@code bearer_methods_supported},
 * {@code resource_name}, {@code resource_logo_uri}, {@code resource_documentation}, {@code agent_auth}; inside
 * {@code agent_auth}: {@code skill}, {@code register_uri}, {@code claim_uri}, {@code revocation_uri},
 * {@code identity_types_supported}, {@code anonymous}, {@code identity_assertion}, {@code events_supported}), absent
 * ones left out, then unknown members in the order they were read or added. {@link #write} produces compact JSON (no
 * whitespace at all); {@link #writePretty} produces the layout of JavaScript's {@code JSON.stringify(doc, null, 2)}:
 * two-space indent, {@code "name": value}, one array element per line, {@code \n} line ends, no trailing newline.
 * Non-ASCII characters are written as UTF-8, not escaped.
 *
 * <p>All methods are static, pure and thread-safe.
 *
 * <pre>{@code
 * ProtectedResourceMetadata prm = MetadataJson.parseProtectedResource(responseBody);
 * String json = MetadataJson.write(authorizationServerMetadata);
 * }</pre>
 */
public final class MetadataJson {

    /** Largest document accepted, in bytes (characters for {@code String} input): 1 MiB. */
    public static final int MAX_DOCUMENT_LENGTH = 1024 * 1024;
    /** Deepest nesting of arrays and objects accepted, counting the root object as 1. */
    public static final int MAX_NESTING_DEPTH = 100;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    // the non-deprecated name of JsonParser.Feature.STRICT_DUPLICATE_DETECTION
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final ObjectWriter COMPACT = MAPPER.writer();

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private static final int MAX_MESSAGE_DETAIL = 200;

    private MetadataJson() {}

    // --- reading ----------------------------------------------------------------------------

    /**
     * {@return the document, unknown members kept}
     *
     * @param json the body of a {@code /.well-known/oauth-protected-resource} response
     * @throws MetadataException when the text is not one JSON object, a modelled member has the wrong type, or
     *     {@code resource} is missing or blank
     */
    public static ProtectedResourceMetadata parseProtectedResource(String json) {
        Objects.requireNonNull(json, "json cannot be null");
        return protectedResource(readRoot(json.isBlank(), () -> MAPPER.readValue(json, Object.class)));
    }

    /**
     * {@return the document, unknown members kept}
     *
     * @param json the UTF-8 body of a {@code /.well-known/oauth-protected-resource} response
     * @throws MetadataException as {@link #parseProtectedResource(String)}
     */
    public static ProtectedResourceMetadata parseProtectedResource(byte[] json) {
        Objects.requireNonNull(json, "json cannot be null");
        return protectedResource(readRoot(isBlank(json), () -> MAPPER.readValue(json, Object.class)));
    }

    /**
     * {@return the document, unknown members kept at every level}
     *
     * @param json the body of a {@code /.well-known/oauth-authorization-server} response
     * @throws MetadataException when the text is not one JSON object or a modelled member has the wrong type
     */
    public static AuthorizationServerMetadata parseAuthorizationServer(String json) {
        Objects.requireNonNull(json, "json cannot be null");
        return authorizationServer(readRoot(json.isBlank(), () -> MAPPER.readValue(json, Object.class)));
    }

    /**
     * {@return the document, unknown members kept at every level}
     *
     * @param json the UTF-8 body of a {@code /.well-known/oauth-authorization-server} response
     * @throws MetadataException as {@link #parseAuthorizationServer(String)}
     */
    public static AuthorizationServerMetadata parseAuthorizationServer(byte[] json) {
        Objects.requireNonNull(json, "json cannot be null");
        return authorizationServer(readRoot(isBlank(json), () -> MAPPER.readValue(json, Object.class)));
    }

    // --- writing ----------------------------------------------------------------------------

    /**
     * {@return compact JSON, members in the stable order described on this class}
     *
     * @param metadata a protected resource metadata document
     */
    public static String write(ProtectedResourceMetadata metadata) {
        return serialize(COMPACT, toMap(Objects.requireNonNull(metadata, "metadata cannot be null")));
    }

    /**
     * {@return compact JSON, members in the stable order described on this class}
     *
     * @param metadata an authorization server metadata document
     */
    public static String write(AuthorizationServerMetadata metadata) {
        return serialize(COMPACT, toMap(Objects.requireNonNull(metadata, "metadata cannot be null")));
    }

    /**
     * {@return JSON laid out like {@code JSON.stringify(doc, null, 2)}, members in the stable order}
     *
     * @param metadata a protected resource metadata document
     */
    public static String writePretty(ProtectedResourceMetadata metadata) {
        return serialize(PRETTY, toMap(Objects.requireNonNull(metadata, "metadata cannot be null")));
    }

    /**
     * {@return JSON laid out like {@code JSON.stringify(doc, null, 2)}, members in the stable order}
     *
     * @param metadata an authorization server metadata document
     */
    public static String writePretty(AuthorizationServerMetadata metadata) {
        return serialize(PRETTY, toMap(Objects.requireNonNull(metadata, "metadata cannot be null")));
    }

    // --- model → plain JSON -----------------------------------------------------------------

    private static Map<String, Object> toMap(ProtectedResourceMetadata m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(ProtectedResourceMetadata.RESOURCE, m.resource());
        m.authorizationServers().ifPresent(v -> out.put(ProtectedResourceMetadata.AUTHORIZATION_SERVERS, v));
        m.scopesSupported().ifPresent(v -> out.put(ProtectedResourceMetadata.SCOPES_SUPPORTED, v));
        m.bearerMethodsSupported().ifPresent(v -> out.put(ProtectedResourceMetadata.BEARER_METHODS_SUPPORTED, v));
        m.resourceName().ifPresent(v -> out.put(ProtectedResourceMetadata.RESOURCE_NAME, v));
        m.resourceLogoUri().ifPresent(v -> out.put(ProtectedResourceMetadata.RESOURCE_LOGO_URI, v));
        m.resourceDocumentation().ifPresent(v -> out.put(ProtectedResourceMetadata.RESOURCE_DOCUMENTATION, v));
        out.putAll(m.additionalMembers());
        return out;
    }

    private static Map<String, Object> toMap(AuthorizationServerMetadata m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.issuer().ifPresent(v -> out.put(AuthorizationServerMetadata.ISSUER, v));
        m.resource().ifPresent(v -> out.put(ProtectedResourceMetadata.RESOURCE, v));
        m.authorizationServers().ifPresent(v -> out.put(ProtectedResourceMetadata.AUTHORIZATION_SERVERS, v));
        m.scopesSupported().ifPresent(v -> out.put(ProtectedResourceMetadata.SCOPES_SUPPORTED, v));
        m.bearerMethodsSupported().ifPresent(v -> out.put(ProtectedResourceMetadata.BEARER_METHODS_SUPPORTED, v));
        m.resourceName().ifPresent(v -> out.put(ProtectedResourceMetadata.RESOURCE_NAME, v));
        m.resourceLogoUri().ifPresent(v -> out.put(ProtectedResourceMetadata.RESOURCE_LOGO_URI, v));
        m.resourceDocumentation().ifPresent(v -> out.put(ProtectedResourceMetadata.RESOURCE_DOCUMENTATION, v));
        m.tokenEndpoint().ifPresent(v -> out.put(AuthorizationServerMetadata.TOKEN_ENDPOINT, v));
        m.revocationEndpoint().ifPresent(v -> out.put(AuthorizationServerMetadata.REVOCATION_ENDPOINT, v));
        m.grantTypesSupported().ifPresent(v -> out.put(AuthorizationServerMetadata.GRANT_TYPES_SUPPORTED, v));
        m.jwksUri().ifPresent(v -> out.put(AuthorizationServerMetadata.JWKS_URI, v));
        m.tokenEndpointAuthMethodsSupported()
                .ifPresent(v -> out.put(AuthorizationServerMetadata.TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED, v));
        m.revocationEndpointAuthMethodsSupported()
                .ifPresent(v -> out.put(AuthorizationServerMetadata.REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED, v));
        m.agentAuth().ifPresent(v -> out.put(AuthorizationServerMetadata.AGENT_AUTH, toMap(v)));
        out.putAll(m.additionalMembers());
        return out;
    }

    private static Map<String, Object> toMap(AgentAuthMetadata a) {
        Map<String, Object> out = new LinkedHashMap<>();
        a.skill().ifPresent(v -> out.put(AgentAuthMetadata.SKILL, v));
        a.identityEndpoint().ifPresent(v -> out.put(AgentAuthMetadata.IDENTITY_ENDPOINT, v));
        a.claimEndpoint().ifPresent(v -> out.put(AgentAuthMetadata.CLAIM_ENDPOINT, v));
        a.eventsEndpoint().ifPresent(v -> out.put(AgentAuthMetadata.EVENTS_ENDPOINT, v));
        a.registerUri().ifPresent(v -> out.put(AgentAuthMetadata.REGISTER_URI, v));
        a.claimUri().ifPresent(v -> out.put(AgentAuthMetadata.CLAIM_URI, v));
        a.revocationUri().ifPresent(v -> out.put(AgentAuthMetadata.REVOCATION_URI, v));
        a.identityTypesSupported().ifPresent(v -> out.put(AgentAuthMetadata.IDENTITY_TYPES_SUPPORTED, v));
        a.anonymous().ifPresent(anon -> {
            Map<String, Object> o = new LinkedHashMap<>();
            anon.credentialTypesSupported().ifPresent(v -> o.put(AgentAuthMetadata.CREDENTIAL_TYPES_SUPPORTED, v));
            o.putAll(anon.additionalMembers());
            out.put(AgentAuthMetadata.ANONYMOUS, o);
        });
        a.identityAssertion().ifPresent(ia -> {
            Map<String, Object> o = new LinkedHashMap<>();
            ia.assertionTypesSupported().ifPresent(v -> o.put(AgentAuthMetadata.ASSERTION_TYPES_SUPPORTED, v));
            ia.credentialTypesSupported().ifPresent(v -> o.put(AgentAuthMetadata.CREDENTIAL_TYPES_SUPPORTED, v));
            o.putAll(ia.additionalMembers());
            out.put(AgentAuthMetadata.IDENTITY_ASSERTION, o);
        });
        a.eventsSupported().ifPresent(v -> out.put(AgentAuthMetadata.EVENTS_SUPPORTED, v));
        out.putAll(a.additionalMembers());
        return out;
    }

    private static String serialize(ObjectWriter writer, Map<String, Object> document) {
        try {
            return writer.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            // the model only holds plain JSON values, so this means a bug, not bad input
            throw new IllegalStateException("could not write metadata JSON", e);
        }
    }

    // --- plain JSON → model -----------------------------------------------------------------

    private static ProtectedResourceMetadata protectedResource(Map<String, Object> root) {
        Members m = new Members(root, "", ProtectedResourceMetadata.MEMBERS);
        String resource = m.string(ProtectedResourceMetadata.RESOURCE);
        if (resource == null) {
            throw new MetadataException("resource is required");
        }
        ProtectedResourceMetadata.Builder b = ProtectedResourceMetadata.builder()
                .resource(resource)
                .authorizationServers(m.strings(ProtectedResourceMetadata.AUTHORIZATION_SERVERS))
                .scopesSupported(m.strings(ProtectedResourceMetadata.SCOPES_SUPPORTED))
                .bearerMethodsSupported(m.strings(ProtectedResourceMetadata.BEARER_METHODS_SUPPORTED))
                .resourceName(m.string(ProtectedResourceMetadata.RESOURCE_NAME))
                .resourceLogoUri(m.string(ProtectedResourceMetadata.RESOURCE_LOGO_URI))
                .resourceDocumentation(m.string(ProtectedResourceMetadata.RESOURCE_DOCUMENTATION))
                .additionalMembers(m.unknown());
        return build(b::build);
    }

    private static AuthorizationServerMetadata authorizationServer(Map<String, Object> root) {
        Members m = new Members(root, "", AuthorizationServerMetadata.MEMBERS);
        Map<String, Object> agentAuth = m.object(AuthorizationServerMetadata.AGENT_AUTH);
        AuthorizationServerMetadata.Builder b = AuthorizationServerMetadata.builder()
                .issuer(m.string(AuthorizationServerMetadata.ISSUER))
                .resource(m.string(ProtectedResourceMetadata.RESOURCE))
                .authorizationServers(m.strings(ProtectedResourceMetadata.AUTHORIZATION_SERVERS))
                .scopesSupported(m.strings(ProtectedResourceMetadata.SCOPES_SUPPORTED))
                .bearerMethodsSupported(m.strings(ProtectedResourceMetadata.BEARER_METHODS_SUPPORTED))
                .resourceName(m.string(ProtectedResourceMetadata.RESOURCE_NAME))
                .resourceLogoUri(m.string(ProtectedResourceMetadata.RESOURCE_LOGO_URI))
                .resourceDocumentation(m.string(ProtectedResourceMetadata.RESOURCE_DOCUMENTATION))
                .tokenEndpoint(m.string(AuthorizationServerMetadata.TOKEN_ENDPOINT))
                .revocationEndpoint(m.string(AuthorizationServerMetadata.REVOCATION_ENDPOINT))
                .grantTypesSupported(m.strings(AuthorizationServerMetadata.GRANT_TYPES_SUPPORTED))
                .jwksUri(m.string(AuthorizationServerMetadata.JWKS_URI))
                .tokenEndpointAuthMethodsSupported(
                        m.strings(AuthorizationServerMetadata.TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED))
                .revocationEndpointAuthMethodsSupported(
                        m.strings(AuthorizationServerMetadata.REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED))
                .agentAuth(agentAuth == null ? null : agentAuth(agentAuth))
                .additionalMembers(m.unknown());
        return build(b::build);
    }

    private static AgentAuthMetadata agentAuth(Map<String, Object> object) {
        Members m = new Members(object, AgentAuthMetadata.PATH, AgentAuthMetadata.MEMBERS);
        Map<String, Object> anonymous = m.object(AgentAuthMetadata.ANONYMOUS);
        Map<String, Object> identityAssertion = m.object(AgentAuthMetadata.IDENTITY_ASSERTION);
        AgentAuthMetadata.Builder b = AgentAuthMetadata.builder()
                .skill(m.string(AgentAuthMetadata.SKILL))
                .identityEndpoint(m.string(AgentAuthMetadata.IDENTITY_ENDPOINT))
                .claimEndpoint(m.string(AgentAuthMetadata.CLAIM_ENDPOINT))
                .eventsEndpoint(m.string(AgentAuthMetadata.EVENTS_ENDPOINT))
                .registerUri(m.string(AgentAuthMetadata.REGISTER_URI))
                .claimUri(m.string(AgentAuthMetadata.CLAIM_URI))
                .revocationUri(m.string(AgentAuthMetadata.REVOCATION_URI))
                .identityTypesSupported(m.strings(AgentAuthMetadata.IDENTITY_TYPES_SUPPORTED))
                .anonymous(anonymous == null ? null : anonymous(anonymous))
                .identityAssertion(identityAssertion == null ? null : identityAssertion(identityAssertion))
                .eventsSupported(m.strings(AgentAuthMetadata.EVENTS_SUPPORTED))
                .additionalMembers(m.unknown());
        return build(b::build);
    }

    private static AgentAuthMetadata.Anonymous anonymous(Map<String, Object> object) {
        Members m = new Members(object, AgentAuthMetadata.Anonymous.PATH, AgentAuthMetadata.Anonymous.MEMBERS);
        AgentAuthMetadata.Anonymous.Builder b = AgentAuthMetadata.Anonymous.builder()
                .credentialTypesSupported(m.strings(AgentAuthMetadata.CREDENTIAL_TYPES_SUPPORTED))
                .additionalMembers(m.unknown());
        return build(b::build);
    }

    private static AgentAuthMetadata.IdentityAssertion identityAssertion(Map<String, Object> object) {
        Members m = new Members(
                object, AgentAuthMetadata.IdentityAssertion.PATH, AgentAuthMetadata.IdentityAssertion.MEMBERS);
        AgentAuthMetadata.IdentityAssertion.Builder b = AgentAuthMetadata.IdentityAssertion.builder()
                .assertionTypesSupported(m.strings(AgentAuthMetadata.ASSERTION_TYPES_SUPPORTED))
                .credentialTypesSupported(m.strings(AgentAuthMetadata.CREDENTIAL_TYPES_SUPPORTED))
                .additionalMembers(m.unknown());
        return build(b::build);
    }

    private static <T> T build(java.util.function.Supplier<T> builder) {
        try {
            return builder.get();
        } catch (IllegalArgumentException e) {
            throw new MetadataException(String.valueOf(e.getMessage()), e);
        }
    }

    /** Typed access to the members of one JSON object, naming the member in every error. */
    private static final class Members {
        private final Map<String, Object> object;
        private final String where;
        private final Set<String> known;

        Members(Map<String, Object> object, String where, List<String> known) {
            this.object = object;
            this.where = where;
            this.known = Set.copyOf(known);
        }

        @Nullable
        String string(String name) {
            Object value = object.get(name);
            if (value == null || value instanceof String) {
                return (String) value;
            }
            throw new MetadataException(JsonValues.path(where, name) + " must be a string");
        }

        @Nullable
        List<String> strings(String name) {
            Object value = object.get(name);
            if (value == null) {
                return null;
            }
            if (value instanceof List && ((List<?>) value).stream().allMatch(e -> e instanceof String)) {
                @SuppressWarnings("unchecked")
                List<String> strings = (List<String>) value;
                return strings;
            }
            throw new MetadataException(JsonValues.path(where, name) + " must be an array of strings");
        }

        @Nullable
        Map<String, Object> object(String name) {
            Object value = object.get(name);
            if (value == null) {
                return null;
            }
            if (value instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) value;
                return map;
            }
            throw new MetadataException(JsonValues.path(where, name) + " must be an object");
        }

        Map<String, Object> unknown() {
            Map<String, Object> out = new LinkedHashMap<>();
            object.forEach((name, value) -> {
                if (!known.contains(name)) {
                    out.put(name, value);
                }
            });
            return out;
        }
    }

    // --- syntax -----------------------------------------------------------------------------

    @FunctionalInterface
    private interface JsonRead {
        Object read() throws IOException;
    }

    private static Map<String, Object> readRoot(boolean blank, JsonRead read) {
        if (blank) {
            throw new MetadataException("metadata document is empty");
        }
        Object root;
        try {
            root = read.read();
        } catch (StreamConstraintsException e) {
            throw new MetadataException("metadata document exceeds a size limit: " + detail(e), e);
        } catch (JsonProcessingException e) {
            throw new MetadataException("metadata document is not valid JSON: " + detail(e), e);
        } catch (IOException e) {
            throw new MetadataException("metadata document could not be read", e);
        } catch (NumberFormatException e) {
            // a number Jackson will not convert, e.g. an exponent of dozens of digits (found by MetadataJsonFuzzTest)
            throw new MetadataException("metadata document holds a number that cannot be read", e);
        }
        if (!(root instanceof Map)) {
            throw new MetadataException("metadata document must be a JSON object, not " + jsonType(root));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) root;
        return map;
    }

    private static String jsonType(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a number";
    }

    private static String detail(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        StringBuilder clean = new StringBuilder();
        for (int i = 0; i < message.length() && clean.length() < MAX_MESSAGE_DETAIL; i++) {
            char c = message.charAt(i);
            clean.append(c < 0x20 || c == 0x7F ? ' ' : c);
        }
        if (clean.length() < message.length()) {
            clean.append('…');
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            clean.append(" (line ")
                    .append(location.getLineNr())
                    .append(", column ")
                    .append(location.getColumnNr())
                    .append(')');
        }
        return clean.toString();
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
