package dev.authmd.adapters.smtp;

import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * How {@link SmtpClaimMailer} reaches the SMTP server: host and port, the sender, optional credentials, transport
 * security and timeouts.
 *
 * <p>Defaults are the safe ones: STARTTLS is <em>required</em> (the connection fails rather than sending the claim link
 * in clear) unless the host is a loopback address literal ({@code localhost}, {@code 127.x.y.z}, {@code ::1}), where a
 * development server such as GreenMail or Mailpit usually offers no TLS and STARTTLS defaults to {@link StartTls#OFF}.
 * The port defaults to 587 (submission), 465 with {@linkplain Builder#implicitTls(boolean) implicit TLS}. Connect, read
 * and write timeouts default to 10 seconds each. The server certificate's host name is always checked when TLS is used.
 * Credentials are refused on a connection to a non-loopback host that may end up unencrypted, unless the host opts in
 * with {@link Builder#allowCredentialsWithoutTls(boolean)}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the password.
 *
 * <pre>{@code
 * SmtpSettings settings = SmtpSettings.builder()
 *         .host("smtp.example.com")
 *         .from("no-reply@example.com")
 *         .fromName("Example")
 *         .credentials("apikey", System.getenv("SMTP_PASSWORD"))
 *         .build();
 * }</pre>
 */
public final class SmtpSettings {

    /** The default connect, read and write timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The default port for SMTP submission with STARTTLS (RFC 6409). */
    public static final int DEFAULT_SUBMISSION_PORT = 587;

    /** The default port for SMTP over implicit TLS (RFC 8314). */
    public static final int DEFAULT_IMPLICIT_TLS_PORT = 465;

    /** Whether and how the connection is upgraded with the SMTP {@code STARTTLS} command. */
    public enum StartTls {
        /** Upgrade or fail: the mail is never sent over an unencrypted connection. */
        REQUIRED,
        /**
         * Upgrade when the server offers it, else send in clear. An active attacker can strip the offer; use only on a
         * network you trust.
         */
        OPTIONAL,
        /** Never upgrade. For loopback development servers. */
        OFF
    }

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final String host;
    private final int port;
    private final InternetAddress from;
    private final String username;
    private final String password;
    private final StartTls startTls;
    private final boolean implicitTls;
    private final boolean allowCredentialsWithoutTls;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;

    private SmtpSettings(Builder b, InternetAddress from, StartTls startTls, int port) {
        this.host = b.host;
        this.port = port;
        this.from = from;
        this.username = b.username;
        this.password = b.password;
        this.startTls = startTls;
        this.implicitTls = b.implicitTls;
        this.allowCredentialsWithoutTls = b.allowCredentialsWithoutTls;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
    }

    /** {@return a builder starting from the documented defaults; {@code host} and {@code from} must be set} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the SMTP server's host name or IP address} */
    public String host() {
        return host;
    }

    /** {@return the SMTP server's port} */
    public int port() {
        return port;
    }

    /** {@return the sender address, without the display name} */
    public String fromAddress() {
        return from.getAddress();
    }

    /** {@return the sender's display name, if one was set} */
    public Optional<String> fromName() {
        return Optional.ofNullable(from.getPersonal());
    }

    /** {@return the SMTP AUTH user name, if the server needs authentication} */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** {@return the STARTTLS mode in effect ({@link StartTls#OFF} with implicit TLS)} */
    public StartTls startTls() {
        return startTls;
    }

    /** {@return whether the connection is TLS from the first byte (SMTPS)} */
    public boolean implicitTls() {
        return implicitTls;
    }

    /** {@return whether credentials may travel over a connection that is not guaranteed encrypted} */
    public boolean allowCredentialsWithoutTls() {
        return allowCredentialsWithoutTls;
    }

    /** {@return how long to wait for the TCP connection} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return how long to wait for each server reply} */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** {@return how long one write to the server may block} */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** Returns the sender as a Jakarta Mail address (a fresh copy; the type is mutable). */
    InternetAddress from() {
        return (InternetAddress) from.clone();
    }

    /** Returns the password, if any; package-private so it does not leak through the API. */
    Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Returns the Jakarta Mail transport protocol: {@code smtps} with implicit TLS, else {@code smtp}. */
    String protocol() {
        return implicitTls ? "smtps" : "smtp";
    }

    /** Returns the Jakarta Mail session properties for these settings. */
    Properties toProperties() {
        String p = "mail." + protocol() + ".";
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", protocol());
        props.setProperty(p + "host", host);
        props.setProperty(p + "port", Integer.toString(port));
        props.setProperty(p + "from", from.getAddress());
        props.setProperty(p + "auth", Boolean.toString(username != null));
        props.setProperty(p + "connectiontimeout", Long.toString(connectTimeout.toMillis()));
        props.setProperty(p + "timeout", Long.toString(readTimeout.toMillis()));
        props.setProperty(p + "writetimeout", Long.toString(writeTimeout.toMillis()));
        props.setProperty(p + "starttls.enable", Boolean.toString(startTls != StartTls.OFF));
        props.setProperty(p + "starttls.required", Boolean.toString(startTls == StartTls.REQUIRED));
        props.setProperty(p + "ssl.enable", Boolean.toString(implicitTls));
        props.setProperty(p + "ssl.checkserveridentity", "true");
        return props;
    }

    /** Shows everything but the password (and says whether one is set). */
    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", from=" + from.getAddress()
                + ", username=" + (username == null ? "none" : username)
                + ", password=" + (password == null ? "none" : "****")
                + ", startTls=" + startTls + ", implicitTls=" + implicitTls
                + ", allowCredentialsWithoutTls=" + allowCredentialsWithoutTls
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", writeTimeout=" + writeTimeout + "]";
    }

    /** Only the literal loopback names count: a DNS name such as {@code 127.evil.example} does not. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost")
                || h.equals("::1")
                || h.equals("[::1]")
                || IPV4_LOOPBACK.matcher(h).matches();
    }

    /**
     * Builds {@link SmtpSettings}; every rule is checked in {@link #build()} with one message per rule. Not
     * thread-safe.
     */
    public static final class Builder {

        private String host;
        private Integer port;
        private String from;
        private String fromName;
        private String username;
        private String password;
        private StartTls startTls;
        private boolean implicitTls;
        private boolean allowCredentialsWithoutTls;
        private Duration connectTimeout = DEFAULT_TIMEOUT;
        private Duration readTimeout = DEFAULT_TIMEOUT;
        private Duration writeTimeout = DEFAULT_TIMEOUT;

        private Builder() {}

        /**
         * Sets the SMTP server's host.
         *
         * @param host the SMTP server's host name or IP address (required)
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host cannot be null");
            return this;
        }

        /**
         * Sets the SMTP server's port.
         *
         * @param port the SMTP server's port, 1 to 65535; default 587, or 465 with implicit TLS
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Sets the sender address.
         *
         * @param address the sender address, a plain {@code local@domain} (required)
         * @return this builder
         */
        public Builder from(String address) {
            this.from = Objects.requireNonNull(address, "from cannot be null");
            return this;
        }

        /**
         * Sets the sender's display name.
         *
         * @param name the sender's display name, e.g. the service's name; UTF-8 encoded in the header
         * @return this builder
         */
        public Builder fromName(String name) {
            this.fromName = Objects.requireNonNull(name, "fromName cannot be null");
            return this;
        }

        /**
         * Enables SMTP AUTH.
         *
         * @param username the user name
         * @param password the password; never shown by {@code toString()}
         * @return this builder
         */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username cannot be null");
            this.password = Objects.requireNonNull(password, "password cannot be null");
            return this;
        }

        /**
         * Disables SMTP AUTH (the default).
         *
         * @return this builder
         */
        public Builder noCredentials() {
            this.username = null;
            this.password = null;
            return this;
        }

        /**
         * Sets the STARTTLS mode.
         *
         * @param startTls the STARTTLS mode; default {@link StartTls#REQUIRED}, {@link StartTls#OFF} for loopback hosts
         *     and with implicit TLS
         * @return this builder
         */
        public Builder startTls(StartTls startTls) {
            this.startTls = Objects.requireNonNull(startTls, "startTls cannot be null");
            return this;
        }

        /**
         * Sets whether the connection uses TLS from the first byte (SMTPS).
         *
         * @param implicitTls {@code true} to speak TLS from the first byte (SMTPS, usually port 465) instead of
         *     STARTTLS; default {@code false}
         * @return this builder
         */
        public Builder implicitTls(boolean implicitTls) {
            this.implicitTls = implicitTls;
            return this;
        }

        /**
         * Loud opt-in: lets credentials travel to a non-loopback host over a connection that is not guaranteed to be
         * encrypted (STARTTLS optional or off, no implicit TLS).
         *
         * @param allow {@code true} to allow it; default {@code false}
         * @return this builder
         */
        public Builder allowCredentialsWithoutTls(boolean allow) {
            this.allowCredentialsWithoutTls = allow;
            return this;
        }

        /**
         * Sets the connect timeout.
         *
         * @param timeout how long to wait for the TCP connection; default 10 s
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout cannot be null");
            return this;
        }

        /**
         * Sets the read timeout.
         *
         * @param timeout how long to wait for each server reply; default 10 s
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "readTimeout cannot be null");
            return this;
        }

        /**
         * Sets the write timeout.
         *
         * @param timeout how long one write to the server may block; default 10 s
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = Objects.requireNonNull(timeout, "writeTimeout cannot be null");
            return this;
        }

        /**
         * Sets all three timeouts at once.
         *
         * @param timeout the connect, read and write timeout
         * @return this builder
         */
        public Builder timeouts(Duration timeout) {
            return connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout);
        }

        /**
         * {@return the settings}
         *
         * @throws IllegalArgumentException naming the first rule broken
         * @throws IllegalStateException when {@code host} or {@code from} was not set
         */
        public SmtpSettings build() {
            if (host == null) {
                throw new IllegalStateException("host must be set");
            }
            if (from == null) {
                throw new IllegalStateException("from must be set");
            }
            if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new IllegalArgumentException(
                        "host must be a host name or IP address without spaces or control characters");
            }
            int effectivePort = port != null ? port : implicitTls ? DEFAULT_IMPLICIT_TLS_PORT : DEFAULT_SUBMISSION_PORT;
            if (effectivePort < 1 || effectivePort > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535");
            }
            InternetAddress sender = parseFrom();
            if (implicitTls && startTls != null && startTls != StartTls.OFF) {
                throw new IllegalArgumentException(
                        "implicitTls already encrypts the connection; do not also set startTls to " + startTls);
            }
            StartTls effectiveStartTls =
                    startTls != null ? startTls : implicitTls || isLoopback(host) ? StartTls.OFF : StartTls.REQUIRED;
            if (username != null && (username.isEmpty() || hasControl(username))) {
                throw new IllegalArgumentException("username must be non-empty and free of control characters");
            }
            if (username != null
                    && !implicitTls
                    && effectiveStartTls != StartTls.REQUIRED
                    && !isLoopback(host)
                    && !allowCredentialsWithoutTls) {
                throw new IllegalArgumentException("credentials to a non-loopback host need implicitTls or "
                        + "startTls REQUIRED; set allowCredentialsWithoutTls(true) to send them unencrypted anyway");
            }
            checkTimeout("connectTimeout", connectTimeout);
            checkTimeout("readTimeout", readTimeout);
            checkTimeout("writeTimeout", writeTimeout);
            return new SmtpSettings(this, sender, effectiveStartTls, effectivePort);
        }

        private InternetAddress parseFrom() {
            InternetAddress sender = StrictAddress.parse(from)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "from must be exactly one plain email address like no-reply@example.com"));
            if (fromName != null) {
                if (fromName.isBlank() || hasControl(fromName)) {
                    throw new IllegalArgumentException("fromName must be non-blank and free of control characters");
                }
                try {
                    sender = new InternetAddress(sender.getAddress(), fromName, "UTF-8");
                } catch (java.io.UnsupportedEncodingException e) {
                    throw new IllegalStateException("UTF-8 is always supported", e);
                }
            }
            return sender;
        }

        private static boolean hasControl(String s) {
            return s.chars().anyMatch(c -> c < ' ' || c == 0x7f);
        }

        private static void checkTimeout(String name, Duration timeout) {
            if (timeout.compareTo(Duration.ofMillis(1)) < 0
                    || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException(name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms");
            }
        }
    }
}
