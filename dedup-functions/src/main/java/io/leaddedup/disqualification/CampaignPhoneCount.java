package io.leaddedup.disqualification;

/**
 * A {@code campaign-phone-counts} record: how many leads of a campaign carry a number, in either
 * column, and whether the number is disqualified there. Latest per key wins.
 */
public class CampaignPhoneCount {
    public String accountId;
    public String campaignId;
    public String phone;
    public int leadCount;
    public boolean disqualified;

    public CampaignPhoneCount() {}

    /** The record's key: {@code accountId/campaignId/phone}. */
    public String key() {
        return accountId + '/' + campaignId + '/' + phone;
    }

    @Override
    public String toString() {
        return key() + "=" + leadCount + (disqualified ? " disqualified" : "");
    }
}
