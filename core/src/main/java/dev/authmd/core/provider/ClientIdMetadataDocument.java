package dev.authmd.core.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.internal.json.StrictJson;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Client ID Metadata Document: the JSON an agent provider serves at the URL it uses as its {@code client_id}, naming
 * the {@code jwks_uri} whose keys sign its ID-JAGs (docs/protocol.md#v01-3a step 7). A service accepts such a
 * {@code client_id} only when the document's {@code client_id} equals the URL and its {@code jwks_uri} is the one that
 * verified the signature.
 *
 * <pre>{@code
 * String json = ClientIdMetadataDocument.builder(URI.create("https://agents.example/client.json"))
 *         .clientName("Example Agent")
 *         .jwksUri(URI.create("https://agents.example/jwks.json"))
 *         .build().toJson();
 * }</pre>
 *
 * <p>Unknown members are kept through {@link #parse(String)} and {@link #toJson()}. Immutable.
 */
public final class ClientIdMetadataDocument {

    private final String clientId;
    private final @Nullable String clientName;
    private final @Nullable URI jwksUri;
    private final Map<String, Object> otherMembers;

    private ClientIdMetadataDocument(
            String clientId, @Nullable String clientName, @Nullable URI jwksUri, Map<String, Object> other) {
        this.clientId = clientId;
        this.clientName = clientName;
        this.jwksUri = jwksUri;
        this.otherMembers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    /**
     * Starts a builder for a client id metadata document.
     *
     * @param clientId the URL the document is served at (https with a path)
     * @return a builder
     */
    public static Builder builder(URI clientId) {
        return new Builder(clientId);
    }

    /**
     * Parses a client id metadata document.
     *
     * @param json a document
     * @return it, parsed
     * @throws IllegalArgumentException when it is not strict JSON or misses a string {@code client_id}
     */
    public static ClientIdMetadataDocument parse(String json) {
        Objects.requireNonNull(json, "json cannot be null");
        ObjectNode node;
        try {
            node = StrictJson.parseObject(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("client metadata is not valid JSON");
        }
        JsonNode clientId = node.get("client_id");
        if (clientId == null || !clientId.isTextual()) {
            throw new IllegalArgumentException("client metadata needs a string client_id");
        }
        Builder b = builder(URI.create(clientId.asText()));
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            switch (e.getKey()) {
                case "client_id" -> {}
                case "client_name" -> b.clientName(e.getValue().asText());
                case "jwks_uri" -> b.jwksUri(URI.create(e.getValue().asText()));
                default -> b.member(e.getKey(), StrictJson.MAPPER.convertValue(e.getValue(), Object.class));
            }
        }
        return b.build();
    }

    /** {@return {@code client_id}} */
    public String clientId() {
        return clientId;
    }

    /** {@return {@code client_name}} */
    public Optional<String> clientName() {
        return Optional.ofNullable(clientName);
    }

    /** {@return {@code jwks_uri}} */
    public Optional<URI> jwksUri() {
        return Optional.ofNullable(jwksUri);
    }

    /** {@return every other member} */
    public Map<String, Object> otherMembers() {
        return otherMembers;
    }

    /** {@return the document as JSON} */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client_id", clientId);
        if (clientName != null) {
            json.put("client_name", clientName);
        }
        if (jwksUri != null) {
            json.put("jwks_uri", jwksUri.toString());
        }
        json.putAll(otherMembers);
        return StrictJson.write(json);
    }

    /** Builds a {@link ClientIdMetadataDocument}. Not thread-safe. */
    public static final class Builder {
        private final URI clientId;
        private @Nullable String clientName;
        private @Nullable URI jwksUri;
        private final Map<String, Object> other = new LinkedHashMap<>();

        private Builder(URI clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId cannot be null");
        }

        /**
         * Sets {@code client_name}.
         *
         * @param name {@code client_name}
         * @return this builder
         */
        public Builder clientName(String name) {
            this.clientName = name;
            return this;
        }

        /**
         * Sets {@code jwks_uri}.
         *
         * @param uri {@code jwks_uri}
         * @return this builder
         */
        public Builder jwksUri(URI uri) {
            this.jwksUri = uri;
            return this;
        }

        /**
         * Adds a member to the document.
         *
         * @param name another member
         * @param value its JSON value
         * @return this builder
         */
        public Builder member(String name, Object value) {
            Objects.requireNonNull(name, "name cannot be null");
            if (name.equals("client_id") || name.equals("client_name") || name.equals("jwks_uri")) {
                throw new IllegalArgumentException(name + " has its own setter");
            }
            other.put(name, value);
            return this;
        }

        /** {@return the document, validated} */
        public ClientIdMetadataDocument build() {
            String scheme =
                    clientId.getScheme() == null ? "" : clientId.getScheme().toLowerCase(Locale.ROOT);
            if (!clientId.isAbsolute()
                    || clientId.getHost() == null
                    || !(scheme.equals("https") || scheme.equals("http"))
                    || clientId.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "client_id must be an absolute https URL without fragment: " + clientId);
            }
            if (jwksUri != null && (!jwksUri.isAbsolute() || jwksUri.getHost() == null)) {
                throw new IllegalArgumentException("jwks_uri must be an absolute URL: " + jwksUri);
            }
            return new ClientIdMetadataDocument(clientId.toString(), clientName, jwksUri, other);
        }
    }
}
