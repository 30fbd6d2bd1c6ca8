package io.leaddedup.callers;

import io.leaddedup.stage.StateRetention;
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
     * Records that {@code buyerId} converted the caller at {@code convertedAt}, then forgets that
     * buyer's conversions older than the retention, counted back from its own newest conversion.
     *
     * <p>The retention is counted in conversion time, not processing time, so that a replay of old
     * input decides as the live run did. It is counted per buyer, so a buyer's newest conversion is
     * never dropped because another buyer converted the caller later: with a forever window that
     * conversion keeps the caller a duplicate for the buyer, however old it is (while the caller's
     * state lives; it expires when the caller goes quiet for the retention).
     *
     * @return whether anything changed; a conversion already recorded (a replay) changes nothing
     */
    public boolean record(String buyerId, long convertedAt, StateRetention retention) {
        BuyerConversions buyer = find(buyerId);
        long cutoff = retention.cutoff(Math.max(buyer == null ? NONE : buyer.newest(), convertedAt));
        if (convertedAt < cutoff) {
            return false;
        }
        if (buyer == null) {
            buyer = BuyerConversions.of(buyerId);
            buyers = Arrays.copyOf(buyers, buyers.length + 1);
            buyers[buyers.length - 1] = buyer;
        }
        boolean added = buyer.add(convertedAt);
        return buyer.dropBefore(cutoff) || added;
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
