package io.leaddedup.relocation;

import io.leaddedup.events.LeadSource;
import io.leaddedup.phone.NumberColumn;

/** What a phone key remembers of one lead that carries its number. */
public class NumberLead {
    public String leadId;
    public String listId;
    public String campaignId;
    public String campaignPurpose;
    public long importedAt;
    public LeadSource source;
    public NumberColumn column;
    /**
     * Whether this lead relocates older duplicates, fixed when it arrived (the API setting or the
     * upload option in force then). Kept after the lead is itself relocated: contract rule 3 counts
     * a relocating lead whether or not it is still active.
     */
    public boolean relocatesOthers;
    /** Relocated by a lead met at this number (its status says whether it is relocated at all). */
    public boolean relocatedHere;
    /** Processing time at which this key first saw the lead; drives retention. */
    public long registeredAt;

    public NumberLead() {}

    static NumberLead of(LeadAtNumber lead, boolean relocates, long now) {
        NumberLead entry = new NumberLead();
        entry.leadId = lead.leadId;
        entry.listId = lead.listId;
        entry.campaignId = lead.campaignId;
        entry.campaignPurpose = lead.campaignPurpose;
        entry.importedAt = lead.importedAt;
        entry.source = lead.source;
        entry.column = lead.column;
        entry.relocatesOthers = relocates;
        entry.registeredAt = now;
        return entry;
    }

    @Override
    public String toString() {
        return leadId + (relocatedHere ? "(relocated)" : "");
    }
}
