package dev.authmd.core.fetch;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Limits and cache lifetimes for the documents the library fetches from agent providers: JWKS, issuer metadata and
 * Client ID Metadata Documents (steps 4 and 7 of docs/protocol.md#v01-3a).
 *
 * <p>Defaults: connect timeout 2 s, read timeout 5 s, body cap 64 KiB; cache lifetime taken from the response's
 * {@code Cache-Control: max-age}, clamped to a floor of 10 min and a ceiling of 24 h (no header, {@code no-cache} or
 * {@code no-store} → the floor); an unknown {@code kid} refetches the JWKS at most once per 30 s; stale keys are served
 * through an outage of up to 1 h after their lifetime ended; a failed CIMD look-up is remembered for 5 min; at most
 * 1,000 CIMD documents are cached.
 *
 * <p>Immutable and thread-safe.
 */
public final class FetchSettings {

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxBodyBytes;
    private final Duration cacheTtlFloor;
    private final Duration cacheTtlCeiling;
    private final Duration refetchInterval;
    private final Duration outageTolerance;
    private final Duration negativeCacheTtl;
    private final int maxCachedDocuments;
    private final Duration unknownKidWait;

    private FetchSettings(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxBodyBytes = b.maxBodyBytes;
        this.cacheTtlFloor = b.cacheTtlFloor;
        this.cacheTtlCeiling = b.cacheTtlCeiling;
        this.refetchInterval = b.refetchInterval;
        this.outageTolerance = b.outageTolerance;
        this.negativeCacheTtl = b.negativeCacheTtl;
        this.maxCachedDocuments = b.maxCachedDocuments;
        this.unknownKidWait = b.unknownKidWait;
    }

    /**
     * {@return how long a token with an unknown {@code kid} waits for the refetch another request already started,
     * before it is refused: only the request that started the refetch waits for the provider; the rest wait this
     * little, so a slow key server cannot hold many workers}
     */
    public Duration unknownKidWait() {
        return unknownKidWait;
    }

    /** {@return the documented defaults} */
    public static FetchSettings defaults() {
        return builder().build();
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return connect timeout} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return timeout for the whole response once connected} */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** {@return largest response body accepted} */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** {@return shortest cache lifetime, whatever {@code Cache-Control} says} */
    public Duration cacheTtlFloor() {
        return cacheTtlFloor;
    }

    /** {@return longest cache lifetime, whatever {@code Cache-Control} says} */
    public Duration cacheTtlCeiling() {
        return cacheTtlCeiling;
    }

    /** {@return minimum time between two refetches of one JWKS triggered by an unknown {@code kid}} */
    public Duration refetchInterval() {
        return refetchInterval;
    }

    /** {@return how long after their lifetime ended cached keys still serve while the provider is down} */
    public Duration outageTolerance() {
        return outageTolerance;
    }

    /** {@return how long a failed CIMD look-up is remembered} */
    public Duration negativeCacheTtl() {
        return negativeCacheTtl;
    }

    /** {@return the most CIMD documents cached at once} */
    public int maxCachedDocuments() {
        return maxCachedDocuments;
    }

    /**
     * Clamps a response's cache lifetime between the configured floor and ceiling.
     *
     * @param maxAge the {@code max-age} a response announced, or null when it announced none
     * @return the cache lifetime to use: {@code maxAge} clamped to the floor and ceiling
     */
    public Duration clampTtl(@Nullable Duration maxAge) {
        if (maxAge == null || maxAge.compareTo(cacheTtlFloor) < 0) {
            return cacheTtlFloor;
        }
        return maxAge.compareTo(cacheTtlCeiling) > 0 ? cacheTtlCeiling : maxAge;
    }

    /** Builds {@link FetchSettings}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(5);
        private int maxBodyBytes = 64 * 1024;
        private Duration cacheTtlFloor = Duration.ofMinutes(10);
        private Duration cacheTtlCeiling = Duration.ofHours(24);
        private Duration refetchInterval = Duration.ofSeconds(30);
        private Duration outageTolerance = Duration.ofHours(1);
        private Duration negativeCacheTtl = Duration.ofMinutes(5);
        private int maxCachedDocuments = 1000;
        private Duration unknownKidWait = Duration.ofSeconds(1);

        private Builder() {}

        /**
         * Sets how long a token with an unknown {@code kid} waits for a refetch already in flight.
         *
         * @param wait default 1 s; zero refuses at once
         * @return this builder
         */
        public Builder unknownKidWait(Duration wait) {
            this.unknownKidWait = wait;
            return this;
        }

        /**
         * Sets the connect timeout.
         *
         * @param timeout connect timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Sets the timeout for the whole response.
         *
         * @param timeout timeout for the whole response
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /**
         * Sets the largest response body accepted.
         *
         * @param bytes largest response body accepted
         * @return this builder
         */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Sets the shortest cache lifetime.
         *
         * @param floor shortest cache lifetime
         * @return this builder
         */
        public Builder cacheTtlFloor(Duration floor) {
            this.cacheTtlFloor = floor;
            return this;
        }

        /**
         * Sets the longest cache lifetime.
         *
         * @param ceiling longest cache lifetime
         * @return this builder
         */
        public Builder cacheTtlCeiling(Duration ceiling) {
            this.cacheTtlCeiling = ceiling;
            return this;
        }

        /**
         * Sets the minimum time between unknown-kid refetches.
         *
         * @param interval minimum time between unknown-kid refetches
         * @return this builder
         */
        public Builder refetchInterval(Duration interval) {
            this.refetchInterval = interval;
            return this;
        }

        /**
         * Sets how long stale keys serve through an outage.
         *
         * @param tolerance how long stale keys serve through an outage
         * @return this builder
         */
        public Builder outageTolerance(Duration tolerance) {
            this.outageTolerance = tolerance;
            return this;
        }

        /**
         * Sets how long a failed CIMD look-up is remembered.
         *
         * @param ttl how long a failed CIMD look-up is remembered
         * @return this builder
         */
        public Builder negativeCacheTtl(Duration ttl) {
            this.negativeCacheTtl = ttl;
            return this;
        }

        /**
         * Sets the most CIMD documents cached.
         *
         * @param max most CIMD documents cached
         * @return this builder
         */
        public Builder maxCachedDocuments(int max) {
            this.maxCachedDocuments = max;
            return this;
        }

        /** {@return the settings, validated} */
        public FetchSettings build() {
            positive(connectTimeout, "connectTimeout");
            positive(readTimeout, "readTimeout");
            positive(cacheTtlFloor, "cacheTtlFloor");
            positive(cacheTtlCeiling, "cacheTtlCeiling");
            positive(refetchInterval, "refetchInterval");
            positive(negativeCacheTtl, "negativeCacheTtl");
            Objects.requireNonNull(outageTolerance, "outageTolerance cannot be null");
            require(!outageTolerance.isNegative(), "outageTolerance cannot be negative");
            require(maxBodyBytes >= 1024, "maxBodyBytes must be at least 1024");
            require(cacheTtlCeiling.compareTo(cacheTtlFloor) >= 0, "cacheTtlCeiling must not be below cacheTtlFloor");
            require(refetchInterval.compareTo(cacheTtlFloor) < 0, "refetchInterval must be shorter than cacheTtlFloor");
            require(maxCachedDocuments > 0, "maxCachedDocuments must be positive");
            Objects.requireNonNull(unknownKidWait, "unknownKidWait cannot be null");
            require(!unknownKidWait.isNegative(), "unknownKidWait cannot be negative");
            return new FetchSettings(this);
        }

        private static void positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " cannot be null");
            require(!d.isNegative() && !d.isZero(), name + " must be positive");
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
