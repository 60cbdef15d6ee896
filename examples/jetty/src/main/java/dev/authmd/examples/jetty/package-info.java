/**
 * The demo service on embedded Jetty 12 (ee10): {@link dev.authmd.examples.jetty.JettyDemoServer} mounts the servlet
 * adapter's filter in front of a servlet-native sample API and the demo's own routes.
 */
package dev.authmd.examples.jetty;
