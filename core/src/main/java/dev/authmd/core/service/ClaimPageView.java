package dev.authmd.core.service;

import dev.authmd.spi.store.RegistrationType;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the current profile's claim page shows (docs/protocol.md, current profile §7): its state for this link and this
 * visitor, the service, the registration and its kind, the bound address, the post-claim scopes, the provider behind a
 * step-up (its display name from the trust list), the advisories, and, right after a Confirm or a new-code request, the
 * code — shown once.
 *
 * @param state where the attempt stands for this visitor
 * @param serviceName the service's name
 * @param registrationId the registration being claimed; null when the link is not usable
 * @param kind what kind of registration is being claimed; null when the link is not usable
 * @param boundAddress the address the attempt is bound to; null when the link is not usable
 * @param scopes the scopes the agent gets once claimed
 * @param providerIssuer the issuer of the provider behind a step-up, else null
 * @param provider the provider's display name for a step-up (from the trust list), else null
 * @param expiresAt when the link stops working; null when it is not usable
 * @param advisories what the signed-in user should know before confirming; empty unless a decision is open
 * @param code the code to show, formatted {@code 123-456}; null unless one was just minted
 * @param codeExpiresAt when that code dies; null without a code
 * @param csrfToken the token the page's form must send back; null when there is no form
 */
public record ClaimPageView(
        State state,
        String serviceName,
        @Nullable String registrationId,
        @Nullable Kind kind,
        @Nullable String boundAddress,
        List<String> scopes,
        @Nullable String providerIssuer,
        @Nullable String provider,
        @Nullable Instant expiresAt,
        Set<Advisory> advisories,
        @Nullable String code,
        @Nullable Instant codeExpiresAt,
        @Nullable String csrfToken) {

    /**
     * Checks the members and copies the collections.
     *
     * @param state where the attempt stands for this visitor
     * @param serviceName the service's name
     * @param registrationId the registration being claimed
     * @param kind what kind of registration is being claimed
     * @param boundAddress the address the attempt is bound to
     * @param scopes the scopes the agent gets once claimed
     * @param providerIssuer the issuer of the provider behind a step-up
     * @param provider the provider's display name for a step-up
     * @param expiresAt when the link stops working
     * @param advisories what the signed-in user should know before confirming
     * @param code the code to show
     * @param codeExpiresAt when that code dies
     * @param csrfToken the token the page's form must send back
     */
    public ClaimPageView {
        Objects.requireNonNull(state, "state cannot be null");
        Objects.requireNonNull(serviceName, "serviceName cannot be null");
        scopes = List.copyOf(scopes);
        advisories = advisories.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(advisories));
    }

    static ClaimPageView of(
            ClaimCeremony.PageView view,
            @Nullable String code,
            @Nullable Instant codeExpiresAt,
            @Nullable String csrfToken) {
        EnumSet<Advisory> advisories = EnumSet.noneOf(Advisory.class);
        if (view.firstTimeProvider()) {
            advisories.add(Advisory.FIRST_TIME_PROVIDER);
        }
        if (view.firstTimeAccount()) {
            advisories.add(Advisory.FIRST_TIME_ACCOUNT);
        }
        return new ClaimPageView(
                State.valueOf(view.state().name()),
                view.serviceName(),
                view.registrationId(),
                kind(view.type()),
                view.boundAddress(),
                view.scopes(),
                view.providerIssuer(),
                view.provider(),
                view.expiresAt(),
                advisories,
                code,
                codeExpiresAt,
                csrfToken);
    }

    private static @Nullable Kind kind(@Nullable RegistrationType type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case ANONYMOUS -> Kind.ANONYMOUS;
            case ID_JAG_STEP_UP -> Kind.STEP_UP;
            default -> Kind.SERVICE_AUTH;
        };
    }

    @Override
    public String toString() {
        return "ClaimPageView[state=" + state + ", code=" + (code == null ? "none" : "<redacted>") + "]";
    }

    /** {@return whether the page shows a form (Confirm/Deny, or a new code)} */
    public boolean hasForm() {
        return csrfToken != null;
    }

    /** Where an attempt stands for the visitor. */
    public enum State {
        /** Claiming is off, or the link is unknown, superseded, expired or spent. */
        UNAVAILABLE,
        /** Nobody is signed in: send the visitor to the host's login. */
        SIGN_IN,
        /** The signed-in account does not own the bound address: no code. */
        WRONG_ACCOUNT,
        /** Ready for Confirm or Deny. */
        READY,
        /** This user confirmed; a new code may be asked for. */
        CONFIRMED,
        /** The user denied this attempt. */
        DENIED,
        /** The registration is claimed. */
        CLAIMED
    }

    /** What kind of registration a claim binds to the user. */
    public enum Kind {
        /** An anonymous registration: the agent worked without a user until now. */
        ANONYMOUS,
        /** A {@code service_auth} registration: the agent named the user's address. */
        SERVICE_AUTH,
        /** An ID-JAG step-up: a provider's user is linked to this service's account for the first time. */
        STEP_UP
    }

    /** What the signed-in user should know before confirming (docs/protocol.md, current profile §7). */
    public enum Advisory {
        /** No agent acting through this step-up's provider has been connected to this account before. */
        FIRST_TIME_PROVIDER("first_time_provider"),
        /** No agent has been connected to this account before. */
        FIRST_TIME_ACCOUNT("first_time_account");

        private final String wireName;

        Advisory(String wireName) {
            this.wireName = wireName;
        }

        /** {@return the advisory's name in the protocol} */
        public String wireName() {
            return wireName;
        }
    }

    /** What the signed-in user chose on the page. */
    public enum Decision {
        /** Confirm: bind this user and reveal a code. */
        CONFIRM,
        /** Deny: close this attempt. */
        DENY,
        /** Replace the code shown earlier. */
        NEW_CODE
    }
}
