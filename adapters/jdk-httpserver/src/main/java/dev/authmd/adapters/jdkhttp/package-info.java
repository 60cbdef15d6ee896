/**
 * JDK {@code com.sun.net.httpserver} adapter: {@link dev.authmd.adapters.jdkhttp.AgentAuthHttpServer} starts a server
 * set up safely (deadlines, bounded workers and connections, no Nagle stall) with the library's endpoints mounted,
 * {@link dev.authmd.adapters.jdkhttp.AgentAuthFilter} mounts the endpoints on a server the host creates itself,
 * {@link dev.authmd.adapters.jdkhttp.AgentAuthentication} guards the host's own handlers with the resource-side check,
 * and {@link dev.authmd.adapters.jdkhttp.JdkHttp} is the request/response bridge they share.
 */
package dev.authmd.adapters.jdkhttp;
