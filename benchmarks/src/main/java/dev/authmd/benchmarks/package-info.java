/**
 * JMH benchmarks of authmd-java (never run by {@code mvn verify}; see {@code docs/benchmarks.md}): ID-JAG verification
 * against raw JCA signature checks, registration throughput, {@code authenticate} and claim-token lookups at 10⁴ and
 * 10⁶ stored registrations, and {@link dev.authmd.benchmarks.StoreFootprint}, a retained-heap probe of the in-memory
 * stores.
 */
package dev.authmd.benchmarks;
