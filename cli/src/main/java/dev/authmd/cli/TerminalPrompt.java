package dev.authmd.cli;

import dev.authmd.client.ClaimPrompt;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The claim ceremonies with a person at the terminal: says what to do on standard error, reads the code from input. */
final class TerminalPrompt implements ClaimPrompt {

    private final BufferedReader in;
    private final PrintStream err;

    TerminalPrompt(BufferedReader in, PrintStream err) {
        this.in = in;
        this.err = err;
    }

    @Override
    public Optional<String> codeFromEmail(EmailStep step) {
        err.println();
        if (step.retry() > 0) {
            err.println("That code was not accepted.");
        }
        err.println(step.service() + " emailed a link"
                + step.emailAddress().map(a -> " to " + a).orElse(" to the account's address") + ".");
        err.println("Open it, press \"Show my code\", and type the code here (empty line to stop).");
        return read();
    }

    @Override
    public Optional<String> codeFromPage(PageStep step) {
        err.println();
        if (step.retry() > 0) {
            err.println("The service has not seen a confirmation with that code yet.");
        }
        err.println("Open this page, sign in to " + step.service() + ", confirm, and type the code it shows"
                + " (empty line to stop):");
        err.println("  " + step.verificationUri());
        return read();
    }

    private Optional<String> read() {
        err.print("code> ");
        err.flush();
        try {
            String line = in.readLine();
            return line == null || line.isBlank() ? Optional.empty() : Optional.of(line.strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
