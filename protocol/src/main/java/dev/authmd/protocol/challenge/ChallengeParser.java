package dev.authmd.protocol.challenge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A tolerant reader of the {@code WWW-Authenticate} challenge list of RFC 9110 §11.6.1:
 *
 * <pre>
 * challenges = [ challenge ] *( OWS "," OWS [ challenge ] )
 * challenge  = auth-scheme [ 1*SP ( token68 / [ auth-param ] *( OWS "," OWS [ auth-param ] ) ) ]
 * auth-param = token BWS "=" BWS ( token / quoted-string )
 * </pre>
 *
 * After a comma, {@code token BWS "="} continues the current challenge's parameters; anything else starts a new
 * challenge. A challenge with a syntax error is dropped and reading resumes after the next comma outside a
 * quoted-string, measured from the challenge's start. Runs in time linear in the input for practical inputs; callers
 * cap the length. Not API; not thread-safe (one instance per header).
 */
final class ChallengeParser {

    /**
     * One challenge as read.
     *
     * @param scheme the auth-scheme as written
     * @param token68 whether it carried a token68 instead of parameters
     * @param parameters lower-cased names → unescaped values, first occurrence kept
     * @param repeatedParameter whether a parameter name occurred twice (RFC 9110 forbids it)
     */
    record Challenge(String scheme, boolean token68, Map<String, String> parameters, boolean repeatedParameter) {}

    private final String s;
    private int i;

    ChallengeParser(String header) {
        this.s = header;
    }

    /** Returns every well-formed challenge, in order. */
    List<Challenge> challenges() {
        List<Challenge> out = new ArrayList<>();
        while (true) {
            skipOwsAndCommas();
            if (end()) {
                return out;
            }
            int start = i;
            Challenge challenge = challenge();
            if (challenge == null) {
                recoverFrom(start);
            } else {
                out.add(challenge);
            }
        }
    }

    /** Returns the challenge at {@link #i}, or null on a syntax error. */
    private @Nullable Challenge challenge() {
        String scheme = token();
        if (scheme == null) {
            return null;
        }
        int afterScheme = i;
        skipOws();
        if (end() || peek() == ',') {
            return new Challenge(scheme, false, Map.of(), false);
        }
        i = afterScheme;
        if (peek() != ' ' && peek() != '\t') {
            return null;
        }
        skipOws();
        int beforeToken68 = i;
        if (token68()) {
            skipOws();
            if (end() || peek() == ',') {
                return new Challenge(scheme, true, Map.of(), false);
            }
            i = beforeToken68;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        boolean repeated = false;
        while (true) {
            String name = token();
            if (name == null) {
                return null;
            }
            skipOws();
            if (end() || peek() != '=') {
                return null;
            }
            i++;
            skipOws();
            if (end()) {
                return null;
            }
            String value = peek() == '"' ? quotedString() : token();
            if (value == null) {
                return null;
            }
            if (parameters.putIfAbsent(name.toLowerCase(Locale.ROOT), value) != null) {
                repeated = true;
            }
            skipOws();
            if (end()) {
                break;
            }
            if (peek() != ',') {
                return null;
            }
            int atComma = i;
            skipOwsAndCommas();
            if (end()) {
                break;
            }
            if (!parameterAhead()) {
                i = atComma;
                break;
            }
        }
        return new Challenge(scheme, false, parameters, repeated);
    }

    /** Returns whether {@code token BWS "="} starts at {@link #i}; {@link #i} is left unchanged. */
    private boolean parameterAhead() {
        int save = i;
        boolean parameter = token() != null;
        skipOws();
        parameter = parameter && !end() && peek() == '=';
        i = save;
        return parameter;
    }

    /** Moves {@link #i} to the first comma outside a quoted-string at or after {@code start}, or the end. */
    private void recoverFrom(int start) {
        boolean quoted = false;
        for (i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                return;
            }
        }
        i = s.length();
    }

    private @Nullable String token() {
        int start = i;
        while (!end() && isTchar(peek())) {
            i++;
        }
        return i == start ? null : s.substring(start, i);
    }

    private boolean token68() {
        int start = i;
        while (!end() && isToken68Char(peek())) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (!end() && peek() == '=') {
            i++;
        }
        return true;
    }

    /** Returns the unescaped content of the quoted-string at {@link #i}, or null when malformed. */
    private @Nullable String quotedString() {
        StringBuilder value = new StringBuilder();
        i++;
        while (!end()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (end() || isControl(peek())) {
                    return null;
                }
                value.append(s.charAt(i++));
            } else if (isControl(c)) {
                return null;
            } else {
                value.append(c);
            }
        }
        return null;
    }

    private void skipOws() {
        while (!end() && (peek() == ' ' || peek() == '\t')) {
            i++;
        }
    }

    private void skipOwsAndCommas() {
        while (!end() && (peek() == ' ' || peek() == '\t' || peek() == ',')) {
            i++;
        }
    }

    private boolean end() {
        return i >= s.length();
    }

    private char peek() {
        return s.charAt(i);
    }

    /** HTAB is allowed inside quoted-strings by RFC 9110; every other C0 control and DEL is not. */
    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7F;
    }

    private static boolean isTchar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static boolean isToken68Char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~+/".indexOf(c) >= 0;
    }
}
