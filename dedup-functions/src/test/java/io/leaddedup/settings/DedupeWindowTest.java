package io.leaddedup.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DedupeWindowTest {

    private static final long DAY = Duration.ofDays(1).toMillis();

    @ParameterizedTest
    @CsvSource({
        "P30D,        0,  2592000000",
        "PT12H,       0,  43200000",
        "p30d,        0,  2592000000",
        "P2W,         0,  1209600000",
        "P1M,         1,  0",
        "P1Y,         12, 0",
        "P1Y2M3DT4H,  14, 273600000",
        "PT0.5S,      0,  500",
        "P0D,         0,  0",
        "PT0S,        0,  0",
    })
    void everyIso8601DurationIsAWindow(String text, int months, long millis) {
        DedupeWindow window = DedupeWindow.parse(text);
        assertThat(window.months).isEqualTo(months);
        assertThat(window.millis).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30 days", "30", "P", "PT", "P1.5D", "1M", "P1DT", "P-1D", "PT-5M", "P1M-1D", "P2000Y",
        "P1W-7D", "PT1H-30M", "+P1D", "-P1D"})
    void whatIsNoDurationOrIsNegativeIsRefused(String text) {
        assertThatThrownBy(() -> DedupeWindow.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMonthIsTheCalendarMonthAfterTheConversionInUtc() {
        long converted = Instant.parse("2028-01-31T10:00:00Z").toEpochMilli();
        long lastDayOfFebruary = Instant.parse("2028-02-29T10:00:00Z").toEpochMilli(); // a leap year

        assertThat(DedupeWindow.covers(converted, lastDayOfFebruary - 1, 1, 0)).isTrue();
        assertThat(DedupeWindow.covers(converted, lastDayOfFebruary, 1, 0)).isFalse();
        // P1M1D: the month, then a day
        assertThat(DedupeWindow.covers(converted, lastDayOfFebruary + DAY - 1, 1, DAY)).isTrue();
        assertThat(DedupeWindow.covers(converted, lastDayOfFebruary + DAY, 1, DAY)).isFalse();
    }

    @Test
    void theWindowIsHalfOpenFromTheConversion() {
        assertThat(DedupeWindow.covers(1_000, 1_000, 0, DAY)).isTrue();
        assertThat(DedupeWindow.covers(1_000, 1_000 + DAY - 1, 0, DAY)).isTrue();
        assertThat(DedupeWindow.covers(1_000, 1_000 + DAY, 0, DAY)).isFalse();
        assertThat(DedupeWindow.covers(1_000, 999, 0, DAY)).as("a conversion after the request").isFalse();
    }

    @Test
    void aZeroWindowNeverCoversAndNoWindowAlwaysDoes() {
        assertThat(DedupeWindow.covers(1_000, 1_000, 0, 0)).isFalse();
        assertThat(DedupeWindow.covers(1_000, Long.MAX_VALUE, 0, BuyerSettings.FOREVER)).isTrue();
        assertThat(DedupeWindow.covers(1_000, Long.MAX_VALUE, 0, Long.MAX_VALUE - 1)).isTrue();
    }
}
