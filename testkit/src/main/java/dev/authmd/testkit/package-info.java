/**
 * Abstract contract tests for the storage SPIs of {@code dev.authmd.spi.store}, and the fixture factories they use.
 * Every implementation — the in-memory defaults, a JDBC adapter, a host's own — extends one contract per interface and
 * supplies a fresh store:
 *
 * <pre>{@code
 * class MyReplayCacheTest extends ReplayCacheContract {
 *     protected ReplayCache createStore() {
 *         return new MyReplayCache(freshBackend());
 *     }
 * }
 * }</pre>
 *
 * <p>Contracts: {@link dev.authmd.testkit.RegistrationStoreContract},
 * {@link dev.authmd.testkit.CredentialStoreContract}, {@link dev.authmd.testkit.DelegationStoreContract},
 * {@link dev.authmd.testkit.ReplayCacheContract}, {@link dev.authmd.testkit.RateLimitStoreContract}. Values:
 * {@link dev.authmd.testkit.StoreFixtures}. Add {@code authmd-testkit} with test scope; it brings JUnit 5 and AssertJ.
 * Tests take explicit instants, never a clock, and race threads behind a start gate rather than sleeping.
 */
package dev.authmd.testkit;
