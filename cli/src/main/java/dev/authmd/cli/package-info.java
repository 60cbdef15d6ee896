/** The {@code authmd} command line: {@link dev.authmd.cli.AuthMdCommand}. */
package dev.authmd.cli;
