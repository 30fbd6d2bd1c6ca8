package io.leaddedup.settings;

/** Keys of the settings maps; the account always comes first, as everywhere. */
public final class SettingsKeys {

    private SettingsKeys() {}

    public static String campaign(String accountId, String campaignId) {
        return accountId + '/' + campaignId;
    }

    public static String buyer(String accountId, String buyerId) {
        return accountId + '/' + buyerId;
    }
}
