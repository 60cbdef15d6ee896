/**
 * One end-to-end suite over real HTTP that every adapter example runs against its own server:
 * {@link dev.authmd.examples.e2e.AgentAuthE2eSuite} (extend it in a test), the
 * {@link dev.authmd.examples.e2e.ClaimInbox} it reads claim emails from, and the
 * {@link dev.authmd.examples.e2e.AdjustableClock} a server may share with it for the expiry cases. Test-only: add this
 * module with test scope.
 */
package dev.authmd.examples.e2e;
