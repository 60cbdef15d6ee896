package dev.authmd.core.internal.jose;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.util.Base64URL;
import dev.authmd.core.internal.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A compact JWS split and decoded by hand, so that what Nimbus's lenient parser lets through is refused first: anything
 * but three segments (a JWE has five), characters outside the base64url alphabet (padding and whitespace included),
 * impossible segment lengths, header or payload that is not one strict JSON object (duplicate member names included).
 * Immutable.
 */
public final class CompactJws {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

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
        ObjectNode header = decodeObject(token.substring(0, firstDot), "header");
        ObjectNode payload = decodeObject(token.substring(firstDot + 1, secondDot), "payload");
        return new CompactJws(token, firstDot, secondDot, header, payload);
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static boolean impossibleLength(int length) {
        return length % 4 == 1;
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

    /** {@return the decoded header} */
    public ObjectNode header() {
        return header;
    }

    /** {@return the decoded payload (claims)} */
    public ObjectNode payload() {
        return payload;
    }

    /** {@return the header segment, still encoded} */
    public Base64URL encodedHeader() {
        return new Base64URL(token.substring(0, firstDot));
    }

    /** {@return the signature segment, still encoded (possibly empty)} */
    public Base64URL encodedSignature() {
        return new Base64URL(token.substring(secondDot + 1));
    }

    /** {@return the bytes the signature covers: {@code header.payload} in ASCII} */
    public byte[] signingInput() {
        return token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII);
    }
}
