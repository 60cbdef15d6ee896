package dev.authmd.core.internal.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.util.Base64URL;
import dev.authmd.core.fetch.KeyCacheListener;
import dev.authmd.core.internal.fetch.DocumentFetcher;
import dev.authmd.core.internal.fetch.FetchedDocument;
import dev.authmd.core.internal.jose.JwsVerifiers;
import dev.authmd.core.internal.json.StrictJson;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.protocol.metadata.WellKnownUris;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The signing keys of one trusted issuer and the signature check against them (docs/protocol.md#v01-3a-step-4). Where
 * the keys come from follows the trust entry's {@link KeyLocation}: pinned {@code jwks_uri}, the issuer's RFC 8414 then
 * OpenID metadata (falling back to the conventional path only when both answer 404/410), the conventional
 * {@code {iss}/.well-known/jwks.json}, or inline keys. A {@code jwks_uri} found in metadata is kept for the cache
 * ceiling, then looked up again; a failed look-up is retried at most once per refetch interval. JWS verifiers are built
 * once per key and reused, with the JCA provider {@link JwsVerifiers#detected()} picks (BouncyCastle for ECDSA when
 * present). Thread-safe.
 */
public final class IssuerKeys {

    private static final int MAX_CACHED_VERIFIERS = 64;
    /** The most verifiers kept for one issuer however many keys it publishes: each costs a few KiB at most. */
    private static final int MAX_KEYS_CACHED = 1024;

    /** Outcome of a signature check. */
    public enum Status {
        /** A key of the issuer verified the signature. */
        VERIFIED,
        /** No key of the issuer fits the header (kid, kty, use, alg), even after a refetch. */
        NO_MATCHING_KEY,
        /** A fitting key was found but the signature does not verify with it. */
        BAD_SIGNATURE,
        /** The issuer's keys could not be retrieved. */
        KEYS_UNAVAILABLE,
        /**
         * The token names no {@code kid} and the issuer publishes more than one usable key for its algorithm: refused
         * without trying any, so a forged token cannot buy a signature check per published key.
         */
        KID_REQUIRED
    }

    /**
     * The outcome of a signature check and the JWKS it used.
     *
     * @param status the outcome
     * @param jwksUri the JWKS URL whose key verified the signature; empty for inline keys or failures
     */
    public record SignatureCheck(Status status, Optional<URI> jwksUri) {}

    private final String issuer;
    private final KeyLocation location;
    private final DocumentFetcher documents;
    private final KeyCacheListener listener;
    private final @Nullable JWKSet inlineKeys;
    private final JwsVerifiers jwsVerifiers = JwsVerifiers.detected();
    private final Map<JWK, JWSVerifier> verifiers = new ConcurrentHashMap<>();
    private volatile @Nullable Resolved resolved;
    private volatile long retryResolveAt = Long.MIN_VALUE;

    private record Resolved(URI jwksUri, RemoteKeySet keys, long until) {}

    /**
     * Creates the key cache of one trusted issuer.
     *
     * @param issuer the trusted issuer
     * @param location where its keys come from
     * @param documents the guarded document fetcher
     * @param listener hears cache hits, misses and downloads
     */
    public IssuerKeys(String issuer, KeyLocation location, DocumentFetcher documents, KeyCacheListener listener) {
        this.issuer = issuer;
        this.listener = listener;
        this.location = location;
        this.documents = documents;
        if (location.kind() == KeyLocation.Kind.INLINE_JWKS) {
            try {
                this.inlineKeys = JWKSet.parse(location.jwksJson().orElseThrow());
            } catch (ParseException e) {
                throw new IllegalArgumentException("inline jwks of " + issuer + " is not valid", e);
            }
        } else {
            this.inlineKeys = null;
        }
    }

    /**
     * Verifies a JWS signature with this issuer's keys.
     *
     * @param header the parsed JWS header (alg already on the allow-list)
     * @param signingInput the ASCII bytes of {@code header.payload}
     * @param signature the signature segment
     * @param now the current time, epoch millis (drives every cache)
     * @return the outcome
     */
    public SignatureCheck verify(JWSHeader header, byte[] signingInput, Base64URL signature, long now) {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        if (matcher == null) {
            return new SignatureCheck(Status.NO_MATCHING_KEY, Optional.empty());
        }
        List<JWK> candidates;
        URI usedUri = null;
        if (inlineKeys != null) {
            candidates = new JWKSelector(matcher).select(inlineKeys);
        } else {
            try {
                Resolved r = resolve(now);
                usedUri = r.jwksUri();
                candidates = r.keys().select(matcher, now);
            } catch (KeySourceException e) {
                return new SignatureCheck(Status.KEYS_UNAVAILABLE, Optional.empty());
            }
        }
        if (header.getKeyID() == null) {
            List<JWK> usable = candidates.stream().filter(IssuerKeys::usable).toList();
            if (usable.size() > 1) {
                return new SignatureCheck(Status.KID_REQUIRED, Optional.empty());
            }
            candidates = usable;
        }
        boolean anyUsable = false;
        for (JWK key : candidates) {
            JWSVerifier verifier = verifierFor(key);
            if (verifier == null) {
                continue;
            }
            anyUsable = true;
            try {
                if (verifier.verify(header, signingInput, signature)) {
                    return new SignatureCheck(Status.VERIFIED, Optional.ofNullable(usedUri));
                }
            } catch (JOSEException e) {
                // an algorithm/key mismatch is a failed signature, not an error
            }
        }
        return new SignatureCheck(anyUsable ? Status.BAD_SIGNATURE : Status.NO_MATCHING_KEY, Optional.empty());
    }

    /** Whether a key could verify at all: RSA of 2048 bits or more, or EC; decided without building a verifier. */
    private static boolean usable(JWK key) {
        return (key instanceof RSAKey rsa && rsa.size() >= 2048) || key instanceof ECKey;
    }

    private @Nullable JWSVerifier verifierFor(JWK key) {
        JWSVerifier cached = verifiers.get(key);
        if (cached != null) {
            return cached;
        }
        JWSVerifier created;
        try {
            if (key instanceof RSAKey rsa) {
                created = rsa.size() >= 2048 ? jwsVerifiers.rsa(rsa) : null;
            } else if (key instanceof ECKey ec) {
                created = jwsVerifiers.ec(ec);
            } else {
                created = null;
            }
        } catch (JOSEException e) {
            created = null;
        }
        if (created == null) {
            return null;
        }
        // sized to the key set: a provider with many keys, each named by kid, does not thrash the cache
        if (verifiers.size() >= Math.max(MAX_CACHED_VERIFIERS, Math.min(keyCount(), MAX_KEYS_CACHED))) {
            verifiers.clear();
        }
        verifiers.put(key, created);
        return created;
    }

    private Resolved resolve(long now) throws KeySourceException {
        Resolved current = resolved;
        if (current != null && now < current.until()) {
            return current;
        }
        synchronized (this) {
            current = resolved;
            if (current != null && now < current.until()) {
                return current;
            }
            if (current == null && now < retryResolveAt) {
                throw new JWKSetUnavailableException("issuer metadata of " + issuer + " recently failed");
            }
            URI uri;
            try {
                uri = locate();
            } catch (IOException e) {
                retryResolveAt = now + documents.settings().refetchInterval().toMillis();
                if (current != null) {
                    // keep the previous location through a metadata outage
                    resolved = new Resolved(current.jwksUri(), current.keys(), retryResolveAt);
                    return resolved;
                }
                throw new JWKSetUnavailableException("issuer metadata of " + issuer + " could not be read", e);
            }
            RemoteKeySet keys = current != null && current.jwksUri().equals(uri)
                    ? current.keys()
                    : new RemoteKeySet(uri, documents, listener);
            long until = location.kind() == KeyLocation.Kind.ISSUER_METADATA
                    ? now + documents.settings().cacheTtlCeiling().toMillis()
                    : Long.MAX_VALUE;
            resolved = new Resolved(uri, keys, until);
            return resolved;
        }
    }

    private URI locate() throws IOException {
        switch (location.kind()) {
            case PINNED_JWKS_URI:
                return location.jwksUri().orElseThrow();
            case CONVENTIONAL_PATH:
                return conventional();
            case ISSUER_METADATA:
                URI issuerUri = URI.create(issuer);
                String appended = WellKnownUris.origin(issuerUri) + WellKnownUris.pathWithoutTrailingSlash(issuerUri);
                for (URI candidate : List.of(
                        WellKnownUris.authorizationServerMetadata(issuerUri),
                        URI.create(appended + "/.well-known/openid-configuration"))) {
                    Optional<URI> found = jwksUriFromMetadata(candidate);
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
                return conventional();
            default:
                throw new IllegalStateException("no remote keys for " + location);
        }
    }

    /**
     * Returns the metadata's jwks_uri, or empty when the document does not exist (404/410).
     *
     * @return the metadata's jwks_uri, or empty when the document does not exist (404/410)
     */
    private Optional<URI> jwksUriFromMetadata(URI metadataUri) throws IOException {
        FetchedDocument document;
        try {
            document = documents.fetch(metadataUri);
        } catch (DocumentFetcher.UnexpectedStatusException e) {
            if (e.status() == 404 || e.status() == 410) {
                return Optional.empty();
            }
            throw e;
        }
        ObjectNode metadata = StrictJson.parseObject(document.body().getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> new IOException("issuer metadata is not a JSON object"));
        JsonNode declaredIssuer = metadata.get("issuer");
        if (declaredIssuer == null
                || !declaredIssuer.isTextual()
                || !declaredIssuer.asText().equals(issuer)) {
            throw new IOException("issuer metadata names another issuer");
        }
        JsonNode jwksUri = metadata.get("jwks_uri");
        if (jwksUri == null || !jwksUri.isTextual()) {
            throw new IOException("issuer metadata has no jwks_uri");
        }
        URI uri;
        try {
            uri = URI.create(jwksUri.asText());
        } catch (IllegalArgumentException e) {
            throw new IOException("issuer metadata jwks_uri is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IOException("issuer metadata jwks_uri is not an absolute http(s) URL");
        }
        return Optional.of(uri);
    }

    private URI conventional() {
        URI issuerUri = URI.create(issuer);
        return URI.create(WellKnownUris.origin(issuerUri) + WellKnownUris.pathWithoutTrailingSlash(issuerUri)
                + "/.well-known/jwks.json");
    }

    /** {@return how many keys the issuer publishes, as last seen; 0 before the first download} */
    private int keyCount() {
        if (inlineKeys != null) {
            return inlineKeys.size();
        }
        Resolved current = resolved;
        return current == null ? 0 : current.keys().keyCount();
    }

    /**
     * {@return until when the keys last downloaded are fresh (epoch millis), 0 before the first download; empty for
     * inline keys, which never go stale}
     */
    public java.util.OptionalLong keysFreshUntil() {
        if (inlineKeys != null) {
            return java.util.OptionalLong.empty();
        }
        Resolved current = resolved;
        return java.util.OptionalLong.of(current == null ? 0 : current.keys().freshUntil());
    }
}
