package io.leaddedup.settings;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings known before the first event (local mode's {@code --settings} file). Every function that
 * reads settings carries a copy, so they hold from the first record on; records that arrive later
 * through the broadcast stream take precedence.
 */
public final class SettingsBook implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, AccountSettings> accounts = new HashMap<>();
    private final Map<String, CampaignSettings> campaigns = new HashMap<>();
    private final Map<String, BuyerSettings> buyers = new HashMap<>();

    public static SettingsBook empty() {
        return new SettingsBook();
    }

    /** Later records replace earlier ones with the same key, as on the settings topic. */
    public void apply(SettingsUpdate update) {
        if (update.account != null) {
            accounts.put(update.account.accountId, update.account);
        } else if (update.campaign != null) {
            campaigns.put(SettingsKeys.campaign(update.campaign.accountId, update.campaign.campaignId), update.campaign);
        } else if (update.buyer != null) {
            buyers.put(SettingsKeys.buyer(update.buyer.accountId, update.buyer.buyerId), update.buyer);
        }
    }

    public AccountSettings account(String accountId) {
        return accounts.get(accountId);
    }

    public CampaignSettings campaign(String key) {
        return campaigns.get(key);
    }

    public BuyerSettings buyer(String key) {
        return buyers.get(key);
    }

    /** The settings this book gives one event of {@code accountId}; defaults where it has none. */
    public SettingsStamp stamp(String accountId, String campaignId, String[] candidateBuyers) {
        SettingsStamp stamp = new SettingsStamp();
        AccountSettings account = accounts.get(accountId);
        stamp.account = account != null ? account : AccountSettings.defaults(accountId);
        if (candidateBuyers != null) {
            CampaignSettings campaign = campaigns.get(SettingsKeys.campaign(accountId, campaignId));
            stamp.campaign = campaign != null ? campaign : CampaignSettings.defaults(accountId, campaignId);
            stamp.buyers = new BuyerSettings[candidateBuyers.length];
            for (int i = 0; i < candidateBuyers.length; i++) {
                BuyerSettings buyer = buyers.get(SettingsKeys.buyer(accountId, candidateBuyers[i]));
                stamp.buyers[i] = buyer != null ? buyer : BuyerSettings.defaults(accountId, candidateBuyers[i]);
            }
        }
        return stamp;
    }

}
