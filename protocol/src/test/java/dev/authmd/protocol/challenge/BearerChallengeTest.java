package dev.authmd.protocol.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.protocol.metadata.WellKnownUris;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerChallengeTest {

    private static final String PRM = "https://api.example.com/.well-known/oauth-protected-resource";

    private static URI prm() {
        return WellKnownUris.protectedResourceMetadata(URI.create("https://api.example.com"));
    }

    // --- building ---------------------------------------------------------------------------

    @Test
    void toHeaderValueWhenNoParametersThenBareScheme() {
        assertThat(BearerChallenge.builder().build().toHeaderValue()).isEqualTo("Bearer");
    }

    @Test
    void toHeaderValueWhenAllParametersThenNamedOnesFirstThenOthersInInsertionOrder() {
        BearerChallenge challenge = BearerChallenge.builder()
                .parameter("Zeta", "1")
                .scope("api.read api.write")
                .error(ProtocolError.INSUFFICIENT_SCOPE.code())
                .parameter("error_uri", "https://docs.example.com/errors")
                .errorDescription("Needs api.write")
                .resourceMetadata(PRM)
                .realm("example")
                .build();

        assertThat(challenge.toHeaderValue())
                .isEqualTo("Bearer realm=\"example\", resource_metadata=\"" + PRM + "\", "
                        + "error=\"insufficient_scope\", error_description=\"Needs api.write\", scope=\"api.read api.write\", "
                        + "zeta=\"1\", error_uri=\"https://docs.example.com/errors\"");
        assertThat(challenge.toString()).isEqualTo(challenge.toHeaderValue());
    }

    @Test
    void toHeaderValueWhenValueHasQuotesAndBackslashesThenTheyAreEscaped() {
        BearerChallenge challenge = BearerChallenge.builder()
                .errorDescription("say \"hi\" \\ bye")
                .realm("\\\"")
                .build();

        assertThat(challenge.toHeaderValue())
                .isEqualTo("Bearer realm=\"\\\\\\\"\", error_description=\"say \\\"hi\\\" \\\\ bye\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\rb",
                "a\nb",
                "a\r\nSet-Cookie: x=y",
                "\u0000",
                "tab\there",
                "del\u007f",
                "caf\u00e9",
                "snow\u2603",
                "\u0085"
            })
    void buildWhenValueHasControlOrNonAsciiCharacterThenRefused(String value) {
        assertThatThrownBy(
                        () -> BearerChallenge.builder().errorDescription(value).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("error_description must contain only printable ASCII characters "
                        + "(no CR, LF or other control characters)");
        assertThatThrownBy(() ->
                        BearerChallenge.builder().parameter("x_extra", value).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x_extra must contain only printable ASCII characters "
                        + "(no CR, LF or other control characters)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a=b", "a\"", "a,b", "ä", "a\r"})
    void parameterWhenNameIsNotATokenThenRefused(String name) {
        assertThatThrownBy(() -> BearerChallenge.builder().parameter(name, "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter names must be RFC 9110 tokens");
    }

    @Test
    void parameterWhenNamedParameterInAnyCaseThenTypedSlotIsSet() {
        BearerChallenge challenge = BearerChallenge.builder()
                .parameter("Resource_Metadata", PRM)
                .parameter("ERROR", "invalid_token")
                .parameter("Scope", "a")
                .parameter("REALM", "r")
                .parameter("Error_Description", "d")
                .build();

        assertThat(challenge.resourceMetadata()).contains(PRM);
        assertThat(challenge.error()).contains("invalid_token");
        assertThat(challenge.protocolError()).contains(ProtocolError.INVALID_TOKEN);
        assertThat(challenge.scope()).contains("a");
        assertThat(challenge.realm()).contains("r");
        assertThat(challenge.errorDescription()).contains("d");
        assertThat(challenge.additionalParameters()).isEmpty();
        assertThat(challenge.parameter("resource_METADATA")).contains(PRM);
    }

    @Test
    void parameterWhenValueNullThenParameterRemoved() {
        BearerChallenge challenge = BearerChallenge.builder()
                .error("x")
                .parameter("k", "v")
                .parameter("error", null)
                .parameter("K", null)
                .build();

        assertThat(challenge.toHeaderValue()).isEqualTo("Bearer");
    }

    @Test
    void toBuilderWhenEditedThenOtherParametersStay() {
        BearerChallenge original = BearerChallenge.builder()
                .resourceMetadata(PRM)
                .parameter("k", "v")
                .build();

        BearerChallenge edited =
                original.toBuilder().error(ProtocolError.INVALID_TOKEN.code()).build();

        assertThat(edited.toHeaderValue())
                .isEqualTo("Bearer resource_metadata=\"" + PRM + "\", error=\"invalid_token\", k=\"v\"");
        assertThat(original.toBuilder().build()).isEqualTo(original).hasSameHashCodeAs(original);
    }

    // --- factories --------------------------------------------------------------------------

    @Test
    void missingCredentialWhenMetadataUrlGivenThenOnlyResourceMetadata() {
        assertThat(BearerChallenge.missingCredential(prm()).toHeaderValue())
                .isEqualTo("Bearer resource_metadata=\"" + PRM + "\"");
    }

    @Test
    void invalidTokenWhenMetadataUrlGivenThenResourceMetadataAndInvalidToken() {
        assertThat(BearerChallenge.invalidToken(prm()).toHeaderValue())
                .isEqualTo("Bearer resource_metadata=\"" + PRM + "\", error=\"invalid_token\", "
                        + "error_description=\"The credential is missing, unknown, expired or revoked.\"");
    }

    @Test
    void insufficientScopeWhenScopesGivenThenScopeIsSpaceSeparated() {
        BearerChallenge challenge = BearerChallenge.insufficientScope(prm(), List.of("api.read", "api.write"));

        assertThat(challenge.toHeaderValue())
                .isEqualTo("Bearer resource_metadata=\"" + PRM + "\", error=\"insufficient_scope\", "
                        + "error_description=\"The credential lacks a required scope.\", scope=\"api.read api.write\"");
        assertThat(challenge.scopes()).containsExactly("api.read", "api.write");
        assertThat(challenge.protocolError()).contains(ProtocolError.INSUFFICIENT_SCOPE);
    }

    @Test
    void insufficientScopeWhenScopesEmptyOrNotTokensThenRefused() {
        assertThatThrownBy(() -> BearerChallenge.insufficientScope(prm(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requiredScopes cannot be empty");
        assertThatThrownBy(() -> BearerChallenge.insufficientScope(prm(), List.of("a b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requiredScopes must hold RFC 6749 scope tokens");
        assertThatThrownBy(() -> BearerChallenge.insufficientScope(prm(), List.of("a\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requiredScopes must hold RFC 6749 scope tokens");
    }

    @Test
    void missingCredentialWhenResourceHasPathThenPathSpecificMetadataUrl() {
        URI prm = WellKnownUris.protectedResourceMetadata(URI.create("https://api.example.com/v1"));

        assertThat(BearerChallenge.missingCredential(prm).resourceMetadata())
                .contains("https://api.example.com/.well-known/oauth-protected-resource/v1");
    }

    // --- parsing: well-formed -------------------------------------------------------------

    @Test
    void parseWhenOwnHeaderThenRoundTrips() {
        BearerChallenge challenge = BearerChallenge.builder()
                .realm("r, with \"quotes\" and \\")
                .resourceMetadata(PRM)
                .error(ProtocolError.INVALID_TOKEN.code())
                .errorDescription("a, b=c, Bearer x=\"y\"")
                .scope("a b")
                .parameter("error_uri", "https://e.example")
                .build();

        assertThat(BearerChallenge.parseAll(challenge.toHeaderValue())).containsExactly(challenge);
        assertThat(BearerChallenge.parse(BearerChallenge.invalidToken(prm()).toHeaderValue()))
                .contains(BearerChallenge.invalidToken(prm()));
    }

    @Test
    void parseWhenOtherSchemesAroundThenOnlyBearerIsReturned() {
        assertThat(BearerChallenge.parse("Basic realm=\"x\", Bearer resource_metadata=\"" + PRM + "\"")
                        .flatMap(BearerChallenge::resourceMetadata))
                .contains(PRM);
        assertThat(BearerChallenge.parse("DPoP algs=\"ES256 PS256\", Bearer error=\"invalid_token\"")
                        .flatMap(BearerChallenge::error))
                .contains("invalid_token");
        assertThat(BearerChallenge.parse("Basic dXNlcjpwYXNz==, Bearer realm=\"r\"")
                        .flatMap(BearerChallenge::realm))
                .contains("r");
        assertThat(BearerChallenge.parse("Negotiate, Bearer realm=\"r\", Basic realm=\"b\", charset=\"UTF-8\"")
                        .map(BearerChallenge::toHeaderValue))
                .contains("Bearer realm=\"r\"");
        assertThat(BearerChallenge.parse(
                        "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", " + "Basic realm=\"simple\""))
                .isEmpty();
    }

    @Test
    void parseWhenSchemeAndNamesInAnyCaseThenRecognised() {
        assertThat(BearerChallenge.parse("bEaReR ERROR=\"invalid_token\", Resource_Metadata=\"" + PRM + "\"")
                        .map(BearerChallenge::toHeaderValue))
                .contains("Bearer resource_metadata=\"" + PRM + "\", error=\"invalid_token\"");
    }

    @Test
    void parseWhenValuesAreTokensThenAccepted() {
        BearerChallenge challenge = BearerChallenge.parse("Bearer error=invalid_token, scope=api.read, max_age=300")
                .orElseThrow();

        assertThat(challenge.error()).contains("invalid_token");
        assertThat(challenge.scope()).contains("api.read");
        assertThat(challenge.additionalParameters()).containsExactly(entry("max_age", "300"));
    }

    @Test
    void parseWhenQuotedValuesHoldCommasEqualsAndEscapesThenUnescaped() {
        BearerChallenge challenge = BearerChallenge.parse(
                        "Bearer error_description=\"a, b=\\\"c\\\", \\\\d\\e\", Realm=\"x,y\"")
                .orElseThrow();

        assertThat(challenge.errorDescription()).contains("a, b=\"c\", \\de");
        assertThat(challenge.realm()).contains("x,y");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer error=\"invalid_token\",scope=\"a\"",
                "Bearer   error = \"invalid_token\" ,   scope= \"a\"",
                "Bearer\terror\t=\t\"invalid_token\"\t,\tscope=\"a\"\t",
                ", ,Bearer error=\"invalid_token\",, ,scope=\"a\",",
                "Bearer scope=\"a\", error=\"invalid_token\"",
                "Basic realm=\"x\",Bearer scope=a,error=invalid_token,  "
            })
    void parseWhenWhitespaceCommasAndOrderVaryThenSameChallenge(String header) {
        assertThat(BearerChallenge.parseAll(header))
                .containsExactly(BearerChallenge.builder()
                        .error("invalid_token")
                        .scope("a")
                        .build());
    }

    @Test
    void parseAllWhenSeveralBearerChallengesThenAllInOrderAndParseReturnsFirst() {
        String header = "Bearer realm=\"one\", Basic realm=\"b\", Bearer realm=\"two\", Bearer";

        assertThat(BearerChallenge.parseAll(header))
                .extracting(c -> c.realm().orElse("-"))
                .containsExactly("one", "two", "-");
        assertThat(BearerChallenge.parse(header).flatMap(BearerChallenge::realm))
                .contains("one");
    }

    @Test
    void parseWhenBareBearerThenChallengeWithoutParameters() {
        assertThat(BearerChallenge.parseAll("Bearer"))
                .containsExactly(BearerChallenge.builder().build());
        assertThat(BearerChallenge.parseAll("Bearer  , Basic"))
                .containsExactly(BearerChallenge.builder().build());
    }

    @Test
    void parseWhenUnknownParametersThenKeptLowerCasedInOrder() {
        BearerChallenge challenge = BearerChallenge.parse("Bearer Error_URI=\"https://e\", X-Extra=1, realm=r")
                .orElseThrow();

        assertThat(challenge.additionalParameters())
                .containsExactly(entry("error_uri", "https://e"), entry("x-extra", "1"));
        assertThat(challenge.parameter("ERROR_URI")).contains("https://e");
        assertThat(challenge.parameter("missing")).isEmpty();
    }

    // --- parsing: hostile ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                ",,,",
                "=",
                "\"",
                "Bearer realm=\"abc",
                "Bearer realm=\"abc\\",
                "Bearer error=\"invalid_token\"\r\nSet-Cookie: a=b",
                "Bearer error=\"a\u0000b\"",
                "Bearer error=\"a\nb\"",
                "Bearer error=\"caf\u00e9\"",
                "Bearer error=\"a\tb\"",
                "Bearer error=\"a\", error=\"b\"",
                "Bearer error=\"a\", ERROR=\"a\"",
                "Bearer abc123==",
                "Bearer YWJj",
                "Bearer =x",
                "Bearer x=",
                "Bearer x= ,",
                "Bearer x",
                "Bearer \"x\"",
                "Bearer error=\"a\" junk",
                "Bearer error==\"a\"",
                "Bearer=\"x\"",
                "Bear\u0000er realm=\"x\"",
                "\u0000Bearer",
                "Bearer error=\"x\"\\",
                "Bearer error=\\\"x\\\""
            })
    void parseAllWhenHeaderIsMalformedThenEmptyAndNoException(String header) {
        assertThat(BearerChallenge.parseAll(header)).isEmpty();
        assertThat(BearerChallenge.parse(header)).isEmpty();
    }

    @Test
    void parseAllWhenOneChallengeIsBrokenThenTheOthersAreStillReturned() {
        assertThat(BearerChallenge.parseAll("Bearer error=\"a\rb\", Bearer error=\"ok\""))
                .containsExactly(BearerChallenge.builder().error("ok").build());
        assertThat(BearerChallenge.parseAll("Basic realm=\"x\u0001y\", Bearer realm=\"ok\""))
                .containsExactly(BearerChallenge.builder().realm("ok").build());
        assertThat(BearerChallenge.parseAll(
                        "Bearer realm=\"ok\", Bearer error=\"a\", error=\"b\", Bearer realm=\"ok2\""))
                .extracting(c -> c.realm().orElseThrow())
                .containsExactly("ok", "ok2");
        assertThat(BearerChallenge.parseAll("Bearer realm=\"ok\", Bearer error=\"unterminated, Bearer realm=\"x\""))
                .extracting(c -> c.realm().orElse("-"))
                .containsExactly("ok");
        assertThat(BearerChallenge.parseAll("Bearer, x=y"))
                .containsExactly(BearerChallenge.builder().build());
    }

    @Test
    void parseAllWhenHeaderLongerThan8KiBThenEmpty() {
        String valid = "Bearer resource_metadata=\"" + PRM + "\", error_description=\"";
        String atLimit = valid + "a".repeat(BearerChallenge.MAX_HEADER_LENGTH - valid.length() - 1) + "\"";
        String overLimit = valid + "a".repeat(BearerChallenge.MAX_HEADER_LENGTH - valid.length()) + "\"";

        assertThat(atLimit).hasSize(BearerChallenge.MAX_HEADER_LENGTH);
        assertThat(BearerChallenge.parseAll(atLimit)).hasSize(1);
        assertThat(BearerChallenge.parseAll(overLimit)).isEmpty();
        assertThat(BearerChallenge.parseAll("Bearer realm=\"x\", " + "b".repeat(1_000_000)))
                .isEmpty();
    }

    @Test
    void parseAllWhenRandomGarbageThenNeverThrows() {
        Random random = new Random(20260523L);
        char[] alphabet = {
            'B', 'e', 'a', 'r', 'x', '=', '"', '\\', ',', ' ', '\t', '\r', '\n', '\u0000', '/', '+', '\u00e9', '\u2603',
            'E', '_'
        };
        for (int n = 0; n < 20_000; n++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                header.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String value = header.toString();
            assertThatCode(() -> BearerChallenge.parseAll(value)
                            .forEach(c -> assertThat(BearerChallenge.parseAll(c.toHeaderValue()))
                                    .containsExactly(c)))
                    .as(
                            "header %s",
                            value.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0"))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void parseAllWhenManyParametersThenAllKept() {
        StringBuilder header = new StringBuilder("Bearer ");
        for (int i = 0; i < 200; i++) {
            header.append(i == 0 ? "" : ", ")
                    .append("p")
                    .append(i)
                    .append("=\"v")
                    .append(i)
                    .append('"');
        }

        Map<String, String> parameters =
                BearerChallenge.parse(header.toString()).orElseThrow().additionalParameters();

        assertThat(parameters).hasSize(200).containsEntry("p199", "v199");
    }

    @Test
    void parseWhenNullThenNullPointerExceptionNamesIt() {
        assertThatThrownBy(() -> BearerChallenge.parseAll(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("header cannot be null");
    }

    @Test
    void scopesWhenScopeHasRunsOfSpacesThenSplitCleanly() {
        assertThat(BearerChallenge.parse("Bearer scope=\" a  b \"")
                        .orElseThrow()
                        .scopes())
                .containsExactly("a", "b");
        assertThat(BearerChallenge.builder().build().scopes()).isEmpty();
    }
}
