package dev.authmd.client;

import dev.authmd.client.internal.ServiceHttp;
import dev.authmd.protocol.challenge.BearerChallenge;
import dev.authmd.protocol.metadata.WellKnownUris;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The agent's standing with one service: its credentials, and {@link #send} to call the service's API with them.
 *
 * <p>{@code send} adds {@code Authorization: Bearer}, renewing first when the bearer is about to expire. On a 401 whose
 * challenge says {@code invalid_token} it recovers in order, each step at most once per call, and never loops: exchange
 * the identity assertion again (current profile), then spend the refresh token and exchange the new assertion, then
 * register again when that needs no person (an ID-JAG, or an anonymous registration nobody claimed). Renewals are
 * single-flight: threads that find the bearer stale wait for one renewal and use its result. Every rotated secret is
 * stored before it is used. Thread-safe.
 */
public final class AgentSession {

    private static final int MAX_RETRIES = 4;

    private final ClientContext context;
    private final DiscoveredService service;
    private final ProfileFlow flow;
    /** Renews inside {@code send}: registering again must never stop to ask a person. */
    private final ProfileFlow unattended;

    private final Object lock;
    private final String apiOrigin;
    private volatile AgentCredentials state;

    AgentSession(
            ClientContext context,
            DiscoveredService service,
            ProfileFlow flow,
            ProfileFlow unattended,
            AgentCredentials credentials,
            Object lock) {
        this.context = context;
        this.service = service;
        this.flow = flow;
        this.unattended = unattended;
        this.state = credentials;
        this.lock = lock;
        this.apiOrigin = WellKnownUris.origin(service.resource());
    }

    /** {@return the service this session talks to} */
    public DiscoveredService service() {
        return service;
    }

    /** {@return the profile spoken} */
    public ServiceProfile profile() {
        return service.profile();
    }

    /** {@return what the agent holds now; its {@code toString} shows no secret} */
    public AgentCredentials credentials() {
        return state;
    }

    /**
     * {@return a bearer usable now, renewed first when it is missing or about to expire}, for callers that set the
     * {@code Authorization} header themselves. Prefer {@link #send}, which also recovers from a 401.
     *
     * @throws AuthMdClientException when it cannot be renewed without a person
     */
    public String bearer() {
        String bearer = usable().bearer();
        if (bearer == null) {
            throw new AuthMdClientException("registration " + state.registrationId() + " holds no credential yet");
        }
        return bearer;
    }

    /**
     * Sends a request to the service's API with the agent's bearer, renewing as the class description says.
     *
     * @param request the request, on the resource's origin; an {@code Authorization} header in it is replaced
     * @param handler how to read the body
     * @param <T> the body type
     * @return the last answer: the API's, or its 401 when no recovery step was left
     * @throws IOException when the API cannot be reached
     * @throws InterruptedException when interrupted
     * @throws IllegalArgumentException when the request is for another origin (the bearer never leaves the resource's)
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        Objects.requireNonNull(request, "request cannot be null");
        Objects.requireNonNull(handler, "handler cannot be null");
        URI uri = request.uri();
        if (!uri.isAbsolute()
                || uri.getHost() == null
                || !ServiceHttp.origin(uri).equals(apiOrigin)) {
            throw new IllegalArgumentException(
                    "the bearer goes only to the resource's origin " + apiOrigin + ", not to " + uri);
        }
        AgentCredentials used = usable();
        HttpResponse<T> response = sendWith(request, used, handler);
        int stage = 0;
        for (int retry = 0; retry < MAX_RETRIES && credentialRefused(response); retry++) {
            Recovery recovery = recover(used, stage);
            if (recovery == null) {
                break;
            }
            used = recovery.credentials();
            stage = recovery.nextStage();
            response = sendWith(request, used, handler);
        }
        return response;
    }

    /**
     * Claims this session's anonymous registration for the person at the client's {@code userEmail}.
     *
     * @return the credentials after the claim
     * @throws AuthMdClientException when no {@code userEmail} was set, or the claim fails
     */
    public AgentCredentials claim() {
        String email = context.userEmail();
        if (email == null) {
            throw new AuthMdClientException("claim() needs AuthMdClient.Builder.userEmail(...); or call claim(email)");
        }
        return claim(email);
    }

    /**
     * Claims this session's anonymous registration for a person: v0.1 emails them a link and asks the
     * {@link ClaimPrompt} for the code they read; the current profile shows them the service's page and asks for the
     * code they read back.
     *
     * @param email the person's address
     * @return the credentials after the claim, with the post-claim scopes
     */
    public AgentCredentials claim(String email) {
        Objects.requireNonNull(email, "email cannot be null");
        synchronized (lock) {
            AgentCredentials current = latest();
            if (current.claimed()) {
                throw new AuthMdClientException("registration " + current.registrationId() + " is already claimed");
            }
            state = flow.claim(current, email);
            return state;
        }
    }

