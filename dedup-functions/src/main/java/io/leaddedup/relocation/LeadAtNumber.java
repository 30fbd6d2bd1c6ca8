package io.leaddedup.relocation;

import io.leaddedup.events.LeadSource;
import io.leaddedup.phone.NumberColumn;
import io.leaddedup.phone.PhoneKey;
import io.leaddedup.settings.AccountSettings;

/**
 * A lead as seen from one of its numbers. A lead with a phone and a different mobile reaches two
 * phone keys, once through each column; each key decides on its own, and the lead-status stage
 * makes sure the lead is reported once.
 */
public class LeadAtNumber {
    public String accountId;
    public String leadId;
    public String listId;
    public String campaignId;
    public String campaignPurpose;
    public LeadSource source;
    public long importedAt;
    public boolean relocateDuplicates;
    /** The normalized number this copy is keyed by. */
    public String number;
    /** Which column {@link #number} came from. */
    public NumberColumn column;
    /** The account's settings stamped where the lead was read, or null to use the broadcast ones. */
    public AccountSettings settings;

    public LeadAtNumber() {}

    public String phoneKey() {
        return PhoneKey.of(accountId, number);
    }
}
