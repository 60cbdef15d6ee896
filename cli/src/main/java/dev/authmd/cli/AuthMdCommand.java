package dev.authmd.cli;

import dev.authmd.client.AgentCredentialStore;
import dev.authmd.client.AgentCredentials;
import dev.authmd.client.AgentSession;
import dev.authmd.client.AuthMdClient;
import dev.authmd.client.AuthMdClientException;
import dev.authmd.client.DiscoveredService;
import dev.authmd.client.RegistrationMethod;
import dev.authmd.conformance.AuthMdConformance;
import dev.authmd.conformance.CheckResult;
import dev.authmd.conformance.CheckStatus;
import dev.authmd.conformance.ConformanceReport;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code authmd} command: {@code check}, {@code discover}, {@code register}, {@code claim}, {@code token},
 * {@code call}. Progress goes to standard error, results to standard output; secrets stay in the credential store
 * except what {@code token} prints on purpose.
 */
public final class AuthMdCommand {

    /** Exit status of a mistake on the command line. */
    static final int USAGE = 125;
    /** Exit status when the command could not do its job (unreachable, refused, not auth.md). */
    static final int FAILED = 126;
    /** Exit status of {@code check} when nothing failed but an advertised method could not be checked. */
    static final int UNCHECKED_METHOD = 100;

    static final String USAGE_TEXT = """
            authmd — an auth.md agent and conformance checker

            usage: authmd COMMAND URL [options]

            commands:
              check URL       check the service's conformance; exit status = failures (99 at most), 100 when
                              nothing failed but a method the service advertises could not be checked
                  --api URL|PATH         a URL that needs a credential (the 401 challenge, credentials tried on it)
                  --id-jag-from CMD      a shell command that prints an ID-JAG (or {"assertion": ...}) from a provider
                                         the service trusts; AUTHMD_AUDIENCE, AUTHMD_RESOURCE are set for it
                  --revoke-with CMD      a shell command that makes that provider revoke its user; AUTHMD_PROFILE is
                                         v0.1 or current
                  --email ADDR           run the claims and the email method, with you at this terminal
                  --json                 print the report as JSON
                  --allow-skips          exit 0 even when an advertised method could not be checked
              discover URL    show what the service offers and which profile an agent speaks with it
              register URL    register as an agent: the lightest method possible, or the one named
                  --anonymous | --email ADDR | --id-jag-from CMD
              claim URL       claim the stored anonymous registration, with you at this terminal
                  --email ADDR           the address to claim it for
              token URL       print a bearer for the service, renewed when due (for curl -H "Authorization: Bearer ...")
              call URL        call the API with the stored credential (registers first when there is none)
                  -X, --method M         the HTTP method (default GET)
                  -d, --data BODY        a request body (sent as JSON unless -H says otherwise)
                  -H, --header 'N: V'    a header (repeatable)
              help            this text

            options of every command:
              --store DIR      where credentials are kept (default ~/.authmd, or AUTHMD_STORE); files are 0600
              --allow-http HOST
                               allow plain http to HOST (localhost, 127.0.0.1 and ::1 are always allowed)
              --timeout SECONDS
                               the deadline of each request (default 15)

            exit status: 0 done, 125 a usage mistake, 126 the command could not do its job
            """;

