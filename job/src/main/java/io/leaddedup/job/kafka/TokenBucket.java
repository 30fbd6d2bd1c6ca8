package io.leaddedup.job.kafka;

import java.util.function.LongSupplier;

/**
 * Permits at a steady rate with a small burst: the pacing of a capped source. Not thread-safe: one
 * per source reader, used by its task thread only.
 */
final class TokenBucket {

    private final double perNano;
    private final double burst;
    private final LongSupplier clock;
    private double tokens;
    private long refilledAt;

    /**
     * @param perSecond permits per second
     * @param burst the most permits saved up while idle, at least 1: a reader that waited takes a
     *     few records in one go rather than one per wake-up, without flooding the job after a pause
     */
    TokenBucket(double perSecond, double burst, LongSupplier nanoClock) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate above 0 and a burst of at least 1, not " + perSecond + ", "
                    + burst);
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.clock = nanoClock;
        this.tokens = 1;
        this.refilledAt = nanoClock.getAsLong();
    }

    /** Takes one permit if there is one now. */
    boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Returns a permit taken for a record that was not there. */
    void giveBack() {
        tokens = Math.min(burst, tokens + 1);
    }

    /** How long until a permit is there: 0 if one is there now. */
    long nanosUntilNext() {
        return nanosUntil(1);
    }

    /**
     * How long until {@code permits} (at most the burst) are there: 0 if there is one now. A reader
     * out of permits waits for several, so that each wake-up of its task hands on a batch.
     */
    long nanosUntil(double permits) {
        refill();
        if (tokens >= 1) {
            return 0;
        }
        // + 1 ns: waking exactly on time could leave 0.99999 of a permit by rounding, and one more wake-up
        return (long) Math.ceil((Math.min(permits, burst) - tokens) / perNano) + 1;
    }

    private void refill() {
        long now = clock.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
    }
}
