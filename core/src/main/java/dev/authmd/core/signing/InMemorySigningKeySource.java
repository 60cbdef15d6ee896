package dev.authmd.core.signing;

import dev.authmd.spi.keys.SigningKey;
import dev.authmd.spi.keys.SigningKeySource;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Signing keys generated in memory: one ES256 key, published and signing from the moment it is made. The development
 * default — every process has its own key, so assertions signed by one replica do not verify at another and none
 * survives a restart; in production give every replica the same keys, e.g. with {@link JwkSetFileSigningKeySource}.
 *
 * <pre>{@code
 * InMemorySigningKeySource keys = new InMemorySigningKeySource(clock);
 * keys.rotate(Duration.ofHours(1));   // a new key, published now, signing after the assertion lifetime + 10 min
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemorySigningKeySource implements SigningKeySource {

    /** How long after a rotation the new key starts to sign, beyond the assertion lifetime. */
    private static final Duration PUBLISH_AHEAD = Duration.ofMinutes(10);

    private final Clock clock;
    private volatile List<SigningKey> keys;

    /** One fresh ES256 key, on the system clock. */
    public InMemorySigningKeySource() {
        this(Clock.systemUTC());
    }

    /**
     * One fresh ES256 key, published and signing from now.
     *
     * @param clock the clock that says when "now" is
     */
    public InMemorySigningKeySource(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
        Instant now = clock.instant();
        this.keys = List.of(newKey("ES256", now, now));
    }

    @Override
    public List<SigningKey> keys() {
        return keys;
    }

    /**
     * Rotates: a new ES256 key, published now and signing from the assertion lifetime plus ten minutes later, when
     * every key in service is retired. Keys whose last assertions have expired are dropped, so rotating never makes the
     * list grow without bound.
     *
     * @param assertionLifetime how long an assertion the service signs lives
     * @return the new key
     */
    public synchronized SigningKey rotate(Duration assertionLifetime) {
        Objects.requireNonNull(assertionLifetime, "assertionLifetime cannot be null");
        if (assertionLifetime.isNegative() || assertionLifetime.isZero()) {
            throw new IllegalArgumentException("assertionLifetime must be positive");
        }
        Instant now = clock.instant();
        Instant activation = now.plus(assertionLifetime).plus(PUBLISH_AHEAD);
        List<SigningKey> next = new ArrayList<>();
        for (SigningKey key : keys) {
            Instant retired = key.retiredAt();
            if (retired == null) {
                next.add(new SigningKey(
                        key.algorithm(),
                        key.privateKey(),
                        key.publicKey(),
                        key.publishedAt(),
                        key.activeFrom(),
                        activation.isAfter(key.activeFrom())
                                ? activation
                                : key.activeFrom().plusSeconds(1)));
            } else if (retired.plus(assertionLifetime).plus(PUBLISH_AHEAD).isAfter(now)) {
                next.add(key); // its assertions may still be verified
            }
        }
        SigningKey fresh = newKey("ES256", now, activation);
        next.add(fresh);
        keys = List.copyOf(next);
        return fresh;
    }

    /**
     * Generates a key.
     *
     * @param algorithm {@code ES256} (EC P-256), {@code RS256} or {@code PS256} (RSA 2048)
     * @param publishedAt from when it is published
     * @param activeFrom from when it may sign
     * @return a new key with that schedule, not retired
     * @throws IllegalArgumentException for another algorithm or a schedule out of order
     */
    public static SigningKey newKey(String algorithm, Instant publishedAt, Instant activeFrom) {
        Objects.requireNonNull(algorithm, "algorithm cannot be null");
        if (!SigningKey.ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("algorithm must be one of " + SigningKey.ALGORITHMS + ": " + algorithm);
        }
        try {
            KeyPairGenerator generator;
            if (algorithm.equals("ES256")) {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
            }
            KeyPair pair = generator.generateKeyPair();
            return new SigningKey(algorithm, pair.getPrivate(), pair.getPublic(), publishedAt, activeFrom, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a " + algorithm + " key", e);
        }
    }

    @Override
    public String toString() {
        return "InMemorySigningKeySource" + keys;
    }
}
