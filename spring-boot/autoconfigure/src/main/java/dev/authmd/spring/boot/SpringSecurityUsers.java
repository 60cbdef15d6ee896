package dev.authmd.spring.boot;

import dev.authmd.spi.account.SignedInUser;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * Maps Spring Security's signed-in {@link Authentication} to the user the claim page confirms as: the id your
 * {@code AccountResolver} gives that person and the addresses you have verified. Define it as a bean and the starter
 * builds the claim page's sign-in from Spring Security's session (the current profile's claim ceremony then runs).
 *
 * <pre>{@code
 * @Bean
 * SpringSecurityUsers agentClaimUsers(UserDirectory users) {
 *     return authentication -> users.findByUsername(authentication.getName())
 *             .map(user -> new SignedInUser(user.id(), user.verifiedEmails()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SpringSecurityUsers {

    /**
     * Maps an authenticated (never anonymous) user.
     *
     * @param authentication who Spring Security says is signed in
     * @return the user, or empty when this person may not confirm claims
     */
    Optional<SignedInUser> find(Authentication authentication);
}
