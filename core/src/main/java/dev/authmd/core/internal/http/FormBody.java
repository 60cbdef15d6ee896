package dev.authmd.core.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Strict {@code application/x-www-form-urlencoded} parsing (the token and revocation endpoints, RFC 6749 Appendix B):
 * percent-escapes must be complete, the decoded bytes valid UTF-8, and {@code +} is a space. A body that breaks any
 * rule is refused as a whole rather than read in part.
 */
public final class FormBody {

    private FormBody() {}

    /**
     * Parses a form body.
     *
     * @param body the raw body
     * @return every parameter with its values in order, or empty when the body is not a valid form
     */
    public static Optional<Map<String, List<String>>> parse(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return Optional.of(parameters);
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            Optional<String> name = decode(eq < 0 ? pair : pair.substring(0, eq));
            Optional<String> value = decode(eq < 0 ? "" : pair.substring(eq + 1));
            if (name.isEmpty() || value.isEmpty()) {
                return Optional.empty();
            }
            parameters.computeIfAbsent(name.get(), n -> new ArrayList<>()).add(value.get());
        }
        return Optional.of(parameters);
    }

    private static Optional<String> decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
