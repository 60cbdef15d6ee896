/**
 * The conformance kit: {@link dev.authmd.conformance.AuthMdConformance} checks an auth.md deployment over HTTP the way
 * discovery scanners and agents see it, and reports each check as passed, failed or skipped with what it saw.
 */
package dev.authmd.conformance;