    private static final Set<String> COMMON = Set.of("--store", "--allow-http", "--timeout");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    AuthMdCommand(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /**
     * Runs the command.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new AuthMdCommand(System.in, System.out, System.err, System.getenv()).run(args));
    }

    int run(String[] args) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.print(USAGE_TEXT);
            return args.length == 0 ? USAGE : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "check" ->
                    check(options(
                            rest,
                            Set.of("--api", "--id-jag-from", "--revoke-with", "--email"),
                            Set.of("--json", "--allow-skips")));
                case "discover" -> discover(options(rest, Set.of(), Set.of()));
                case "register" -> register(options(rest, Set.of("--email", "--id-jag-from"), Set.of("--anonymous")));
                case "claim" -> claim(options(rest, Set.of("--email"), Set.of()));
                case "token" -> token(options(rest, Set.of(), Set.of()));
                case "call" -> call(options(shortOptions(rest), Set.of("--method", "--data", "--header"), Set.of()));
                default -> throw new Options.UsageException("unknown command " + args[0]);
            };
        } catch (Options.UsageException e) {
            err.println("authmd: " + e.getMessage() + " (authmd help)");
            return USAGE;
        } catch (AuthMdClientException e) {
            err.println("authmd: " + e.getMessage());
            return FAILED;
        }
    }

    // --- commands -------------------------------------------------------------------------------------------------

    private int check(Options options) {
        URI url = url(options);
        options.noMorePositionals(1);
        AuthMdConformance.Builder kit = AuthMdConformance.forService(url).timeout(timeout(options));
        developmentHosts(url, options).forEach(kit::allowHttpFor);
        options.value("--api").ifPresent(api -> kit.protectedUrl(url.resolve(api)));
        options.value("--id-jag-from").ifPresent(cmd -> kit.assertionSource(new CommandAssertionSource(cmd)));
        options.value("--revoke-with")
                .ifPresent(cmd -> kit.providerRevocation(
                        profile -> CommandAssertionSource.run(cmd, Map.of("AUTHMD_PROFILE", profile.wireName()))));
        options.value("--email").ifPresent(email -> {
            kit.userEmail(email);
            kit.claimPrompt(new TerminalPrompt(in, err));
        });
        err.println("checking " + url + " …");
        ConformanceReport report = kit.run();
        out.print(options.flag("--json") ? report.json() + "\n" : report.text());
        int failures = report.count(CheckStatus.FAILED);
        if (failures > 0) {
            return Math.min(failures, 99);
        }
        List<CheckResult> unchecked = report.skippedAdvertisedMethods();
        if (!unchecked.isEmpty() && !options.flag("--allow-skips")) {
            err.println("authmd: the service advertises methods that could not be checked: "
                    + String.join(", ", unchecked.stream().map(CheckResult::id).toList())
                    + " (give what they need, or --allow-skips)");
            return UNCHECKED_METHOD;
        }
        return 0;
    }

    private int discover(Options options) {
        URI url = url(options);
        options.noMorePositionals(1);
        DiscoveredService service = client(options, null).build().discover(url);
        out.println("service     " + service.name());
        out.println("resource    " + service.resource());
        out.println("issuer      " + service.issuer());
        out.println("profile     " + service.profile().wireName()
                + (service.v01Fallback().isPresent() ? " (v0.1 beside it)" : ""));
        out.println("methods     " + String.join(", ", service.identityTypes()));
        if (!service.assertionTypes().isEmpty()) {
            out.println("assertions  " + String.join(", ", service.assertionTypes()));
        }
        out.println("scopes      " + String.join(" ", service.scopesSupported()));
        DiscoveredService.Endpoints e = service.endpoints();
        for (Object[] row : new Object[][] {
            {"register", e.register()},
            {"identity", e.identity()},
            {"claim", e.claim()},
            {"token", e.token()},
            {"revocation", e.revocation()}
        }) {
            if (row[1] != null) {
                out.printf("%-11s %s%n", row[0], row[1]);
            }
        }
        out.println("auth.md     " + (service.authMd().isPresent() ? "served" : "not found"));
        return 0;
    }

    private int register(Options options) {
        URI url = url(options);
        options.noMorePositionals(1);
        int chosen = (options.flag("--anonymous") ? 1 : 0)
                + (options.value("--email").isPresent() ? 1 : 0)
                + (options.value("--id-jag-from").isPresent() ? 1 : 0);
        if (chosen > 1) {
            throw new Options.UsageException("name one of --anonymous, --email, --id-jag-from");
        }
        AuthMdClient.Builder builder = client(options, options.value("--email").orElse(null));
        options.value("--id-jag-from").ifPresent(cmd -> builder.assertionSource(new CommandAssertionSource(cmd)));
        if (options.flag("--anonymous")) {
            builder.methods(RegistrationMethod.ANONYMOUS);
        } else if (options.value("--email").isPresent()) {
            builder.methods(RegistrationMethod.EMAIL);
        } else if (options.value("--id-jag-from").isPresent()) {
            builder.methods(RegistrationMethod.ID_JAG);
        }
        AuthMdClient client = builder.build();
        DiscoveredService service = client.discover(url);
        AgentCredentialStore store = store(options);
        store.load(service.issuer()).ifPresent(old -> {
            err.println("replacing the stored registration " + old.registrationId());
            store.delete(service.issuer());
        });
        err.println(
                "registering with " + service.name() + " (" + service.profile().wireName() + ") …");
        AgentSession session = client.connect(service);
        describe(session.credentials());
        return 0;
    }

    private int claim(Options options) {
        URI url = url(options);
        options.noMorePositionals(1);
        String email =
                options.value("--email").orElseThrow(() -> new Options.UsageException("claim needs --email ADDR"));
        AuthMdClient client = client(options, email).build();
        DiscoveredService service = client.discover(url);
        AgentSession session = storedSession(client, service, options);
        err.println("claiming " + session.credentials().registrationId() + " for " + email + " …");
        describe(session.claim(email));
        return 0;
    }

    private int token(Options options) {
        URI url = url(options);
        options.noMorePositionals(1);
        AuthMdClient client = client(options, null).build();
        out.println(storedSession(client, client.discover(url), options).bearer());
        return 0;
    }

    private int call(Options options) {
        URI url = url(options);
        options.noMorePositionals(1);
        AuthMdClient client = client(options, null).build();
        AgentSession session = client.connect(client.discover(url));
        String method = options.value("--method").orElse("GET").toUpperCase(Locale.ROOT);
        String body = options.value("--data").orElse(null);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (String header : options.all("--header")) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new Options.UsageException("a header is 'Name: value', not " + header);
            }
            String name = header.substring(0, colon).strip();
            typed |= name.equalsIgnoreCase("Content-Type");
            request.header(name, header.substring(colon + 1).strip());
        }
        if (body != null && !typed) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> answer = session.send(request.build(), HttpResponse.BodyHandlers.ofString());
            err.println("HTTP " + answer.statusCode());
            out.print(answer.body());
            if (!answer.body().endsWith("\n")) {
                out.println();
            }
            return answer.statusCode() < 400 ? 0 : FAILED;
        } catch (java.io.IOException e) {
            throw new AuthMdClientException("cannot reach " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthMdClientException("interrupted", e);
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private AgentSession storedSession(AuthMdClient client, DiscoveredService service, Options options) {
        if (store(options).load(service.issuer()).isEmpty()) {
            throw new AuthMdClientException(
                    "no stored registration for " + service.issuer() + ": authmd register first");
        }
        return client.connect(service);
    }

    private void describe(AgentCredentials c) {
        out.println("registration  " + c.registrationId());
        out.println("profile       " + c.profile().wireName());
        out.println("method        " + c.method().wireName());
        out.println("claimed       "
                + (c.claimed() ? "yes" : "no" + (c.claimToken() != null ? " (authmd claim can claim it)" : "")));
        out.println("scopes        " + String.join(" ", c.scopes()));
        out.println("credential    "
                + (c.bearer() == null
                        ? "none yet"
                        : "stored"
                                + (c.bearerExpires() == null
                                        ? ", does not expire"
                                        : ", expires " + c.bearerExpires())));
        if (c.refreshToken() != null) {
            out.println("refresh token stored");
        }
    }

    private AuthMdClient.Builder client(Options options, String email) {
        URI url = url(options);
        AuthMdClient.Builder builder = AuthMdClient.builder()
                .store(store(options))
                .timeout(timeout(options))
                .claimPrompt(new TerminalPrompt(in, err));
        developmentHosts(url, options).forEach(builder::allowHttpFor);
        if (email != null) {
            builder.userEmail(email);
        }
        return builder;
    }

    private AgentCredentialStore store(Options options) {
        Path directory = options.value("--store")
                .or(() -> java.util.Optional.ofNullable(env.get("AUTHMD_STORE")))
                .map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".authmd"));
        return AgentCredentialStore.inDirectory(directory);
    }

    private Set<String> developmentHosts(URI url, Options options) {
        Set<String> hosts = new LinkedHashSet<>(options.all("--allow-http"));
        if (url.getHost() != null && LOOPBACK.contains(url.getHost().toLowerCase(Locale.ROOT))) {
            hosts.add(url.getHost().toLowerCase(Locale.ROOT));
        }
        return hosts;
    }

    private static java.time.Duration timeout(Options options) {
        String value = options.value("--timeout").orElse("15");
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 1 || seconds > 600) {
                throw new NumberFormatException();
            }
            return java.time.Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new Options.UsageException("--timeout takes 1 to 600 seconds, not " + value);
        }
    }

    private URI url(Options options) {
        String value = options.positional(0, "URL");
        try {
            URI url = new URI(value);
            if (!url.isAbsolute() || url.getHost() == null) {
                throw new Options.UsageException("URL must be absolute, e.g. https://api.example.com: " + value);
            }
            return url;
        } catch (java.net.URISyntaxException e) {
            throw new Options.UsageException("not a URL: " + value);
        }
    }

    private static Options options(List<String> args, Set<String> withValue, Set<String> flags) {
        Set<String> values = new LinkedHashSet<>(withValue);
        values.addAll(COMMON);
        return new Options(args, values, flags);
    }

    /** {@code -X}, {@code -d}, {@code -H} as curl spells them. */
    private static List<String> shortOptions(List<String> args) {
        return args.stream()
                .map(arg -> switch (arg) {
                    case "-X" -> "--method";
                    case "-d" -> "--data";
                    case "-H" -> "--header";
                    default -> arg;
                })
                .toList();
    }
}
