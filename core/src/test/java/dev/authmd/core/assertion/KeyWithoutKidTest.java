package dev.authmd.core.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.protocol.error.SecurityEventError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Security finding 3: a token without {@code kid} was tried against every key of its issuer (301 keys → 330 ms of CPU
 * per forged token). Now it is accepted only when the issuer publishes exactly one usable key for its algorithm, and
 * refused without trying any otherwise; a security event must name its key.
 */
class KeyWithoutKidTest {

    private static String jwksWithPAnd(int others) throws Exception {
        List<JWK> keys =
                new ArrayList<>(JWKSet.parse(Fixtures.P_KEYS.jwksJson()).getKeys());
        for (int i = 0; i < others; i++) {
            keys.addAll(JWKSet.parse(
                            ProviderKeys.generate(ProviderKeys.KeyType.EC_P256).jwksJson())
                    .getKeys());
        }
        return new JWKSet(keys).toString();
    }

    private static AssertionResult<VerifiedIdJag> verify(String jwks, boolean withKid) {
        Fixtures world = new Fixtures();
        world.fetcher.json(Fixtures.P_JWKS, jwks);
        IdJagMinter token = Fixtures.idJagFromP();
        return world.idJagVerifier().verify((withKid ? token : token.keyId(null)).mint());
    }

    @Test
    void verifyWhenNoKidAndSeveralKeysThenRefusedWithoutTryingEvenTheRightOne() throws Exception {
        // P's own key is in the set: trying the keys would have verified the token
        AssertionResult<VerifiedIdJag> result = verify(jwksWithPAnd(300), false);

        assertThat(result.isValid()).isFalse();
        assertThat(result.rejection().error()).isEqualTo(ProtocolError.INVALID_SIGNATURE);
        assertThat(result.rejection().message()).contains("names no kid");
    }

    @Test
    void verifyWhenNoKidAndExactlyOneKeyThenAccepted() throws Exception {
        assertThat(verify(jwksWithPAnd(0), false).isValid()).isTrue();
    }

    @Test
    void verifyWhenTheKidIsNamedAmongManyKeysThenAccepted() throws Exception {
        assertThat(verify(jwksWithPAnd(300), true).isValid()).isTrue();
    }

    @Test
    void verifySecurityEventWhenNoKidThenInvalidKeyEvenWithOneKey() {
        Fixtures world = new Fixtures();
        SecurityEventResult result = world.securityEventVerifier()
                .verify(Fixtures.securityEventFromP().keyId(null).mint());

        assertThat(result)
                .isEqualTo(new SecurityEventResult.Rejected(
                        SecurityEventError.INVALID_KEY, "the header must name the signing key (kid)"));
    }
}
