package dev.authmd.core.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the current profile's claim page shows (docs/protocol.md, current profile §7): its state for this link and this
 * visitor, the service, the bound address, the post-claim scopes, the provider behind a step-up (its display name from
 * the trust list), and, right after a Confirm or a new-code request, the code — shown once.
 *
 * @param state where the attempt stands for this visitor
 * @param serviceName the service's name
 * @param boundAddress the address the attempt is bound to; null when the link is not usable
 * @param scopes the scopes the agent gets once claimed
 * @param provider the provider's display name for a step-up, else null
 * @param expiresAt when the link stops working; null when it is not usable
 * @param code the code to show, formatted {@code 123-456}; null unless one was just minted
 * @param codeExpiresAt when that code dies; null without a code
 * @param csrfToken the token the page's form must send back; null when there is no form
 */
public record ClaimPageView(
        State state,
        String serviceName,
        @Nullable String boundAddress,
        List<String> scopes,
        @Nullable String provider,
        @Nullable Instant expiresAt,
        @Nullable String code,
        @Nullable Instant codeExpiresAt,
        @Nullable String csrfToken) {

    /**
     * Checks the members and copies the scopes.
     *
     * @param state where the attempt stands for this visitor
     * @param serviceName the service's name
     * @param boundAddress the address the attempt is bound to
     * @param scopes the scopes the agent gets once claimed
     * @param provider the provider's display name for a step-up
     * @param expiresAt when the link stops working
     * @param code the code to show
     * @param codeExpiresAt when that code dies
     * @param csrfToken the token the page's form must send back
     */
    public ClaimPageView {
        Objects.requireNonNull(state, "state cannot be null");
        Objects.requireNonNull(serviceName, "serviceName cannot be null");
        scopes = List.copyOf(scopes);
    }

    static ClaimPageView of(
            ClaimCeremony.PageView view,
            @Nullable String code,
            @Nullable Instant codeExpiresAt,
            @Nullable String csrfToken) {
        return new ClaimPageView(
                State.valueOf(view.state().name()),
                view.serviceName(),
                view.boundAddress(),
                view.scopes(),
                view.provider(),
                view.expiresAt(),
                code,
                codeExpiresAt,
                csrfToken);
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
