package dev.authmd.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.service.AuthenticationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each benchmark's set-up and one operation outside JMH, so a benchmark that would time a refusal (an expired
 * token, a failed lookup) breaks the build instead of producing numbers. Measures nothing.
 */
class BenchmarkSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256"})
    void verifyWhenSetUpThenTokenIsValid(String alg) {
        IdJagVerifyBenchmark benchmark = new IdJagVerifyBenchmark();
        benchmark.alg = alg;
        benchmark.setUp();

        assertThat(benchmark.verify().isValid()).isTrue();
        benchmark.checkNoFailure();
    }

    @ParameterizedTest
    @CsvSource({"ES256,jdk", "ES256,bc", "ES256,bc-bckey", "RS256,jdk", "RS256,bc", "RS256,bc-bckey"})
    void signatureWhenSetUpThenRawAndNimbusVerify(String alg, String provider) throws Exception {
        SignatureBenchmark benchmark = new SignatureBenchmark();
        benchmark.alg = alg;
        benchmark.provider = provider;
        benchmark.setUp();

        assertThat(benchmark.raw()).isTrue();
        assertThat(benchmark.nimbus()).isTrue();
    }

    @Test
    void anonymousRegistrationWhenSetUpThenRegisters() {
        AnonymousRegistrationBenchmark benchmark = new AnonymousRegistrationBenchmark();
        benchmark.setUp();

        assertThat(benchmark.register().isSuccess()).isTrue();
        benchmark.checkNoFailure();
    }

    @Test
    void currentProfileWhenSetUpThenIdentityExchangeAndAuthenticateSucceed() {
        CurrentProfileBenchmark benchmark = new CurrentProfileBenchmark();
        benchmark.setUp();

        assertThat(benchmark.anonymousIdentity().isSuccess()).isTrue();
        assertThat(benchmark.exchange().isSuccess()).isTrue();
        assertThat(benchmark.authenticate())
                .isInstanceOf(dev.authmd.core.service.AuthenticationResult.Authenticated.class);
        benchmark.checkNoFailure();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256"})
    void idJagRegistrationWhenPoolMintedThenEachTokenRegisters(String alg) {
        IdJagRegistrationBenchmark benchmark = new IdJagRegistrationBenchmark();
        benchmark.alg = alg;
        benchmark.setUp(2);

        assertThat(benchmark.register().isSuccess()).isTrue();
        assertThat(benchmark.register().isSuccess()).isTrue();
        benchmark.checkNoFailure();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hot", "uniform"})
    void lookupsWhenPreloadedThenFound(String keys) {
        StoreLookupBenchmark benchmark = new StoreLookupBenchmark();
        benchmark.registrations = 50;
        benchmark.keys = keys;
        benchmark.setUp();
        StoreLookupBenchmark.Cursor cursor = new StoreLookupBenchmark.Cursor();

        for (int i = 0; i < 60; i++) {
            assertThat(benchmark.authenticate(cursor)).isInstanceOf(AuthenticationResult.Authenticated.class);
            assertThat(benchmark.claimLookup(cursor)).isPresent();
        }
        benchmark.checkNoFailure();
    }
}
