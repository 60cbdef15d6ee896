/** Text escaping helpers. Internal. */
package dev.authmd.core.internal.text;
