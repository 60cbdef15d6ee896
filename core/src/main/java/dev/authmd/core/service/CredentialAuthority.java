package dev.authmd.core.service;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.protocol.challenge.BearerChallenge;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.credential.CredentialTemplate;
import dev.authmd.spi.store.AccessToken;
import dev.authmd.spi.store.Credential;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import dev.authmd.spi.store.RegistrationType;
import dev.authmd.spi.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues credentials and resolves presented ones (§3, §5: docs/protocol.md#v01-3). Secrets exist only in the returned
 * {@link IssuedCredential}; the store sees their SHA-256 hash.
 */
final class CredentialAuthority {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialAuthority.class);

    /** RFC 6750 §2.1 {@code b64token}. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private static final int MAX_TOKEN_LENGTH = 4096;

    private final ServiceContext context;

    CredentialAuthority(ServiceContext context) {
        this.context = context;
    }

    /**
     * Mints and stores a credential. The caller stores the registration afterwards: a credential whose registration is
     * missing never authenticates, so a failure between the two writes leaves nothing usable behind.
     */
    IssuedCredential issue(
            AgentAuthConfig config,
            String tenantId,
            String registrationId,
            @Nullable String userId,
            CredentialType type,
            List<String> scopes,
            Instant now) {
        Instant expiresAt = type == CredentialType.ACCESS_TOKEN ? now.plus(config.accessTokenTtl()) : null;
        String credentialId = context.secrets.credentialId();
        CredentialTemplate template =
                new CredentialTemplate(tenantId, credentialId, type, registrationId, userId, scopes, now, expiresAt);
        String secret = context.credentialFormat.mint(template);
        Credential credential = new Credential(
                tenantId,
                credentialId,
                SecretHasher.hash(secret),
                type,
                registrationId,
                userId,
                scopes,
                now,
                expiresAt,
                null,
                0);
        boolean inserted;
        try {
            inserted = context.credentials.insert(credential);
        } catch (RuntimeException e) {
            // the insert may have landed before the failure: make sure it never authenticates
            discard(tenantId, credential.secretHash());
            throw e;
        }
        if (!inserted) {
            throw new StoreException("credential id or secret hash collided; refusing to issue");
        }
        return new IssuedCredential(type, secret, expiresAt, scopes);
    }

    /**
     * Best effort: revokes an issued credential whose secret never reached the agent (a later step of the use case
     * failed). Never throws; a failure is logged with ids only.
     */
    void discard(String tenantId, IssuedCredential issued) {
        discard(tenantId, SecretHasher.hash(issued.secret()));
    }

    private void discard(String tenantId, String secretHash) {
        try {
            for (int round = 0; round <= ServiceContext.MAX_RACE_RETRIES; round++) {
                Optional<Credential> stored = context.credentials.findByHash(tenantId, secretHash);
                if (stored.isEmpty()
                        || stored.get().revokedAt() != null
                        || context.credentials.update(
                                stored.get().version(), stored.get().revoked(context.clock.instant()))) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.error("a credential of tenant {} could not be discarded after a failure", tenantId, Redacted.of(e));
        }
    }

    /**
     * Gives every live credential of an anonymous registration its new owner and scopes, in place.
     *
     * @return how many were upgraded
     */
    int upgradeInPlace(String tenantId, String registrationId, String userId, List<String> scopes) {
        int upgraded = 0;
        for (Credential credential : context.credentials.findByRegistration(tenantId, registrationId)) {
            Credential current = credential;
            for (int attempt = 0; current.revokedAt() == null; attempt++) {
                if (updateCredential(current, current.withOwnerAndScopes(userId, scopes))) {
                    upgraded++;
                    break;
                }
                if (attempt >= ServiceContext.MAX_RACE_RETRIES) {
                    throw new StoreException("credential kept changing while upgrading it");
                }
                String id = current.id();
                current = context.credentials.findByRegistration(tenantId, registrationId).stream()
                        .filter(c -> c.id().equals(id))
                        .findFirst()
                        .orElseThrow(() -> new StoreException("credential vanished while upgrading it"));
            }
        }
        return upgraded;
    }

    /**
     * {@link dev.authmd.spi.store.CredentialStore#update}, resolving a write whose outcome is unknown by reading the
     * credential back (as {@link ServiceContext#updateRegistration}).
     */
    private boolean updateCredential(Credential current, Credential next) {
        try {
            return context.credentials.update(current.version(), next);
        } catch (StoreException failure) {
            try {
                if (context.credentials
                        .findByHash(next.tenantId(), next.secretHash())
                        .filter(next::equals)
                        .isPresent()) {
                    return true;
                }
            } catch (RuntimeException again) {
                failure.addSuppressed(again);
            }
            throw failure;
        }
    }

    AuthenticationResult authenticate(
            ServiceContext.TenantRuntime runtime,
            String tenantId,
            @Nullable String authorizationHeader,
            Set<String> requiredScopes) {
        AgentAuthConfig config = runtime.config();
        Optional<String> token = bearerToken(authorizationHeader);
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return new AuthenticationResult.Denied(
                    401, null, BearerChallenge.missingCredential(config.protectedResourceMetadataUri()));
        }
        if (token.isEmpty()) {
            return invalid(config);
        }
        String hash = SecretHasher.hash(token.get());
        Optional<Credential> found = context.credentials.findByHash(tenantId, hash);
        Instant now = context.clock.instant();
        if (found.isEmpty()) {
            return authenticateAccessToken(config, tenantId, hash, requiredScopes, now);
        }
        if (!found.get().isUsableAt(now)) {
            return invalid(config);
        }
        Credential credential = found.get();
        Optional<Registration> registration = context.registrations.findById(tenantId, credential.registrationId());
        if (registration.isEmpty() || !authenticates(registration.get(), now) || !linked(registration.get())) {
            return invalid(config);
        }
        Registration reg = registration.get();
        return scoped(
                config,
                requiredScopes,
                new AgentPrincipal(
                        tenantId,
                        reg.id(),
                        reg.type(),
                        credential.userId(),
                        credential.id(),
                        credential.type(),
                        credential.scopes(),
                        credential.expiresAt()));
    }

    /** The principal when it holds every required scope; {@code 403 insufficient_scope} otherwise. */
    private static AuthenticationResult scoped(
            AgentAuthConfig config, Set<String> requiredScopes, AgentPrincipal principal) {
        if (!principal.scopes().containsAll(requiredScopes)) {
            return new AuthenticationResult.Denied(
                    403,
                    ProtocolError.INSUFFICIENT_SCOPE,
                    BearerChallenge.insufficientScope(config.protectedResourceMetadataUri(), requiredScopes));
        }
        return new AuthenticationResult.Authenticated(principal);
    }

    /**
     * A current-profile access token (current profile §5): usable, bound to this resource, its registration still able
     * to hold tokens and, for an ID-JAG registration, its delegation still there.
     */
    private AuthenticationResult authenticateAccessToken(
            AgentAuthConfig config, String tenantId, String hash, Set<String> requiredScopes, Instant now) {
        Optional<AccessToken> found = context.accessTokens.findByHash(tenantId, hash);
        if (found.isEmpty()
                || !found.get().isUsableAt(now)
                || !found.get().resource().equals(config.resource().toString())) {
            return invalid(config);
        }
        AccessToken token = found.get();
        Optional<Registration> registration = context.registrations.findById(tenantId, token.registrationId());
        if (registration.isEmpty()
                || !TokenAuthority.mayHoldTokens(registration.get(), now)
                || !linked(registration.get())) {
            return invalid(config);
        }
        Registration reg = registration.get();
        return scoped(
                config,
                requiredScopes,
                new AgentPrincipal(
                        tenantId,
                        reg.id(),
                        reg.type(),
                        token.userId(),
                        "tok_" + hash.substring(0, 16),
                        CredentialType.ACCESS_TOKEN,
                        token.scopes(),
                        token.expiresAt()));
    }

    /**
     * A registration lends its credentials authority while active, claimed, or anonymous and unclaimed within its TTL:
     * an unclaimed key dies at its TTL even before the expiry sweep ({@link AgentAuthService#expireDue}) has marked it
     * expired.
     */
    private static boolean authenticates(Registration registration, Instant now) {
        RegistrationStatus status = registration.status();
        return status == RegistrationStatus.ACTIVE
                || status == RegistrationStatus.CLAIMED
                || (registration.type() == RegistrationType.ANONYMOUS
                        && status.isClaimable()
                        && !registration.isDueForExpiry(now));
    }

    /**
     * A registration made from an ID-JAG lends authority only while its delegation exists: a logout token deletes the
     * delegation first, so its effect is complete at that single write even when revoking the individual registrations
     * fails afterwards (the token's {@code jti} is spent, so the provider could not retry). One keyed lookup, for
     * ID-JAG credentials only.
     */
    private boolean linked(Registration registration) {
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

    private static AuthenticationResult invalid(AgentAuthConfig config) {
        return new AuthenticationResult.Denied(
                401, ProtocolError.INVALID_TOKEN, BearerChallenge.invalidToken(config.protectedResourceMetadataUri()));
    }

    /** Extracts the token of {@code Authorization: Bearer <b64token>} (scheme case-insensitive). */
    static Optional<String> bearerToken(@Nullable String header) {
        if (header == null || header.length() > MAX_TOKEN_LENGTH + 16) {
            return Optional.empty();
        }
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0 || !trimmed.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String token = trimmed.substring(space + 1).strip();
        return B64TOKEN.matcher(token).matches() ? Optional.of(token) : Optional.empty();
    }
}
