package dev.authmd.core.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.spi.account.ProvisionRequest;
import dev.authmd.spi.account.UserAccount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryAccountResolverTest {

    private static final String TENANT = "default";

    private final InMemoryAccountResolver users = new InMemoryAccountResolver();

    @Test
    void findWhenSeededThenFoundByEmailIgnoringCaseAndByPhone() {
        UserAccount ada = users.add(TENANT, new UserAccount("u-1", "Ada@example.com", "+15551234567"));

        assertThat(users.findByVerifiedEmail(TENANT, "Ada@example.com")).contains(ada);
        assertThat(users.findByVerifiedEmail(TENANT, "ada@example.com")).contains(ada);
        assertThat(users.findByVerifiedEmail(TENANT, "ADA@EXAMPLE.COM")).contains(ada);
        assertThat(users.findByVerifiedPhone(TENANT, "+15551234567")).contains(ada);
        assertThat(users.findByVerifiedEmail(TENANT, "bob@example.com")).isEmpty();
        assertThat(users.findByVerifiedPhone(TENANT, "+15550000000")).isEmpty();
        assertThat(users.isSsoManagedDomain(TENANT, "example.com")).isFalse();
    }

    @Test
    void findWhenOtherTenantThenNothingCrosses() {
        users.add(TENANT, new UserAccount("u-1", "ada@example.com", "+15551234567"));

        assertThat(users.findByVerifiedEmail("acme", "ada@example.com")).isEmpty();
        assertThat(users.findByVerifiedPhone("acme", "+15551234567")).isEmpty();
        assertThat(users.provision(new ProvisionRequest("acme", "ada@example.com", null, null, null, null)))
                .hasValueSatisfying(account -> assertThat(account.userId()).isNotEqualTo("u-1"));
    }

    @Test
    void provisionWhenNewAddressThenCreatesAccountWithRandomIdFindableAfterwards() {
        UserAccount created = users.provision(
                        new ProvisionRequest(TENANT, "carol@example.com", "+15557654321", "Carol", "iss", "sub"))
                .orElseThrow();

        assertThat(created.userId()).matches("user_[A-Za-z0-9_-]{22}");
        assertThat(created.email()).isEqualTo("carol@example.com");
        assertThat(created.phoneNumber()).isEqualTo("+15557654321");
        assertThat(users.findByVerifiedEmail(TENANT, "Carol@Example.com")).contains(created);
        assertThat(users.findByVerifiedPhone(TENANT, "+15557654321")).contains(created);
        UserAccount other = users.provision(new ProvisionRequest(TENANT, "dave@example.com", null, null, null, null))
                .orElseThrow();
        assertThat(other.userId()).isNotEqualTo(created.userId()).startsWith(InMemoryAccountResolver.USER_ID_PREFIX);
        assertThat(other.phoneNumber()).isNull();
    }

    @Test
    void provisionWhenAddressAlreadyHasAnAccountThenReturnsItAndCreatesNothing() {
        UserAccount ada = users.add(TENANT, new UserAccount("u-1", "ada@example.com", "+15551234567"));

        assertThat(users.provision(new ProvisionRequest(TENANT, "ADA@example.com", null, null, null, null)))
                .contains(ada);
        assertThat(users.provision(new ProvisionRequest(TENANT, null, "+15551234567", null, null, null)))
                .contains(ada);
        // email first, as the library matches: a new email with a known phone is that phone's account
        assertThat(users.provision(new ProvisionRequest(TENANT, "new@example.com", "+15551234567", null, null, null)))
                .contains(ada);
        assertThat(users.findByVerifiedEmail(TENANT, "new@example.com")).isEmpty();
    }

    @Test
    void provisionWhenManyThreadsRaceForOneAddressThenOneAccount() throws Exception {
        int threads = 16;
        for (int round = 0; round < 50; round++) {
            String email = "race" + round + "@example.com";
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<UserAccount>>> results = new ArrayList<>();
            try {
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return users.provision(new ProvisionRequest(TENANT, email, null, null, null, null));
                    }));
                }
                start.countDown();
                Set<String> ids = new HashSet<>();
                for (Future<Optional<UserAccount>> result : results) {
                    ids.add(result.get().orElseThrow().userId());
                }
                assertThat(ids).as("round %d", round).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void addWhenIdEmailOrPhoneTakenThenRefusedWithoutQuotingTheAddress() {
        users.add(TENANT, new UserAccount("u-1", "ada@example.com", "+15551234567"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> users.add(TENANT, new UserAccount("u-1", "other@example.com", null)))
                .withMessage("tenant default already has an account with id u-1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> users.add(TENANT, new UserAccount("u-2", "ADA@example.com", null)))
                .withMessage("tenant default already has an account with this email");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> users.add(TENANT, new UserAccount("u-3", null, "+15551234567")))
                .withMessage("tenant default already has an account with this phone number");
        assertThat(users.findByVerifiedEmail(TENANT, "other@example.com")).isEmpty();
        // another tenant is another user table
        assertThat(users.add("acme", new UserAccount("u-1", "ada@example.com", "+15551234567")))
                .isNotNull();
    }

    @Test
    void addWhenAccountHasNeitherEmailNorPhoneThenKeptButFindableByNothing() {
        UserAccount bare = users.add(TENANT, new UserAccount("u-bare", null, null));

        assertThat(bare.userId()).isEqualTo("u-bare");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> users.add(TENANT, new UserAccount("u-bare", "x@example.com", null)))
                .withMessage("tenant default already has an account with id u-bare");
    }

    @Test
    void garbageWhenNullThenNullPointerNamingTheArgument() {
        UserAccount account = new UserAccount("u-1", "ada@example.com", null);
        assertThatNullPointerException()
                .isThrownBy(() -> users.add(null, account))
                .withMessage("tenantId cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> users.add(TENANT, null))
                .withMessage("account cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> users.findByVerifiedEmail(null, "ada@example.com"))
                .withMessage("tenantId cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> users.findByVerifiedEmail(TENANT, null))
                .withMessage("email cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> users.findByVerifiedPhone(null, "+15551234567"))
                .withMessage("tenantId cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> users.findByVerifiedPhone(TENANT, null))
                .withMessage("phoneNumber cannot be null");
        assertThatNullPointerException().isThrownBy(() -> users.provision(null)).withMessage("request cannot be null");
    }

    @Test
    void garbageWhenBlankThenIllegalArgumentNamingTheArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> users.add(" ", new UserAccount("u-1", "ada@example.com", null)))
                .withMessage("tenantId cannot be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> users.add(TENANT, new UserAccount("u-1", "  ", null)))
                .withMessage("email cannot be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> users.add(TENANT, new UserAccount("u-1", null, "")))
                .withMessage("phoneNumber cannot be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> users.findByVerifiedEmail("", "ada@example.com"))
                .withMessage("tenantId cannot be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> users.findByVerifiedEmail(TENANT, " \t"))
                .withMessage("email cannot be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> users.findByVerifiedPhone(TENANT, ""))
                .withMessage("phoneNumber cannot be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> users.provision(new ProvisionRequest(" ", "ada@example.com", null, null, null, null)))
                .withMessage("tenantId cannot be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> users.provision(new ProvisionRequest(TENANT, "", null, null, null, null)))
                .withMessage("email cannot be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> users.provision(new ProvisionRequest(TENANT, null, " ", null, null, null)))
                .withMessage("phoneNumber cannot be blank");
        assertThat(users.toString()).isEqualTo("InMemoryAccountResolver[tenants=0]");
    }
}
