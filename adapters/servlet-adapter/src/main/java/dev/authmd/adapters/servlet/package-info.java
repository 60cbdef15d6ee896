/**
 * Jakarta Servlet 6 adapter: {@link dev.authmd.adapters.servlet.AgentAuthFilter} mounts the framework-neutral
 * {@link dev.authmd.core.http.AgentAuthEndpoints} in any servlet container,
 * {@link dev.authmd.adapters.servlet.AgentAuthentication} guards the host's own servlets with the resource-side check
 * of docs/protocol.md#v01-5, and {@link dev.authmd.adapters.servlet.ServletHttp} is the request/response bridge both
 * use.
 */
package dev.authmd.adapters.servlet;
