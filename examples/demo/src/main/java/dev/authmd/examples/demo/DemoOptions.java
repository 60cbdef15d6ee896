package dev.authmd.examples.demo;

import dev.authmd.spi.store.WireProfile;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The demo's settings, from command-line flags and the equivalent environment variables (a flag wins over its
 * variable).
 *
 * @param port the port to listen on
 * @param baseUrl the public URL used in every document and link
 * @param trusted extra trusted providers: issuer → JWKS URL
 * @param mailDir where outgoing emails are also written as {@code .eml} files, or null
 * @param rateLimits whether the default rate limits apply
 * @param profiles the wire profiles served; both by default
 * @param warmUp how long the warm-up runs in the background at start ({@code WarmUp}); zero for none, the default
 * @param bind the address to listen on: {@code 127.0.0.1} (this machine only) unless {@code --bind} says otherwise
 * @param demoProvider whether the built-in demo provider is on: trusted, and its token mint, logout and security-event
 *     endpoints open to anyone who reaches the port
 * @param help whether {@code --help} was asked for
 */
public record DemoOptions(
        int port,
        URI baseUrl,
        Map<String, URI> trusted,
        Path mailDir,
        boolean rateLimits,
        Set<WireProfile> profiles,
        Duration warmUp,
        String bind,
        boolean demoProvider,
        boolean help) {

    private static final String OPTIONS = """
            Options (each has an environment variable; a flag wins over its variable):
              --port N               AUTHMD_PORT        port to listen on (default 8080)
              --base-url URL         AUTHMD_BASE_URL    public URL used in all documents and links
                                                        (default http://localhost:PORT)
              --trust ISSUER=JWKS    AUTHMD_TRUST       trust another agent provider (repeatable;
                                                        the variable takes a comma-separated list).
                                                        A JWKS on http://localhost or http://127.0.0.1
                                                        is fetched from exactly that origin.
              --mail-dir DIR         AUTHMD_MAIL_DIR    also write every outgoing email to DIR as .eml
              --rate-limits on|off   AUTHMD_RATE_LIMITS default on; off is for load tests only
              --profiles LIST        AUTHMD_PROFILES    wire profiles served: v0.1, current or
                                                        v0.1,current (default both)
              --warm-up SECONDS      AUTHMD_WARM_UP     warm the JIT up in the background for SECONDS
                                                        at start, 0 to 300 (default 0: off)
              --bind ADDRESS         AUTHMD_BIND        address to listen on (default 127.0.0.1: this
                                                        machine only; 0.0.0.0 for every interface)
              --demo-provider on|off AUTHMD_DEMO_PROVIDER
                                                        the built-in agent provider, trusted, whose
                                                        token mint and logout endpoints anyone who
                                                        reaches the port can call (default on)
              --help                                    print this text
            """;

    /** The {@code --help} text of the JDK demo. */
    static final String USAGE = usage(DemoServer.SERVER, "examples/demo");

    /**
     * @param server what the service runs on, for the first line
     * @param module the Maven module to run
     * @return the {@code --help} text: the run command and every option with its variable
     */
    public static String usage(String server, String module) {
        return """
            authmd-java demo service: the auth.md protocol on %s.

            Usage: mvn -q -pl %s -am compile exec:java@%s -Dexec.args="[options]"

            """.formatted(server, module, module.substring(module.lastIndexOf('/') + 1)) + OPTIONS;
    }

    /**
     * @param args command-line flags
     * @param env the environment ({@code System.getenv()})
     * @return the settings
     * @throws IllegalArgumentException with a message for the user on an unknown or bad option
     */
    public static DemoOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> trust = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                name = arg.substring(2);
                value = args[++i];
            } else {
                throw new IllegalArgumentException("unknown or incomplete option: " + arg + " (see --help)");
            }
            if (name.equals("trust")) {
                trust.add(value);
            } else if (List.of(
                            "port",
                            "base-url",
                            "mail-dir",
                            "rate-limits",
                            "profiles",
                            "warm-up",
                            "bind",
                            "demo-provider")
                    .contains(name)) {
                values.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option: --" + name + " (see --help)");
            }
        }
        String portText = values.getOrDefault("port", env.getOrDefault("AUTHMD_PORT", "8080"));
        int port;
        try {
            port = Integer.parseInt(portText.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number: " + portText);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        String base = values.getOrDefault("base-url", env.getOrDefault("AUTHMD_BASE_URL", ""));
        URI baseUrl = base.isBlank() ? URI.create("http://localhost:" + port) : URI.create(stripSlash(base.strip()));
        if (trust.isEmpty() && env.containsKey("AUTHMD_TRUST")) {
            for (String entry : env.get("AUTHMD_TRUST").split(",")) {
                if (!entry.isBlank()) {
                    trust.add(entry.strip());
                }
            }
        }
        Map<String, URI> trusted = new LinkedHashMap<>();
        for (String entry : trust) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("--trust takes ISSUER=JWKS_URL: " + entry);
            }
            trusted.put(entry.substring(0, eq), URI.create(entry.substring(eq + 1)));
        }
        String mail = values.getOrDefault("mail-dir", env.getOrDefault("AUTHMD_MAIL_DIR", ""));
        String limits = values.getOrDefault("rate-limits", env.getOrDefault("AUTHMD_RATE_LIMITS", "on"))
                .strip()
                .toLowerCase(Locale.ROOT);
        if (!limits.equals("on") && !limits.equals("off")) {
            throw new IllegalArgumentException("--rate-limits takes on or off: " + limits);
        }
        String profileList = values.getOrDefault("profiles", env.getOrDefault("AUTHMD_PROFILES", "v0.1,current"));
        Set<WireProfile> profiles = EnumSet.noneOf(WireProfile.class);
        for (String name : profileList.split(",", -1)) {
            profiles.add(WireProfile.fromStoredName(name.strip().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "--profiles takes v0.1, current or both, comma-separated: " + profileList)));
        }
        String warmUpText = values.getOrDefault("warm-up", env.getOrDefault("AUTHMD_WARM_UP", "0"));
        int warmUpSeconds;
        try {
            warmUpSeconds = Integer.parseInt(warmUpText.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--warm-up takes whole seconds: " + warmUpText);
        }
        if (warmUpSeconds < 0 || warmUpSeconds > 300) {
            throw new IllegalArgumentException("--warm-up takes 0 to 300 seconds: " + warmUpSeconds);
        }
        String bind = values.getOrDefault("bind", env.getOrDefault("AUTHMD_BIND", "127.0.0.1"))
                .strip();
        if (bind.isEmpty() || bind.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
            throw new IllegalArgumentException("--bind takes an address or host name: " + bind);
        }
        String provider = values.getOrDefault("demo-provider", env.getOrDefault("AUTHMD_DEMO_PROVIDER", "on"))
                .strip()
                .toLowerCase(Locale.ROOT);
        if (!provider.equals("on") && !provider.equals("off")) {
            throw new IllegalArgumentException("--demo-provider takes on or off: " + provider);
        }
        return new DemoOptions(
                port,
                baseUrl,
                trusted,
                mail.isBlank() ? null : Path.of(mail),
                limits.equals("on"),
                Set.copyOf(profiles),
                Duration.ofSeconds(warmUpSeconds),
                bind,
                provider.equals("on"),
                help);
    }

    /**
     * @param boundPort the port the server actually bound
     * @return the public URL, with port 0 (pick a free port) replaced by the bound one
     */
    public URI publicUrl(int boundPort) {
        if (baseUrl.getPort() != 0) {
            return baseUrl;
        }
        try {
            return new URI(
                    baseUrl.getScheme(),
                    baseUrl.getUserInfo(),
                    baseUrl.getHost(),
                    boundPort,
                    baseUrl.getPath(),
                    baseUrl.getQuery(),
                    baseUrl.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a usable base URL: " + baseUrl, e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Validates and copies the components. */
    public DemoOptions {
        Objects.requireNonNull(baseUrl, "baseUrl cannot be null");
        Objects.requireNonNull(bind, "bind cannot be null");
        trusted = Map.copyOf(trusted);
    }
}
