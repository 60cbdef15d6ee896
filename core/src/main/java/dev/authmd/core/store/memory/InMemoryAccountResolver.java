package dev.authmd.core.store.memory;

import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.account.ProvisionRequest;
import dev.authmd.spi.account.UserAccount;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default {@link AccountResolver}: a user table in memory, for development and tests, lost on restart.
 *
 * <p>Per tenant it keeps accounts by id, by verified email and by verified phone number. Emails are matched
 * case-insensitively: the library hands over normalised addresses (trimmed, domain lower-cased) and this resolver also
 * ignores the case of the local part, as nearly every mail system does. Phone numbers are matched exactly (E.164, as
 * the library passes them). Every account this resolver knows counts as verified: seed only addresses the user has
 * proven.
 *
 * <p>{@link #provision} creates an account just in time, with a random id ({@value #USER_ID_PREFIX} + 128 bits, so a
 * restart never hands an earlier user's id to someone else), and is idempotent per address: when an account with the
 * request's email (or, failing that, its phone number) already exists, that account is returned and nothing is created.
 * {@link #add} seeds accounts that exist before any agent arrives. No domain is SSO-managed.
 *
 * <p>Like a real user table it grows with the number of users and is never swept: deleting a user here would orphan
 * their registrations. Reads take no lock; writes to one tenant are serialised. Thread-safe.
 *
 * <p>Production services pass their own user directory with {@code AgentAuthService.builder().accountResolver(...)};
 * {@code AgentAuthService} uses this class when none is set, and logs a warning saying so when it is built.
 *
 * <pre>{@code
 * InMemoryAccountResolver users = new InMemoryAccountResolver();
 * users.add(RequestContext.DEFAULT_TENANT, new UserAccount("u-1", "ada@example.com", null));
 * }</pre>
 */
public final class InMemoryAccountResolver implements AccountResolver {

    /** Prefix of the ids of provisioned accounts. */
    public static final String USER_ID_PREFIX = "user_";

    private static final int ID_BYTES = 16;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ConcurrentHashMap<String, Directory> tenants = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** Creates an empty resolver that provisions accounts just in time. */
    public InMemoryAccountResolver() {}

    /**
     * Seeds an account, e.g. a user who exists before any agent arrives. Its email and phone number count as verified.
     *
     * @param tenantId the tenant the account belongs to, e.g. {@code RequestContext.DEFAULT_TENANT}
     * @param account the account; its email and phone number, when present, must not be blank
     * @return {@code account}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code tenantId}, the email or the phone number is blank, or the tenant
     *     already has an account with this id, this email (in any case) or this phone number
     */
    public UserAccount add(String tenantId, UserAccount account) {
        requireText(tenantId, "tenantId");
        Objects.requireNonNull(account, "account cannot be null");
        String email = account.email();
        String phone = account.phoneNumber();
        if (email != null) {
            requireText(email, "email");
        }
        if (phone != null) {
            requireText(phone, "phoneNumber");
        }
        Directory directory = tenants.computeIfAbsent(tenantId, t -> new Directory());
        synchronized (directory) {
            if (directory.byId.containsKey(account.userId())) {
                throw new IllegalArgumentException(
                        "tenant " + tenantId + " already has an account with id " + account.userId());
            }
            // the address is personal data: never quoted in the message
            if (email != null && directory.byEmail.containsKey(emailKey(email))) {
                throw new IllegalArgumentException("tenant " + tenantId + " already has an account with this email");
            }
            if (phone != null && directory.byPhone.containsKey(phoneKey(phone))) {
                throw new IllegalArgumentException(
                        "tenant " + tenantId + " already has an account with this phone number");
            }
            directory.put(account);
        }
        return account;
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an argument is blank
     */
    @Override
    public Optional<UserAccount> findByVerifiedEmail(String tenantId, String email) {
        requireText(tenantId, "tenantId");
        requireText(email, "email");
        Directory directory = tenants.get(tenantId);
        return directory == null ? Optional.empty() : Optional.ofNullable(directory.byEmail.get(emailKey(email)));
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an argument is blank
     */
    @Override
    public Optional<UserAccount> findByVerifiedPhone(String tenantId, String phoneNumber) {
        requireText(tenantId, "tenantId");
        requireText(phoneNumber, "phoneNumber");
        Directory directory = tenants.get(tenantId);
        return directory == null ? Optional.empty() : Optional.ofNullable(directory.byPhone.get(phoneKey(phoneNumber)));
    }

    /**
     * Returns the account with the request's email (or, failing that, its phone number), or creates one with a new
     * {@value #USER_ID_PREFIX} id holding both.
     *
     * @param request the verified facts to create the user from
     * @return the existing or new account; never empty
     * @throws NullPointerException if {@code request} is null
     * @throws IllegalArgumentException if the tenant id, the email or the phone number is blank
     */
    @Override
    public Optional<UserAccount> provision(ProvisionRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        requireText(request.tenantId(), "tenantId");
        String email = request.email();
        String phone = request.phoneNumber();
        if (email != null) {
            requireText(email, "email");
        }
        if (phone != null) {
            requireText(phone, "phoneNumber");
        }
        Directory directory = tenants.computeIfAbsent(request.tenantId(), t -> new Directory());
        synchronized (directory) {
            UserAccount existing = email != null ? directory.byEmail.get(emailKey(email)) : null;
            if (existing == null && phone != null) {
                existing = directory.byPhone.get(phoneKey(phone));
            }
            if (existing != null) {
                return Optional.of(existing);
            }
            UserAccount created;
            do {
                created = new UserAccount(newUserId(), email, phone);
            } while (directory.byId.containsKey(created.userId()));
            directory.put(created);
            return Optional.of(created);
        }
    }

    private String newUserId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return USER_ID_PREFIX + BASE64URL.encodeToString(bytes);
    }

    private static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static String phoneKey(String phone) {
        return phone.strip();
    }

    private static void requireText(@Nullable String value, String name) {
        Objects.requireNonNull(value, name + " cannot be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " cannot be blank");
        }
    }

    @Override
    public String toString() {
        return "InMemoryAccountResolver[tenants=" + tenants.size() + "]";
    }

    /** One tenant's accounts; written under its own monitor, read without a lock. */
    private static final class Directory {
        final ConcurrentHashMap<String, UserAccount> byId = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, UserAccount> byEmail = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, UserAccount> byPhone = new ConcurrentHashMap<>();

        /** Publishes an account; the caller holds this directory's monitor and has checked every key is free. */
        void put(UserAccount account) {
            byId.put(account.userId(), account);
            String email = account.email();
            if (email != null) {
                byEmail.put(emailKey(email), account);
            }
            String phone = account.phoneNumber();
            if (phone != null) {
                byPhone.put(phoneKey(phone), account);
            }
        }
    }
}
