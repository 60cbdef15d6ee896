/**
 * Spring Boot auto-configuration of the auth.md service: {@code authmd.*} properties, the service and its endpoints,
 * the endpoints filter, metrics and the scheduled housekeeping. Add {@code authmd-spring-boot-starter}.
 */
package dev.authmd.spring.boot;
