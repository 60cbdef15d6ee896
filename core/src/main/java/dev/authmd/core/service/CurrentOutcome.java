package dev.authmd.core.service;

import dev.authmd.protocol.error.CurrentProfileError;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The typed answer of a current-profile use case: a value, or an error of the current profile's table with a safe
 * description and the extra members it needs ({@code reason}, {@code max_age}, or the registration and claim of an
 * {@code interaction_required}).
 *
 * @param <T> the success value
 */
public sealed interface CurrentOutcome<T> permits CurrentOutcome.Success, CurrentOutcome.Failure {

    /**
     * Returns a success.
     *
     * @param value the result
     * @param <T> its type
     * @return a success
     */
    static <T> CurrentOutcome<T> success(T value) {
        return new Success<>(value);
    }

    /**
     * Returns a failure without extra members.
     *
     * @param error the error
     * @param description a safe description; null uses the error's
     * @param <T> the success type
     * @return a failure
     */
    static <T> CurrentOutcome<T> failure(CurrentProfileError error, @Nullable String description) {
        return new Failure<>(error, description == null ? error.description() : description, Map.of(), 0, null);
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
     * A successful use case.
     *
     * @param result the value
     * @param <T> its type
     */
    record Success<T>(T result) implements CurrentOutcome<T> {
        /**
         * Checks that {@code result} is not null.
         *
         * @param result the value
         */
        public Success {
            Objects.requireNonNull(result, "result cannot be null");
        }
    }

    /**
     * A refused use case.
     *
     * @param error the current profile's error
     * @param description the {@code error_description}; never a secret
     * @param members extra body members ({@code reason}, {@code max_age}, {@code acr_values}, {@code retry_after})
     * @param retryAfterSeconds the {@code Retry-After} value; 0 when none
     * @param registration the registration and claim an {@code interaction_required} carries, else null
     * @param <T> the success type it stands in for
     */
    record Failure<T>(
            CurrentProfileError error,
            String description,
            Map<String, Object> members,
            long retryAfterSeconds,
            @Nullable IdentityResult registration)
            implements CurrentOutcome<T> {
        /**
         * Checks the members and copies {@code members}.
         *
         * @param error the current profile's error
         * @param description the {@code error_description}; never a secret
         * @param members extra body members
         * @param retryAfterSeconds the {@code Retry-After} value; 0 when none
         * @param registration the registration and claim an {@code interaction_required} carries, else null
         */
        public Failure {
            Objects.requireNonNull(error, "error cannot be null");
            Objects.requireNonNull(description, "description cannot be null");
            members = Map.copyOf(members);
        }

        /**
         * Retypes this failure.
         *
         * @param <R> the other success type
         * @return the same failure
         */
        public <R> Failure<R> retyped() {
            return new Failure<>(error, description, members, retryAfterSeconds, registration);
        }
    }
}
