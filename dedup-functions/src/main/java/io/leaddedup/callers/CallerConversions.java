package io.leaddedup.callers;

import io.leaddedup.state.StateRetention;
import java.util.Arrays;

/**
 * The value state of one caller phone key: which buyers converted the caller, and when. Keyed by
 * buyer only, whatever campaign the conversion came from: the contract makes a caller a duplicate
 * for a buyer, not for a campaign.
 *
 * <p>Arrays rather than collections, so that Flink serializes it as a POJO (the job runs with
 * generic types disabled, and a {@code java.util.Map} field would fall back to Kryo).
 */
public class CallerConversions {

    /** "No conversion": sorts before every real time. */
    public static final long NONE = Long.MIN_VALUE;

    public BuyerConversions[] buyers = new BuyerConversions[0];

    public CallerConversions() {}

    /**
     * Records that {@code buyerId} converted the caller at {@code convertedAt}, then forgets
     * conversions older than the retention, counted back from the caller's newest conversion.
     *
     * <p>The retention is counted in conversion time, not processing time, so that a replay of old
     * input decides as the live run did. It caps every dedupe window, forever included: a buyer's
     * conversion older than the retention (before the caller's newest conversion) is forgotten.
     *
     * @return whether anything changed; a conversion already recorded (a replay) changes nothing
     */
    public boolean record(String buyerId, long convertedAt, StateRetention retention) {
        long cutoff = retention.cutoff(Math.max(newest(), convertedAt));
        boolean added = false;
        if (convertedAt >= cutoff) {
            BuyerConversions buyer = find(buyerId);
            if (buyer == null) {
                buyer = BuyerConversions.of(buyerId);
                buyers = Arrays.copyOf(buyers, buyers.length + 1);
                buyers[buyers.length - 1] = buyer;
            }
            added = buyer.add(convertedAt);
        }
        return dropConvertedBefore(cutoff) || added;
    }

    /**
     * The time of {@code buyerId}'s latest conversion of the caller at or before {@code time}, or
     * {@link #NONE}. Only that one can make the caller a duplicate at {@code time}: if it is outside
     * the buyer's window, every earlier one is too.
     */
    public long latestConversion(String buyerId, long time) {
        BuyerConversions buyer = find(buyerId);
        return buyer == null ? NONE : buyer.latestAtOrBefore(time);
    }

    /** Forgets conversions before {@code cutoff}, and buyers left with none; returns whether any was dropped. */
    public boolean dropConvertedBefore(long cutoff) {
        boolean dropped = false;
        int kept = 0;
        for (BuyerConversions buyer : buyers) {
            dropped |= buyer.dropBefore(cutoff);
            if (!buyer.isEmpty()) {
                kept++;
            }
        }
        if (kept < buyers.length) {
            BuyerConversions[] remaining = new BuyerConversions[kept];
            int i = 0;
            for (BuyerConversions buyer : buyers) {
                if (!buyer.isEmpty()) {
                    remaining[i++] = buyer;
                }
            }
            buyers = remaining;
        }
        return dropped;
    }

    /** The caller's newest conversion by any buyer, or {@link #NONE}. */
    public long newest() {
        long newest = NONE;
        for (BuyerConversions buyer : buyers) {
            newest = Math.max(newest, buyer.newest());
        }
        return newest;
    }

    public boolean isEmpty() {
        return buyers.length == 0;
    }

    /** Conversion times held, over all buyers. */
    public int size() {
        int size = 0;
        for (BuyerConversions buyer : buyers) {
            size += buyer.convertedAt.length;
        }
        return size;
    }

    BuyerConversions find(String buyerId) {
        for (BuyerConversions buyer : buyers) {
            if (buyer.buyerId.equals(buyerId)) {
                return buyer;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "CallerConversions" + Arrays.toString(buyers);
    }
}
