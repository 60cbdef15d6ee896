package dev.authmd.core.internal.jose;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.ProviderKeys;
import org.junit.jupiter.api.Test;

/** The two shortcuts in the signature path: headers parsed once per encoded segment, signatures decoded once. */
class CompactJwsTest {

    private static final ProviderKeys RSA = ProviderKeys.generate(ProviderKeys.KeyType.RSA_2048);
    private static final ProviderKeys EC = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);

    @Test
    void jwsHeaderWhenTheSameEncodedHeaderThenOneParseAndAnotherHeaderIsItsOwn() throws Exception {
        CompactJws first = CompactJws.parse(token(RSA, "a"), 16_384);
        CompactJws second = CompactJws.parse(token(RSA, "b"), 16_384);
        CompactJws ec = CompactJws.parse(token(EC, "a"), 16_384);

        assertThat(second.jwsHeader()).isSameAs(first.jwsHeader());
        assertThat(first.jwsHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(ec.jwsHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(ec.jwsHeader().getKeyID()).isEqualTo(EC.currentKid());
    }

    @Test
    void jwsHeaderWhenMoreDistinctHeadersThanTheCacheHoldsThenEachStillParsesToItself() throws Exception {
        for (int i = 0; i < 600; i++) {
            String header = Base64URL.encode("{\"alg\":\"RS256\",\"kid\":\"k" + i + "\"}")
                    .toString();
            CompactJws jws = CompactJws.parse(header + ".eyJ4IjoxfQ.c2ln", 16_384);

            assertThat(jws.jwsHeader().getKeyID()).isEqualTo("k" + i);
        }
    }

    @Test
    void parseWhenAHeaderIsRefusedThenItIsRefusedAgainAndNeverServedFromTheCache() throws Exception {
        String duplicate =
                Base64URL.encode("{\"alg\":\"RS256\",\"alg\":\"none\"}").toString();
        String token = duplicate + ".eyJ4IjoxfQ.c2ln";

        for (int i = 0; i < 2; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompactJws.parse(token, 16_384))
                    .isInstanceOf(MalformedTokenException.class)
                    .hasMessageContaining("header");
        }
        CompactJws good = CompactJws.parse(token(RSA, "a"), 16_384);
        assertThat(CompactJws.parse(token(RSA, "b"), 16_384).header()).isSameAs(good.header());
    }

    @Test
    void encodedSignatureWhenDecodedThenTheSameBytesAsNimbusAndACopyEachTime() throws Exception {
        CompactJws jws = CompactJws.parse(token(RSA, "a"), 16_384);
        Base64URL signature = jws.encodedSignature();

        byte[] once = signature.decode();
        once[0] ^= 1;

        assertThat(signature.decode()).isEqualTo(new Base64URL(signature.toString()).decode());
        assertThat(signature.decode()).isNotEqualTo(once);
    }

    @Test
    void rs256WhenVerifiedThroughTheShortcutsThenGoodPassesAndEveryChangedSignatureCharacterFails() throws Exception {
        JWSVerifier verifier = new JwsVerifiers(java.util.Optional.empty())
                .rsa(JWKSet.parse(RSA.jwksJson()).getKeys().get(0).toRSAKey());
        String token = token(RSA, "a");
        CompactJws good = CompactJws.parse(token, 16_384);
        assertThat(verifier.verify(good.jwsHeader(), good.signingInput(), good.encodedSignature()))
                .isTrue();

        int signatureStart = token.lastIndexOf('.') + 1;
        for (int i = signatureStart; i < token.length(); i += 7) {
            char swapped = token.charAt(i) == 'A' ? 'B' : 'A';
            CompactJws bad = CompactJws.parse(token.substring(0, i) + swapped + token.substring(i + 1), 16_384);

            assertThat(verifier.verify(bad.jwsHeader(), bad.signingInput(), bad.encodedSignature()))
                    .as("signature character %d changed", i - signatureStart)
                    .isFalse();
        }
    }

    private static String token(ProviderKeys keys, String subject) {
        return IdJagMinter.builder(keys)
                .issuer("https://provider.example")
                .subject(subject)
                .audience("https://api.example.com")
                .mint();
    }
}
