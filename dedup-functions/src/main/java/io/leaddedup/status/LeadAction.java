package io.leaddedup.status;

import io.leaddedup.settings.FilterAgainst;

/** A {@code lead-actions} record: something the product did to, or found about, one lead. */
public class LeadAction {
    /** The system-owned inactive list relocated leads move to. */
    public static final String SYS_DUPLICATES_LIST = "SYS_DUPLICATES_LIST";

    public LeadActionType action;
    public String accountId;
    public String leadId;
    /** The number the action is about (E.164). */
    public String phone;
    public String listId;
    public String campaignId;
    /** The newer lead: set for RELOCATED, PROTECTED and DUPLICATE. */
    public String goldenLeadId;
    /** {@link #SYS_DUPLICATES_LIST} for RELOCATED. */
    public String toListId;
    public FilterAgainst filterAgainst;
    public String reason;
    public long at;

    public LeadAction() {}

    @Override
    public String toString() {
        return action + " " + leadId + (goldenLeadId != null ? " golden=" + goldenLeadId : "");
    }
}
