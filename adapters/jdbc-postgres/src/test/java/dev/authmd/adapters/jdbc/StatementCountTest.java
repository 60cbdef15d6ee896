package dev.authmd.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.provider.SecurityEventMinter;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.CurrentOutcome;
import dev.authmd.core.service.IdentityRequest;
import dev.authmd.core.service.IdentityResult;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.service.TokenGrant;
import dev.authmd.core.service.TokenRequest;
import dev.authmd.spi.store.CredentialType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each use case costs the database on PostgreSQL: connections borrowed (each store call is its own transaction),
 * statements executed (each a round trip) and explicit commits. The figures are the use cases' budgets: a change that
 * adds a round trip fails here and must say why (docs/postgresql.md reports the table).
 */
class StatementCountTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer(2);

    private static final RequestContext CTX = RequestContext.defaultTenant("203.0.113.7");
    private static final Map<String, Cost> MEASURED = new LinkedHashMap<>();

    private static Counting counting;

    @BeforeAll
    static void pool() {
        if (POSTGRES.running()) {
            counting = new Counting(POSTGRES.newPool("counted"));
        }
    }

    @Test
    void useCasesWhenRunOnPostgresThenTheirRoundTripsStayWithinTheirBudgets() {
        POSTGRES.truncate();
        Fleet fleet = new Fleet(List.of(counting.dataSource()), Clock.systemUTC(), RateLimitPolicy.none());
        AgentAuthService service = fleet.a();

        RegistrationResult anonymous = measure(
                "v0.1 anonymous registration", () -> ok(service.register(CTX, new RegisterRequest.Anonymous(null))));
        RegistrationResult first = measure(
                "v0.1 ID-JAG registration, new user",
                () -> ok(service.register(
                        CTX, new RegisterRequest.IdJag(fleet.idJag().mint(), CredentialType.API_KEY))));
        measure(
                "v0.1 ID-JAG registration, same user again",
                () -> ok(service.register(
                        CTX, new RegisterRequest.IdJag(fleet.idJag().mint(), CredentialType.API_KEY))));
        measure(
                "authenticate an API key",
                () -> service.authenticate(CTX, "Bearer " + first.credential().secret(), Set.of()));
        measure(
                "authenticate an anonymous key",
                () -> service.authenticate(
                        CTX, "Bearer " + anonymous.credential().secret(), Set.of()));
        measure(
                "logout token (one registration)",
                () -> ok(service.revoke(CTX, fleet.logout().mint())));

        String claimToken = anonymous.claimHandle().orElseThrow().claimToken();
        measure("v0.1 claim start (email sent)", () -> ok(service.startClaim(CTX, claimToken, "grace@example.com")));
        String otp = measure(
                        "v0.1 claim page mints the OTP",
                        () -> ok(service.mintChallenge(CTX, fleet.attemptTokenSentTo("grace@example.com"))))
                .otp();
        measure(
                "v0.1 claim completion (anonymous: key upgraded in place)",
                () -> ok(service.completeClaim(CTX, claimToken, otp)));
        IdentityResult identity = measure(
                "current ID-JAG identity, new user",
                () -> ok(service.identity(CTX, new IdentityRequest.IdentityAssertion(currentJag(fleet)))));
        measure(
                "current ID-JAG identity, same user again",
                () -> ok(service.identity(CTX, new IdentityRequest.IdentityAssertion(currentJag(fleet)))));
        IdentityResult.Identity block = identity.identityBlock().orElseThrow();
        TokenGrant grant = measure(
                "current token exchange",
                () -> ok(service.exchangeToken(CTX, new TokenRequest(block.assertion(), null, null))));
        measure(
                "authenticate a current access token",
                () -> service.authenticate(CTX, "Bearer " + grant.accessToken(), Set.of()));
        measure(
                "security event (one registration)",
                () -> service.receiveSecurityEvent(
                        CTX,
                        SecurityEventMinter.builder(fleet.keys)
                                .issuer(Fleet.PROVIDER)
                                .subject("sub-c")
                                .audience(Fleet.AUDIENCE)
                                .jti(UUID.randomUUID().toString())
                                .mint()));

        MEASURED.forEach((name, cost) -> System.out.println(
                "| " + name + " | " + cost.connections() + " | " + cost.statements() + " | " + cost.commits() + " |"));
        assertThat(MEASURED.get("authenticate an API key").statements())
                .as("the hot path: credential, registration, delegation")
                .isLessThanOrEqualTo(3);
        assertThat(MEASURED.get("authenticate an anonymous key").statements()).isLessThanOrEqualTo(2);
        assertThat(MEASURED.get("v0.1 anonymous registration").statements()).isLessThanOrEqualTo(2);
        assertThat(MEASURED.get("v0.1 ID-JAG registration, new user").statements())
                .isLessThanOrEqualTo(7);
        assertThat(MEASURED.get("v0.1 ID-JAG registration, same user again").statements())
                .as("a stored delegation is not linked again")
                .isLessThanOrEqualTo(7);
        assertThat(MEASURED.get("logout token (one registration)").statements())
                .as("a v0.1 registration holds no current-profile tokens to tear down")
                .isLessThanOrEqualTo(8);
        assertThat(MEASURED.get("logout token (one registration)").commits()).isZero();
        assertThat(MEASURED.get("v0.1 claim start (email sent)").statements()).isLessThanOrEqualTo(2);
        assertThat(MEASURED.get("v0.1 claim page mints the OTP").statements()).isLessThanOrEqualTo(2);
        assertThat(MEASURED.get("v0.1 claim completion (anonymous: key upgraded in place)")
                        .statements())
                .as("registration, credential, the compare-and-set, the key's upgrade")
                .isLessThanOrEqualTo(4);
        assertThat(MEASURED.get("current ID-JAG identity, new user").statements())
                .isLessThanOrEqualTo(7);
        assertThat(MEASURED.get("current ID-JAG identity, same user again").statements())
                .isLessThanOrEqualTo(5);
        assertThat(MEASURED.get("current token exchange").statements()).isLessThanOrEqualTo(7);
        assertThat(MEASURED.get("authenticate a current access token").statements())
                .as("token, its assertion, registration, delegation")
                .isLessThanOrEqualTo(4);
        assertThat(MEASURED.get("security event (one registration)").statements())
                .isLessThanOrEqualTo(16);
    }

    private static <T> T measure(String name, Supplier<T> useCase) {
        counting.reset();
        T result = useCase.get();
        MEASURED.put(name, counting.snapshot());
        if (result instanceof AuthenticationResult auth) {
            assertThat(auth.principal()).as(name).isPresent();
        }
        return result;
    }

    private static String currentJag(Fleet fleet) {
        return fleet.idJag()
                .subject("sub-c")
                .email("cy@example.com")
                .authTime(Instant.now())
                .mint();
    }

    private static <T> T ok(CurrentOutcome<T> outcome) {
        assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
        return outcome.value();
    }

    private static <T> T ok(Outcome<T> outcome) {
        assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
        return outcome.value();
    }

    /** Connections borrowed, statements executed and commits made since the last reset. */
    record Cost(int connections, int statements, int commits) {}

    /** A data source whose connections and statements count what they do; nothing else changes. */
    static final class Counting {
        private final DataSource target;
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger statements = new AtomicInteger();
        private final AtomicInteger commits = new AtomicInteger();

        Counting(DataSource target) {
            this.target = target;
        }

        void reset() {
            connections.set(0);
            statements.set(0);
            commits.set(0);
        }

        Cost snapshot() {
            return new Cost(connections.get(), statements.get(), commits.get());
        }

        DataSource dataSource() {
            return proxy(DataSource.class, target, (method, result) -> {
                if (method.equals("getConnection")) {
                    connections.incrementAndGet();
                    return proxy(Connection.class, result, this::onConnection);
                }
                return result;
            });
        }

        private Object onConnection(String method, Object result) {
            if (method.equals("commit")) {
                commits.incrementAndGet();
            }
            if (result instanceof PreparedStatement ps) {
                return proxy(PreparedStatement.class, ps, this::onStatement);
            }
            if (result instanceof Statement st) {
                return proxy(Statement.class, st, this::onStatement);
            }
            return result;
        }

        private Object onStatement(String method, Object result) {
            if (method.startsWith("execute")) {
                statements.incrementAndGet();
            }
            return result;
        }

        /** What a proxied call returned, seen by a hook that may wrap it. */
        @FunctionalInterface
        interface Hook {
            Object after(String method, Object result);
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, Object target, Hook hook) {
            InvocationHandler handler = (p, method, args) -> {
                Object result;
                try {
                    result = method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                return hook.after(method.getName(), result);
            };
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
        }
    }
}
