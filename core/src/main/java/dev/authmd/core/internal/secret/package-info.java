/** Secret generation and constant-time comparison used by the use cases. Not exported; may change without notice. */
package dev.authmd.core.internal.secret;
