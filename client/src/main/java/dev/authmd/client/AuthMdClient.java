package dev.authmd.client;

import dev.authmd.client.internal.Discovery;
import dev.authmd.client.internal.ServiceHttp;
import dev.authmd.protocol.metadata.AgentAuthMetadata;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An agent's way into any auth.md service: from a bare URL (or a 401) to an {@link AgentSession} that calls the API
 * with a bearer it keeps fresh.
 *
 * <pre>{@code
 * AuthMdClient client = AuthMdClient.builder()
 *         .assertionSource(request -> myProvider.mintIdJag(request.audience()))   // optional: ID-JAG
 *         .store(AgentCredentialStore.inDirectory(Path.of(".authmd")))
 *         .build();
 * AgentSession api = client.connect(URI.create("https://api.example.com"));
 * HttpResponse<String> me = api.send(HttpRequest.newBuilder(URI.create("https://api.example.com/me")).build(),
 *         HttpResponse.BodyHandlers.ofString());
 * }</pre>
 *
 * <p>Registration uses the first method that both the service advertises and the caller made possible: ID-JAG (an
 * {@link AssertionSource}), the user's email ({@link Builder#userEmail} and a {@link ClaimPrompt}), anonymous.
 * Thread-safe; sessions of one client for one service share one lock, so their refreshes never race each other.
 */
public final class AuthMdClient {

    /** How much life a bearer must have left to be used; less, and it is renewed first. */
    static final long RENEW_MARGIN_SECONDS = 30;

    private final ClientContext context;
    private final Discovery discovery;
    /**
     * One lock per issuer for the whole JVM, so sessions of different clients never spend one refresh token twice
     * (across processes, a refused refresh re-reads the store: {@link AgentSession}).
     */
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();

    private AuthMdClient(ClientContext context) {
        this.context = context;
        this.discovery = new Discovery(context.http());
    }

    /** {@return a builder with the defaults: credentials in memory, anonymous and the methods made possible} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Discovers a service from its base URL: the RFC 9728 path-aware metadata location, then the root one; then the
     * authorization server metadata, the profile, and {@code auth.md} when present.
     *
     * @param url the API's base URL
     * @return what was found
     * @throws UnsupportedProfileException when the service is not auth.md, or speaks a shape this client does not
     * @throws UnsafeServiceException when a guard refused something the service sent
     * @throws AuthMdClientException when the service cannot be reached or its documents are malformed
     */
    public DiscoveredService discover(URI url) {
        return discovery.fromUrl(Objects.requireNonNull(url, "url cannot be null"));
    }

    /**
     * Discovers a service from a 401 answer of its API ({@code resource_metadata} in the {@code WWW-Authenticate}
     * challenge).
     *
     * @param apiUrl the URL that answered 401
     * @param wwwAuthenticate its {@code WWW-Authenticate} header
     * @return what was found
     */
    public DiscoveredService discoverFromChallenge(URI apiUrl, String wwwAuthenticate) {
        return discovery.fromChallenge(
                Objects.requireNonNull(apiUrl, "apiUrl cannot be null"),
                Objects.requireNonNull(wwwAuthenticate, "wwwAuthenticate cannot be null"));
    }

    /**
     * Discovers a service and returns a session with it: the stored credentials for its issuer when there are any, else
     * a new registration.
     *
     * @param url the API's base URL
     * @return the session
     */
    public AgentSession connect(URI url) {
        return connect(discover(url));
    }

