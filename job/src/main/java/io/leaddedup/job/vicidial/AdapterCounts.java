package io.leaddedup.job.vicidial;

import java.util.Set;
import java.util.TreeSet;

/** What the adapter did, for its log lines and for the operator's summary. */
final class AdapterCounts {

    static final int KEPT_UNKNOWN_IDS = 10_000;

    long records;
    long otherAccounts;
    long movedToDuplicates;
    long outOfHopper;
    long dncListings;
    long dncUnlistings;
    /** Records about leads VICIdial does not have; a lead has a record at every change of its status. */
    long unknownLeadRecords;
    /** The distinct ids among them, the first {@value #KEPT_UNKNOWN_IDS}, for the summary. */
    final Set<String> unknownLeadIds = new TreeSet<>();
    long refused;
    long unreadable;
    long databaseRetries;

    void unknownLead(String leadId) {
        unknownLeadRecords++;
        if (unknownLeadIds.size() < KEPT_UNKNOWN_IDS) {
            unknownLeadIds.add(leadId);
        }
    }

    private String firstUnknown() {
        return unknownLeadIds.isEmpty() ? "" : ", first: " + String.join(" ", unknownLeadIds.stream().limit(5).toList());
    }

    @Override
    public String toString() {
        return records + " records read: " + movedToDuplicates + " leads to the duplicates list, " + outOfHopper
                + " out of the hopper, " + dncListings + " DNC listings, " + dncUnlistings + " unlistings; "
                + unknownLeadIds.size() + (unknownLeadIds.size() == KEPT_UNKNOWN_IDS ? "+" : "") + " leads not in"
                + " vicidial_list (" + unknownLeadRecords + " records" + firstUnknown() + "), " + refused + " refused, " + unreadable + " unreadable, "
                + otherAccounts + " of other accounts; " + databaseRetries + " database retries";
    }
}
