package dev.authmd.core.internal.claim;

import dev.authmd.core.internal.audit.AuditDraft;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.store.ClaimAttempt;
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.Registration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ClaimStateMachine} operation decided. Each operation documents which variants it returns. The service's
 * handling is the same for all of them:
 *
 * <pre>{@code
 * ClaimResult result = machine.complete(current, now, otpHasher.hash(otp), userId);
 * Optional<Registration> next = result.toPersist();
 * if (next.isPresent() && !registrations.update(current.version(), next.get())) {
 *     // lost a race: reload and run the operation again
 * }
 * result.events().forEach(draft -> audit.emit(AuditEvents.stamp(draft, tenant, ip, now, ids)));
 * if (result instanceof ClaimResult.Rejected rejected) {
 *     return error(rejected.error());
 * }
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public sealed interface ClaimResult
        permits ClaimResult.Transition,
                ClaimResult.Rejected,
                ClaimResult.Reused,
                ClaimResult.Verified,
                ClaimResult.Unchanged {

    /** {@return the audit drafts to emit once the result is persisted (or at once if nothing is)} */
    List<AuditDraft> events();

    /**
     * {@return the registration to write with compare-and-set against the current version, when this result changes
     * state (a transition, or a rejection that counted a failure)}
     */
    Optional<Registration> toPersist();

    /**
     * The registration moves on.
     *
     * @param next the next registration, version one higher than the current one
     * @param events what to audit
     */
    record Transition(Registration next, List<AuditDraft> events) implements ClaimResult {

        /**
         * Checks that {@code next} is not null, and copies {@code events} into an unmodifiable list.
         *
         * @param next the next registration, version one higher than the current one
         * @param events what to audit
         * @throws NullPointerException if {@code next} or {@code events} is null
         */
        public Transition {
            Objects.requireNonNull(next, "next cannot be null");
            events = List.copyOf(events);
        }

        /** {@return the version the store must still hold for the write to win: {@code next.version() - 1}} */
        public long expectedVersion() {
            return next.version() - 1;
        }

        /** {@return the claim attempt of the next registration, e.g. the one a new claim just created} */
        public Optional<ClaimAttempt> attempt() {
            return next.claim().map(ClaimState::attempt);
        }

        @Override
        public Optional<Registration> toPersist() {
            return Optional.of(next);
        }
    }

    /**
     * The operation is refused with a protocol error.
     *
     * @param error the wire error to answer with
     * @param failureRecord for a wrong OTP: the next registration counting the failure, which the service must persist
     *     before answering; null otherwise
     * @param events what to audit (a {@code claim.failed})
     */
    record Rejected(ProtocolError error, @Nullable Registration failureRecord, List<AuditDraft> events)
            implements ClaimResult {

        /**
         * Checks that {@code error} is not null, and copies {@code events} into an unmodifiable list.
         *
         * @param error the wire error to answer with
         * @param failureRecord for a wrong OTP: the next registration counting the failure, which the service must
         *     persist before answering; null otherwise
         * @param events what to audit (a {@code claim.failed})
         * @throws NullPointerException if {@code error} or {@code events} is null
         */
        public Rejected {
            Objects.requireNonNull(error, "error cannot be null");
            events = List.copyOf(events);
        }

        @Override
        public Optional<Registration> toPersist() {
            return Optional.ofNullable(failureRecord);
        }
    }

    /**
     * {@link ClaimStateMachine#startClaim}: the same address asked again while its link is still valid. Answer with
     * this attempt; send no email, write nothing, audit nothing.
     *
     * @param attempt the current attempt
     */
    record Reused(ClaimAttempt attempt) implements ClaimResult {

        /**
         * Checks that {@code attempt} is not null.
         *
         * @param attempt the current attempt
         * @throws NullPointerException if {@code attempt} is null
         */
        public Reused {
            Objects.requireNonNull(attempt, "attempt cannot be null");
        }

        @Override
        public List<AuditDraft> events() {
            return List.of();
        }

        @Override
        public Optional<Registration> toPersist() {
            return Optional.empty();
        }
    }

    /**
     * {@link ClaimStateMachine#verifyOtp}: the code is right; nothing changed yet. The service may now resolve or
     * provision the user by {@code attempt().email()} and call {@link ClaimStateMachine#complete}.
     *
     * @param attempt the attempt whose code matched
     */
    record Verified(ClaimAttempt attempt) implements ClaimResult {

        /**
         * Checks that {@code attempt} is not null.
         *
         * @param attempt the attempt whose code matched
         * @throws NullPointerException if {@code attempt} is null
         */
        public Verified {
            Objects.requireNonNull(attempt, "attempt cannot be null");
        }

        @Override
        public List<AuditDraft> events() {
            return List.of();
        }

        @Override
        public Optional<Registration> toPersist() {
            return Optional.empty();
        }
    }

    /** {@link ClaimStateMachine#expire} / {@link ClaimStateMachine#revoke}: nothing to do. */
    record Unchanged() implements ClaimResult {

        @Override
        public List<AuditDraft> events() {
            return List.of();
        }

        @Override
        public Optional<Registration> toPersist() {
            return Optional.empty();
        }
    }
}
