package dev.authmd.core.internal.metrics;

import dev.authmd.core.fetch.KeyCacheListener;
import dev.authmd.core.internal.audit.AuditDraft;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the service reports for metrics; {@link #NONE} unless the host passed a {@code MeterRegistry}. Every tag value
 * comes from the library's own vocabulary (profiles, registration types, wire error codes, limit names), never from a
 * user, an email, a token or an issuer-controlled string, so no tag can grow without bound. As a
 * {@link KeyCacheListener} it hears the provider key caches.
 */
public interface Metrics extends KeyCacheListener {

    /** Records nothing. */
    Metrics NONE = new Metrics() {};

    /**
     * A use case ended.
     *
     * @param useCase what ran: {@code registration}, {@code refresh}, {@code token_exchange}, {@code revocation}
     * @param profile {@code v0.1} or {@code current}
     * @param kind the registration type or the revocation kind; null when the use case has none
     * @param errorCode the wire error code of a refusal; null on success
     */
    default void outcome(String useCase, String profile, @Nullable String kind, @Nullable String errorCode) {}

    /**
     * An audit event was emitted (claim steps, rate-limit hits, refresh reuse are counted from these).
     *
     * @param draft the event
     */
    default void event(AuditDraft draft) {}

    /**
     * Times a signature verification.
     *
     * @param kind {@code id_jag}, {@code logout_token}, {@code security_event} or {@code identity_assertion}
     * @param verification the verification
     * @return what it answered
     */
    default <T> T timeVerification(String kind, Supplier<T> verification) {
        return verification.get();
    }

    /**
     * A provider document was fetched over the network.
     *
     * @param nanos how long it took
     * @param ok whether it was fetched and usable
     */
    default void keyFetch(long nanos, boolean ok) {}
}
