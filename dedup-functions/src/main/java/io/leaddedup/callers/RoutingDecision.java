package io.leaddedup.callers;

import io.leaddedup.events.RoutingKind;
import java.util.Arrays;

/**
 * A {@code routing-decisions} record: the one answer to one routing request. Consumers dedupe on
 * {@link #requestId}, since delivery is at least once.
 *
 * <p>The contract's {@code lastConvertedAt} object (buyer id to time) is carried as
 * {@link #lastConvertedAtMillis}, parallel to {@link #duplicateBuyers}: arrays keep this a Flink
 * POJO, where a map would need Kryo.
 */
public class RoutingDecision {
    public String requestId;
    public String accountId;
    public String campaignId;
    /** E.164. */
    public String callerPhone;
    public RoutingKind kind;
    public RoutingStatus status;
    /** The buyers that may take the caller, in the request's priority order; empty for NO_TARGET. */
    public String[] eligibleBuyers = new String[0];
    /** The candidates for which the caller is a duplicate, in the request's priority order. */
    public String[] duplicateBuyers = new String[0];
    /**
     * {@code lastConvertedAtMillis[i]}: epoch ms of {@code duplicateBuyers[i]}'s latest conversion
     * of the caller at or before {@link #receivedAt}, the conversion that makes it a duplicate.
     */
    public long[] lastConvertedAtMillis = new long[0];
    public long receivedAt;
    /** Processing time of the decision, epoch ms. */
    public long decidedAt;
    /** Whether the campaign's fallback buyer stands in for candidates that were all duplicates (not in the record). */
    public boolean fallbackUsed;

    public RoutingDecision() {}

    /** Candidates left out because the caller is a duplicate for them (duplicates a buyer accepts stay eligible). */
    public int duplicateBuyersExcluded() {
        int excluded = 0;
        for (String duplicate : duplicateBuyers) {
            if (!Arrays.asList(eligibleBuyers).contains(duplicate)) {
                excluded++;
            }
        }
        return excluded;
    }

    @Override
    public String toString() {
        return "RoutingDecision{" + requestId + ", " + status + ", eligible=" + Arrays.toString(eligibleBuyers)
                + ", duplicates=" + Arrays.toString(duplicateBuyers) + ", lastConvertedAt="
                + Arrays.toString(lastConvertedAtMillis) + '}';
    }
}
