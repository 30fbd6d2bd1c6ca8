package io.leaddedup.callers;

import java.util.Arrays;

/**
 * When one buyer converted one caller: the most recent {@link #MAX_TIMES} distinct conversion times,
 * ascending. More than the latest one is kept because requests and conversions of a caller do not
 * arrive in time order: a request received between two conversions must be judged by the earlier
 * one, not miss the caller because a later conversion replaced it.
 */
public class BuyerConversions {

    /**
     * Conversion times kept per buyer and caller. A request is judged by the latest conversion at or
     * before it; losing the older ones only matters to a request that is late by more than this
     * many conversions of the same caller by the same buyer.
     */
    public static final int MAX_TIMES = 16;

    public String buyerId;
    /** Epoch milliseconds, ascending, no two equal. */
    public long[] convertedAt = new long[0];

    public BuyerConversions() {}

    static BuyerConversions of(String buyerId) {
        BuyerConversions buyer = new BuyerConversions();
        buyer.buyerId = buyerId;
        return buyer;
    }

    /** Adds a conversion time; returns false when it was already known or is too old to keep. */
    boolean add(long time) {
        int at = Arrays.binarySearch(convertedAt, time);
        if (at >= 0) {
            return false;
        }
        int insertAt = -at - 1;
        if (convertedAt.length < MAX_TIMES) {
            long[] grown = new long[convertedAt.length + 1];
            System.arraycopy(convertedAt, 0, grown, 0, insertAt);
            grown[insertAt] = time;
            System.arraycopy(convertedAt, insertAt, grown, insertAt + 1, convertedAt.length - insertAt);
            convertedAt = grown;
            return true;
        }
        if (insertAt == 0) {
            return false;
        }
        // Full: the oldest time gives way, the array keeps its length.
        long[] shifted = new long[convertedAt.length];
        System.arraycopy(convertedAt, 1, shifted, 0, insertAt - 1);
        shifted[insertAt - 1] = time;
        System.arraycopy(convertedAt, insertAt, shifted, insertAt, convertedAt.length - insertAt);
        convertedAt = shifted;
        return true;
    }

    /** The latest conversion at or before {@code time}, or {@link CallerConversions#NONE}. */
    long latestAtOrBefore(long time) {
        int at = Arrays.binarySearch(convertedAt, time);
        if (at >= 0) {
            return convertedAt[at];
        }
        int before = -at - 2;
        return before >= 0 ? convertedAt[before] : CallerConversions.NONE;
    }

    long newest() {
        return convertedAt.length == 0 ? CallerConversions.NONE : convertedAt[convertedAt.length - 1];
    }

    /** Drops times before {@code cutoff}; returns whether any was dropped. */
    boolean dropBefore(long cutoff) {
        int keepFrom = 0;
        while (keepFrom < convertedAt.length && convertedAt[keepFrom] < cutoff) {
            keepFrom++;
        }
        if (keepFrom == 0) {
            return false;
        }
        convertedAt = Arrays.copyOfRange(convertedAt, keepFrom, convertedAt.length);
        return true;
    }

    @Override
    public String toString() {
        return buyerId + Arrays.toString(convertedAt);
    }
}
