/**
 * The auth.md document: rendering it from the service configuration and parsing one on the agent side.
 */
package dev.authmd.core.authmd;
