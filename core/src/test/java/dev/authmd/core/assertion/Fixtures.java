package dev.authmd.core.assertion;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.provider.ClientIdMetadataDocument;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.LogoutTokenMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.provider.SecurityEventMinter;
import dev.authmd.core.testsupport.MapReplayCache;
import dev.authmd.core.testsupport.MutableClock;
import dev.authmd.core.testsupport.StubFetcher;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.ProviderPolicy;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shared world for assertion tests: a service at https://api.example.com/v1, provider P (ES256, pinned JWKS, accepts
 * CIMD client ids) and provider R (RS256, inline keys, strict policy), served by an in-memory fetcher.
 */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");
    static final String P = "https://provider.example";
    static final String P_JWKS = P + "/jwks.json";
    static final String P_CIMD = P + "/client.json";
    static final String P_CIMD_OTHER = P + "/other-client.json";
    static final String P_CIMD_WRONG_ID = P + "/wrong-id.json";
    static final String R = "https://enterprise.example";
    static final String AS_ISSUER = "https://api.example.com";
    static final String RESOURCE = "https://api.example.com/v1";

    static final ProviderKeys P_KEYS = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
    static final ProviderKeys R_KEYS = ProviderKeys.generate(ProviderKeys.KeyType.RSA_2048);
    static final ProviderKeys ATTACKER_KEYS = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);

    static final AgentAuthConfig CONFIG =
            AgentAuthConfig.builder(URI.create(RESOURCE)).build();

    final MutableClock clock = new MutableClock(NOW);
    final MapReplayCache replay = new MapReplayCache();
    final StubFetcher fetcher = new StubFetcher()
            .json(P_JWKS, P_KEYS.jwksJson())
            .json(
                    P_CIMD,
                    ClientIdMetadataDocument.builder(URI.create(P_CIMD))
                            .jwksUri(URI.create(P_JWKS))
                            .build()
                            .toJson())
            .json(
                    P_CIMD_OTHER,
                    ClientIdMetadataDocument.builder(URI.create(P_CIMD_OTHER))
                            .jwksUri(URI.create("https://elsewhere.example/jwks.json"))
                            .build()
                            .toJson())
            .json(
                    P_CIMD_WRONG_ID,
                    ClientIdMetadataDocument.builder(URI.create(P_CIMD))
                            .jwksUri(URI.create(P_JWKS))
                            .build()
                            .toJson());
    final TrustList trustList = TrustList.builder()
            .add(TrustedProvider.builder(P)
                    .displayName("Provider P")
                    .keyLocation(KeyLocation.pinned(URI.create(P_JWKS)))
                    .algorithms(List.of("ES256"))
                    .clientIds(List.of("agent-cli"))
                    .acceptCimdClientIds(true)
                    .build())
            .add(TrustedProvider.builder(R)
                    .displayName("Enterprise R")
                    .keyLocation(KeyLocation.inline(R_KEYS.jwksJson()))
                    .algorithms(List.of("RS256", "PS256"))
                    .policy(ProviderPolicy.builder()
                            .requiredAmr(List.of("mfa"))
                            .acrValues(List.of("loa2", "loa3"))
                            .maxAuthAge(Duration.ofHours(1))
                            .build())
                    .build())
            .build();

    IdJagVerifier idJagVerifier() {
        return IdJagVerifier.builder(CONFIG, trustList, replay)
                .httpFetcher(fetcher)
                .clock(clock)
                .build();
    }

    LogoutTokenVerifier.Builder logoutVerifier() {
        return LogoutTokenVerifier.builder(CONFIG, trustList, replay)
                .httpFetcher(fetcher)
                .clock(clock);
    }

    SecurityEventVerifier securityEventVerifier() {
        return SecurityEventVerifier.builder(CONFIG, trustList, replay)
                .httpFetcher(fetcher)
                .clock(clock)
                .build();
    }

    static SecurityEventMinter securityEventFromP() {
        return SecurityEventMinter.builder(P_KEYS)
                .issuer(P)
                .subject("user-1")
                .audience(AS_ISSUER)
                .issuedAt(NOW)
                .jti(UUID.randomUUID().toString());
    }

    static IdJagMinter idJagFromP() {
        return IdJagMinter.builder(P_KEYS)
                .issuer(P)
                .subject("user-1")
                .audience(AS_ISSUER)
                .email("ada@example.com")
                .emailVerified(true)
                .issuedAt(NOW)
                .jti(UUID.randomUUID().toString());
    }

    static IdJagMinter idJagFromR() {
        return IdJagMinter.builder(R_KEYS)
                .issuer(R)
                .subject("emp-7")
                .audience(AS_ISSUER)
                .email("bob@enterprise.example")
                .emailVerified(true)
                .amr(List.of("pwd", "mfa"))
                .acr("loa2")
                .authTime(NOW.minus(Duration.ofMinutes(10)))
                .issuedAt(NOW)
                .jti(UUID.randomUUID().toString());
    }

    static LogoutTokenMinter logoutFromP() {
        return LogoutTokenMinter.builder(P_KEYS)
                .issuer(P)
                .subject("user-1")
                .audience(AS_ISSUER)
                .issuedAt(NOW)
                .jti(UUID.randomUUID().toString());
    }

    /** The JOSE header of a well-formed ID-JAG from P. */
    static Map<String, Object> header(String alg) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "oauth-id-jag+jwt");
        header.put("alg", alg);
        header.put("kid", P_KEYS.currentKid());
        return header;
    }

    /** The claims of a well-formed ID-JAG from P. */
    static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", P);
        claims.put("sub", "user-1");
        claims.put("aud", AS_ISSUER);
        claims.put("client_id", P);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", NOW.getEpochSecond());
        claims.put("exp", NOW.plusSeconds(300).getEpochSecond());
        claims.put("email", "ada@example.com");
        claims.put("email_verified", true);
        return claims;
    }

    static JWK privateKey(ProviderKeys keys) {
        try {
            return JWKSet.parse(keys.privateJwksJson()).getKeys().get(0);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
