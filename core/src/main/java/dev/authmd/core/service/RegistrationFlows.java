package dev.authmd.core.service;

import dev.authmd.core.assertion.AssertionRejection;
import dev.authmd.core.assertion.AssertionResult;
import dev.authmd.core.assertion.VerifiedIdJag;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.internal.audit.AuditDraft;
import dev.authmd.core.internal.audit.AuditEvents;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.core.trust.ProviderPolicy;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.Credential;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import dev.authmd.spi.store.StoreException;
import dev.authmd.spi.store.WireProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The three registration methods of docs/protocol.md#v01-3. */
final class RegistrationFlows {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationFlows.class);

    private final ServiceContext context;
    private final CredentialAuthority credentials;
    private final ClaimFlows claims;
    private final UserMatcher matcher;

    RegistrationFlows(ServiceContext context, CredentialAuthority credentials, ClaimFlows claims) {
        this.context = context;
        this.credentials = credentials;
        this.claims = claims;
        this.matcher = new UserMatcher(context);
    }

    // --- §3c anonymous ------------------------------------------------------------------------

    Outcome<RegistrationResult> anonymous(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, RegisterRequest.Anonymous request) {
        AgentAuthConfig config = runtime.config();
        if (!config.anonymousEnabled()) {
            return Outcome.failure(ProtocolError.ANONYMOUS_NOT_ENABLED, null);
        }
        CredentialType type = request.requestedCredentialType().orElse(CredentialType.API_KEY);
        if (!config.anonymousCredentialTypes().contains(type)) {
            return Outcome.failure(
                    ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE,
                    "Anonymous registrations only receive " + wireNames(config.anonymousCredentialTypes()) + ".");
        }
        // nothing to validate in an anonymous request: the per-IP budget, the host's admission, the tenant's budget
        Optional<Outcome<RegistrationResult>> perIp = context.rateLimitPerIp(ctx, RateLimitPolicy.ANONYMOUS);
        if (perIp.isPresent()) {
            return perIp.get();
        }
        Optional<String> refusal = context.anonymousRefusal(ctx);
        if (refusal.isPresent()) {
            return Outcome.failure(ProtocolError.ANONYMOUS_NOT_ENABLED, refusal.get());
        }
        Optional<Outcome<RegistrationResult>> limited = context.rateLimitPerTenant(ctx, RateLimitPolicy.ANONYMOUS);
        if (limited.isPresent()) {
            return limited.get();
        }
        Instant now = context.clock.instant();
        String registrationId = context.secrets.registrationId();
        String claimToken = context.secrets.claimToken();
        ClaimState claim = runtime.claims().createClaim(SecretHasher.hash(claimToken), now);
        Registration registration = Registration.builder(ctx.tenantId(), registrationId)
                .type(RegistrationType.ANONYMOUS)
                .status(RegistrationStatus.UNCLAIMED)
                .createdAt(now)
                .expiresAt(claim.claimTokenExpiresAt())
                .requestedCredentialType(type)
                .postClaimScopes(config.postClaimScopes())
                .claim(claim)
                .build();
        // registration first, then its credential: a database that dies between the two leaves a registration that
        // never got a key (it expires with its claim), never a key without its registration
        IssuedCredential issued;
        try {
            insert(registration);
            issued = credentials.issue(
                    config, ctx.tenantId(), registrationId, null, type, config.anonymousScopes(), now);
        } catch (RuntimeException e) {
            context.discardRegistration(ctx.tenantId(), registrationId);
            throw e;
        }
        context.emit(ctx, List.of(AuditEvents.registrationCreated(registration)));
        return Outcome.success(new RegistrationResult(
                registrationId,
                RegistrationType.ANONYMOUS,
                issued,
                new ClaimHandle(config.claimUri(), claimToken, claim.claimTokenExpiresAt()),
                config.postClaimScopes()));
    }

    // --- §3b verified email -------------------------------------------------------------------

    Outcome<RegistrationResult> verifiedEmail(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, RegisterRequest.VerifiedEmail request) {
        AgentAuthConfig config = runtime.config();
        if (!config.verifiedEmailEnabled()) {
            return Outcome.failure(ProtocolError.VERIFIED_EMAIL_NOT_ENABLED, null);
        }
        Optional<CredentialType> type = identityCredentialType(config, request.requestedCredentialType());
        if (type.isEmpty()) {
            return unsupportedIdentityType(config);
        }
        Optional<String> email = EmailAddresses.normalise(request.email());
        if (email.isEmpty()) {
            return Outcome.failure(ProtocolError.INVALID_REQUEST, "assertion must be a valid email address.");
        }
        // a well-formed address is all there is to validate: the per-IP, then the tenant's budgets
        Optional<Outcome<RegistrationResult>> limited = context.<RegistrationResult>rateLimitPerIp(
                        ctx, RateLimitPolicy.IDENTITY_ASSERTION)
                .or(() -> context.rateLimitPerTenant(ctx, RateLimitPolicy.IDENTITY_ASSERTION))
                .or(() -> context.rateLimit(ctx, RateLimitPolicy.CLAIM_EMAIL, email.get()));
        if (limited.isPresent()) {
            return limited.get();
        }
        return startEmailClaim(
                runtime,
                ctx,
                RegistrationType.EMAIL_VERIFICATION,
                email.get(),
                type.get(),
                config.postClaimScopes(),
                null,
                null);
    }

    // --- §3a ID-JAG ---------------------------------------------------------------------------

    Outcome<RegistrationResult> idJag(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, RegisterRequest.IdJag request) {
        AgentAuthConfig config = runtime.config();
        if (!config.idJagEnabled()) {
            return Outcome.failure(ProtocolError.INVALID_ISSUER, "Identity assertions are not accepted here.");
        }
        Optional<CredentialType> type = identityCredentialType(config, request.requestedCredentialType());
        if (type.isEmpty()) {
            return unsupportedIdentityType(config);
        }
        Optional<Outcome<RegistrationResult>> perIp = context.rateLimitPerIp(ctx, RateLimitPolicy.IDENTITY_ASSERTION);
        if (perIp.isPresent()) {
            return perIp.get();
        }
        AssertionResult<VerifiedIdJag> verified = context.metrics.timeVerification(
                "id_jag", () -> runtime.idJagVerifier().verify(request.assertion()));
        if (!verified.isValid()) {
            AssertionRejection rejection = verified.rejection();
            context.emit(ctx, List.of(AuditEvents.assertionRejected(rejection.error(), null)));
            return new Outcome.Failure<>(rejection.error(), rejection.message(), rejection.members(), 0);
        }
        // only an assertion that verified spends the tenant's budget: garbage cannot lock its users out
        Optional<Outcome<RegistrationResult>> perTenant =
                context.rateLimitPerTenant(ctx, RateLimitPolicy.IDENTITY_ASSERTION);
        if (perTenant.isPresent()) {
            return perTenant.get();
        }
        VerifiedIdJag jag = verified.value();
        ProviderPolicy policy = jag.provider().policy();
        if (!policy.credentialTypes().isEmpty() && !policy.credentialTypes().contains(type.get())) {
            return Outcome.failure(
                    ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE,
                    "This provider's users may not receive " + type.get().wireName() + ".");
        }
        List<String> scopes = grantedScopes(config, policy, jag);
        if (scopes.isEmpty()) {
            return Outcome.failure(
                    ProtocolError.INVALID_REQUEST, "No scope of this API can be granted to this assertion.");
        }
        return matchUser(runtime, ctx, jag, type.get(), scopes);
    }

    /**
     * Matches the asserted user (§3a) with the shared {@link UserMatcher}; with step-up on, the first link of an
     * existing account (or an SSO-managed domain) is confirmed by email first.
     */
    private Outcome<RegistrationResult> matchUser(
            ServiceContext.TenantRuntime runtime,
            RequestContext ctx,
            VerifiedIdJag jag,
            CredentialType type,
            List<String> scopes) {
        UserMatcher.Match match =
                matcher.match(ctx.tenantId(), jag, new UserMatcher.Policy(context.stepUpEnabled, false));
        if (match instanceof UserMatcher.Linked linked) {
            return issueForDelegation(runtime, ctx, jag, linked, type, scopes);
        }
        if (match instanceof UserMatcher.Confirm confirm) {
            Optional<Outcome<RegistrationResult>> limited =
                    context.rateLimit(ctx, RateLimitPolicy.CLAIM_EMAIL, confirm.address());
            if (limited.isPresent()) {
                return limited.get();
            }
            return startEmailClaim(
                    runtime,
                    ctx,
                    RegistrationType.ID_JAG_STEP_UP,
                    confirm.address(),
                    type,
                    scopes,
                    confirm.userId(),
                    jag);
        }
        UserMatcher.Refused refused = (UserMatcher.Refused) match;
        return Outcome.failure(refused.cause(), refused.message());
    }

    /** The most live API keys one ID-JAG registration holds; issuing one more revokes the oldest. */
    static final int MAX_LIVE_API_KEYS = 10;

    /**
     * Links {@code (iss, sub)} (or finds the link a concurrent registration just made) and issues the credential — on
     * the delegation's live v0.1 registration when there is one (one registration per {@code (tenant, iss, sub)}, the
     * same id each time), else on a new one. A new one's id is derived from the delegation and its history
     * ({@link ServiceContext#delegationRegistrations}): two first presentations racing compute the same id, the store
     * lets one insert it, and the other gets a credential of its own on it. Order for a new one: delegation,
     * registration, credential (never a credential without its registration, even when the database dies between the
     * two), then a re-check of the delegation — a logout token deletes the delegation before it looks for
     * registrations, so a registration that is stored after that lookup sees the delegation gone and revokes itself.
     * Under any interleaving no {@code active} registration outlives its delegation.
     */
    private Outcome<RegistrationResult> issueForDelegation(
            ServiceContext.TenantRuntime runtime,
            RequestContext ctx,
            VerifiedIdJag jag,
            UserMatcher.Linked match,
            CredentialType type,
            List<String> scopes) {
        String tenantId = ctx.tenantId();
        Instant now = context.clock.instant();
        String userId = context.linkDelegation(tenantId, jag.issuer(), jag.subject(), match, now);
        ServiceContext.DelegationRegistrations existing =
                context.delegationRegistrations(tenantId, WireProfile.V0_1, jag.issuer(), jag.subject());
        if (existing.live().isPresent()) {
            return issueAgain(runtime, ctx, jag, existing.live().get(), type, scopes);
        }
        String registrationId = existing.nextId();
        Registration registration = Registration.builder(tenantId, registrationId)
                .type(RegistrationType.AGENT_PROVIDER)
                .status(RegistrationStatus.ACTIVE)
                .createdAt(now)
                .userId(userId)
                .email(
                        jag.emailVerified()
                                ? jag.email().flatMap(EmailAddresses::normalise).orElse(null)
                                : null)
                .delegation(jag.issuer(), jag.subject())
                .agentPlatform(jag.agentPlatform().orElse(null))
                .agentContextId(jag.agentContextId().orElse(null))
                .requestedCredentialType(type)
                .postClaimScopes(scopes)
                .build();
        boolean inserted;
        @Nullable IssuedCredential issued = null;
        boolean delegationGone = false;
        try {
            inserted = context.registrations.insert(registration);
            if (inserted) {
                issued = credentials.issue(runtime.config(), tenantId, registrationId, userId, type, scopes, now);
                delegationGone = context.delegations
                        .find(tenantId, jag.issuer(), jag.subject())
                        .isEmpty();
            }
        } catch (RuntimeException e) {
            context.discardRegistration(tenantId, registrationId);
            throw e;
        }
        if (!inserted) {
            // a concurrent first presentation created this very registration: our credential is one of its own
            Optional<Registration> created = context.registrations.findById(tenantId, registrationId);
            if (created.isEmpty()) {
                throw new StoreException("registration " + registrationId + " was neither inserted nor found");
            }
            return issueAgain(runtime, ctx, jag, created.get(), type, scopes);
        }
        IssuedCredential credential = Objects.requireNonNull(issued, "a stored registration has its credential");
        if (delegationGone) {
            // a logout token tore the delegation down while we registered: do not outlive it
            claims.revoke(registration, ctx.clientIp());
            return delegationRevoked();
        }
        context.emit(ctx, List.of(AuditEvents.registrationCreated(registration)));
        return Outcome.success(
                new RegistrationResult(registrationId, RegistrationType.AGENT_PROVIDER, credential, null, List.of()));
    }

    /**
     * Another credential on the delegation's registration. Checked again after it is stored: a logout token that
     * revoked the registration or deleted the delegation meanwhile gets the credential revoked and the call fails, so
     * no credential of a torn-down delegation reaches the agent. API keys beyond {@link #MAX_LIVE_API_KEYS} live ones
     * are revoked oldest first (an agent that asks for a key at every start cannot pile up keys that never expire).
     */
    private Outcome<RegistrationResult> issueAgain(
            ServiceContext.TenantRuntime runtime,
            RequestContext ctx,
            VerifiedIdJag jag,
            Registration registration,
            CredentialType type,
            List<String> scopes) {
        String tenantId = ctx.tenantId();
        Instant now = context.clock.instant();
        IssuedCredential issued = credentials.issue(
                runtime.config(),
                tenantId,
                registration.id(),
                registration.userId().orElse(null),
                type,
                scopes,
                now);
        List<AuditDraft> events = new ArrayList<>();
        try {
            boolean stillLive = context.registrations
                            .findById(tenantId, registration.id())
                            .filter(ServiceContext::isLive)
                            .isPresent()
                    && context.delegations
                            .find(tenantId, jag.issuer(), jag.subject())
                            .isPresent();
            if (!stillLive) {
                credentials.discard(tenantId, issued);
                return delegationRevoked();
            }
            events.add(AuditEvents.credentialIssued(registration.id(), type.wireName()));
            if (type == CredentialType.API_KEY) {
                events.addAll(capApiKeys(tenantId, registration.id(), now));
            }
        } catch (RuntimeException e) {
            // the credential never reaches the agent: it must not authenticate either
            credentials.discard(tenantId, issued);
            throw e;
        }
        context.emit(ctx, events);
        return Outcome.success(
                new RegistrationResult(registration.id(), RegistrationType.AGENT_PROVIDER, issued, null, List.of()));
    }

    /** Revokes the oldest live API keys of a registration beyond the cap; returns their audit events. */
    private List<AuditDraft> capApiKeys(String tenantId, String registrationId, Instant now) {
        List<Credential> keys = context.credentials.findByRegistration(tenantId, registrationId).stream()
                .filter(c -> c.type() == CredentialType.API_KEY && c.isUsableAt(now))
                .sorted(Comparator.comparing(Credential::issuedAt).thenComparing(Credential::id))
                .toList();
        List<AuditDraft> events = new ArrayList<>();
        for (int i = 0; i < keys.size() - MAX_LIVE_API_KEYS; i++) {
            Credential oldest = keys.get(i);
            // a lost compare-and-set means someone else revoked it already
            if (context.credentials.update(oldest.version(), oldest.revoked(now))) {
                events.add(AuditEvents.credentialRevoked(registrationId, oldest.id(), "api_key_cap"));
            }
        }
        return events;
    }

    private static Outcome<RegistrationResult> delegationRevoked() {
        return Outcome.failure(
                ProtocolError.INVALID_REQUEST, "The provider revoked this user's delegation during registration.");
    }

    /**
     * Records {@code (iss, sub) → userId}, or adopts the user of the link a concurrent first registration made (two
     * just-in-time registrations of one new user must end up on one account).
     *
     * @return the user the delegation points at
     */

    // --- shared -------------------------------------------------------------------------------

    /**
     * Creates a registration whose credential waits for the claim ceremony, and emails the link. The email goes out
     * before the registration is stored: when the mail system fails nothing is stored and the agent simply registers
     * again; when the store fails afterwards the emailed link is dead and harmless.
     */
    private Outcome<RegistrationResult> startEmailClaim(
            ServiceContext.TenantRuntime runtime,
            RequestContext ctx,
            RegistrationType registrationType,
            String email,
            CredentialType type,
            List<String> scopes,
            @Nullable String userId,
            @Nullable VerifiedIdJag jag) {
        AgentAuthConfig config = runtime.config();
        Instant now = context.clock.instant();
        String registrationId = context.secrets.registrationId();
        String claimToken = context.secrets.claimToken();
        String attemptToken = context.secrets.claimAttemptToken();
        ClaimState claim = runtime.claims()
                .firstAttempt(
                        SecretHasher.hash(claimToken),
                        email,
                        now,
                        context.secrets.claimAttemptId(),
                        SecretHasher.hash(attemptToken));
        Registration.Builder builder = Registration.builder(ctx.tenantId(), registrationId)
                .type(registrationType)
                .status(RegistrationStatus.PENDING_CLAIM)
                .createdAt(now)
                .expiresAt(claim.claimTokenExpiresAt())
                .userId(userId)
                .email(email)
                .requestedCredentialType(type)
                .postClaimScopes(scopes)
                .claim(claim);
        if (jag != null) {
            builder.delegation(jag.issuer(), jag.subject())
                    .agentPlatform(jag.agentPlatform().orElse(null))
                    .agentContextId(jag.agentContextId().orElse(null));
        }
        Registration registration = builder.build();
        try {
            claims.sendClaimEmail(
                    config,
                    ctx.tenantId(),
                    registrationId,
                    email,
                    attemptToken,
                    Objects.requireNonNull(claim.attempt(), "a new claim starts with an attempt")
                            .expiresAt());
        } catch (RuntimeException e) {
            // any failure of the host's mailer, not only MailDeliveryException: its message may quote the address
            LOG.warn("claim email for registration {} could not be sent", registrationId, Redacted.of(e));
            return Outcome.failure(
                    ProtocolError.SERVER_ERROR,
                    "The confirmation email could not be sent; nothing was stored. Register again later.");
        }
        try {
            insert(registration);
        } catch (RuntimeException e) {
            // the insert may have landed: make sure the emailed link leads nowhere
            context.discardRegistration(ctx.tenantId(), registrationId);
            throw e;
        }
        List<AuditDraft> events = new ArrayList<>();
        events.add(AuditEvents.registrationCreated(registration));
        events.add(AuditEvents.claimRequested(registrationId, email));
        context.emit(ctx, events);
        return Outcome.success(new RegistrationResult(
                registrationId,
                registrationType,
                null,
                new ClaimHandle(config.claimUri(), claimToken, claim.claimTokenExpiresAt()),
                scopes));
    }

    private void insert(Registration registration) {
        if (!context.registrations.insert(registration)) {
            throw new StoreException("registration id collided; refusing to overwrite");
        }
    }

    private static Optional<CredentialType> identityCredentialType(
            AgentAuthConfig config, Optional<CredentialType> requested) {
        CredentialType type = requested.orElse(config.identityCredentialTypes().get(0));
        return config.identityCredentialTypes().contains(type) ? Optional.of(type) : Optional.empty();
    }

    private static <T> Outcome<T> unsupportedIdentityType(AgentAuthConfig config) {
        return Outcome.failure(
                ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE,
                "Identity assertions receive one of " + wireNames(config.identityCredentialTypes()) + ".");
    }

    /** The service's post-claim scopes, within the provider's ceiling and the assertion's own {@code scope}. */
    static List<String> grantedScopes(AgentAuthConfig config, ProviderPolicy policy, VerifiedIdJag jag) {
        List<String> granted = new ArrayList<>(config.postClaimScopes());
        if (!policy.scopeCeiling().isEmpty()) {
            granted.retainAll(policy.scopeCeiling());
        }
        if (jag.scope().isPresent()) {
            granted.retainAll(jag.scopes());
        }
        return List.copyOf(granted);
    }

    static String wireNames(List<CredentialType> types) {
        return String.join(", ", types.stream().map(CredentialType::wireName).toList());
    }
}
