package dev.authmd.core.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSHeader;
import dev.authmd.core.internal.jose.CompactJws;
import dev.authmd.core.internal.jose.MalformedTokenException;
import dev.authmd.core.internal.keys.IssuerKeys;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.protocol.error.ProtocolError;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks an ID-JAG and a logout token share, in the order of steps 1–5 of docs/protocol.md#v01-3a (structure and
 * {@code typ}; {@code alg}; {@code iss} on the trust list before any key fetch, and {@code crit}; signature;
 * {@code aud}), plus claim readers. Stateless.
 */
final class TokenChecks {

    /** What the shared checks established. */
    record Checked(CompactJws jws, TrustedProvider provider, String issuer, String audience, Optional<URI> jwksUri) {}

    private TokenChecks() {}

    static Checked check(
            String token,
            String expectedTyp,
            int maxLength,
            Set<String> algorithms,
            ProviderKeySource keys,
            Set<String> audiences,
            long nowMillis)
            throws Rejection {
        // 1. a compact JWS with strict JSON, explicitly typed
        CompactJws jws;
        try {
            jws = CompactJws.parse(token, maxLength);
        } catch (MalformedTokenException e) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, e.getMessage());
        }
        ObjectNode header = jws.header();
        JsonNode typ = header.get("typ");
        if (typ == null || !typ.isTextual() || !typMatches(typ.asText(), expectedTyp)) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "the header typ must be " + expectedTyp, "invalid_type");
        }
        // 2. an allowed asymmetric algorithm
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "the header has no alg");
        }
        if (!algorithms.contains(alg.asText())) {
            throw new Rejection(ProtocolError.INVALID_SIGNATURE, "the signing algorithm is not accepted");
        }
        JWSHeader jwsHeader;
        try {
            jwsHeader = jws.jwsHeader();
        } catch (ParseException e) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, "the JWS header is malformed");
        }
        // 3. a trusted issuer, before any key is fetched; no critical extensions
        JsonNode iss = jws.payload().get("iss");
        Optional<TrustedProvider> provider =
                iss != null && iss.isTextual() ? keys.trustList().find(iss.asText()) : Optional.empty();
        if (provider.isEmpty()) {
            throw new Rejection(ProtocolError.INVALID_ISSUER, "the issuer is not trusted by this service");
        }
        if (!provider.get().algorithms().contains(alg.asText())) {
            throw new Rejection(
                    ProtocolError.INVALID_SIGNATURE, "the signing algorithm is not accepted for this issuer");
        }
        if (header.has("crit")) {
            throw new Rejection(ProtocolError.INVALID_SIGNATURE, "critical header extensions are not supported");
        }
        // 4. the signature, with a key of the issuer's own key set (jku/x5u/jwk/x5c are never used)
        IssuerKeys.SignatureCheck signature = Objects.requireNonNull(
                        keys.keysOf(provider.get().issuer()), "the key source serves the same trust list")
                .verify(jwsHeader, jws.signingInput(), jws.encodedSignature(), nowMillis);
        switch (signature.status()) {
            case VERIFIED:
                break;
            case KEYS_UNAVAILABLE:
                throw new Rejection(
                        ProtocolError.INVALID_SIGNATURE, "the issuer's signing keys could not be retrieved");
            case NO_MATCHING_KEY:
                throw new Rejection(ProtocolError.INVALID_SIGNATURE, "no signing key of the issuer matches the header");
            case KID_REQUIRED:
                throw new Rejection(
                        ProtocolError.INVALID_SIGNATURE,
                        "the header names no kid and the issuer publishes several keys for its algorithm");
            default:
                throw new Rejection(ProtocolError.INVALID_SIGNATURE, "the signature does not verify");
        }
        // 5. exactly one audience, this service
        String audience = singleAudience(jws.payload().get("aud"));
        if (audience == null || !audiences.contains(audience)) {
            throw new Rejection(
                    ProtocolError.INVALID_AUDIENCE, "the audience must be exactly one of this service's identifiers");
        }
        return new Checked(jws, provider.get(), iss.asText(), audience, signature.jwksUri());
    }

    static boolean typMatches(String typ, String expected) {
        String t = typ.toLowerCase(Locale.ROOT);
        if (t.startsWith("application/")) {
            t = t.substring("application/".length());
        }
        return t.equals(expected);
    }

    private static @Nullable String singleAudience(JsonNode aud) {
        if (aud == null) {
            return null;
        }
        if (aud.isTextual()) {
            return aud.asText();
        }
        if (aud.isArray() && aud.size() == 1 && aud.get(0).isTextual()) {
            return aud.get(0).asText();
        }
        return null;
    }

    /**
     * Returns the claim as an instant, null when absent; a non-numeric value is rejected.
     *
     * @return the claim as an instant, null when absent; a non-numeric value is rejected
     */
    static @Nullable Instant numericDate(ObjectNode claims, String name) throws Rejection {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, name + " must be a number of seconds");
        }
        double seconds = value.asDouble();
        if (!Double.isFinite(seconds) || Math.abs(seconds) > 1e11) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, name + " is out of range");
        }
        return value.isIntegralNumber()
                ? Instant.ofEpochSecond(value.asLong())
                : Instant.ofEpochMilli(Math.round(seconds * 1000));
    }

    /**
     * Returns the claim as a non-blank string, null when absent; any other type is rejected.
     *
     * @return the claim as a non-blank string, null when absent; any other type is rejected
     */
    static @Nullable String optionalString(ObjectNode claims, String name) throws Rejection {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, name + " must be a string");
        }
        return value.asText();
    }

    /**
     * Returns the claim as a non-blank string; absence or another type is rejected.
     *
     * @return the claim as a non-blank string; absence or another type is rejected
     */
    static String requiredString(ObjectNode claims, String name) throws Rejection {
        String value = optionalString(claims, name);
        if (value == null || value.isBlank()) {
            throw new Rejection(ProtocolError.INVALID_REQUEST, name + " is required", "missing_claim");
        }
        return value;
    }
}
