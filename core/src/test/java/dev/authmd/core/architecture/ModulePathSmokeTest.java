package dev.authmd.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that is itself a module ({@code requires dev.authmd.core}) compiles against the exported packages and runs on
 * the module path: it registers an anonymous agent and authenticates it. The rest of the tests run on the class path,
 * where an export mistake or a missing {@code requires} would go unnoticed.
 */
class ModulePathSmokeTest {

    /** The modules a host needs: ours and our dependencies (jspecify only to compile). */
    private static final List<String> MODULE_PREFIXES = List.of(
            "dev.authmd.", "com.nimbusds.", "com.fasterxml.jackson.", "org.commonmark", "org.slf4j", "org.jspecify");

    private static final String HOST = """
            package host;

            import dev.authmd.core.config.AgentAuthConfig;
            import dev.authmd.core.service.AgentAuthService;
            import dev.authmd.core.service.AgentPrincipal;
            import dev.authmd.core.service.AuthenticationResult;
            import dev.authmd.core.service.RegisterRequest;
            import dev.authmd.core.service.RegistrationResult;
            import dev.authmd.core.service.RequestContext;
            import dev.authmd.core.trust.TrustList;
            import dev.authmd.spi.account.AccountResolver;
            import dev.authmd.spi.account.ProvisionRequest;
            import dev.authmd.spi.account.UserAccount;
            import java.net.URI;
            import java.util.List;
            import java.util.Optional;
            import java.util.Set;

            public final class Main {
                public static void main(String[] args) {
                    AgentAuthConfig config = AgentAuthConfig.builder(URI.create("https://api.example.com"))
                            .scopesSupported(List.of("api.read"))
                            .anonymousScopes(List.of("api.read"))
                            .build();
                    AccountResolver nobody = new AccountResolver() {
                        public Optional<UserAccount> findByVerifiedEmail(String tenantId, String email) {
                            return Optional.empty();
                        }
                        public Optional<UserAccount> findByVerifiedPhone(String tenantId, String phone) {
                            return Optional.empty();
                        }
                        public Optional<UserAccount> provision(ProvisionRequest request) {
                            return Optional.empty();
                        }
                    };
                    AgentAuthService service = AgentAuthService.builder()
                            .config(config, TrustList.builder().build())
                            .accountResolver(nobody)
                            .claimMailer(mail -> {})
                            .build();
                    RequestContext ctx = RequestContext.defaultTenant("192.0.2.1");
                    RegistrationResult registered = service.register(ctx, new RegisterRequest.Anonymous(null)).value();
                    String secret = registered.credential().secret();
                    AuthenticationResult auth = service.authenticate(ctx, "Bearer " + secret, Set.of("api.read"));
                    System.out.println("REGISTERED:" + registered.registrationId());
                    System.out.println("PRINCIPAL:" + auth.principal().map(AgentPrincipal::registrationId).orElse("none"));
                    System.out.println("MODULE:" + AgentAuthService.class.getModule().getName());
                }
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void hostModuleWhenCompiledAndRunOnTheModulePathThenRegistersAndAuthenticatesAnAgent() throws Exception {
        String modulePath = modulePath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("host"));
        Files.writeString(src.resolve("module-info.java"), "module host { requires dev.authmd.core; }\n");
        Files.writeString(src.resolve("host/Main.java"), HOST);
        Path out = tmp.resolve("out");

        // java.util.spi.ToolProvider is in java.base: no extra module needs to be readable from the test
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        StringWriter log = new StringWriter();
        int compiled = javac.run(
                new PrintWriter(log),
                new PrintWriter(log),
                "--release",
                "17",
                "--module-path",
                modulePath,
                "-d",
                out.toString(),
                src.resolve("module-info.java").toString(),
                src.resolve("host/Main.java").toString());
        assertThat(compiled).as("javac: %s", log).isZero();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(
                        java, "--module-path", out + File.pathSeparator + modulePath, "-m", "host/host.Main")
                .redirectErrorStream(true)
                .start();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("host finished").isTrue();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(run.exitValue()).as(output).isZero();
        String registrationId = output.lines()
                .filter(line -> line.startsWith("REGISTERED:"))
                .findFirst()
                .orElseThrow()
                .substring("REGISTERED:".length());
        assertThat(registrationId).startsWith("reg_");
        assertThat(output).contains("PRINCIPAL:" + registrationId).contains("MODULE:dev.authmd.core");
    }

    /** Our modules and our dependencies' modules among the entries the test JVM was started with. */
    private static List<Path> modulePath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                entries.addAll(List.of(value.split(File.pathSeparator)));
            }
        }
        List<Path> modules = new ArrayList<>();
        for (String entry : entries) {
            Path path = Path.of(entry);
            if (!Files.exists(path) || (Files.isDirectory(path) && !Files.exists(path.resolve("module-info.class")))) {
                continue; // test classes and other plain directories are no module
            }
            try {
                for (ModuleReference module : ModuleFinder.of(path).findAll()) {
                    String name = module.descriptor().name();
                    if (MODULE_PREFIXES.stream().anyMatch(name::startsWith)) {
                        modules.add(path);
                    }
                }
            } catch (FindException notAModule) {
                // a jar whose file name yields no automatic module name: not one of ours anyway
            }
        }
        return modules;
    }
}
