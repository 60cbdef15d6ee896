/**
 * Framework-neutral HTTP endpoints over {@link dev.authmd.spi.http.HttpRequest} and
 * {@link dev.authmd.spi.http.HttpResponse} (§2–§7: docs/protocol.md#v01-2).
 *
 * <ul>
 *   <li>{@link dev.authmd.core.http.AgentAuthEndpoints} — the one handler a host mounts: the discovery documents,
 *       registration, the claim ceremony (including the claim page) and revocation. Tenant resolution, body limits,
 *       strict JSON, exact error mapping, {@code Cache-Control: no-store} on every answer.
 *   <li>{@link dev.authmd.core.http.DiscoveryEndpoints} — only the discovery documents (PRM, AS metadata at both
 *       locations, auth.md), for a resource host that carries nothing else.
 *   <li>{@link dev.authmd.core.http.ClaimPageGuard} — the host's hook to refuse the claim page and the minting of a
 *       code (SSO, MFA).
 * </ul>
 *
 * <p>Handlers are immutable and thread-safe; build them once at startup. Nothing here throws on a bad request: every
 * failure is an {@code HttpResponse}. See {@code docs/discovery.md} and {@code docs/errors.md}.
 */
@NullMarked
package dev.authmd.core.http;

import org.jspecify.annotations.NullMarked;
