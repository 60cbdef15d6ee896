package dev.authmd.examples.demo;

import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.account.ProvisionRequest;
import dev.authmd.spi.account.UserAccount;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's user base: one pre-existing account ({@code bob@example.com}, so an ID-JAG for Bob shows the step-up
 * guard) and just-in-time provisioning for everyone else.
 */
final class DemoAccounts implements AccountResolver {

    /** An account that exists before any agent shows up. */
    static final String EXISTING_EMAIL = "bob@example.com";

    private final Map<String, UserAccount> byEmail = new ConcurrentHashMap<>();
    private final Map<String, UserAccount> byPhone = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    DemoAccounts() {
        byEmail.put(EXISTING_EMAIL, new UserAccount("user_bob", EXISTING_EMAIL, null));
    }

    @Override
    public Optional<UserAccount> findByVerifiedEmail(String tenantId, String email) {
        return Optional.ofNullable(byEmail.get(email.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<UserAccount> findByVerifiedPhone(String tenantId, String phoneNumber) {
        return Optional.ofNullable(byPhone.get(phoneNumber));
    }

    @Override
    public Optional<UserAccount> provision(ProvisionRequest request) {
        String key = request.email() == null ? null : request.email().toLowerCase(Locale.ROOT);
        if (key != null) {
            return Optional.of(byEmail.computeIfAbsent(
                    key, e -> new UserAccount("user_" + sequence.incrementAndGet(), e, request.phoneNumber())));
        }
        return Optional.of(byPhone.computeIfAbsent(
                request.phoneNumber(), p -> new UserAccount("user_" + sequence.incrementAndGet(), null, p)));
    }
}
