package dev.authmd.core.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.core.fetch.FetchSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheControlTest {

    @Test
    void maxAgeWhenPresentThenRead() {
        assertThat(CacheControl.maxAge("public, max-age=3600")).contains(Duration.ofHours(1));
        assertThat(CacheControl.maxAge("MAX-AGE=\"60\"")).contains(Duration.ofMinutes(1));
    }

    @Test
    void maxAgeWhenNoStoreOrNoCacheThenZero() {
        assertThat(CacheControl.maxAge("max-age=3600, no-store")).contains(Duration.ZERO);
        assertThat(CacheControl.maxAge("no-cache")).contains(Duration.ZERO);
    }

    @Test
    void maxAgeWhenAbsentOrGarbageThenEmpty() {
        assertThat(CacheControl.maxAge(null)).isEmpty();
        assertThat(CacheControl.maxAge("private")).isEmpty();
        assertThat(CacheControl.maxAge("max-age=soon")).isEmpty();
        assertThat(CacheControl.maxAge("max-age=-1")).isEmpty();
    }

    @Test
    void clampTtlWhenOutsideFloorOrCeilingThenClamped() {
        FetchSettings settings = FetchSettings.defaults();

        assertThat(settings.clampTtl(null)).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.clampTtl(Duration.ZERO)).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.clampTtl(Duration.ofHours(2))).isEqualTo(Duration.ofHours(2));
        assertThat(settings.clampTtl(Duration.ofDays(3))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void fetchSettingsWhenInconsistentThenRefused() {
        assertThatThrownBy(() -> FetchSettings.builder()
                        .cacheTtlCeiling(Duration.ofMinutes(1))
                        .build())
                .hasMessageContaining("cacheTtlCeiling");
        assertThatThrownBy(() -> FetchSettings.builder().maxBodyBytes(10).build())
                .hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> FetchSettings.builder()
                        .refetchInterval(Duration.ofHours(1))
                        .build())
                .hasMessageContaining("refetchInterval");
    }

    @Test
    void expiringCacheWhenFullThenBoundedAndExpiredEntriesGone() {
        ExpiringCache<Integer, String> cache = new ExpiringCache<>(3);
        for (int i = 0; i < 10; i++) {
            cache.put(i, "v" + i, 1000, 0);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(3);
        assertThat(cache.get(9, 0)).isEqualTo("v9");
        assertThat(cache.get(9, 1000)).isNull();
    }
}
