/**
 * Guarded outbound HTTP: the SSRF address guard, timeouts, size caps and no redirects, shared by every fetch.
 */
package dev.authmd.core.fetch;