    /**
     * Returns a session with a discovered service: the stored credentials for its issuer when they are for the same
     * resource and profile, else a new registration (for a hybrid whose identity endpoint answers 404 or 405, in v0.1).
     *
     * @param service what discovery found
     * @return the session
     */
    public AgentSession connect(DiscoveredService service) {
        Objects.requireNonNull(service, "service cannot be null");
        Object lock = LOCKS.computeIfAbsent(service.issuer(), issuer -> new Object());
        synchronized (lock) {
            Optional<AgentCredentials> stored = context.store()
                    .load(service.issuer())
                    .filter(c -> c.resource().equals(service.resource().toString()));
            if (stored.isPresent()) {
                DiscoveredService spoken = stored.get().profile() == service.profile()
                        ? service
                        : service.v01Fallback().isPresent() ? service.asV01() : null;
                if (spoken != null) {
                    return new AgentSession(context, spoken, flow(spoken), unattendedFlow(spoken), stored.get(), lock);
                }
            }
            try {
                return register(service, lock);
            } catch (ServiceErrorException e) {
                if (service.profile() == ServiceProfile.CURRENT
                        && service.v01Fallback().isPresent()
                        && (e.status() == 404 || e.status() == 405)) {
                    return register(service.asV01(), lock);
                }
                throw e;
            }
        }
    }

    private AgentSession register(DiscoveredService service, Object lock) {
        RegistrationMethod method = chooseMethod(service);
        ProfileFlow flow = flow(service);
        AgentCredentials credentials = flow.register(method);
        return new AgentSession(context, service, flow, unattendedFlow(service), credentials, lock);
    }

    /**
     * {@return the method the client would register with: the first of ID-JAG, email, anonymous that both sides allow}
     *
     * @param service what discovery found
     * @throws AuthMdClientException when there is none, naming what each side offered
     */
    public RegistrationMethod chooseMethod(DiscoveredService service) {
        List<RegistrationMethod> possible = possibleMethods(service);
        if (possible.isEmpty()) {
            throw new AuthMdClientException("no registration method both sides allow: " + service.issuer()
                    + " offers " + offered(service) + "; this client allows "
                    + context.methods().stream()
                            .map(RegistrationMethod::wireName)
                            .collect(Collectors.joining(", "))
                    + (context.assertions() == null ? " (no assertion source for id_jag)" : "")
                    + (context.userEmail() == null || context.prompt() == null
                            ? " (email needs userEmail and a claimPrompt)"
                            : ""));
        }
        return possible.get(0);
    }

    private List<RegistrationMethod> possibleMethods(DiscoveredService service) {
        Set<String> types = service.identityTypes();
        Set<String> assertions = service.assertionTypes();
        List<RegistrationMethod> possible = new ArrayList<>();
        if (context.methods().contains(RegistrationMethod.ID_JAG)
                && context.assertions() != null
                && types.contains(AgentAuthMetadata.IDENTITY_TYPE_IDENTITY_ASSERTION)
                && assertions.contains(AgentAuthMetadata.ASSERTION_TYPE_ID_JAG)) {
            possible.add(RegistrationMethod.ID_JAG);
        }
        boolean emailOffered = service.profile() == ServiceProfile.CURRENT
                ? types.contains("service_auth")
                : types.contains(AgentAuthMetadata.IDENTITY_TYPE_IDENTITY_ASSERTION)
                        && assertions.contains(AgentAuthMetadata.ASSERTION_TYPE_VERIFIED_EMAIL);
        if (context.methods().contains(RegistrationMethod.EMAIL)
                && context.userEmail() != null
                && context.prompt() != null
                && emailOffered) {
            possible.add(RegistrationMethod.EMAIL);
        }
        if (context.methods().contains(RegistrationMethod.ANONYMOUS)
                && types.contains(AgentAuthMetadata.IDENTITY_TYPE_ANONYMOUS)) {
            possible.add(RegistrationMethod.ANONYMOUS);
        }
        return possible;
    }

    private static String offered(DiscoveredService service) {
        List<String> offered = new ArrayList<>(service.identityTypes());
        offered.addAll(service.assertionTypes());
        return offered.isEmpty() ? "nothing" : String.join(", ", offered);
    }

    private ProfileFlow flow(DiscoveredService service) {
        return service.profile() == ServiceProfile.V0_1
                ? new V01Flow(context, service)
                : new CurrentFlow(context, service);
    }

    /** The flow a session renews with inside {@code send}: it never asks a person (a step-up fails instead). */
    private ProfileFlow unattendedFlow(DiscoveredService service) {
        ClientContext unattended = context.unattended();
        return service.profile() == ServiceProfile.V0_1
                ? new V01Flow(unattended, service)
                : new CurrentFlow(unattended, service);
    }

