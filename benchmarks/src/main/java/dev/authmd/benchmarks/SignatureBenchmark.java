package dev.authmd.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.authmd.core.internal.jose.EcProviders;
import dev.authmd.core.internal.jose.JwsVerifiers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The signature of the {@link IdJagVerifyBenchmark} token checked alone, the floor under full verification:
 *
 * <ul>
 *   <li>{@link #raw()} — plain JCA: {@code Signature.getInstance}, {@code initVerify}, {@code update(header.payload)},
 *       {@code verify}; for ES256 the JOSE (P1363) signature is converted to DER first, as every JCA ECDSA verifier
 *       must;
 *   <li>{@link #nimbus()} — the Nimbus {@code ECDSAVerifier}/{@code RSASSAVerifier} core uses, with the same JCA
 *       provider.
 * </ul>
 *
 * {@code provider}: {@code jdk} = the JDK's default provider (SunEC, SunRsaSign); {@code bc} = BouncyCastle given the
 * JDK-decoded public key (what Nimbus hands it); {@code bc-bckey} = BouncyCastle given its own key object decoded from
 * the X.509 (named-curve) encoding; {@code accp}, {@code conscrypt} = the native providers, given their own key
 * objects; {@code core} = what the library uses, {@code JwsVerifiers.detected()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class SignatureBenchmark {

    /** The token's algorithm. */
    @Param({"ES256", "RS256"})
    public String alg;

    /** Which JCA provider checks the signature. */
    @Param({"jdk", "bc", "bc-bckey", "accp", "conscrypt", "core"})
    public String provider;

    private Provider jca;
    private String jcaAlgorithm;
    private PublicKey publicKey;
    private byte[] signingInput;
    private byte[] joseSignature;
    private JWSHeader header;
    private Base64URL encodedSignature;
    private JWSVerifier nimbusVerifier;

    /** Prepares the token parts, the key and the verifier; fails unless both paths verify. */
    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException, ParseException, JOSEException {
        String token = BenchFixtures.idJag(alg, "user-1", Instant.parse("2026-05-04T12:00:00Z"));
        int lastDot = token.lastIndexOf('.');
        signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        encodedSignature = new Base64URL(token.substring(lastDot + 1));
        joseSignature = encodedSignature.decode();
        header = JWSHeader.parse(new Base64URL(token.substring(0, token.indexOf('.'))));
        JWK jwk = JWKSet.parse(BenchFixtures.Keys.of(alg).jwksJson()).getKeys().get(0);
        boolean ec = alg.equals("ES256");
        jcaAlgorithm = ec ? "SHA256withECDSA" : "SHA256withRSA";
        PublicKey jdkKey = ec ? ((ECKey) jwk).toECPublicKey() : ((RSAKey) jwk).toRSAPublicKey();
        if (provider.equals("core")) {
            // exactly what the library builds: JwsVerifiers.detected() (BouncyCastle for ECDSA when present)
            JwsVerifiers verifiers = JwsVerifiers.detected();
            jca = ec ? verifiers.ecProvider().orElse(null) : null;
            publicKey = ec && jca != null ? ((ECKey) jwk).toECPublicKey(jca) : jdkKey;
            nimbusVerifier = ec ? verifiers.ec((ECKey) jwk) : verifiers.rsa((RSAKey) jwk);
        } else {
            jca = switch (provider) {
                case "jdk" -> null;
                case "accp", "conscrypt" ->
                    EcProviders.Candidate.byKey(provider)
                            .flatMap(EcProviders::load)
                            .flatMap(EcProviders.Loaded::provider)
                            .orElseThrow(() -> new IllegalStateException(provider + " does not load here"));
                default -> new BouncyCastleProvider();
            };
            publicKey = !provider.equals("bc") && jca != null
                    ? KeyFactory.getInstance(ec ? "EC" : "RSA", jca)
                            .generatePublic(new X509EncodedKeySpec(jdkKey.getEncoded()))
                    : jdkKey;
            nimbusVerifier =
                    ec ? new ECDSAVerifier((ECPublicKey) publicKey) : new RSASSAVerifier((RSAPublicKey) publicKey);
            if (jca != null) {
                nimbusVerifier.getJCAContext().setProvider(jca);
            }
        }
        if (!raw() || !nimbus()) {
            throw new IllegalStateException("the benchmark signature does not verify");
        }
    }

    /** @return whether the signature verified (always true) */
    @Benchmark
    public boolean raw() throws GeneralSecurityException, JOSEException {
        byte[] signature = alg.equals("ES256") ? ECDSA.transcodeSignatureToDER(joseSignature) : joseSignature;
        Signature verifier =
                jca == null ? Signature.getInstance(jcaAlgorithm) : Signature.getInstance(jcaAlgorithm, jca);
        verifier.initVerify(publicKey);
        verifier.update(signingInput);
        return verifier.verify(signature);
    }

    /** @return whether the signature verified (always true) */
    @Benchmark
    public boolean nimbus() throws JOSEException {
        return nimbusVerifier.verify(header, signingInput, encodedSignature);
    }
}
