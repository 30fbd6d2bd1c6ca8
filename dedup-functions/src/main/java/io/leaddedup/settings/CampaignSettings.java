package io.leaddedup.settings;

/** A {@code campaign_settings} record: the campaign's duplicate caller handling. */
public class CampaignSettings implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public String accountId;
    public String campaignId;
    public DuplicateCallerHandling duplicateCallerHandling = DuplicateCallerHandling.OFF;
    /** The buyer that takes the call when every candidate refused it as a duplicate; may be null. */
    public String fallbackBuyerId;
    /** Position on the settings topic; null when the record came from a file or another topic. */
    public SettingsOrigin origin;

    public CampaignSettings() {}

    public static CampaignSettings defaults(String accountId, String campaignId) {
        CampaignSettings settings = new CampaignSettings();
        settings.accountId = accountId;
        settings.campaignId = campaignId;
        return settings;
    }
}
