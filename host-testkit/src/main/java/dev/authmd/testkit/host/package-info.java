/**
 * A test kit for hosts: what a service's own JUnit tests need to drive its auth.md integration in process —
 * {@link dev.authmd.testkit.host.TestClock}, {@link dev.authmd.testkit.host.TestInbox},
 * {@link dev.authmd.testkit.host.TestSignIn}, {@link dev.authmd.testkit.host.TestProvider} and the one-call flows of
 * {@link dev.authmd.testkit.host.TestAgent}. Examples: {@code docs/testing.md}.
 */
package dev.authmd.testkit.host;
