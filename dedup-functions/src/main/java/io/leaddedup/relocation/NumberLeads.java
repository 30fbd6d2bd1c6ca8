package io.leaddedup.relocation;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The value state of one phone key: every lead known to carry the number. An array in one
 * {@code ValueState} rather than a {@code MapState}: a number has a handful of leads, and one
 * RocksDB get and put per event beats a prefix scan.
 */
public class NumberLeads {
    public NumberLead[] leads = new NumberLead[0];
    /**
     * Whether {@code number-disqualifications} may hold an entry for this number. The leads are
     * read on every event at the number and a disqualification is rare, so while this is false the
     * stage skips a RocksDB read per event. True is always safe: it only costs that read. A number
     * without this value (never seen, expired, or pruned empty) must be read too.
     */
    public boolean disqualificationsMayExist = true;

    public NumberLeads() {}

    NumberLead find(String leadId) {
        for (NumberLead lead : leads) {
            if (lead.leadId.equals(leadId)) {
                return lead;
            }
        }
        return null;
    }

    void add(NumberLead lead) {
        leads = Arrays.copyOf(leads, leads.length + 1);
        leads[leads.length - 1] = lead;
    }

    /** Forgets leads registered before {@code cutoff}; returns the campaigns that lost a lead. */
    public Set<String> dropRegisteredBefore(long cutoff) {
        Set<String> campaigns = null;
        int kept = 0;
        for (NumberLead lead : leads) {
            if (lead.registeredAt >= cutoff) {
                kept++;
            } else {
                if (campaigns == null) {
                    campaigns = new LinkedHashSet<>();
                }
                campaigns.add(lead.campaignId);
            }
        }
        if (campaigns == null) {
            return Set.of();
        }
        NumberLead[] remaining = new NumberLead[kept];
        int i = 0;
        for (NumberLead lead : leads) {
            if (lead.registeredAt >= cutoff) {
                remaining[i++] = lead;
            }
        }
        leads = remaining;
        return campaigns;
    }

    public boolean isEmpty() {
        return leads.length == 0;
    }

    /**
     * Makes {@link #disqualificationsMayExist} exact for the disqualifications just read or changed.
     *
     * @return whether it changed, so that the value must be stored
     */
    public boolean noteDisqualifications(boolean anyDisqualification) {
        boolean changed = disqualificationsMayExist != anyDisqualification;
        disqualificationsMayExist = anyDisqualification;
        return changed;
    }

}
