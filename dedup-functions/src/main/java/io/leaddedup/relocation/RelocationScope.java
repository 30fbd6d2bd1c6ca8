package io.leaddedup.relocation;

import io.leaddedup.settings.AccountSettings;
import java.util.Objects;

/**
 * Whether a lead falls in the dedup scope of another ("Filter Duplicates Against"). The scope
 * belongs to the lead that relocates: its list, campaign or purpose, plus the account's additional
 * lists or campaigns.
 */
public final class RelocationScope {

    private RelocationScope() {}

    public static boolean includes(
            AccountSettings settings,
            String ownerListId, String ownerCampaignId, String ownerPurpose,
            String listId, String campaignId, String purpose) {
        return switch (settings.filterAgainst) {
            case ACCOUNT -> true;
            case CAMPAIGN -> ownerCampaignId.equals(campaignId) || settings.isAdditionalCampaign(campaignId);
            case LIST -> ownerListId.equals(listId) || settings.isAdditionalList(listId);
            case CAMPAIGN_PURPOSE -> Objects.equals(ownerPurpose, purpose);
        };
    }

    static boolean includes(AccountSettings settings, LeadAtNumber owner, NumberLead lead) {
        return includes(settings, owner.listId, owner.campaignId, owner.campaignPurpose,
                lead.listId, lead.campaignId, lead.campaignPurpose);
    }

    static boolean includes(AccountSettings settings, NumberLead owner, LeadAtNumber lead) {
        return includes(settings, owner.listId, owner.campaignId, owner.campaignPurpose,
                lead.listId, lead.campaignId, lead.campaignPurpose);
    }
}
