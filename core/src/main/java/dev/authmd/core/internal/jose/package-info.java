/** Strict compact-JWS decoding ahead of Nimbus's signature check. Not exported. */
package dev.authmd.core.internal.jose;
