package dev.authmd.core.service;

import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.account.ProvisionRequest;
import dev.authmd.spi.account.UserAccount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The host's users for service tests: verified emails and phones per tenant, switchable JIT. */
final class TestAccounts implements AccountResolver {

    private final Map<String, UserAccount> byEmail = new ConcurrentHashMap<>();
    private final Map<String, UserAccount> byPhone = new ConcurrentHashMap<>();
    private final Set<String> ssoDomains = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();
    final List<ProvisionRequest> provisioned = new CopyOnWriteArrayList<>();
    volatile boolean jit = true;

    UserAccount add(String tenantId, String userId, String email, String phone) {
        UserAccount account = new UserAccount(userId, email, phone);
        if (email != null) {
            byEmail.put(tenantId + "|" + email, account);
        }
        if (phone != null) {
            byPhone.put(tenantId + "|" + phone, account);
        }
        return account;
    }

    void ssoDomain(String tenantId, String domain) {
        ssoDomains.add(tenantId + "|" + domain);
    }

    @Override
    public Optional<UserAccount> findByVerifiedEmail(String tenantId, String email) {
        return Optional.ofNullable(byEmail.get(tenantId + "|" + email));
    }

    @Override
    public Optional<UserAccount> findByVerifiedPhone(String tenantId, String phoneNumber) {
        return Optional.ofNullable(byPhone.get(tenantId + "|" + phoneNumber));
    }

    @Override
    public Optional<UserAccount> provision(ProvisionRequest request) {
        if (!jit) {
            return Optional.empty();
        }
        provisioned.add(request);
        return Optional.of(
                add(request.tenantId(), "jit-" + ids.incrementAndGet(), request.email(), request.phoneNumber()));
    }

    @Override
    public boolean isSsoManagedDomain(String tenantId, String domain) {
        return ssoDomains.contains(tenantId + "|" + domain);
    }
}
