/**
 * Abstract contract tests for the storage SPIs. Extend one per implementation.
 */
package dev.authmd.testkit;
