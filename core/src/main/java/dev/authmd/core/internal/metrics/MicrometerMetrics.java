package dev.authmd.core.internal.metrics;

import dev.authmd.core.internal.audit.AuditDraft;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * {@link Metrics} on a Micrometer {@link MeterRegistry}. Loaded only when the host passes a registry, so Micrometer
 * stays an optional dependency. Meter names and tags are listed in {@code docs/observability.md}.
 */
public final class MicrometerMetrics implements Metrics {

    private final MeterRegistry registry;

    /**
     * Records into a registry.
     *
     * @param registry the host's registry
     */
    public MicrometerMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry cannot be null");
    }

    /**
     * Publishes a size as a gauge (the in-memory replay cache's entries).
     *
     * @param name the gauge name
     * @param description what it counts
     * @param owner what is measured; held weakly by Micrometer
     * @param size reads the size
     */
    public <T> void gauge(String name, String description, T owner, ToDoubleFunction<T> size) {
        Gauge.builder(name, owner, size).description(description).register(registry);
    }

    @Override
    public void outcome(String useCase, String profile, @Nullable String kind, @Nullable String errorCode) {
        String outcome = errorCode == null ? "success" : "rejected";
        switch (useCase) {
            case "registration" ->
                Counter.builder("authmd.registrations")
                        .description("Agent registrations, by profile, type and outcome")
                        .tags("profile", profile, "type", kind == null ? "none" : kind, "outcome", outcome)
                        .register(registry)
                        .increment();
            case "refresh" -> count("authmd.refreshes", "Refresh-token presentations", "outcome", outcome);
            case "token_exchange" ->
                count("authmd.token.exchanges", "Identity assertions exchanged for access tokens", "outcome", outcome);
            case "revocation" ->
                Counter.builder("authmd.revocations")
                        .description("Revocation requests, by kind and outcome")
                        .tags("kind", kind == null ? "none" : kind, "outcome", outcome)
                        .register(registry)
                        .increment();
            default -> throw new IllegalArgumentException("unknown use case " + useCase);
        }
        if (errorCode != null) {
            Counter.builder("authmd.rejections")
                    .description("Refusals, by profile and wire error code")
                    .tags("profile", profile, "use_case", useCase, "code", errorCode)
                    .register(registry)
                    .increment();
        }
    }

    @Override
    public void event(AuditDraft draft) {
        switch (draft.type()) {
            case CLAIM_REQUESTED -> claimStep("requested");
            case OTP_GENERATED -> claimStep("otp_generated");
            case CLAIM_APPROVED -> claimStep("approved");
            case USER_CODE_REVEALED -> claimStep("code_revealed");
            case CLAIM_DENIED -> claimStep("denied");
            case CLAIM_CONFIRMED -> claimStep("completed");
            case CLAIM_FAILED -> claimStep("failed");
            case REGISTRATION_EXPIRED ->
                count("authmd.registrations.expired", "Unclaimed registrations expired at their TTL", null, null);
            case REFRESH_REUSE_DETECTED ->
                count("authmd.refreshes", "Refresh-token presentations", "outcome", "reuse_detected");
            case RATE_LIMIT_EXCEEDED ->
                count(
                        "authmd.rate_limit.hits",
                        "Requests refused by a rate limit, by limit",
                        "limit",
                        draft.details().getOrDefault("limit", "unknown"));
            default -> {
                // the other events are counted by the use cases' outcomes
            }
        }
    }

    @Override
    public <T> T timeVerification(String kind, Supplier<T> verification) {
        long start = System.nanoTime();
        try {
            return verification.get();
        } finally {
            Timer.builder("authmd.assertion.verification")
                    .description("Verifying a signed token: signature, claims, replay")
                    .tag("kind", kind)
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void keyFetch(long nanos, boolean ok) {
        Timer.builder("authmd.keys.fetch")
                .description("Fetches of provider documents over the network")
                .tag("outcome", ok ? "success" : "failure")
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void lookup(boolean hit) {
        count("authmd.keys.cache", "Lookups in the provider key caches, by result", "result", hit ? "hit" : "miss");
    }

    @Override
    public void refresh(boolean ok) {
        count(
                "authmd.keys.refreshes",
                "Downloads of provider key sets (first use, stale set, unknown kid)",
                "outcome",
                ok ? "success" : "failure");
    }

    private void claimStep(String step) {
        count("authmd.claim.steps", "Steps of the claim ceremonies (both profiles)", "step", step);
    }

    private void count(String name, String description, @Nullable String tag, @Nullable String value) {
        Counter.Builder builder = Counter.builder(name).description(description);
        if (tag != null && value != null) {
            builder.tag(tag, value);
        }
        builder.register(registry).increment();
    }
}
