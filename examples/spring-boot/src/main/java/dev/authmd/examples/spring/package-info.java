/**
 * The demo service as a Spring Boot 4 application: {@link dev.authmd.examples.spring.SpringDemoServer} starts it;
 * {@code DemoApplication} registers the servlet adapter's filter ahead of every other filter and lets Spring MVC
 * controllers receive the calling agent as an argument.
 */
package dev.authmd.examples.spring;
