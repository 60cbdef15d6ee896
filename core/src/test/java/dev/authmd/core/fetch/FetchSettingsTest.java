package dev.authmd.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.core.assertion.ProviderKeySource;
import dev.authmd.core.trust.TrustList;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The unknown-kid wait and the key-cache listener refuse garbage. */
class FetchSettingsTest {

    @Test
    void unknownKidWaitWhenDefaultThenOneSecondAndZeroAllowed() {
        assertThat(FetchSettings.defaults().unknownKidWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(FetchSettings.builder().unknownKidWait(Duration.ZERO).build().unknownKidWait())
                .isZero();
    }

    @Test
    void unknownKidWaitWhenNegativeOrNullThenRefusedSayingWhich() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FetchSettings.builder()
                        .unknownKidWait(Duration.ofMillis(-1))
                        .build())
                .withMessage("unknownKidWait cannot be negative");
        assertThatNullPointerException()
                .isThrownBy(() -> FetchSettings.builder().unknownKidWait(null).build())
                .withMessage("unknownKidWait cannot be null");
    }

    @Test
    void keySourceWhenTheListenerIsNullThenRefused() {
        assertThatNullPointerException()
                .isThrownBy(() -> ProviderKeySource.create(
                        TrustList.of(List.of()), request -> null, FetchSettings.defaults(), null))
                .withMessage("listener cannot be null");
    }
}
