/** The host's user accounts, as the library needs them: {@link dev.authmd.spi.account.AccountResolver}. */
@NullMarked
package dev.authmd.spi.account;

import org.jspecify.annotations.NullMarked;
