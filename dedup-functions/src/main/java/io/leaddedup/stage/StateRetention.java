package io.leaddedup.stage;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/**
 * How long per-number and per-lead state is kept after it was last written. Built in one place so
 * every keyed function bounds its state the same way; zero means keep forever (TTL disabled).
 */
public final class StateRetention implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A lead not touched for this long is forgotten: three dialing cycles of a month. */
    public static final Duration DEFAULT = Duration.ofDays(90);

    /**
     * How long a buyer's conversion of a caller is remembered: a year, the longest dedupe window
     * buyers commonly set. It also caps a buyer whose window is "forever".
     */
    public static final Duration DEFAULT_CONVERSIONS = Duration.ofDays(365);

    private final long millis;

    private StateRetention(long millis) {
        this.millis = millis;
    }

    /** A retention of {@code retention}; zero means forever. */
    public static StateRetention of(Duration retention) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("state retention must not be negative: " + retention);
        }
        return new StateRetention(retention.toMillis());
    }

    public static StateRetention forever() {
        return new StateRetention(0);
    }

    public boolean isForever() {
        return millis == 0;
    }

    /** Oldest registration time still kept at processing time {@code now}; Long.MIN_VALUE when forever. */
    public long cutoff(long now) {
        return isForever() ? Long.MIN_VALUE : now - millis;
    }

    /** The TTL for a state descriptor, or disabled when state is kept forever. */
    public StateTtlConfig ttlConfig() {
        if (isForever()) {
            return StateTtlConfig.DISABLED;
        }
        return StateTtlConfig.newBuilder(Duration.ofMillis(millis))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupInRocksdbCompactFilter(1000)
                .build();
    }

    @Override
    public String toString() {
        return isForever() ? "forever" : Duration.ofMillis(millis).toString();
    }
}
