package dev.authmd.core.internal.jose;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import dev.authmd.core.internal.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compact JWS split and decoded by hand, so that what Nimbus's lenient parser lets through is refused first: anything
 * but three segments (a JWE has five), characters outside the base64url alphabet (padding and whitespace included),
 * impossible segment lengths, header or payload that is not one strict JSON object (duplicate member names included).
 * Immutable.
 */
public final class CompactJws {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Parsed headers by their encoded segment: a provider's tokens share one header. Bounded; cleared when full. */
    private static final int MAX_CACHED_HEADERS = 256;

    private static final ConcurrentHashMap<String, JWSHeader> HEADERS = new ConcurrentHashMap<>();
    /** Strictly parsed header objects by their encoded segment, shared read-only; bounded like {@link #HEADERS}. */
    private static final ConcurrentHashMap<String, ObjectNode> HEADER_NODES = new ConcurrentHashMap<>();

    private final String token;
    private final int firstDot;
    private final int secondDot;
    private final ObjectNode header;
    private final ObjectNode payload;

    private CompactJws(String token, int firstDot, int secondDot, ObjectNode header, ObjectNode payload) {
        this.token = token;
        this.firstDot = firstDot;
        this.secondDot = secondDot;
        this.header = header;
        this.payload = payload;
    }

    /**
     * Parses a compact JWS.
     *
     * @param token the compact serialization
     * @param maxLength the longest token accepted, in characters
     * @return the decoded token
     * @throws MalformedTokenException when it is not a well-formed compact JWS
     */
    public static CompactJws parse(String token, int maxLength) throws MalformedTokenException {
        if (token.length() > maxLength) {
            throw new MalformedTokenException("the token is longer than " + maxLength + " characters");
        }
        if (token.isEmpty()) {
            throw new MalformedTokenException("the token is empty");
        }
        int dots = 0;
        int firstDot = -1;
        int secondDot = -1;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
                if (dots == 1) {
                    firstDot = i;
                } else if (dots == 2) {
                    secondDot = i;
                }
            } else if (!isBase64Url(c)) {
                throw new MalformedTokenException("the token holds a character outside the base64url alphabet");
            }
        }
        if (dots == 4) {
            throw new MalformedTokenException("an encrypted JWT (JWE) is not accepted; send a signed JWT (JWS)");
        }
        if (dots != 2) {
            throw new MalformedTokenException("the token is not a compact JWS (three dot-separated segments)");
        }
        if (firstDot == 0 || secondDot == firstDot + 1) {
            throw new MalformedTokenException("the token has an empty header or payload segment");
        }
        if (impossibleLength(firstDot)
                || impossibleLength(secondDot - firstDot - 1)
                || impossibleLength(token.length() - secondDot - 1)) {
            throw new MalformedTokenException("a token segment is not valid base64url");
        }
        ObjectNode header = headerNode(token.substring(0, firstDot));
        ObjectNode payload = decodeObject(token.substring(firstDot + 1, secondDot), "payload");
        return new CompactJws(token, firstDot, secondDot, header, payload);
    }

    /** The base64url alphabet as a table: one load and one compare per character on the hot path. */
    private static final boolean[] BASE64URL = base64UrlTable();

    private static boolean[] base64UrlTable() {
        boolean[] table = new boolean[128];
        for (char c = 'A'; c <= 'Z'; c++) {
            table[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            table[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            table[c] = true;
        }
        table['-'] = true;
        table['_'] = true;
        return table;
    }

    private static boolean isBase64Url(char c) {
        return c < 128 && BASE64URL[c];
    }

    private static boolean impossibleLength(int length) {
        return length % 4 == 1;
    }

    /** The header segment strictly parsed, once per distinct segment (a provider's tokens share one header). */
    private static ObjectNode headerNode(String segment) throws MalformedTokenException {
        ObjectNode cached = HEADER_NODES.get(segment);
        if (cached != null) {
            return cached;
        }
        ObjectNode parsed = decodeObject(segment, "header");
        if (HEADER_NODES.size() >= MAX_CACHED_HEADERS) {
            HEADER_NODES.clear();
        }
        HEADER_NODES.put(segment, parsed);
        return parsed;
    }

    private static ObjectNode decodeObject(String segment, String what) throws MalformedTokenException {
        byte[] json;
        try {
            json = DECODER.decode(segment);
        } catch (IllegalArgumentException e) {
            throw new MalformedTokenException("the " + what + " segment is not valid base64url");
        }
        return StrictJson.parseObject(json)
                .orElseThrow(() -> new MalformedTokenException(
                        "the " + what + " is not a single JSON object without duplicate members"));
    }

    /** {@return the decoded header; shared between tokens with the same header segment, so never modify it} */
    public ObjectNode header() {
        return header;
    }

    /** {@return the decoded payload (claims); read it, do not modify it} */
    public ObjectNode payload() {
        return payload;
    }

    /** {@return the header segment, still encoded} */
    public Base64URL encodedHeader() {
        return new Base64URL(token.substring(0, firstDot));
    }

    /**
     * The header as Nimbus's {@link JWSHeader}, parsed once per distinct encoded header (immutable, so shared): the
     * header segment is the same bytes, so it is the same header.
     *
     * @return the header
     * @throws ParseException when Nimbus does not accept it
     */
    public JWSHeader jwsHeader() throws ParseException {
        String segment = token.substring(0, firstDot);
        JWSHeader cached = HEADERS.get(segment);
        if (cached != null) {
            return cached;
        }
        JWSHeader parsed = JWSHeader.parse(new Base64URL(segment));
        if (HEADERS.size() >= MAX_CACHED_HEADERS) {
            HEADERS.clear();
        }
        HEADERS.put(segment, parsed);
        return parsed;
    }

    /**
     * The signature segment, still encoded (possibly empty); its {@link Base64URL#decode()} is
     * {@link java.util.Base64}'s, done once (the alphabet and length were checked by {@link #parse}; a signature is
     * public, so Nimbus's constant-time decoder buys nothing here).
     *
     * @return the signature segment
     */
    public Base64URL encodedSignature() {
        return new DecodedOnce(token.substring(secondDot + 1));
    }

    /** A base64url value decoded once, with the JDK's decoder. */
    private static final class DecodedOnce extends Base64URL {
        private static final long serialVersionUID = 1L;

        private final transient byte[] bytes;

        DecodedOnce(String encoded) {
            super(encoded);
            this.bytes = DECODER.decode(encoded);
        }

        @Override
        public byte[] decode() {
            return bytes.clone();
        }
    }

    /** {@return how many strictly parsed header objects are cached; at most 256 (for tests of the bound)} */
    static int cachedHeaderObjects() {
        return HEADER_NODES.size();
    }

    /** {@return how many Nimbus headers are cached; at most 256 (for tests of the bound)} */
    static int cachedJwsHeaders() {
        return HEADERS.size();
    }

    /** {@return the bytes the signature covers: {@code header.payload} in ASCII} */
    public byte[] signingInput() {
        return token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII);
    }
}
