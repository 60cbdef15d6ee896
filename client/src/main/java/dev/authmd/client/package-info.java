/**
 * The agent side of auth.md. {@link dev.authmd.client.AuthMdClient} discovers a service from a URL or a 401, picks its
 * wire profile (v0.1 or the current profile), registers by the lightest method the service and the caller allow, runs
 * the claim ceremony through a {@link dev.authmd.client.ClaimPrompt}, and hands back an
 * {@link dev.authmd.client.AgentSession} that calls the API with a bearer it keeps fresh. Credentials persist in an
 * {@link dev.authmd.client.AgentCredentialStore}.
 */
@NullMarked
package dev.authmd.client;

import org.jspecify.annotations.NullMarked;
