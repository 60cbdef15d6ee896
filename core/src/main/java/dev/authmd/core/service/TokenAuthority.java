package dev.authmd.core.service;

import dev.authmd.core.assertion.SecurityEventResult;
import dev.authmd.core.assertion.VerifiedSecurityEvent;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.internal.audit.AuditEvents;
import dev.authmd.core.internal.signing.IdentityAssertions;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.protocol.error.CurrentProfileError;
import dev.authmd.spi.store.AccessToken;
import dev.authmd.spi.store.AssertionState;
import dev.authmd.spi.store.IssuedAssertion;
import dev.authmd.spi.store.RefreshToken;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import dev.authmd.spi.store.StoreException;
import dev.authmd.spi.store.WireProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current profile's token side (docs/protocol.md, current profile §4–§6, §9): exchanging identity assertions for
 * access tokens, RFC 7009 revocation, resolving presented access tokens, and tearing a delegation down for a provider's
 * security event.
 *
 * <p>The race the profile has — an exchange against a revocation of its assertion — is decided by order: a revocation
 * retires the assertion first and then revokes its access tokens; an exchange stores its token first and then checks
 * the assertion again, revoking its own token when the assertion was retired meanwhile. Either the exchange fails, or
 * its token is stored before the revocation's sweep and revoked by it: never a live token from a revoked assertion.
 */
