package io.leaddedup.settings;

/**
 * One settings record on its way to the broadcast state: exactly one of the three fields is set.
 * A union rather than a class hierarchy, because Flink's POJO serializer handles a union without
 * Kryo, and a hierarchy it does not.
 */
public class SettingsUpdate {
    public AccountSettings account;
    public CampaignSettings campaign;
    public BuyerSettings buyer;

    public SettingsUpdate() {}

    public static SettingsUpdate of(AccountSettings account) {
        SettingsUpdate update = new SettingsUpdate();
        update.account = account;
        return update;
    }

    public static SettingsUpdate of(CampaignSettings campaign) {
        SettingsUpdate update = new SettingsUpdate();
        update.campaign = campaign;
        return update;
    }

    /** The record's key in its settings map, as on the settings topic: the account, then the campaign or buyer. */
    public String key() {
        if (account != null) {
            return account.accountId;
        }
        if (campaign != null) {
            return SettingsKeys.campaign(campaign.accountId, campaign.campaignId);
        }
        return buyer != null ? SettingsKeys.buyer(buyer.accountId, buyer.buyerId) : null;
    }

    /** The record's position on the settings topic; null for a record read from a file. */
    public SettingsOrigin origin() {
        return account != null ? account.origin : campaign != null ? campaign.origin : buyer != null ? buyer.origin : null;
    }

    /** Marks the record with its position on the settings topic. */
    public void setOrigin(SettingsOrigin origin) {
        if (account != null) {
            account.origin = origin;
        } else if (campaign != null) {
            campaign.origin = origin;
        } else if (buyer != null) {
            buyer.origin = origin;
        }
    }

    public static SettingsUpdate of(BuyerSettings buyer) {
        SettingsUpdate update = new SettingsUpdate();
        update.buyer = buyer;
        return update;
    }
}
