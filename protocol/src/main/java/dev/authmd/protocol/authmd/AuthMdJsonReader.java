package dev.authmd.protocol.authmd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.protocol.internal.authmd.Urls;
import dev.authmd.protocol.internal.authmd.Wire;
import dev.authmd.protocol.metadata.WellKnownUris;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON of one document's code blocks: parses a block into frozen plain values and feeds what it says
 * (endpoint keys, {@code *_supported} arrays, request and response fields) into the URL candidates and type facts.
 * Blocks that are not valid JSON are still searched for {@code "key": "value"} pairs. Not thread-safe.
 */
final class AuthMdJsonReader {

    private static final int MAX_DEPTH = 64;
    private static final Pattern TYPE_TOKEN = Pattern.compile("[A-Za-z0-9_.:+/-]{1,200}");
    private static final Pattern LOOSE_URI_KEY =
            Pattern.compile("\"(register_uri|claim_uri|claim_url|revocation_uri)\"\\s*:\\s*\"([^\"\\s]{1,2048})\"");
    private static final Pattern LOOSE_STRING_KEY = Pattern.compile(
            "\"(type|assertion_type|requested_credential_type|credential_type)\"\\s*:\\s*\"([^\"\\s]{1,200})\"");
    private static final Pattern LOOSE_ARRAY_KEY = Pattern.compile(
            "\"(identity_types_supported|assertion_types_supported|credential_types_supported)\"\\s*:\\s*\\[([^\\]]{0,2000})\\]");
    /** The current profile's endpoint members, each naming its own role. */
    private static final Map<String, AuthMdUrlCandidates.Role> CURRENT_KEYS = Map.of(
            "identity_endpoint", AuthMdUrlCandidates.Role.IDENTITY,
            "token_endpoint", AuthMdUrlCandidates.Role.TOKEN,
            "revocation_endpoint", AuthMdUrlCandidates.Role.TOKEN_REVOCATION,
            "events_endpoint", AuthMdUrlCandidates.Role.EVENTS);

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{1,200})\"");

    private final ObjectMapper json;
    private final @Nullable URI documentUri;
    private final AuthMdUrlCandidates urls;
    private final AuthMdTypeFacts types;

    AuthMdJsonReader(ObjectMapper json, @Nullable URI documentUri, AuthMdUrlCandidates urls, AuthMdTypeFacts types) {
        this.json = json;
        this.documentUri = documentUri;
        this.urls = urls;
        this.types = types;
    }

    /** The outcome of reading one block: a frozen value (possibly JSON {@code null}) or why it failed. */
    record Parsed(
            boolean valid, @Nullable Object value, @Nullable String error) {}

    /**
     * {@return the frozen value, or the reason it is not valid JSON (with line and column)}
     *
     * @param literal a block's content
     */
    Parsed parse(String literal) {
        try {
            return new Parsed(true, freeze(json.readValue(literal, Object.class)), null);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            message = message.replaceAll("\\s+", " ");
            if (message.length() > 160) {
                message = message.substring(0, 157) + "...";
            }
            String at = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            return new Parsed(false, null, "not valid JSON" + at + ": " + message);
        } catch (RuntimeException e) {
            return new Parsed(false, null, "not valid JSON: " + e.getClass().getSimpleName());
        }
    }

    /** Deep copy into unmodifiable collections (values may be null). Depth is bounded by the JSON limits. */
    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /**
     * Collects endpoints and types from a parsed types.example.
     *
     * @param value a frozen value
     * @param source where it came from, for reasons
     */
    void facts(@Nullable Object value, String source) {
        facts(value, null, 0, source);
    }

    private void facts(@Nullable Object value, @Nullable String parentKey, int depth, String source) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                facts(item, parentKey, depth + 1, source);
            }
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            if (value instanceof String s) {
                Urls.absolute(s).ifPresent(u -> {
                    urls.rememberScheme(u);
                    urls.classify(u, null, null, source);
                });
            }
            return;
        }
        jsonUri(
                map.get("register_uri"),
                AuthMdUrlCandidates.Role.REGISTER,
                AuthMdUrlCandidates.RANK_JSON,
                source + ", key register_uri");
        jsonUri(
                map.get("claim_uri"),
                AuthMdUrlCandidates.Role.CLAIM,
                AuthMdUrlCandidates.RANK_JSON,
                source + ", key claim_uri");
        jsonUri(
                map.get("claim_url"),
                AuthMdUrlCandidates.Role.CLAIM,
                AuthMdUrlCandidates.RANK_JSON_LOOSE,
                source + ", key claim_url");
        jsonUri(
                map.get("revocation_uri"),
                AuthMdUrlCandidates.Role.REVOCATION,
                AuthMdUrlCandidates.RANK_JSON,
                source + ", key revocation_uri");
        for (Map.Entry<String, AuthMdUrlCandidates.Role> current : CURRENT_KEYS.entrySet()) {
            jsonUri(
                    map.get(current.getKey()),
                    current.getValue(),
                    AuthMdUrlCandidates.RANK_JSON,
                    source + ", key " + current.getKey());
        }
        strings(map.get("identity_types_supported")).forEach(types.meta.identityTypes::add);
        strings(map.get("assertion_types_supported")).forEach(types.meta.assertionTypes::add);
        String identity =
                Wire.ANONYMOUS.equals(parentKey) || Wire.IDENTITY_ASSERTION.equals(parentKey) ? parentKey : null;
        strings(map.get("credential_types_supported")).forEach(t -> types.meta.credential(identity, t));
        Object type = map.get("type");
        String requestIdentity = null;
        if (Wire.ANONYMOUS.equals(type) || Wire.IDENTITY_ASSERTION.equals(type)) {
            requestIdentity = (String) type;
            types.example.identityTypes.add(requestIdentity);
        }
        if (map.get("assertion_type") instanceof String assertionType
                && TYPE_TOKEN.matcher(assertionType).matches()) {
            types.example.assertionTypes.add(assertionType);
        }
        if (map.get("requested_credential_type") instanceof String requested
                && TYPE_TOKEN.matcher(requested).matches()) {
            types.example.credential(requestIdentity, requested);
        }
        if (map.get("credential_type") instanceof String issued
                && TYPE_TOKEN.matcher(issued).matches()) {
            types.example.credential(null, issued);
        }
        if (map.containsKey("agent_auth") && map.get("issuer") instanceof String issuer) {
            derived(issuer, AuthMdUrlCandidates.Role.AS, source + ", key issuer");
        }
        if (map.containsKey("authorization_servers") && map.get("resource") instanceof String resource) {
            derived(resource, AuthMdUrlCandidates.Role.PRM, source + ", key resource");
            List<String> servers = strings(map.get("authorization_servers"));
            if (!servers.isEmpty()) {
                derived(servers.get(0), AuthMdUrlCandidates.Role.AS, source + ", key authorization_servers");
            }
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!key.endsWith("_uri") && !key.equals("claim_url")) {
                facts(entry.getValue(), key, depth + 1, source);
            }
        }
    }

    private void jsonUri(@Nullable Object value, AuthMdUrlCandidates.Role role, int rank, String source) {
        if (value instanceof String s) {
            Optional<URI> uri = Urls.absolute(s);
            if (uri.isPresent()) {
                urls.rememberScheme(uri.get());
                urls.add(role, uri.get(), rank, source);
            } else if (documentUri != null && s.startsWith("/")) {
                Urls.resolve(documentUri, s).ifPresent(u -> urls.add(role, u, rank, source));
            }
        }
    }

    private void derived(String identifier, AuthMdUrlCandidates.Role role, String source) {
        Optional<URI> uri = Urls.absolute(identifier);
        if (uri.isEmpty() || uri.get().getRawQuery() != null || uri.get().getRawFragment() != null) {
            return;
        }
        urls.rememberScheme(uri.get());
        urls.add(
                role,
                role == AuthMdUrlCandidates.Role.PRM
                        ? WellKnownUris.protectedResourceMetadata(uri.get())
                        : WellKnownUris.authorizationServerMetadata(uri.get()),
                AuthMdUrlCandidates.RANK_DERIVED,
                source);
    }

    private static List<String> strings(@Nullable Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof String s && TYPE_TOKEN.matcher(s).matches()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Facts from a block that looks like JSON but does not parse (placeholders, comments, ellipses). */
    void looseFacts(String literal, String source) {
        Matcher uris = LOOSE_URI_KEY.matcher(literal);
        while (uris.find()) {
            AuthMdUrlCandidates.Role role = switch (uris.group(1)) {
                case "register_uri" -> AuthMdUrlCandidates.Role.REGISTER;
                case "revocation_uri" -> AuthMdUrlCandidates.Role.REVOCATION;
                default -> AuthMdUrlCandidates.Role.CLAIM;
            };
            jsonUri(uris.group(2), role, AuthMdUrlCandidates.RANK_JSON_LOOSE, source + ", key " + uris.group(1));
        }
        Matcher strings = LOOSE_STRING_KEY.matcher(literal);
        while (strings.find()) {
            String value = strings.group(2);
            switch (strings.group(1)) {
                case "type" -> {
                    if (value.equals(Wire.ANONYMOUS) || value.equals(Wire.IDENTITY_ASSERTION)) {
                        types.example.identityTypes.add(value);
                    }
                }
                case "assertion_type" -> types.example.assertionTypes.add(value);
                default -> types.example.credential(null, value);
            }
        }
        Matcher arrays = LOOSE_ARRAY_KEY.matcher(literal);
        while (arrays.find()) {
            Matcher quoted = QUOTED.matcher(arrays.group(2));
            while (quoted.find()) {
                String value = quoted.group(1);
                if (!TYPE_TOKEN.matcher(value).matches()) {
                    continue;
                }
                switch (arrays.group(1)) {
                    case "identity_types_supported" -> types.meta.identityTypes.add(value);
                    case "assertion_types_supported" -> types.meta.assertionTypes.add(value);
                    default -> types.meta.credential(null, value);
                }
            }
        }
    }
}
