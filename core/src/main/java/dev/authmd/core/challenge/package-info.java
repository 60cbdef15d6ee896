/**
 * The {@code WWW-Authenticate: Bearer} challenge of RFC 6750 and RFC 9728 §5.1: building and parsing.
 */
package dev.authmd.core.challenge;
