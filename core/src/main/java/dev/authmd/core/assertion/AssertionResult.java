package dev.authmd.core.assertion;

import java.util.Objects;

/**
 * The outcome of verifying a signed assertion: either {@link Valid} with the verified value, or {@link Rejected} with
 * the {@link AssertionRejection} that decides the wire error. Rejections are values, not exceptions; only internal
 * failures (a replay store that is down) throw.
 *
 * <pre>{@code
 * AssertionResult<VerifiedIdJag> result = verifier.verify(assertion);
 * if (!result.isValid()) {
 *     return error(result.rejection().error(), result.rejection().message());
 * }
 * VerifiedIdJag idJag = result.value();
 * }</pre>
 *
 * @param <T> the verified value's type
 */
public sealed interface AssertionResult<T> permits AssertionResult.Valid, AssertionResult.Rejected {

    /**
     * Returns a result holding a verified value.
     *
     * @param value the verified value
     * @param <T> its type
     * @return a valid result
     */
    static <T> AssertionResult<T> valid(T value) {
        return new Valid<>(value);
    }

    /**
     * Returns a result saying why the assertion was refused.
     *
     * @param rejection why the assertion was refused
     * @param <T> the type a valid result would have carried
     * @return a rejected result
     */
    static <T> AssertionResult<T> rejected(AssertionRejection rejection) {
        return new Rejected<>(rejection);
    }

    /** {@return whether the assertion was accepted} */
    boolean isValid();

    /**
     * Returns the verified value.
     *
     * @return the verified value
     * @throws IllegalStateException when the result is a rejection
     */
    T value();

    /**
     * Returns the rejection.
     *
     * @return the rejection
     * @throws IllegalStateException when the result is valid
     */
    AssertionRejection rejection();

    /**
     * An accepted assertion.
     *
     * @param value the verified value
     * @param <T> its type
     */
    record Valid<T>(T value) implements AssertionResult<T> {

        /**
         * Checks that {@code value} is not null.
         *
         * @param value the verified value
         * @throws NullPointerException if {@code value} is null
         */
        public Valid {
            Objects.requireNonNull(value, "value cannot be null");
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public AssertionRejection rejection() {
            throw new IllegalStateException("the assertion was accepted; there is no rejection");
        }
    }

    /**
     * A refused assertion.
     *
     * @param rejection why
     * @param <T> the type a valid result would have carried
     */
    record Rejected<T>(AssertionRejection rejection) implements AssertionResult<T> {

        /**
         * Checks that {@code rejection} is not null.
         *
         * @param rejection why
         * @throws NullPointerException if {@code rejection} is null
         */
        public Rejected {
            Objects.requireNonNull(rejection, "rejection cannot be null");
        }

        @Override
        public boolean isValid() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException(
                    "the assertion was rejected: " + rejection.error().code());
        }
    }
}
