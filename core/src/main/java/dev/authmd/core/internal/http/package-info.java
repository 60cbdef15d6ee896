/** HTTP response helpers shared by the endpoints. Internal. */
package dev.authmd.core.internal.http;
