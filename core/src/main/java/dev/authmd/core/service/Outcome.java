package dev.authmd.core.service;

import dev.authmd.protocol.error.ProtocolError;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The typed answer of a use case: a value, or a protocol error carrying its wire code, a safe message and any extra
 * members the error needs (e.g. {@code max_age}).
 *
 * @param <T> the success value
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

    /**
     * Returns a successful outcome.
     *
     * @param value the result
     * @param <T> its type
     * @return a success
     */
    static <T> Outcome<T> success(T value) {
        return new Success<>(value);
    }

    /**
     * Returns a failed outcome.
     *
     * @param error the wire error
     * @param message a safe message (no secrets); null uses the error's description
     * @param <T> the success type
     * @return a failure
     */
    static <T> Outcome<T> failure(ProtocolError error, @Nullable String message) {
        return new Failure<>(error, message == null ? error.description() : message, Map.of(), 0);
    }

    /** {@return whether this is a success} */
    default boolean isSuccess() {
        return this instanceof Success;
    }

    /**
     * Returns the value.
     *
     * @return the value
     * @throws IllegalStateException when this is a failure
     */
    default T value() {
        if (this instanceof Success<T> success) {
            return success.result();
        }
        throw new IllegalStateException(
                "not a success: " + ((Failure<T>) this).error().code());
    }

    /**
     * Returns the failure.
     *
     * @return the failure
     * @throws IllegalStateException when this is a success
     */
    default Failure<T> failure() {
        if (this instanceof Failure<T> failure) {
            return failure;
        }
        throw new IllegalStateException("not a failure");
    }

    /**
     * Transforms a success value, passing a failure through.
     *
     * @param mapper transforms a success value
     * @param <R> the new value type
     * @return the mapped success, or this failure retyped
     */
    default <R> Outcome<R> map(Function<? super T, ? extends R> mapper) {
        if (this instanceof Success<T> success) {
            return new Success<>(mapper.apply(success.result()));
        }
        Failure<T> failure = (Failure<T>) this;
        return new Failure<>(failure.error(), failure.message(), failure.extraMembers(), failure.retryAfterSeconds());
    }

    /**
     * A successful use case.
     *
     * @param result the value
     * @param <T> its type
     */
    record Success<T>(T result) implements Outcome<T> {
        /**
         * Checks that {@code result} is not null.
         *
         * @param result the value
         * @throws NullPointerException if {@code result} is null
         */
        public Success {
            Objects.requireNonNull(result, "result cannot be null");
        }
    }

    /**
     * A rejected use case.
     *
     * @param error the wire error
     * @param message the {@code message} member; never a secret
     * @param extraMembers additional body members, e.g. {@code max_age}
     * @param retryAfterSeconds the {@code Retry-After} value; 0 when none
     * @param <T> the success type it stands in for
     */
    record Failure<T>(
            ProtocolError error, @Nullable String message, Map<String, Object> extraMembers, long retryAfterSeconds)
            implements Outcome<T> {
        /**
         * Checks that {@code error} and {@code message} are not null, and copies {@code extraMembers} into an
         * unmodifiable map.
         *
         * @param error the wire error
         * @param message the {@code message} member; never a secret
         * @param extraMembers additional body members, e.g. {@code max_age}
         * @param retryAfterSeconds the {@code Retry-After} value; 0 when none
         * @throws NullPointerException if {@code error}, {@code message} or {@code extraMembers} is null
         */
        public Failure {
            Objects.requireNonNull(error, "error cannot be null");
            Objects.requireNonNull(message, "message cannot be null");
            extraMembers = Map.copyOf(extraMembers);
        }
    }
}
