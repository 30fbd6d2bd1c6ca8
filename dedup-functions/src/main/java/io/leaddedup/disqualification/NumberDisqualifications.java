package io.leaddedup.disqualification;

import io.leaddedup.events.PhoneDispositionEvent;
import java.util.Arrays;

/**
 * The campaigns in which one number is disqualified. Kept without TTL, apart from the number's
 * leads: a do-not-call decision must not lapse because nobody uploaded the number for a while.
 * Only a REQUALIFY removes an entry.
 */
public class NumberDisqualifications {
    public Disqualification[] entries = new Disqualification[0];

    public NumberDisqualifications() {}

    Disqualification find(String campaignId) {
        for (Disqualification entry : entries) {
            if (entry.campaignId.equals(campaignId)) {
                return entry;
            }
        }
        return null;
    }

    /** The disqualification that holds a lead of {@code campaignId}: its campaign's, else the account-wide one. */
    public Disqualification holding(String campaignId) {
        Disqualification own = find(campaignId);
        return own != null ? own : find(PhoneDispositionEvent.ALL_CAMPAIGNS);
    }

    /** Whether an account-wide ({@code *}) disqualification holds the number. */
    public boolean holdsAccountWide() {
        return find(PhoneDispositionEvent.ALL_CAMPAIGNS) != null;
    }

    public boolean disqualifies(String campaignId) {
        return holding(campaignId) != null;
    }

    void add(Disqualification entry) {
        entries = Arrays.copyOf(entries, entries.length + 1);
        entries[entries.length - 1] = entry;
    }

    void remove(String campaignId) {
        entries = Arrays.stream(entries).filter(e -> !e.campaignId.equals(campaignId)).toArray(Disqualification[]::new);
    }

    public boolean isEmpty() {
        return entries.length == 0;
    }
}
