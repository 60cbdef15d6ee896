package dev.authmd.core.service;

import dev.authmd.core.assertion.VerifiedIdJag;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.account.ProvisionRequest;
import dev.authmd.spi.account.UserAccount;
import dev.authmd.spi.store.Delegation;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Matches the user an ID-JAG asserts to the host's accounts, for both profiles: the delegation {@code (iss, sub)}, then
 * a verified email, a verified phone, then just-in-time provisioning. Where the profiles differ — whether a first link
 * must be confirmed by the user — the caller passes a {@link Policy}; the matching itself is one piece of code.
 */
final class UserMatcher {

    /**
     * When the user must confirm a link first.
     *
     * @param confirmFirstLink an existing account never linked to this {@code (iss, sub)}, or an SSO-managed domain, is
     *     confirmed first (v0.1: the host's {@code stepUp} setting; the current profile: always)
     * @param confirmUnknownVerifiedEmail with JIT provisioning off, a verified email that matches no account is
     *     confirmed rather than refused (the current profile)
     */
    record Policy(boolean confirmFirstLink, boolean confirmUnknownVerifiedEmail) {}

    /** What the matcher found. */
    sealed interface Match {}

    /**
     * The user is known: a delegation, an account taken as it is, or one just provisioned.
     *
     * @param userId the host's user
     * @param delegated whether a stored delegation named the user (nothing to link then; the callers' re-checks of the
     *     delegation still catch a logout that deletes it meanwhile)
     */
    record Linked(String userId, boolean delegated) implements Match {}

    /**
     * The user must confirm the link at an address of the account.
     *
     * @param userId the existing account, or null when none exists yet (SSO domain, unknown verified email)
     * @param address the normalised address the confirmation goes to
     */
    record Confirm(@Nullable String userId, String address) implements Match {}

    /**
     * No account can be matched or made.
     *
     * @param cause the cause, as the v0.1 table names it
     * @param reason the current profile's {@code reason}
     * @param message a safe explanation
     */
    record Refused(ProtocolError cause, String reason, String message) implements Match {}

    private static final Refused NO_ACCOUNT = new Refused(
            ProtocolError.INVALID_REQUEST,
            "no_matching_account",
            "No account matches this user and this provider's users are not provisioned here.");
    private static final Refused NO_ADDRESS_TO_CONFIRM = new Refused(
            ProtocolError.MISSING_VERIFIED_EMAIL,
            "missing_verified_email",
            "Linking this existing account needs an email address to confirm it, and it has none.");
    private static final Refused NOTHING_TO_PROVISION = new Refused(
            ProtocolError.MISSING_VERIFIED_EMAIL,
            "missing_verified_email",
            "No account is linked to this user, and creating one needs a verified email or phone number.");
    private static final Refused NOT_PROVISIONED = new Refused(
            ProtocolError.INVALID_REQUEST,
            "no_matching_account",
            "No account matches this user and this service does not create accounts for agents.");

    private final ServiceContext context;

    UserMatcher(ServiceContext context) {
        this.context = context;
    }

    /**
     * Matches the asserted user. A confirmation goes to an address the <em>existing account</em> is known by — the
     * asserted email when that is what matched, else the account's own email — because it exists to prove control of
     * that account, not of whatever the provider vouched for.
     */
    Match match(String tenantId, VerifiedIdJag jag, Policy policy) {
        Optional<Delegation> delegation = context.delegations.find(tenantId, jag.issuer(), jag.subject());
        if (delegation.isPresent()) {
            return new Linked(delegation.get().userId(), true);
        }
        Optional<String> email =
                jag.emailVerified() ? jag.email().flatMap(EmailAddresses::normalise) : Optional.empty();
        Optional<String> phone =
                jag.phoneNumberVerified() ? jag.phoneNumber().filter(p -> !p.isBlank()) : Optional.empty();
        Optional<UserAccount> byEmail = email.flatMap(e -> context.accounts.findByVerifiedEmail(tenantId, e));
        Optional<UserAccount> existing =
                byEmail.or(() -> phone.flatMap(p -> context.accounts.findByVerifiedPhone(tenantId, p)));
        boolean ssoDomain = email.map(e -> context.accounts.isSsoManagedDomain(tenantId, EmailAddresses.domain(e)))
                .orElse(false);
        boolean jitAllowed = jag.provider().policy().allowJitProvisioning();
        boolean firstLink = policy.confirmFirstLink() && (existing.isPresent() || ssoDomain);
        boolean unknownEmail = policy.confirmUnknownVerifiedEmail() && !jitAllowed && email.isPresent();
        if (firstLink || unknownEmail) {
            if (existing.isEmpty() && !jitAllowed && !policy.confirmUnknownVerifiedEmail()) {
                // an SSO-managed domain whose users are never provisioned: a confirmation could never complete
                return NO_ACCOUNT;
            }
            Optional<String> address = byEmail.isPresent() || existing.isEmpty()
                    ? email
                    : existing.flatMap(account -> Optional.ofNullable(account.email()))
                            .flatMap(EmailAddresses::normalise);
            return address.<Match>map(
                            a -> new Confirm(existing.map(UserAccount::userId).orElse(null), a))
                    .orElse(NO_ADDRESS_TO_CONFIRM);
        }
        if (existing.isPresent()) {
            return new Linked(existing.get().userId(), false);
        }
        if (!jitAllowed) {
            return NO_ACCOUNT;
        }
        if (email.isEmpty() && phone.isEmpty()) {
            // a provider whose policy relaxes the verified-email rule: nothing to create an account from
            return NOTHING_TO_PROVISION;
        }
        return context.accounts
                .provision(new ProvisionRequest(
                        tenantId,
                        email.orElse(null),
                        phone.orElse(null),
                        jag.name().orElse(null),
                        jag.issuer(),
                        jag.subject()))
                .<Match>map(account -> new Linked(account.userId(), false))
                .orElse(NOT_PROVISIONED);
    }
}
