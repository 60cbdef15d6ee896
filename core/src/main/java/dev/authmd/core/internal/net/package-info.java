/**
 * IP address parsing, canonical forms and CIDR ranges for client-address resolution and rate limiting. Not exported;
 * may change without notice.
 */
@NullMarked
package dev.authmd.core.internal.net;

import org.jspecify.annotations.NullMarked;
