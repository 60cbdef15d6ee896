/** Implementation details; not exported, may change without notice. */
package dev.authmd.core.internal;
