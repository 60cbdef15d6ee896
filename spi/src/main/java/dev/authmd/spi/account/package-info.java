/** The host's user accounts, as the library needs them: {@link dev.authmd.spi.account.AccountResolver}. */
package dev.authmd.spi.account;
