package dev.authmd.core.mail;

import dev.authmd.spi.mail.ClaimMail;
import dev.authmd.spi.mail.ClaimMailer;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ClaimMailer} for development: sends nothing and prints one line per claim email (recipient, registration,
 * tenant, link expiry to the second, and the claim link) so that a developer can open the link by hand.
 *
 * <p><strong>Development only.</strong> The claim link carries a secret (the claim attempt token): whoever reads this
 * output can claim the registration. A production service must never print or log it; it delivers claim emails with
 * {@code SmtpClaimMailer} from {@code adapters/smtp-mailer} ({@code dev.authmd:authmd-smtp-mailer}) or its own
 * {@code ClaimMailer}, set with {@code AgentAuthService.builder().claimMailer(...)}. {@code AgentAuthService} uses this
 * mailer when no mailer is set, and logs a warning saying so when it is built.
 *
 * <p>Each email is printed as one line, written with a single call, so concurrent emails never interleave:
 *
 * <pre>{@code
 * [authmd] claim email NOT SENT (development mailer) to ada@example.com for registration reg_… (tenant default), expires 2026-05-04T13:00:00Z: https://api.example.com/agent/auth/claim/view?token=cvt_…
 * }</pre>
 *
 * <p>Control characters in the printed values are replaced by {@code ?}, so a value can never forge a second line.
 * Thread-safe.
 */
public final class ConsoleClaimMailer implements ClaimMailer {

    /** Every printed line starts with this. */
    public static final String LINE_PREFIX = "[authmd] claim email NOT SENT (development mailer)";

    private final @Nullable PrintStream out;

    /** Prints to {@code System.out}, looked up on every email (so a redirected {@code System.out} is honoured). */
    public ConsoleClaimMailer() {
        this.out = null;
    }

    /**
     * Prints to the given stream.
     *
     * @param out where to print each claim email, e.g. a stream a test reads back
     */
    public ConsoleClaimMailer(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out cannot be null");
    }

    /**
     * Prints the claim email as one line; sends nothing.
     *
     * @param mail the rendered email
     */
    @Override
    public void send(ClaimMail mail) {
        Objects.requireNonNull(mail, "mail cannot be null");
        PrintStream target = out != null ? out : System.out;
        target.println(LINE_PREFIX
                + " to " + oneLine(mail.to())
                + " for registration " + oneLine(mail.registrationId())
                + " (tenant " + oneLine(mail.tenantId())
                + "), expires " + mail.expiresAt().truncatedTo(ChronoUnit.SECONDS)
                + ": " + oneLine(mail.claimLink()));
        target.flush();
    }

    private static String oneLine(String value) {
        StringBuilder safe = new StringBuilder(value.length());
        value.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return safe.toString();
    }

    @Override
    public String toString() {
        return out == null ? "ConsoleClaimMailer[System.out]" : "ConsoleClaimMailer[stream]";
    }
}
