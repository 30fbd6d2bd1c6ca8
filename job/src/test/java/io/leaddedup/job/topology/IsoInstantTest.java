package io.leaddedup.job.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

    @Test
    void writesExactlyWhatInstantWrites() {
        SplittableRandom random = new SplittableRandom(7);
        long[] edges = {0, 1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000L /* 2000-02-29 */,
                253_402_300_799_999L, 253_402_300_800_000L, -1, -86_400_001L, Long.MAX_VALUE / 1000};
        for (long millis : edges) {
            assertThat(IsoInstant.format(millis)).as("%d", millis).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
        for (int i = 0; i < 200_000; i++) {
            long millis = random.nextLong(-10_000_000_000_000L, 300_000_000_000_000L);
            if (i % 2 == 0) {
                millis -= millis % 1000; // whole seconds, written without a fraction
            }
            assertThat(IsoInstant.format(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
    }
}
