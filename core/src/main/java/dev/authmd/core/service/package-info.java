/**
 * The registration service of docs/protocol.md#v01-3 (§3–§8): {@link dev.authmd.core.service.AgentAuthService}, one
 * method per use case (register, start/view/mint/complete a claim, revoke by logout token, authenticate, expire), each
 * answering a typed {@link dev.authmd.core.service.Outcome}, plus the operator calls. No HTTP types:
 * {@code dev.authmd.core.http} translates.
 *
 * <p>Wiring: {@link dev.authmd.core.service.AgentAuthService#builder()} takes the tenants and, optionally, the host's
 * {@code AccountResolver} and {@code ClaimMailer}, stores, audit sink, clock, secret source, OTP key and credential
 * format. Parts not given get defaults; those meant for development only (in-memory stores and users, a mailer that
 * prints claim links, a random OTP key) are each named in a WARN when the service is built. Everything here is
 * thread-safe once built. See {@code docs/registration-service.md} for states, hashing and failure behaviour.
 */
@NullMarked
package dev.authmd.core.service;

import org.jspecify.annotations.NullMarked;