    /** Forgets the stored credentials of this service; the next {@code connect} registers again. */
    public void forget() {
        synchronized (lock) {
            context.store().delete(service.issuer());
        }
    }

    private <T> HttpResponse<T> sendWith(
            HttpRequest request, AgentCredentials credentials, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        String bearer = credentials.bearer();
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("authorization"));
        if (bearer != null) {
            try {
                builder.header("Authorization", "Bearer " + bearer);
            } catch (IllegalArgumentException unsendable) {
                // the JDK's message quotes the header value: never let the credential into an exception
                throw new AuthMdClientException("the stored credential for " + service.issuer()
                        + " cannot be sent in an Authorization header; forget() it and connect again");
            }
        }
        if (request.timeout().isEmpty()) {
            builder.timeout(context.http().timeout());
        }
        return context.http().client().send(builder.build(), handler);
    }

    /**
     * Whether the API refused the credential itself: a 401 whose challenge says {@code invalid_token}. Any other 401 (a
     * route of the host's own, a proxy) is the API's answer, not a reason to renew.
     */
    private static boolean credentialRefused(HttpResponse<?> response) {
        if (response.statusCode() != 401) {
            return false;
        }
        return response.headers().allValues("WWW-Authenticate").stream()
                .flatMap(value -> BearerChallenge.parseAll(value).stream())
                .anyMatch(challenge ->
                        challenge.error().filter("invalid_token"::equals).isPresent());
    }

    /** The credentials to send with, renewed first when the bearer is missing or about to expire. */
    private AgentCredentials usable() {
        AgentCredentials current = state;
        if (current.bearerUsable(now(), AuthMdClient.RENEW_MARGIN_SECONDS)) {
            return current;
        }
        synchronized (lock) {
            current = latest();
            if (current.bearerUsable(now(), AuthMdClient.RENEW_MARGIN_SECONDS)) {
                return current;
            }
            Recovery recovery = renew(current, 0, true);
            if (recovery == null) {
                throw new AuthMdClientException("the credential for " + service.issuer()
                        + " has expired and cannot be renewed without a person: register again");
            }
            return recovery.credentials();
        }
    }

    private record Recovery(AgentCredentials credentials, int nextStage) {}

    /** After a 401 with {@code used}: another thread's renewal, or the next recovery step from {@code stage}. */
    private @Nullable Recovery recover(AgentCredentials used, int stage) {
        synchronized (lock) {
            AgentCredentials current = latest();
            if (!Objects.equals(current.bearer(), used.bearer())
                    && current.bearerUsable(now(), AuthMdClient.RENEW_MARGIN_SECONDS)) {
                return new Recovery(current, stage);
            }
            return renew(current, stage, false);
        }
    }

    /**
     * Tries the recovery steps from {@code stage}: 0 exchange the assertion, 1 refresh then exchange, 2 register again.
     * Called holding the lock. When none works: the service's last refusal is thrown if {@code mustRenew}, else null.
     */
    private @Nullable Recovery renew(AgentCredentials current, int stage, boolean mustRenew) {
        AuthMdClientException last = null;
        Instant now = now();
        if (stage <= 0 && profile() == ServiceProfile.CURRENT && current.assertionUsable(now, 0)) {
            try {
                state = flow.exchange(current);
                return new Recovery(state, 1);
            } catch (ServiceErrorException e) {
                last = e;
            }
        }
        if (stage <= 1 && profile() == ServiceProfile.CURRENT && current.refreshUsable(now)) {
            try {
                AgentCredentials refreshed = flow.refresh(current);
                state = refreshed;
                state = flow.exchange(refreshed);
                return new Recovery(state, 2);
            } catch (ServiceErrorException e) {
                last = e;
            }
        }
        if (stage <= 2 && reRegistrable(current)) {
            try {
                state = unattended.register(current.method());
                return new Recovery(state, 3);
            } catch (ClaimAbandonedException | ServiceErrorException e) {
                // refused, or a step-up: registering again would need a person, whom send() never asks
                last = e;
            }
        }
        if (mustRenew && last != null) {
            throw last;
        }
        return null;
    }

    /** Registering again needs no person: an ID-JAG, or an anonymous registration nobody claimed. */
    private boolean reRegistrable(AgentCredentials current) {
        return (current.method() == RegistrationMethod.ID_JAG && context.assertions() != null)
                || (current.method() == RegistrationMethod.ANONYMOUS && !current.claimed());
    }

    /** The stored entry when another process renewed meanwhile, else this session's. Called holding the lock. */
    private AgentCredentials latest() {
        Optional<AgentCredentials> stored = context.store().load(service.issuer());
        if (stored.isPresent()
                && stored.get().registrationId().equals(state.registrationId())
                && stored.get().profile() == state.profile()) {
            state = stored.get();
        }
        return state;
    }

    private Instant now() {
        return context.clock().instant();
    }

    @Override
    public String toString() {
        return "AgentSession[" + service.issuer() + ", " + profile().wireName() + ", " + state.registrationId() + "]";
    }
}
