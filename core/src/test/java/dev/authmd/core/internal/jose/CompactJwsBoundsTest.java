package dev.authmd.core.internal.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSHeader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The splitter's limits exactly at their edges: the longest token accepted, characters just outside the base64url
 * alphabet, segment lengths no base64url encoding can have, and the header caches' bound.
 */
class CompactJwsBoundsTest {

    private static final String HEADER = b64("{\"alg\":\"ES256\",\"kid\":\"k\"}");
    private static final String PAYLOAD = b64("{\"iss\":\"https://agents.example\"}");
    private static final String SIGNATURE = "c2lnbmF0dXJl";

    @Test
    void parseWhenTokenIsExactlyTheLongestAcceptedThenParsedAndOneLongerThenRefused() throws Exception {
        String token = HEADER + "." + PAYLOAD + "." + SIGNATURE;

        assertThat(CompactJws.parse(token, token.length()).payload().get("iss").asText())
                .isEqualTo("https://agents.example");
        assertThatThrownBy(() -> CompactJws.parse(token, token.length() - 1))
                .isInstanceOf(MalformedTokenException.class)
                .hasMessage("the token is longer than " + (token.length() - 1) + " characters");
    }

    @Test
    void parseWhenACharacterJustOutsideTheAlphabetThenRefusedAsOutsideTheAlphabet() {
        for (char c : new char[] {'\u007f', '\u0080', '\u00ff', '=', '+', '/', ' '}) {
            String token = HEADER + "." + PAYLOAD + c + "." + SIGNATURE;

            assertThatThrownBy(() -> CompactJws.parse(token, 8192))
                    .as("U+%04X", (int) c)
                    .isInstanceOf(MalformedTokenException.class)
                    .hasMessage("the token holds a character outside the base64url alphabet");
        }
    }

    @Test
    void parseWhenAnySegmentHasALengthNoEncodingHasThenRefusedBeforeDecoding() {
        String impossible = "abcde"; // 5 characters: 4n + 1 is never base64url
        for (String token : new String[] {
            impossible + "." + PAYLOAD + "." + SIGNATURE,
            HEADER + "." + impossible + "." + SIGNATURE,
            HEADER + "." + PAYLOAD + "." + impossible
        }) {
            assertThatThrownBy(() -> CompactJws.parse(token, 8192))
                    .as(token)
                    .isInstanceOf(MalformedTokenException.class)
                    .hasMessage("a token segment is not valid base64url");
        }
    }

    @Test
    void parseWhenTheSignatureHasAnImpossibleLengthWhereverItStartsThenRefused() {
        for (int i = 0; i < 8; i++) {
            String payload = b64("{\"iss\":\"" + "a".repeat(i) + "\"}");
            String token = HEADER + "." + payload + ".abcde";

            assertThatThrownBy(() -> CompactJws.parse(token, 8192))
                    .as("signature starting at %d", token.lastIndexOf('.') + 1)
                    .isInstanceOf(MalformedTokenException.class)
                    .hasMessage("a token segment is not valid base64url");
        }
    }

    @Test
    void parseWhenTheHeaderOrPayloadSegmentIsEmptyThenRefusedAsEmpty() {
        for (String token : new String[] {"." + PAYLOAD + "." + SIGNATURE, HEADER + ".." + SIGNATURE}) {
            assertThatThrownBy(() -> CompactJws.parse(token, 8192))
                    .as(token)
                    .isInstanceOf(MalformedTokenException.class)
                    .hasMessage("the token has an empty header or payload segment");
        }
    }

    @Test
    void parseWhenEverySegmentHasAPossibleLengthThenTheSignatureIsNotDecodedYet() throws Exception {
        // 4n + 2 and 4n + 3 characters are possible lengths
        assertThat(CompactJws.parse(HEADER + "." + PAYLOAD + ".ab", 8192)).isNotNull();
        assertThat(CompactJws.parse(HEADER + "." + PAYLOAD + ".abc", 8192)).isNotNull();
    }

    @Test
    void parseWhenAnotherHeaderCameBetweenThenTheFirstIsStillServedFromTheCache() throws Exception {
        String first = b64("{\"alg\":\"ES256\",\"kid\":\"first-" + System.nanoTime() + "\"}");
        String second = b64("{\"alg\":\"ES256\",\"kid\":\"second-" + System.nanoTime() + "\"}");

        CompactJws a = CompactJws.parse(first + "." + PAYLOAD + "." + SIGNATURE, 8192);
        JWSHeader firstHeader = a.jwsHeader();
        CompactJws.parse(second + "." + PAYLOAD + "." + SIGNATURE, 8192).jwsHeader();
        CompactJws again = CompactJws.parse(first + "." + PAYLOAD + "." + SIGNATURE, 8192);

        assertThat(again.header()).isSameAs(a.header());
        assertThat(again.jwsHeader()).isSameAs(firstHeader);
    }

    @Test
    void parseWhenMoreDistinctHeadersThanTheCachesHoldThenTheyStayWithinTheirBound() throws Exception {
        for (int i = 0; i < 600; i++) {
            CompactJws jws = CompactJws.parse(
                    b64("{\"alg\":\"ES256\",\"kid\":\"bound-" + i + "\"}") + "." + PAYLOAD + "." + SIGNATURE, 8192);
            jws.jwsHeader();
            assertThat(CompactJws.cachedHeaderObjects()).isBetween(1, 256);
            assertThat(CompactJws.cachedJwsHeaders()).isBetween(1, 256);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
