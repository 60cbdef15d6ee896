package dev.authmd.core.service;

import dev.authmd.core.internal.net.IpAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's extra admission control for anonymous registrations, in both profiles: asked after the client's per-IP
 * budget and before the tenant's, so a refused request never spends the tenant's budget. A refusal answers the
 * profile's "anonymous registration is not available" error ({@code anonymous_not_enabled} in v0.1,
 * {@code anonymous_registration_disabled} in the current profile) with the reason as its message: to that client, it is
 * not. Must be quick and thread-safe; an exception refuses.
 *
 * <p>The library ships {@link #fromNetworks}: anonymous registration only from networks the host names (its partners'
 * egress, a corporate network, a CI range). It is the one a service can defend without changing the wire: agents need
 * no new member, nothing is stored, a refusal is stateless and instant, and garbage from elsewhere cannot spend any
 * budget but its own per-IP one. A proof-of-work or CAPTCHA-like challenge would need a member no auth.md agent sends.
 */
@FunctionalInterface
public interface AnonymousAdmission {

    /** Admits every anonymous registration (the default). */
    AnonymousAdmission ALL = ctx -> Optional.empty();

    /**
     * Decides one anonymous registration.
     *
     * @param ctx the tenant and client address of the request
     * @return empty to admit; the reason, shown to the agent, to refuse
     */
    Optional<String> refusal(RequestContext ctx);

    /**
     * {@return an admission that lets only clients of the given networks register anonymously; a request without a
     * known client address is refused}
     *
     * @param cidrs networks such as {@code 203.0.113.0/24} or {@code 2001:db8::/32}; at least one
     * @throws IllegalArgumentException when a network cannot be parsed or none is given
     */
    static AnonymousAdmission fromNetworks(List<String> cidrs) {
        Objects.requireNonNull(cidrs, "cidrs cannot be null");
        if (cidrs.isEmpty()) {
            throw new IllegalArgumentException("name at least one network; to switch anonymous registration off, use"
                    + " AgentAuthConfig.Builder.anonymousEnabled(false)");
        }
        List<IpAddresses.Cidr> networks = new ArrayList<>();
        for (String cidr : cidrs) {
            networks.add(IpAddresses.Cidr.parse(Objects.requireNonNull(cidr, "a network cannot be null")));
        }
        List<IpAddresses.Cidr> allowed = List.copyOf(networks);
        return ctx -> {
            Optional<InetAddress> client =
                    ctx.clientIp() == null ? Optional.empty() : IpAddresses.parse(ctx.clientIp());
            if (client.isPresent() && allowed.stream().anyMatch(network -> network.contains(client.get()))) {
                return Optional.empty();
            }
            return Optional.of("Anonymous registration is not available from this network; register with an identity"
                    + " assertion or an email address.");
        };
    }
}
