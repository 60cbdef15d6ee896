package dev.authmd.core.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name to the addresses a connection may use. The default is the JDK's resolver
 * ({@link InetAddress#getAllByName(String)}); tests and hosts with their own DNS policy can supply another one to
 * {@link AddressGuard}.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface HostResolver {

    /** The JDK resolver. */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /**
     * Resolves a host name to its addresses.
     *
     * @param host a host name or an IP literal
     * @return every address of the host, never empty
     * @throws UnknownHostException when the host has no address
     */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
