package dev.authmd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.examples.demo.DemoOptions;
import dev.authmd.examples.demo.DemoServer;
import dev.authmd.examples.e2e.ClaimInbox;
import dev.authmd.examples.e2e.DemoPerson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command against the demo, in process: every command, its output and its exit status. */
class AuthMdCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path mail;

    private static DemoServer demo;
    private static String base;

    @TempDir
    Path store;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws IOException {
        demo = DemoServer.start(
                DemoOptions.parse(
                        new String[] {"--port", "0", "--mail-dir", mail.toString(), "--rate-limits", "off"}, Map.of()),
                Clock.systemUTC());
        base = demo.baseUrl().toString();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private int run(InputStream in, String... args) {
        out.reset();
        err.reset();
        List<String> all = new ArrayList<>(List.of(args));
        if (args.length > 0 && !args[0].equals("help")) {
            all.add("--store");
            all.add(store.toString());
        }
        return new AuthMdCommand(
                        in,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Map.of())
                .run(all.toArray(String[]::new));
    }

    private int run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A shell command printing a fresh ID-JAG of the demo provider each time it runs (pre-minted, one per line). */
    private String idJagCommand(int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> minted = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/demo/provider/id-jag"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"cli@example.com\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            lines.append(minted.body().replace("\n", "")).append('\n');
        }
        Path tokens = Files.writeString(store.resolve("id-jags"), lines.toString());
        Path counter = Files.writeString(store.resolve("counter"), "1");
        return "n=$(cat " + counter + "); echo $((n+1)) > " + counter + "; sed -n \"${n}p\" " + tokens;
    }

    @Test
    void helpWhenAskedThenUsageAndZeroWithoutArgumentsThenUsageMistake() {
        assertThat(run("help")).isZero();
        assertThat(out()).contains("usage: authmd COMMAND URL", "check URL", "--id-jag-from CMD");
        assertThat(run()).isEqualTo(AuthMdCommand.USAGE);
    }

    @Test
    void mistakesWhenMadeThenExitStatus125AndWhatToFix() {
        assertThat(run("frobnicate", base)).isEqualTo(AuthMdCommand.USAGE);
        assertThat(err()).contains("unknown command frobnicate");
        assertThat(run("discover")).isEqualTo(AuthMdCommand.USAGE);
        assertThat(err()).contains("missing URL");
        assertThat(run("discover", base, "--nope")).isEqualTo(AuthMdCommand.USAGE);
        assertThat(err()).contains("unknown option --nope");
        assertThat(run("discover", "not a url")).isEqualTo(AuthMdCommand.USAGE);
        assertThat(run("check", base, "--timeout", "0")).isEqualTo(AuthMdCommand.USAGE);
        assertThat(err()).contains("--timeout takes 1 to 600 seconds, not 0");
        assertThat(run("register", base, "--anonymous", "--email", "a@example.com"))
                .isEqualTo(AuthMdCommand.USAGE);
        assertThat(err()).contains("name one of --anonymous, --email, --id-jag-from");
        assertThat(run("claim", base)).isEqualTo(AuthMdCommand.USAGE);
        assertThat(err()).contains("claim needs --email ADDR");
    }

    @Test
    void discoverWhenTheDemoThenItsProfileMethodsAndEndpoints() {
        assertThat(run("discover", base)).isZero();
        assertThat(out())
                .contains("service     authmd demo API")
                .contains("profile     current (v0.1 beside it)")
                .contains("identity    " + base + "/agent/identity")
                .contains("auth.md     served");
    }

    @Test
    void registerTokenAndCallWhenAnonymousThenTheCredentialIsStoredUsedAndNeverPrintedButByToken() throws Exception {
        assertThat(run("register", base, "--anonymous")).isZero();
        assertThat(out()).contains("method        anonymous", "claimed       no (authmd claim can claim it)");
        assertThat(out()).doesNotContain("at_", "clm_");
        String registration = line(out(), "registration  (\\S+)");

        assertThat(run("token", base)).isZero();
        String token = out().strip();
        assertThat(token).startsWith("at_");

        assertThat(run("call", base + "/api/me")).isZero();
        assertThat(out()).contains(registration);
        assertThat(err()).contains("HTTP 200");
        assertThat(run("call", base + "/api/notes", "-X", "POST", "-d", "{}")).isEqualTo(AuthMdCommand.FAILED);
        assertThat(err()).contains("HTTP 403");
        try (var files = Files.list(store)) {
            assertThat(files.filter(f -> f.toString().endsWith(".json"))).hasSize(1);
        }
    }

    @Test
    void claimWhenThePersonTypesTheCodeThenTheStoredRegistrationIsClaimed() throws Exception {
        assertThat(run("register", base, "--anonymous")).isZero();
        DemoPerson person = new DemoPerson(demo.baseUrl(), ClaimInbox.mailDirectory(mail));
        // the person reads the page the command shows, confirms, and types the code
        InputStream typed = lazyLine(() -> {
            Matcher page =
                    Pattern.compile("(http://\\S+/claim/view\\?token=\\S+)").matcher(err());
            try {
                return page.find() ? person.pageCode("cli-claim@example.com", URI.create(page.group(1))) : "";
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(run(typed, "claim", base, "--email", "cli-claim@example.com"))
                .isZero();
        assertThat(err()).contains("Open this page, sign in to authmd demo API, confirm");
        assertThat(out()).contains("claimed       yes", "scopes        api.read api.write", "refresh token stored");
    }

    @Test
    void checkWhenTheDemosProviderIsGivenThenEverythingButThePersonsChecksPasses() throws Exception {
        int status = run("check", base, "--api", "/api/me", "--id-jag-from", idJagCommand(6));

        assertThat(out()).contains("0 failed");
        assertThat(status).as(out() + err()).isEqualTo(AuthMdCommand.UNCHECKED_METHOD);
        assertThat(err()).contains("v0.1.verified-email", "current.service-auth");

        assertThat(run("check", base, "--api", "/api/me", "--allow-skips", "--json"))
                .isZero();
        JsonNode report = JSON.readTree(out());
        assertThat(report.path("failed").asInt()).isZero();
        assertThat(report.path("checks").size()).isEqualTo(35);
    }

    @Test
    void claimOrTokenWhenNothingIsStoredThenSaysRegisterFirst() {
        assertThat(run("token", base)).isEqualTo(AuthMdCommand.FAILED);
        assertThat(err()).contains("no stored registration for " + base + ": authmd register first");
    }

    private static String line(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    /** An input whose one line is computed when first read: what the person types once they have seen the prompt. */
    private static InputStream lazyLine(Supplier<String> line) {
        return new InputStream() {
            private byte[] bytes;
            private int next;

            @Override
            public int read() {
                if (bytes == null) {
                    bytes = (line.get() + "\n").getBytes(StandardCharsets.UTF_8);
                }
                return next < bytes.length ? bytes[next++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
    }
}
