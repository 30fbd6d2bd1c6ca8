package io.leaddedup.status;

import java.util.Arrays;

/**
 * What the lead-status stage remembers of one lead: enough to derive its status and to report
 * each fact about it once.
 */
public class LeadLedger {
    /** Older than any lead: a golden lead of unknown time gives way to any other. */
    public static final long UNKNOWN_TIME = Long.MIN_VALUE;

    /** The list the lead was accepted into. */
    public String listId;
    public String campaignId;
    public boolean relocated;
    /** The newest relocating lead that covers this one, through any of its numbers. */
    public String goldenLeadId;
    /** That lead's {@code importedAt}; {@link #UNKNOWN_TIME} in ledgers migrated from layout 1. */
    public long goldenImportedAt = UNKNOWN_TIME;
    /** Numbers whose disqualification currently holds this lead (E.164, campaign-level). */
    public String[] disqualifiedBy = new String[0];
    /** Flags already reported, as {@code KIND golden}: PROTECTED and DUPLICATE are per pair. */
    public String[] reportedFlags = new String[0];

    public LeadLedger() {}

    public LeadStatus status() {
        if (disqualifiedBy.length > 0) {
            return LeadStatus.DISQUALIFIED;
        }
        return relocated ? LeadStatus.RELOCATED : LeadStatus.ACTIVE;
    }

    public String currentListId() {
        return relocated ? LeadAction.SYS_DUPLICATES_LIST : listId;
    }

    static boolean contains(String[] values, String value) {
        for (String candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    static String[] with(String[] values, String value) {
        String[] grown = Arrays.copyOf(values, values.length + 1);
        grown[values.length] = value;
        return grown;
    }

    static String[] without(String[] values, String value) {
        int index = -1;
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(value)) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            return values;
        }
        String[] shrunk = new String[values.length - 1];
        System.arraycopy(values, 0, shrunk, 0, index);
        System.arraycopy(values, index + 1, shrunk, index, values.length - index - 1);
        return shrunk;
    }
}
