package dev.authmd.core.service;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The warnings {@link AgentAuthService.Builder#build()} gives for each development default it fills in (in-memory
 * stores, the console mailer, the in-memory account resolver, a random OTP key), one WARN each, every one naming the
 * builder method that replaces it. When SLF4J drops everything (no provider, or slf4j-nop), the same warnings go to
 * standard error too, with a line saying why, since a warning nobody sees does not warn.
 */
final class DevelopmentDefaults {

    /** Starts every line printed to the fallback stream. */
    static final String FALLBACK_PREFIX = "[authmd] WARN ";

    static final String CONSOLE_MAILER = "Development default: no claimMailer(...) was set, so claim emails are NOT"
            + " sent: ConsoleClaimMailer prints each claim link, which is a secret, to standard output. In production"
            + " pass a real mailer to AgentAuthService.Builder.claimMailer(...), e.g. SmtpClaimMailer from"
            + " dev.authmd:authmd-smtp-mailer.";

    static final String IN_MEMORY_ACCOUNTS = "Development default: no accountResolver(...) was set, so agents' users"
            + " live in an InMemoryAccountResolver: accounts are created just in time, are not your users and are lost"
            + " on restart. In production pass your user directory to AgentAuthService.Builder.accountResolver(...).";

    static final String RANDOM_OTP_KEY = "Development default: no otpHasher(...) was set, so one-time codes are hashed"
            + " under a random key made at start-up: codes issued before a restart are unusable after it, and replicas"
            + " reject each other's codes. In production pass a shared key from your secret store:"
            + " AgentAuthService.Builder.otpHasher(new OtpHasher(keyFromVault)).";

    static final String IN_MEMORY_SIGNING_KEY = "Development default: no signingKeySource(...) was set, so the current"
            + " profile's identity assertions are signed with an ES256 key made at start-up: every assertion in flight"
            + " is refused after a restart, and replicas refuse each other's. In production pass the service's keys:"
            + " AgentAuthService.Builder.signingKeySource(JwkSetFileSigningKeySource.load(path)).";

    static final String NO_SIGN_IN = "No sessionResolver(...) was set, so the current profile's claim ceremony is off:"
            + " service_auth registration answers service_auth_registration_disabled, the claim endpoints answer"
            + " auth_method_disabled, and a step-up (401 interaction_required) cannot be completed. Pass your login to"
            + " AgentAuthService.Builder.sessionResolver(...) to let users claim agents by signing in.";

    private DevelopmentDefaults() {}

    /**
     * The warning for in-memory stores.
     *
     * @param builderMethods the builder methods not called, e.g. {@code registrationStore}; not empty
     * @return one warning naming them all
     */
    static String inMemoryStores(List<String> builderMethods) {
        return "Development default: in-memory stores for " + String.join("(...), ", builderMethods) + "(...): their"
                + " contents are lost on restart and not shared between replicas. In production pass persistent, shared"
                + " stores to those AgentAuthService.Builder methods, e.g. the PostgreSQL stores of"
                + " dev.authmd:authmd-jdbc-postgres.";
    }

    /**
     * The warnings for a set of defaults, in a fixed order.
     *
     * @param inMemoryStores builder methods of the stores left in memory; empty when every store was given
     * @param consoleMailer whether no mailer was given
     * @param inMemoryAccounts whether no account resolver was given
     * @param randomOtpKey whether no OTP hasher was given
     * @return the warnings, empty when no development default is in use
     */
    static List<String> warnings(
            List<String> inMemoryStores, boolean consoleMailer, boolean inMemoryAccounts, boolean randomOtpKey) {
        List<String> warnings = new ArrayList<>();
        if (!inMemoryStores.isEmpty()) {
            warnings.add(inMemoryStores(inMemoryStores));
        }
        if (consoleMailer) {
            warnings.add(CONSOLE_MAILER);
        }
        if (inMemoryAccounts) {
            warnings.add(IN_MEMORY_ACCOUNTS);
        }
        if (randomOtpKey) {
            warnings.add(RANDOM_OTP_KEY);
        }
        return List.copyOf(warnings);
    }

    /**
     * The line printed after the warnings when SLF4J drops everything.
     *
     * @param defaultAuditSink whether audit events go to SLF4J (no audit sink was given)
     * @return the line, without {@link #FALLBACK_PREFIX}
     */
    static String noLoggingProvider(boolean defaultAuditSink) {
        return "SLF4J has no logging provider (none on the class path, or slf4j-nop), so authmd's "
                + (defaultAuditSink
                        ? "warnings, errors and audit events (logger dev.authmd.audit)"
                        : "warnings and errors")
                + " are dropped; the warnings above are printed to standard error for that reason. Add a provider such"
                + " as org.slf4j:slf4j-simple or ch.qos.logback:logback-classic.";
    }

    /**
     * Logs each warning at WARN and, when SLF4J drops everything, prints them to {@code fallback} as well, followed by
     * {@link #noLoggingProvider}. Prints nothing when there is nothing to say: no warning, and audit events that do not
     * go to SLF4J.
     *
     * @param warnings the warnings of {@link #warnings}
     * @param defaultAuditSink whether audit events go to SLF4J
     * @param log where the warnings are logged
     * @param loggingDiscarded whether SLF4J drops everything ({@link #loggingDiscarded()})
     * @param fallback where to print when it does, normally {@code System.err}
     */
    static void report(
            List<String> warnings,
            boolean defaultAuditSink,
            Logger log,
            boolean loggingDiscarded,
            PrintStream fallback) {
        for (String warning : warnings) {
            log.warn("{}", warning);
        }
        if (!loggingDiscarded || (warnings.isEmpty() && !defaultAuditSink)) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (String warning : warnings) {
            text.append(FALLBACK_PREFIX).append(warning).append(System.lineSeparator());
        }
        text.append(FALLBACK_PREFIX).append(noLoggingProvider(defaultAuditSink));
        fallback.println(text);
        fallback.flush();
    }

    /**
     * Whether SLF4J drops every log line: SLF4J 2 falls back to a no-op factory when it finds no provider (and
     * slf4j-nop installs the same factory); SLF4J 1.7 without a binding does too.
     *
     * @return true when the bound logger factory is SLF4J's no-op one
     */
    static boolean loggingDiscarded() {
        return LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory;
    }
}