    /** Builds an {@link AuthMdClient}. Not thread-safe. */
    public static final class Builder {

        private AgentCredentialStore store = AgentCredentialStore.inMemory();
        private @Nullable AssertionSource assertions;
        private @Nullable String userEmail;
        private @Nullable ClaimPrompt prompt;
        private Set<RegistrationMethod> methods = EnumSet.allOf(RegistrationMethod.class);
        private final Set<String> developmentHosts = new java.util.LinkedHashSet<>();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(15);
        private Clock clock = Clock.systemUTC();
        private ClientContext.Pacer pacer = ClientContext.Pacer.SLEEP;

        private Builder() {}

        /**
         * Sets where credentials persist.
         *
         * @param store the store; default {@link AgentCredentialStore#inMemory()}
         * @return this builder
         */
        public Builder store(AgentCredentialStore store) {
            this.store = Objects.requireNonNull(store, "store cannot be null");
            return this;
        }

        /**
         * Lets the client register with ID-JAGs from the agent's provider.
         *
         * @param source mints an ID-JAG for an audience
         * @return this builder
         */
        public Builder assertionSource(AssertionSource source) {
            this.assertions = Objects.requireNonNull(source, "source cannot be null");
            return this;
        }

        /**
         * Sets the user's email: for the email method (v0.1 {@code verified_email}, the current profile's
         * {@code service_auth}) and as the default address of {@link AgentSession#claim()}.
         *
         * @param email the address
         * @return this builder
         */
        public Builder userEmail(String email) {
            Objects.requireNonNull(email, "email cannot be null");
            String trimmed = email.strip();
            int at = trimmed.indexOf('@');
            if (at <= 0
                    || at != trimmed.lastIndexOf('@')
                    || at == trimmed.length() - 1
                    || trimmed.length() > 254
                    || trimmed.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("not an email address: " + email);
            }
            this.userEmail = trimmed;
            return this;
        }

        /**
         * Sets what shows the person what to do during a claim and takes back the code they read.
         *
         * @param prompt the prompt
         * @return this builder
         */
        public Builder claimPrompt(ClaimPrompt prompt) {
            this.prompt = Objects.requireNonNull(prompt, "prompt cannot be null");
            return this;
        }

        /**
         * Limits the registration methods the client may use.
         *
         * @param allowed the methods; at least one
         * @return this builder
         */
        public Builder methods(RegistrationMethod... allowed) {
            if (allowed.length == 0) {
                throw new IllegalArgumentException("at least one registration method must be allowed");
            }
            this.methods = EnumSet.of(allowed[0], allowed);
            return this;
        }

        /**
         * Allows plain http to a host, for development against a local service. Never for a deployed one.
         *
         * @param host a host name, e.g. {@code localhost}
         * @return this builder
         */
        public Builder allowHttpFor(String host) {
            Objects.requireNonNull(host, "host cannot be null");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host cannot be blank");
            }
            developmentHosts.add(host.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Sets how long to wait for a connection.
         *
         * @param timeout default 5 s
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long a whole protocol answer may take, body included.
         *
         * @param timeout default 15 s
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * Sets the clock that decides when credentials are due for renewal.
         *
         * @param clock default the system clock (UTC)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock cannot be null");
            return this;
        }

        /** Tests: how to wait between claim completions. */
        Builder pacer(ClientContext.Pacer pacer) {
            this.pacer = Objects.requireNonNull(pacer, "pacer cannot be null");
            return this;
        }

        /** {@return the client} */
        public AuthMdClient build() {
            ServiceHttp http = new ServiceHttp(connectTimeout, timeout, developmentHosts);
            return new AuthMdClient(
                    new ClientContext(http, store, clock, assertions, userEmail, prompt, methods, pacer));
        }

        private static Duration positive(Duration duration, String what) {
            Objects.requireNonNull(duration, what + " cannot be null");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + duration);
            }
            return duration;
        }
    }
}
