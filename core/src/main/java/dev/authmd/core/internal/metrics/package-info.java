/** Metrics: a recorder the service calls, and its Micrometer implementation (optional dependency). */
package dev.authmd.core.internal.metrics;
