package dev.authmd.testkit.host;

import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.OtpChallenge;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RequestContext;
import dev.authmd.spi.mail.ClaimMail;
import dev.authmd.spi.mail.ClaimMailer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ClaimMailer} that keeps every claim email in memory, for {@code AgentAuthService.Builder.claimMailer(...)}:
 * a test reads the v0.1 claim link a user would click, and fetches the one-time code the claim page would show them.
 * Thread-safe.
 *
 * <pre>{@code
 * String otp = inbox.otp(service, ctx, "carol@example.com");     // what the claim page shows Carol
 * service.completeClaim(ctx, claimToken, otp);                   // what the agent sends back
 * }</pre>
 */
public final class TestInbox implements ClaimMailer {

    private final List<ClaimMail> mails = new ArrayList<>();

    /** Creates an empty inbox. */
    public TestInbox() {}

    @Override
    public synchronized void send(ClaimMail mail) {
        mails.add(Objects.requireNonNull(mail, "mail cannot be null"));
    }

    /** {@return every claim email sent so far, oldest first} */
    public synchronized List<ClaimMail> all() {
        return List.copyOf(mails);
    }

    /**
     * {@return the newest claim email sent to that address, if any}
     *
     * @param to the address, as the service normalised it (lower case)
     */
    public synchronized Optional<ClaimMail> latestTo(String to) {
        Objects.requireNonNull(to, "to cannot be null");
        for (int i = mails.size() - 1; i >= 0; i--) {
            if (mails.get(i).to().equals(to)) {
                return Optional.of(mails.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * {@return the claim link of the newest email to that address}
     *
     * @param to the address
     * @throws AssertionError when no claim email went to it
     */
    public URI claimLink(String to) {
        return URI.create(latestTo(to)
                .orElseThrow(() -> new AssertionError("no claim email was sent to " + to))
                .claimLink());
    }

    /**
     * {@return the attempt token the newest link to that address carries (its {@code token} query parameter)}
     *
     * @param to the address
     * @throws AssertionError when no claim email went to it, or its link has no token
     */
    public String attemptToken(String to) {
        String query = Objects.requireNonNullElse(claimLink(to).getRawQuery(), "");
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("the claim link sent to " + to + " carries no token");
    }

    /**
     * Does what the user's click on the newest link does: the claim page mints the one-time code and shows it.
     *
     * @param service the service under test
     * @param ctx the tenant and the user's address
     * @param to the address the link went to
     * @return the code the page shows
     * @throws AssertionError when no link went there, or the page would show an error instead (its code)
     */
    public String otp(AgentAuthService service, RequestContext ctx, String to) {
        Outcome<OtpChallenge> challenge = service.mintChallenge(ctx, attemptToken(to));
        if (!challenge.isSuccess()) {
            throw new AssertionError(
                    "the claim page would show " + challenge.failure().error().code());
        }
        return challenge.value().otp();
    }

    /** Forgets every email. */
    public synchronized void clear() {
        mails.clear();
    }
}
