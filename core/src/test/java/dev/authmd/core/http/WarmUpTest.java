package dev.authmd.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The warm-up runs every path on its throwaway service and stops at its budget. */
class WarmUpTest {

    @Test
    void runWhenBudgetGivenThenCompletesRoundsOfEveryPathWithinTheBudget() {
        WarmUp.Report report = WarmUp.run(Duration.ofMillis(300));

        // a round that did not answer as expected would have thrown: every path was taken successfully
        assertThat(report.rounds()).isPositive();
        assertThat(report.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void runWhenZeroThenNothingRuns() {
        assertThat(WarmUp.run(Duration.ZERO)).isEqualTo(new WarmUp.Report(0, Duration.ZERO));
    }

    @Test
    void startWhenBudgetGivenThenCompletesOnItsOwnDaemonThread() throws Exception {
        WarmUp.Report report = WarmUp.start(Duration.ofMillis(100)).get(60, TimeUnit.SECONDS);

        assertThat(report.rounds()).isPositive();
    }

    @Test
    void runOrStartWhenBudgetNegativeTooLongOrNullThenRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WarmUp.run(Duration.ofMillis(-1)))
                .withMessage("budget must be between 0 and 5 minutes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WarmUp.start(Duration.ofMinutes(5).plusMillis(1)))
                .withMessage("budget must be between 0 and 5 minutes");
        assertThatNullPointerException().isThrownBy(() -> WarmUp.run(null)).withMessage("budget cannot be null");
    }
}
