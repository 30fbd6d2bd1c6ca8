package io.leaddedup.status;

/** A {@code lead-status} record: the lead's status after a change. Latest per lead wins. */
public class LeadStatusUpdate {
    public String accountId;
    public String leadId;
    public LeadStatus status;
    /** The list the lead is in now: {@code SYS_DUPLICATES_LIST} once relocated. */
    public String listId;
    public String goldenLeadId;
    public long updatedAt;

    public LeadStatusUpdate() {}

    @Override
    public String toString() {
        return leadId + "=" + status;
    }
}
