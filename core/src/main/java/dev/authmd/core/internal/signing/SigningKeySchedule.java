package dev.authmd.core.internal.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.authmd.spi.keys.SigningKey;
import dev.authmd.spi.keys.SigningKeySource;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies a {@link SigningKeySource}'s schedule (docs/protocol.md, current profile §4): the key that signs now, and the
 * keys published at {@code jwks_uri}.
 *
 * <ul>
 *   <li><b>Published</b> from {@code publishedAt} until the last assertion a retired key can have signed has expired:
 *       {@code retiredAt} + assertion lifetime + clock skew.
 *   <li><b>Signs</b> while published, from its activation until {@code retiredAt}. A key that replaces another (any key
 *       but the earliest published) activates no sooner than {@link #PUBLISH_AHEAD} plus the assertion lifetime after
 *       its publication, whatever its {@code activeFrom} says, so every verifier's cached key set holds it before the
 *       first assertion it signs. Of several keys that sign, the one activated last wins.
 * </ul>
 *
 * <p>Thread-safe; the source is asked on every call, so a source that rotates is followed at once.
 */
public final class SigningKeySchedule {

    /** How much longer than an assertion's lifetime a new key is published before it signs. */
    public static final Duration PUBLISH_AHEAD = Duration.ofMinutes(10);

    /** The key that signs now and its {@code kid}. */
    public record ActiveKey(String kid, SigningKey key) {}

    private final SigningKeySource source;
    private final Duration assertionLifetime;
    private final Duration skew;
    private final Clock clock;
    private final Map<SigningKey, JWK> publicJwks = new ConcurrentHashMap<>();

    /**
     * @param source the host's keys
     * @param assertionLifetime how long an assertion the service signs lives
     * @param skew the clock skew verifiers allow
     * @param clock the service clock
     */
    public SigningKeySchedule(SigningKeySource source, Duration assertionLifetime, Duration skew, Clock clock) {
        this.source = Objects.requireNonNull(source, "source cannot be null");
        this.assertionLifetime = Objects.requireNonNull(assertionLifetime, "assertionLifetime cannot be null");
        this.skew = Objects.requireNonNull(skew, "skew cannot be null");
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
    }

    /**
     * {@return the key that signs now}
     *
     * @throws IllegalStateException when the source holds no key that may sign now (all upcoming, retired, or none)
     */
    public ActiveKey activeKey() {
        Instant now = clock.instant();
        List<SigningKey> keys = keys();
        Instant earliest = earliestPublication(keys);
        Optional<SigningKey> active = keys.stream()
                .filter(k -> signs(k, earliest, now))
                .max(Comparator.comparing((SigningKey k) -> activation(k, earliest))
                        .thenComparing(SigningKey::publishedAt));
        SigningKey key = active.orElseThrow(() -> new IllegalStateException("no signing key may sign at " + now
                + ": every key is upcoming or retired (" + keys + "); a replacing key signs only "
                + assertionLifetime.plus(PUBLISH_AHEAD) + " after it is published"));
        return new ActiveKey(jwk(key).getKeyID(), key);
    }

    /**
     * {@return the public keys published now, as the JSON of a JWK Set: the signing key first, each with its
     * {@code kid} (RFC 7638 thumbprint), {@code alg} and {@code use: sig}}
     */
    public String jwksJson() {
        Instant now = clock.instant();
        List<SigningKey> keys = keys();
        Instant earliest = earliestPublication(keys);
        List<SigningKey> published =
                new ArrayList<>(keys.stream().filter(k -> published(k, now)).toList());
        published.sort(Comparator.comparing((SigningKey k) -> signs(k, earliest, now))
                .thenComparing(k -> activation(k, earliest))
                .reversed());
        return new JWKSet(published.stream().map(this::jwk).toList()).toString(true);
    }

    /**
     * {@return the published key with this {@code kid}, if any: what an assertion's signature is checked against}
     *
     * @param kid a key id from a token header
     */
    public Optional<SigningKey> publishedKey(String kid) {
        Instant now = clock.instant();
        return keys().stream()
                .filter(k -> published(k, now))
                .filter(k -> jwk(k).getKeyID().equals(kid))
                .findFirst();
    }

    /** {@return the RFC 7638 thumbprint of a key, its {@code kid}} */
    public String kid(SigningKey key) {
        return jwk(key).getKeyID();
    }

    private List<SigningKey> keys() {
        List<SigningKey> keys = source.keys();
        if (keys == null || keys.isEmpty()) {
            throw new IllegalStateException("the SigningKeySource holds no key");
        }
        return keys;
    }

    private static Instant earliestPublication(List<SigningKey> keys) {
        return keys.stream()
                .map(SigningKey::publishedAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
    }

    private boolean published(SigningKey key, Instant now) {
        Instant retired = key.retiredAt();
        return !key.publishedAt().isAfter(now)
                && (retired == null
                        || now.isBefore(retired.plus(assertionLifetime).plus(skew)));
    }

    private Instant activation(SigningKey key, Instant earliestPublication) {
        if (key.publishedAt().equals(earliestPublication)) {
            return key.activeFrom(); // the first key replaces nothing: no verifier holds an older key set
        }
        Instant soonest = key.publishedAt().plus(assertionLifetime).plus(PUBLISH_AHEAD);
        return key.activeFrom().isBefore(soonest) ? soonest : key.activeFrom();
    }

    private boolean signs(SigningKey key, Instant earliestPublication, Instant now) {
        Instant retired = key.retiredAt();
        return published(key, now)
                && !activation(key, earliestPublication).isAfter(now)
                && (retired == null || now.isBefore(retired));
    }

    private JWK jwk(SigningKey key) {
        if (publicJwks.size() > 64) {
            publicJwks.clear(); // a source that makes new key objects on every call must not grow this
        }
        return publicJwks.computeIfAbsent(key, SigningKeySchedule::toPublicJwk);
    }

    private static JWK toPublicJwk(SigningKey key) {
        try {
            JWSAlgorithm alg = JWSAlgorithm.parse(key.algorithm());
            if (key.publicKey() instanceof ECPublicKey ec) {
                return new ECKey.Builder(Curve.P_256, ec)
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(alg)
                        .keyIDFromThumbprint()
                        .build();
            }
            return new RSAKey.Builder((RSAPublicKey) key.publicKey())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(alg)
                    .keyIDFromThumbprint()
                    .build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the key's thumbprint", e);
        }
    }
}
