package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private long now = 1_000_000_000L;

    @Test
    void givesPermitsAtItsRateAndSaysWhenTheNextIsDue() {
        TokenBucket bucket = new TokenBucket(100, 1, () -> now); // one permit every 10 ms

        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
        assertThat(bucket.nanosUntilNext()).isBetween(10_000_000L, 10_000_002L); // a nanosecond over, not under
        now += 4_000_000L;
        assertThat(bucket.tryTake()).isFalse();
        assertThat(bucket.nanosUntilNext()).isBetween(6_000_000L, 6_000_002L);
        now += bucket.nanosUntilNext();
        assertThat(bucket.nanosUntilNext()).isZero();
        assertThat(bucket.tryTake()).isTrue();
    }

    @Test
    void waitsForABatchWhenOutOfPermitsAndTakesBackWhatWasNotUsed() {
        TokenBucket bucket = new TokenBucket(1000, 20, () -> now); // one permit a millisecond
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.nanosUntil(5)).as("five permits' time").isBetween(5_000_000L, 5_000_002L);
        assertThat(bucket.nanosUntil(50)).as("no more than the burst").isBetween(20_000_000L, 20_000_002L);
        now += bucket.nanosUntil(5);
        int taken = 0;
        while (bucket.tryTake()) {
            taken++;
        }
        assertThat(taken).isEqualTo(5);
        bucket.giveBack();
        assertThat(bucket.nanosUntil(5)).as("a permit given back is there at once").isZero();
        assertThat(bucket.tryTake()).isTrue();
    }

    @Test
    void savesUpNoMoreThanItsBurstWhileIdle() {
        TokenBucket bucket = new TokenBucket(1000, 5, () -> now);
        now += 60_000_000_000L; // a minute idle

        int taken = 0;
        while (bucket.tryTake()) {
            taken++;
        }
        assertThat(taken).isEqualTo(5);
    }

    @Test
    void overASecondGivesItsRate() {
        TokenBucket bucket = new TokenBucket(250, 5, () -> now);
        int taken = 0;
        for (int step = 0; step < 1000; step++) { // a millisecond at a time, taking all there is
            while (bucket.tryTake()) {
                taken++;
            }
            now += 1_000_000L;
        }
        assertThat(taken).isBetween(250, 251);
    }

    @Test
    void refusesARateOfNothing() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, () -> now)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(10, 0.5, () -> now)).isInstanceOf(IllegalArgumentException.class);
    }
}
