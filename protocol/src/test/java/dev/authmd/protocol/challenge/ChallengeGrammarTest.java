package dev.authmd.protocol.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code WWW-Authenticate} grammar of RFC 9110 §11.6.1 character by character: which characters make a token, a
 * token68 and a quoted-string, where optional whitespace may stand, and what the challenge classes refuse to carry.
 */
class ChallengeGrammarTest {

    /**
     * RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
     * / DIGIT / ALPHA.
     */
    private static boolean tchar(char c) {
        return Character.isLetterOrDigit(c) && c < 0x80 || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** RFC 9110 §11.2: token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
    private static boolean token68Char(char c) {
        return Character.isLetterOrDigit(c) && c < 0x80 || "-._~+/".indexOf(c) >= 0;
    }

    @Test
    void schemeWhenEachAsciiCharacterThenOnlyTcharsMakeAToken() {
        for (char c = 0; c < 0x80; c++) {
            String scheme = "A" + c + "Z";
            List<ChallengeParser.Challenge> parsed = new ChallengeParser(scheme + " realm=r").challenges();

            if (tchar(c)) {
                assertThat(parsed).as("scheme with U+%04X", (int) c).hasSize(1);
                assertThat(parsed.get(0).scheme()).isEqualTo(scheme);
            } else if (c != ' ' && c != '\t' && c != ',') {
                assertThat(parsed)
                        .as("scheme with U+%04X", (int) c)
                        .noneMatch(p -> p.scheme().equals(scheme));
            }
        }
    }

    @Test
    void token68WhenEachAsciiCharacterThenOnlyToken68CharsMakeOne() {
        for (char c = 0x21; c < 0x7f; c++) {
            List<ChallengeParser.Challenge> parsed = new ChallengeParser("Basic a" + c + "b").challenges();

            boolean token68 = parsed.size() == 1 && parsed.get(0).token68();
            assertThat(token68).as("token68 with %s", c).isEqualTo(token68Char(c));
        }
    }

    @Test
    void token68WhenPaddedAndFollowedByWhitespaceThenAnotherChallengeThenBothParsed() {
        List<ChallengeParser.Challenge> parsed =
                new ChallengeParser("Basic dXNlcjpwYXNz== \t , Bearer realm=\"api\"").challenges();

        assertThat(parsed).hasSize(2);
        assertThat(parsed.get(0).scheme()).isEqualTo("Basic");
        assertThat(parsed.get(0).token68()).isTrue();
        assertThat(parsed.get(0).parameters()).isEmpty();
        assertThat(parsed.get(1).scheme()).isEqualTo("Bearer");
        assertThat(parsed.get(1).parameters()).containsExactly(Map.entry("realm", "api"));
    }

    @Test
    void token68WhenFollowedByMoreThanWhitespaceThenNotAToken68() {
        assertThat(new ChallengeParser("Basic abc def").challenges()).noneMatch(ChallengeParser.Challenge::token68);
        assertThat(new ChallengeParser("Basic abc=def").challenges())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.token68()).isFalse();
                    assertThat(c.parameters()).containsExactly(Map.entry("abc", "def"));
                });
    }

    @Test
    void schemeWhenWhitespaceBeforeTheCommaThenAChallengeWithoutParameters() {
        List<ChallengeParser.Challenge> parsed =
                new ChallengeParser("Negotiate \t , Bearer error=invalid_token").challenges();

        assertThat(parsed).extracting(ChallengeParser.Challenge::scheme).containsExactly("Negotiate", "Bearer");
        assertThat(parsed.get(0).parameters()).isEmpty();
        assertThat(parsed.get(0).token68()).isFalse();
        assertThat(parsed.get(1).parameters()).containsExactly(Map.entry("error", "invalid_token"));
    }

    @Test
    void parameterWhenWhitespaceAroundTheEqualsSignThenStillOneChallenge() {
        List<ChallengeParser.Challenge> parsed =
                new ChallengeParser("Bearer realm=\"a\", \t error \t= \"invalid_token\" ,scope=\"x y\"").challenges();

        assertThat(parsed)
                .singleElement()
                .satisfies(c -> assertThat(c.parameters())
                        .containsExactly(
                                Map.entry("realm", "a"),
                                Map.entry("error", "invalid_token"),
                                Map.entry("scope", "x y")));
    }

    @Test
    void quotedStringWhenEscapesAndTabThenUnescapedContent() {
        assertThat(new ChallengeParser("Bearer realm=\"a\\\"b\\\\c\td\"").challenges())
                .singleElement()
                .satisfies(c -> assertThat(c.parameters()).containsEntry("realm", "a\"b\\c\td"));
        assertThat(new ChallengeParser("Bearer realm=\"\"").challenges())
                .singleElement()
                .satisfies(c -> assertThat(c.parameters()).containsEntry("realm", ""));
    }

    @Test
    void quotedStringWhenControlCharacterOrEscapedControlOrDeleteThenChallengeDropped() {
        for (String bad : List.of("\u0001", "\\\u0001", "\u007f", "\\\u007f", "\n")) {
            assertThat(new ChallengeParser("Bearer realm=\"a" + bad + "b\", Basic abc").challenges())
                    .as("quoted %s", bad.chars().boxed().toList())
                    .extracting(ChallengeParser.Challenge::scheme)
                    .containsExactly("Basic");
        }
    }

    @Test
    void bearerParseAllWhenHeaderAtTheLengthLimitThenParsedAndOneOverThenIgnored() {
        String prefix = "Bearer realm=\"";
        String atLimit = prefix + "a".repeat(BearerChallenge.MAX_HEADER_LENGTH - prefix.length() - 1) + "\"";

        assertThat(atLimit).hasSize(BearerChallenge.MAX_HEADER_LENGTH);
        assertThat(BearerChallenge.parseAll(atLimit)).hasSize(1);
        assertThat(AgentAuthChallenge.parseAll(
                        "AgentAuth error=\"e\"" + " ".repeat(BearerChallenge.MAX_HEADER_LENGTH - 19)))
                .hasSize(1);
        assertThat(BearerChallenge.parseAll(atLimit + " ")).isEmpty();
        assertThat(AgentAuthChallenge.parseAll(
                        "AgentAuth error=\"e\"" + " ".repeat(BearerChallenge.MAX_HEADER_LENGTH - 18)))
                .isEmpty();
    }

    @Test
    void bearerBuilderWhenAnyMemberHoldsANonPrintableCharacterThenRefusedNamingIt() {
        for (char bad : new char[] {'\r', '\n', '\u001f', '\u007f', 'é'}) {
            String value = "a" + bad;
            assertThatThrownBy(() -> BearerChallenge.builder().realm(value).build())
                    .hasMessageStartingWith("realm ");
            assertThatThrownBy(() ->
                            BearerChallenge.builder().resourceMetadata(value).build())
                    .hasMessageStartingWith("resource_metadata ");
            assertThatThrownBy(() -> BearerChallenge.builder().error(value).build())
                    .hasMessageStartingWith("error ");
            assertThatThrownBy(() ->
                            BearerChallenge.builder().errorDescription(value).build())
                    .hasMessageStartingWith("error_description ");
            assertThatThrownBy(() -> BearerChallenge.builder().scope(value).build())
                    .hasMessageStartingWith("scope ");
        }
        assertThat(BearerChallenge.builder().realm(" ~").build().realm()).contains(" ~");
    }

    @Test
    void bearerEqualsAndParameterWhenMembersDifferThenUnequalAndEachMemberReadableByName() {
        BearerChallenge full = BearerChallenge.builder()
                .realm("r")
                .resourceMetadata("https://api.example.com/.well-known/oauth-protected-resource")
                .error("invalid_token")
                .errorDescription("d")
                .scope("s")
                .parameter("extra", "x")
                .build();
        BearerChallenge same = BearerChallenge.parse(full.toHeaderValue()).orElseThrow();

        assertThat(full).isEqualTo(same).hasSameHashCodeAs(same).isEqualTo(full).isNotEqualTo("Bearer");
        assertThat(full).isNotEqualTo(BearerChallenge.builder().realm("r").build());
        assertThat(full.hashCode())
                .isNotEqualTo(BearerChallenge.builder().build().hashCode());
        assertThat(full.parameter("REALM")).contains("r");
        assertThat(full.parameter("resource_metadata"))
                .contains("https://api.example.com/.well-known/oauth-protected-resource");
        assertThat(full.parameter("Error")).contains("invalid_token");
        assertThat(full.parameter("error_description")).contains("d");
        assertThat(full.parameter("scope")).contains("s");
        assertThat(full.parameter("extra")).contains("x");
        assertThat(full.parameter("absent")).isEmpty();
    }

    @Test
    void agentAuthWhenMaxAgeZeroOrDigitsOnlyThenKeptAndToStringIsTheHeaderValue() {
        AgentAuthChallenge zero = AgentAuthChallenge.loginRequired(0, "again", null);
        List<AgentAuthChallenge> parsed = AgentAuthChallenge.parseAll(
                "AgentAuth error=\"login_required\", max_age=0, error_description=\"again\"");

        assertThat(zero.toString()).isEqualTo(zero.toHeaderValue());
        assertThat(parsed).containsExactly(zero);
        assertThat(parsed.get(0).hashCode()).isEqualTo(zero.hashCode());
        assertThat(zero).isNotEqualTo(AgentAuthChallenge.loginRequired(1, "again", null));
        assertThat(zero.hashCode())
                .isNotEqualTo(AgentAuthChallenge.interactionRequired("other").hashCode());
        assertThat(AgentAuthChallenge.parseAll("AgentAuth error=\"login_required\", max_age=\"12a\""))
                .isEmpty();
        assertThat(AgentAuthChallenge.parseAll("AgentAuth error=\"login_required\", max_age=\"\""))
                .isEmpty();
    }

    @Test
    void quotedStringWhenUnterminatedThenChallengeDropped() {
        assertThat(new ChallengeParser("Basic abc, Bearer realm=\"never closed").challenges())
                .extracting(ChallengeParser.Challenge::scheme)
                .containsExactly("Basic");
    }

    @Test
    void agentAuthWhenMaxAgeHasEighteenDigitsThenKeptAndNineteenThenRefused() {
        assertThat(AgentAuthChallenge.parseAll("AgentAuth error=\"login_required\", max_age=999999999999999999"))
                .singleElement()
                .satisfies(c -> assertThat(c.maxAge()).contains(999_999_999_999_999_999L));
        assertThat(AgentAuthChallenge.parseAll("AgentAuth error=\"login_required\", max_age=1000000000000000000"))
                .isEmpty();
    }

    @Test
    void agentAuthWhenTheErrorHoldsOnlyCharactersAHeaderCannotCarryThenNoChallengeAndNoException() {
        assertThat(AgentAuthChallenge.parseAll("AgentAuth error=\"\u00f8\u009a\", Bearer realm=\"x\""))
                .isEmpty();
        assertThat(AgentAuthChallenge.parseAll("AgentAuth error=\"\u00f8a\""))
                .singleElement()
                .satisfies(c -> assertThat(c.error()).isEqualTo("a"));
    }

    @Test
    void agentAuthWhenDescriptionHoldsControlsOrTildeThenControlsDroppedAndTildeKept() {
        AgentAuthChallenge challenge = AgentAuthChallenge.interactionRequired("a~\u007f\u001fb c");

        assertThat(challenge.errorDescription()).contains("a~b c");
    }
}