final class TokenAuthority {

    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthority.class);

    private final ServiceContext context;
    private final ClaimFlows claims;
    private final CurrentBudgets budgets;

    TokenAuthority(ServiceContext context, ClaimFlows claims, CurrentBudgets budgets) {
        this.context = context;
        this.claims = claims;
        this.budgets = budgets;
    }

    // --- token endpoint (§5) ------------------------------------------------------------------------

    CurrentOutcome<TokenGrant> exchange(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, TokenRequest request) {
        AgentAuthConfig config = runtime.config();
        String tenantId = ctx.tenantId();
        String resource = config.resource().toString();
        if (request.resource() != null && !request.resource().equals(resource)) {
            return CurrentOutcome.failure(
                    CurrentProfileError.INVALID_TARGET, "resource must be " + resource + " or left out.");
        }
        IdentityAssertions.Verification verification = context.metrics.timeVerification(
                "identity_assertion", () -> runtime.assertions().verify(request.assertion()));
        if (!(verification instanceof IdentityAssertions.Valid valid)) {
            return invalidGrant("The assertion is not a valid identity assertion of this service.");
        }
        Instant now = context.clock.instant();
        Optional<Registration> found = context.registrations.findById(tenantId, valid.registrationId());
        if (found.isEmpty() || !mayHoldTokens(found.get(), now) || !linked(found.get())) {
            return invalidGrant("The assertion's registration cannot hold tokens.");
        }
        Registration registration = found.get();
        if (!exchangeable(tenantId, valid, now)) {
            return invalidGrant("The assertion was superseded or revoked.");
        }
        Optional<CurrentOutcome<TokenGrant>> limited =
                budgets.perRegistration(ctx, RateLimitPolicy.TOKEN, registration.id());
        if (limited.isPresent()) {
            return limited.get();
        }
        List<String> granted = grantedScopes(config, registration);
        List<String> scopes = granted;
        if (request.scope() != null) {
            Optional<List<String>> narrowed = narrow(request.scope(), granted);
            if (narrowed.isEmpty()) {
                return CurrentOutcome.failure(
                        CurrentProfileError.INVALID_SCOPE,
                        "scope may only name scopes among: " + String.join(" ", granted) + ".");
            }
            scopes = narrowed.get();
        }
        Instant expiresAt = now.plus(config.accessTokenTtl());
        if (registration.expiresAt().isPresent()
                && registration.status().isClaimable()
                && registration.expiresAt().get().isBefore(expiresAt)) {
            expiresAt = registration.expiresAt().get();
        }
        String token = context.secrets.accessToken();
        String hash = SecretHasher.hash(token);
        AccessToken record = new AccessToken(
                tenantId,
                hash,
                registration.id(),
                registration.userId().orElse(null),
                scopes,
                resource,
                valid.jti(),
                now,
                expiresAt,
                null);
        if (!context.accessTokens.insert(record)) {
            throw new StoreException("access token hash collided; refusing to issue");
        }
        // the re-check that decides a race with a revocation: see the class comment
        Optional<Registration> after = context.registrations.findById(tenantId, registration.id());
        if (!exchangeable(tenantId, valid, now)
                || after.isEmpty()
                || !mayHoldTokens(after.get(), now)
                || !linked(after.get())) {
            context.accessTokens.revoke(tenantId, hash, now);
            return invalidGrant("The assertion was revoked during the exchange.");
        }
        context.emit(ctx, List.of(AuditEvents.tokenIssued(registration.id(), resource, scopes)));
        return CurrentOutcome.success(new TokenGrant(
                token, expiresAt, Math.max(0, Duration.between(now, expiresAt).toSeconds()), scopes, resource));
    }

    private boolean exchangeable(String tenantId, IdentityAssertions.Valid valid, Instant now) {
        Optional<IssuedAssertion> record = context.issuedAssertions.find(tenantId, valid.jti());
        return record.isPresent()
                && record.get().registrationId().equals(valid.registrationId())
                && record.get().isExchangeableAt(now);
    }

    /** Anonymous registrations hold tokens while unclaimed and within their window; the others once active/claimed. */
    static boolean mayHoldTokens(Registration registration, Instant now) {
        if (registration.profile() != WireProfile.CURRENT) {
            return false;
        }
        RegistrationStatus status = registration.status();
        if (status == RegistrationStatus.ACTIVE || status == RegistrationStatus.CLAIMED) {
            return true;
        }
        return registration.type() == RegistrationType.ANONYMOUS
                && status.isClaimable()
                && !registration.isDueForExpiry(now);
    }

    /** An ID-JAG registration lends authority only while its delegation exists (a security event deletes it first). */
    boolean linked(Registration registration) {
        if (registration.issuer().isEmpty()) {
            return true;
        }
        return context.delegations
                .find(
                        registration.tenantId(),
                        registration.issuer().get(),
                        registration.subject().orElseThrow())
                .isPresent();
    }

    /** Anonymous and unclaimed: the pre-claim scopes; otherwise the registration's set. */
    static List<String> grantedScopes(AgentAuthConfig config, Registration registration) {
        if (registration.type() == RegistrationType.ANONYMOUS && registration.status() != RegistrationStatus.CLAIMED) {
            return config.anonymousScopes();
        }
        return registration.postClaimScopes();
    }

    /** The requested scopes when each is granted and there is at least one; empty otherwise. */
    static Optional<List<String>> narrow(String scope, List<String> granted) {
        Set<String> requested = new LinkedHashSet<>();
        for (String token : scope.split(" ", -1)) {
            if (token.isEmpty() || !granted.contains(token)) {
                return Optional.empty();
            }
            requested.add(token);
        }
        List<String> ordered = new ArrayList<>(granted);
        ordered.retainAll(requested);
        return Optional.of(List.copyOf(ordered));
    }

    private static <T> CurrentOutcome<T> invalidGrant(String description) {
        return CurrentOutcome.failure(CurrentProfileError.INVALID_GRANT, description);
    }

    // --- RFC 7009 (§6) ---------------------------------------------------------------------------

    /**
     * Revokes whatever the token is — an access token, a refresh token (its whole family), or one of our identity
     * assertions (its record and every access token exchanged for it) — looking in the hinted table first. Answers the
     * same whether anything matched; the registration survives.
     *
     * @return what was revoked, for the audit trail only
     */
    Optional<Revoked> revoke(
            ServiceContext.TenantRuntime runtime, RequestContext ctx, String token, @Nullable String hint) {
        String tenantId = ctx.tenantId();
        Instant now = context.clock.instant();
        String hash = SecretHasher.hash(token);
        boolean refreshFirst = "refresh_token".equals(hint);
        Optional<Revoked> revoked = refreshFirst
                ? revokeRefresh(tenantId, hash, now).or(() -> revokeAccess(tenantId, hash, now))
                : revokeAccess(tenantId, hash, now).or(() -> revokeRefresh(tenantId, hash, now));
        if (revoked.isEmpty() && token.indexOf('.') > 0) {
            revoked = revokeAssertion(runtime, tenantId, token, now);
        }
        revoked.ifPresent(r -> context.emit(ctx, List.of(AuditEvents.tokenRevoked(r.registrationId(), r.tokenType()))));
        return revoked;
    }

    /** What an RFC 7009 request revoked. */
    record Revoked(String tokenType, String registrationId) {}

    private Optional<Revoked> revokeAccess(String tenantId, String hash, Instant now) {
        Optional<AccessToken> found = context.accessTokens.findByHash(tenantId, hash);
        if (found.isPresent() && context.accessTokens.revoke(tenantId, hash, now)) {
            return Optional.of(new Revoked("access_token", found.get().registrationId()));
        }
        return Optional.empty();
    }

    private Optional<Revoked> revokeRefresh(String tenantId, String hash, Instant now) {
        Optional<RefreshToken> found = context.refreshTokens.findByHash(tenantId, hash);
        if (found.isEmpty() || !found.get().isUsableAt(now)) {
            return Optional.empty();
        }
        context.refreshTokens.revokeByRegistration(tenantId, found.get().registrationId(), now);
        return Optional.of(new Revoked("refresh_token", found.get().registrationId()));
    }

    private Optional<Revoked> revokeAssertion(
            ServiceContext.TenantRuntime runtime, String tenantId, String token, Instant now) {
        if (!(runtime.assertions().verify(token) instanceof IdentityAssertions.Valid valid)) {
            return Optional.empty();
        }
        Optional<IssuedAssertion> record = context.issuedAssertions.find(tenantId, valid.jti());
        if (record.isEmpty() || !record.get().registrationId().equals(valid.registrationId())) {
            return Optional.empty();
        }
        boolean retired = context.issuedAssertions.retire(tenantId, valid.jti(), AssertionState.REVOKED, now);
        // even when it was retired already: an exchange racing that retirement may have stored a token since
        int tokens = context.accessTokens.revokeAll(tenantId, valid.registrationId(), valid.jti(), now);
        return retired || tokens > 0
                ? Optional.of(new Revoked("identity_assertion", valid.registrationId()))
                : Optional.empty();
    }

    // --- security events (§9) ----------------------------------------------------------------------

    /**
     * Verifies a provider's security event and, when it is new and revokes a delegation, tears the whole delegation
     * down: the delegation is deleted first (from that write on nothing of it authenticates), then every registration
     * of {@code (tenant, iss, sub)} — claimed or pending, any profile — is revoked with its claim, assertions, access
     * tokens and refresh tokens. A replay is answered as accepted and changes nothing.
     */
    SecurityEventResult securityEvent(ServiceContext.TenantRuntime runtime, RequestContext ctx, String token) {
        SecurityEventResult result = context.metrics.timeVerification(
                "security_event", () -> runtime.securityEvents().verify(token));
        if (result instanceof SecurityEventResult.Replayed replayed) {
            context.emit(
                    ctx, List.of(AuditEvents.securityEventReceived(replayed.issuer(), replayed.jti(), "replayed")));
        } else if (result instanceof SecurityEventResult.Accepted accepted) {
            VerifiedSecurityEvent event = accepted.event();
            context.emit(ctx, List.of(AuditEvents.securityEventReceived(event.issuer(), event.jti(), "accepted")));
            if (event.revokesDelegation()) {
                int revoked = claims.revokeDelegation(ctx, event.issuer(), event.subject(), "a security event");
                context.emit(ctx, List.of(AuditEvents.securityEventApplied(event.issuer(), revoked)));
            }
        } else if (result instanceof SecurityEventResult.Rejected rejected) {
            LOG.debug("security event refused: {}", rejected.error().code());
        }
        return result;
    }
}
